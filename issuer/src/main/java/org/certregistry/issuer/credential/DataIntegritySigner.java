package org.certregistry.issuer.credential;

import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.apicatalog.ld.DocumentError;
import com.apicatalog.ld.signature.CryptoSuite;
import com.apicatalog.ld.signature.SigningError;
import com.apicatalog.ld.signature.eddsa.EdDSASignature2022;
import com.apicatalog.ld.signature.primitive.MessageDigest;
import com.apicatalog.ld.signature.primitive.Urdna2015;
import com.apicatalog.multikey.MultiKey;
import com.apicatalog.vc.integrity.DataIntegrityProofDraft;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonWriter;
import org.certregistry.issuer.keys.Ed25519Key;

/**
 * Issues the Data Integrity twin of each credential version: the same Open Badges 3.0
 * credential as the JWT (same id, claims and revocation entry), as W3C VC 2.0 JSON with an
 * embedded {@code DataIntegrityProof}, cryptosuite {@code eddsa-rdfc-2022} (the suites the DCC
 * verifier and wallet check). Canonicalization and signing are iron-verifiable-credentials';
 * contexts come only from {@link BundledContexts}. Thread-safe.
 *
 * <p>Differences from the JWT: no JWT registered claims; {@code credentialStatus} is a list of two
 * entries (revocation, the JWT's entry, and suspension on a separate list) when a suspension
 * entry is given; a third, inline {@code @context} defines the two Open Badges types that the
 * OB 3.0.3 context leaves undefined ({@code 1EdTechCredentialRefresh},
 * {@code 1EdTechJsonSchemaValidator2019}): a JSON-LD processor in safe mode, as the DCC verifier's,
 * refuses undefined types.
 */
public final class DataIntegritySigner {

    public static final String CRYPTOSUITE = EdDSASignature2022.CRYPTOSUITE_NAME;
    private static final String JSON_PROVIDER_PROPERTY = "jakarta.json.provider";
    private static final String SECURITY = "https://w3id.org/security#";
    private static final URI ASSERTION_METHOD = URI.create(SECURITY + "assertionMethod");
    private static final String OB_VOCAB = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#";
    private static final EdDSASignature2022 SUITE = new EdDSASignature2022();

    static {
        // JSON-P finds its provider anew on every Json.createX() call, of which iron-vc makes dozens per signature:
        // through ServiceLoader (a scan of every jar, 87% of bulk issuance's CPU in the boot jar) unless this names it
        if (System.getProperty(JSON_PROVIDER_PROPERTY) == null) {
            System.setProperty(JSON_PROVIDER_PROPERTY, "org.eclipse.parsson.JsonProviderImpl");
        }
    }

    /** Terms Open Badges uses but its 3.0.3 context does not define, mapped into the OB vocabulary. */
    public static final Map<String, Object> OB_UNDEFINED_TERMS = Map.of(
            OpenBadgeClaims.REFRESH_TYPE, OB_VOCAB + OpenBadgeClaims.REFRESH_TYPE,
            OpenBadgeClaims.SCHEMA_TYPE, OB_VOCAB + OpenBadgeClaims.SCHEMA_TYPE);

    private final Ed25519Key key;
    /** The suite's canonicalization and digest, with this key's BouncyCastle Ed25519 (see {@link BouncyCastleEd25519}). */
    private final CryptoSuite crypto;

    public DataIntegritySigner(Ed25519Key key) {
        this.key = Objects.requireNonNull(key, "key");
        this.crypto = new CryptoSuite(new Urdna2015(), new MessageDigest("SHA-256"),
                new BouncyCastleEd25519(key.privateKey()));
    }

    public Ed25519Key key() {
        return key;
    }

    /** The verification method of {@code issuer}'s proofs: {@link IssuerDocuments#verificationMethodUrl}. */
    public String verificationMethod(IssuerProfile issuer) {
        return IssuerDocuments.verificationMethodUrl(issuer, key.name());
    }

