package org.certregistry.issuer.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.certregistry.issuer.keys.Ed25519Key;
import org.certregistry.keys.dev.DevelopmentKeys;

/** A twin of {@link TestContent#ccxp()} with both status entries, and the documents a verifier fetches for it. */
final class TwinFixtures {

    static final String BASE = "https://registry.example";
    static final String REVOCATION_LIST = BASE + "/status/1";
    static final String SUSPENSION_LIST = BASE + "/status/2";
    static final Instant SIGNED_AT = Instant.parse("2026-03-01T00:00:05Z");

    private TwinFixtures() {
    }

    static Ed25519Key developmentKey() {
        return Ed25519Key.fromPem(DevelopmentKeys.ED25519_KEY_ID, DevelopmentKeys.ed25519PrivateKeyPem());
    }

    static CredentialContent content() {
        return TestContent.ccxp()
            .withRefreshUrl(BASE + "/api/v1/certificates/CCXP-7QK-2MP-X4D/credential")
            .withSuspension(new StatusEntry(SUSPENSION_LIST, 777));
    }

    /** URL -> document: the verification method, the issuer's controller document, both status lists. */
    static Map<String, Object> documents(DataIntegritySigner signer, BitSet revoked, BitSet suspended) {
        IssuerProfile issuer = content().issuer();
        Map<String, Object> documents = new LinkedHashMap<>();
        documents.put(signer.verificationMethod(issuer), IssuerDocuments.verificationMethod(issuer, signer.key()));
        documents.put(issuer.id(), IssuerDocuments.controllerDocument(issuer, List.of(signer.key())));
        documents.put(REVOCATION_LIST, jakarta.json.Json.createReader(new java.io.StringReader(signer.signStatusList(
                REVOCATION_LIST, issuer, StatusListClaims.MIN_SIZE, revoked, SIGNED_AT, Duration.ofMinutes(1),
                StatusPurpose.REVOCATION))).readObject());
        documents.put(SUSPENSION_LIST, jakarta.json.Json.createReader(new java.io.StringReader(signer.signStatusList(
                SUSPENSION_LIST, issuer, StatusListClaims.MIN_SIZE, suspended, SIGNED_AT, Duration.ofMinutes(1),
                StatusPurpose.SUSPENSION))).readObject());
        return documents;
    }
}
