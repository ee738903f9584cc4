package org.certregistry.issuer.credential;

import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

import org.certregistry.issuer.keys.Ed25519Key;

/**
 * The documents the registry serves so that a Data Integrity proof can be checked by anyone
 * (the DCC verifier fetches both over HTTPS with {@code Accept: application/ld+json, application/json}):
 * <ul>
 * <li>at {@link #verificationMethodUrl} ({@code <issuer id>/keys/<key name>}): the
 *     {@link #verificationMethod Multikey} of the Ed25519 key, controlled by the issuer;</li>
 * <li>at the issuer id itself ({@code https://<registry>/issuers/<slug>}), when asked for JSON:
 *     the {@link #controllerDocument controller document} that lists that key under
 *     {@code assertionMethod}. Its {@code id} must equal the credential's {@code issuer.id}:
 *     verifiers check that the key's controller is the issuer.</li>
 * </ul>
 * The URL is per issuer, not per registry, because a verification method has one controller.
 */
public final class IssuerDocuments {

    private static final String DID_V1 = "https://www.w3.org/ns/did/v1";

    private IssuerDocuments() {
    }

    /** {@code https://<registry>/issuers/<slug>/keys/<key name>}. */
    public static String verificationMethodUrl(IssuerProfile issuer, String keyName) {
        String id = issuer.id().endsWith("/") ? issuer.id().substring(0, issuer.id().length() - 1) : issuer.id();
        return id + "/keys/" + keyName;
    }

    /** The Multikey document served at {@link #verificationMethodUrl}. */
    public static Map<String, Object> verificationMethod(IssuerProfile issuer, Ed25519Key key) {
        Map<String, Object> method = new LinkedHashMap<>();
        method.put("@context", BundledContexts.MULTIKEY_V1);
        method.put("id", verificationMethodUrl(issuer, key.name()));
        method.put("type", "Multikey");
        method.put("controller", issuer.id());
        method.put("publicKeyMultibase", key.publicKeyMultibase());
        return method;
    }

    /**
     * The controller document served at the issuer id: the DID v1 context first (verifiers then
     * read {@code assertionMethod} without framing), the keys embedded, the active and retired
     * Ed25519 keys under {@code assertionMethod}.
     */
    public static Map<String, Object> controllerDocument(IssuerProfile issuer, List<Ed25519Key> keys) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("@context", List.of(DID_V1, BundledContexts.MULTIKEY_V1));
        document.put("id", issuer.id());
        document.put("verificationMethod", keys.stream().map(k -> verificationMethod(issuer, k))
            .map(m -> { Map<String, Object> copy = new LinkedHashMap<>(m); copy.remove("@context"); return copy; }).toList());
        document.put("assertionMethod", keys.stream().map(k -> verificationMethodUrl(issuer, k.name())).toList());
        return document;
    }

    /** A document as JSON text. */
    public static String json(Map<String, Object> document) {
        return DataIntegritySigner.write(jakarta.json.Json.createObjectBuilder(document).build());
    }
}