    /** The unsigned twin of {@code content}: what {@link #sign(CredentialContent, Instant)} signs. */
    public static Map<String, Object> unsigned(CredentialContent content) {
        Map<String, Object> credential = new LinkedHashMap<>(OpenBadgeClaims.of(content).toJSONObject());
        for (String registered : List.of("iss", "jti", "sub", "nbf", "exp", "iat", "aud")) {
            credential.remove(registered);
        }
        List<Object> contexts = new ArrayList<>(List.of(OpenBadgeClaims.VC_CONTEXT, OpenBadgeClaims.OB_CONTEXT));
        contexts.add(OB_UNDEFINED_TERMS);
        credential.put("@context", contexts);
        if (content.suspension() != null) {
            credential.put("credentialStatus", List.of(
                    OpenBadgeClaims.statusEntry(content.status(), StatusPurpose.REVOCATION),
                    OpenBadgeClaims.statusEntry(content.suspension(), StatusPurpose.SUSPENSION)));
        }
        return reorderWithContextFirst(credential);
    }

    /** The signed twin as JSON text. {@code created} is the proof's creation time (whole seconds). */
    public String sign(CredentialContent content, Instant created) {
        return sign(unsigned(content), content.issuer(), created);
    }

    /** A {@code BitstringStatusListCredential} with a Data Integrity proof, for verifiers that read no JWT. */
    public String signStatusList(String listUrl, IssuerProfile issuer, int size, BitSet set, Instant validFrom,
            Duration ttl, StatusPurpose purpose) {
        Map<String, Object> list = new LinkedHashMap<>(StatusListClaims.credential(listUrl, issuer, size, set, validFrom, ttl, purpose));
        // the issuer is an OB "Profile": without the OB context a safe-mode JSON-LD processor refuses the list
        list.put("@context", List.of(OpenBadgeClaims.VC_CONTEXT, OpenBadgeClaims.OB_CONTEXT));
        return sign(list, issuer, validFrom);
    }

    private String sign(Map<String, Object> unsigned, IssuerProfile issuer, Instant created) {
        JsonObject document = Json.createObjectBuilder(unsigned).build();
        URI method = URI.create(verificationMethod(issuer));
        try {
            DataIntegrityProofDraft draft = new DataIntegrityProofDraft(SUITE, crypto, method, ASSERTION_METHOD);
            draft.created(created.truncatedTo(ChronoUnit.SECONDS));
            JsonObject expanded = SUITE.createIssuer(keyPair(method, issuer, key))
                .loader(BundledContexts.instance())
                .useBundledContexts(false)
                .sign(document, draft)
                .expanded();
            // the input as written, plus the proof written from the draft and the library's proof value. Compacting the
            // signed document would reshape arrays the OB schema wants, and cost as much as the signing itself
            JsonObject proof = Json.createObjectBuilder()
                .add("type", "DataIntegrityProof")
                .add("created", created.truncatedTo(ChronoUnit.SECONDS).toString())
                .add("verificationMethod", method.toString())
                .add("cryptosuite", CRYPTOSUITE)
                .add("proofPurpose", "assertionMethod")
                .add("proofValue", proofValue(expanded))
                .build();
            return write(Json.createObjectBuilder(document).add("proof", proof).build());
        }
        catch (SigningError | DocumentError | RuntimeException ex) {
            throw new DataIntegritySigningException("Cannot sign the Data Integrity credential "
                    + unsigned.get("id") + ": " + ex.getMessage(), ex);
        }
    }

    /** The key as iron-vc's key pair for {@code issuer}'s verification method {@code method}. */
    static MultiKey keyPair(URI method, IssuerProfile issuer, Ed25519Key key) {
        MultiKey pair = new MultiKey();
        pair.setId(method);
        pair.setController(URI.create(issuer.id()));
        pair.setAlgorithm("Ed25519");
        pair.setPublicKey(key.publicKey());
        pair.setPrivateKey(key.privateKey());
        return pair;
    }

    /** The one proof's value in the expanded signed document: {@code sec:proof} → graph → {@code sec:proofValue}. */
    private static String proofValue(JsonObject expanded) {
        JsonObject proof = expanded.getJsonArray(SECURITY + "proof").getJsonObject(0).getJsonArray("@graph").getJsonObject(0);
        return proof.getJsonArray(SECURITY + "proofValue").getJsonObject(0).getString("@value");
    }

    private static Map<String, Object> reorderWithContextFirst(Map<String, Object> credential) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("@context", credential.remove("@context"));
        ordered.putAll(credential);
        return ordered;
    }

    static String write(JsonObject json) {
        StringWriter out = new StringWriter();
        try (JsonWriter writer = Json.createWriter(out)) {
            writer.writeObject(json);
        }
        return out.toString();
    }
}
