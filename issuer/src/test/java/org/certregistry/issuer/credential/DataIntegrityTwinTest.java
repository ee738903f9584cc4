package org.certregistry.issuer.credential;

import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Map;

import com.apicatalog.ld.DocumentError;
import com.apicatalog.ld.signature.SigningError;
import com.apicatalog.ld.signature.eddsa.EdDSASignature2022;
import com.apicatalog.vc.integrity.DataIntegrityProofDraft;
import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.certregistry.issuer.keys.Ed25519Key;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataIntegrityTwinTest {

    private final DataIntegritySigner signer = new DataIntegritySigner(TwinFixtures.developmentKey());

    private JsonObject signedTwin() {
        return Json.createReader(new StringReader(signer.sign(TwinFixtures.content(), TwinFixtures.SIGNED_AT))).readObject();
    }

    @Test
    void theTwinCarriesAnEddsaRdfc2022ProofByTheIssuersKey() {
        JsonObject proof = signedTwin().getJsonObject("proof");
        assertThat(proof.getString("type")).isEqualTo("DataIntegrityProof");
        assertThat(proof.getString("cryptosuite")).isEqualTo("eddsa-rdfc-2022");
        assertThat(proof.getString("proofPurpose")).isEqualTo("assertionMethod");
        assertThat(proof.getString("verificationMethod")).isEqualTo("https://registry.example/issuers/cxpa/keys/dev-ed25519-1");
        assertThat(proof.getString("created")).isEqualTo("2026-03-01T00:00:05Z");
        assertThat(proof.getString("proofValue")).startsWith("z");
    }

    @Test
    void theTwinSaysWhatTheJwtSaysWithBothStatusEntriesAndARefreshService() throws Exception {
        JsonObject twin = signedTwin();
        JWTClaimsSet jwt = OpenBadgeClaims.of(TwinFixtures.content());
        assertThat(twin.getString("id")).isEqualTo(jwt.getStringClaim("id"));
        assertThat(twin.getJsonObject("issuer").getString("id")).isEqualTo(jwt.getIssuer());
        assertThat(twin.getJsonObject("credentialSubject").getString("licenseNumber")).isEqualTo("CCXP-7QK-2MP-X4D");
        assertThat(twin.getString("validFrom")).isEqualTo(jwt.getStringClaim("validFrom"));
        assertThat(twin.containsKey("iss")).isFalse();
        assertThat(twin.containsKey("nbf")).isFalse();

        var statuses = twin.getJsonArray("credentialStatus");
        assertThat(statuses).hasSize(2);
        assertThat(statuses.getJsonObject(0).getString("statusPurpose")).isEqualTo("revocation");
        assertThat(statuses.getJsonObject(0).getString("statusListCredential"))
            .isEqualTo(((Map<?, ?>) jwt.getClaim("credentialStatus")).get("statusListCredential"));
        assertThat(statuses.getJsonObject(1).getString("statusPurpose")).isEqualTo("suspension");
        assertThat(statuses.getJsonObject(1).getString("statusListCredential")).isEqualTo(TwinFixtures.SUSPENSION_LIST);

        assertThat(twin.getJsonObject("refreshService").getString("type")).isEqualTo("1EdTechCredentialRefresh");
        assertThat(((Map<?, ?>) jwt.getClaim("refreshService")).get("id"))
            .isEqualTo(twin.getJsonObject("refreshService").getString("id"));
        assertThat(jwt.getClaim("credentialStatus")).isInstanceOf(Map.class); // the OB schema allows one object
    }

    @Test
    void theProofIsTheOneTheLibraryWritesAloneWithTheJdksEd25519() throws DocumentError, SigningError {
        // the signer writes the proof itself (no compaction) and signs with BouncyCastle; the stock path of
        // iron-verifiable-credentials (its own draft, the JDK's Ed25519, compaction) must give the very same proof
        Ed25519Key key = TwinFixtures.developmentKey();
        IssuerProfile issuer = TwinFixtures.content().issuer();
        URI method = URI.create(signer.verificationMethod(issuer));
        EdDSASignature2022 suite = new EdDSASignature2022();
        DataIntegrityProofDraft draft = suite.createDraft(method, URI.create("https://w3id.org/security#assertionMethod"));
        draft.created(TwinFixtures.SIGNED_AT);
        JsonObject stock = suite.createIssuer(DataIntegritySigner.keyPair(method, issuer, key)).loader(BundledContexts.instance()).useBundledContexts(false)
            .sign(Json.createObjectBuilder(DataIntegritySigner.unsigned(TwinFixtures.content())).build(), draft)
            .compacted().getJsonObject("proof");

        JsonObject ours = signedTwin().getJsonObject("proof");
        assertThat(ours).isEqualTo(Json.createObjectBuilder(stock).remove("@context").build());
    }

    @Test
    void signingTwiceGivesTheSameDocument() {
        // eddsa is deterministic and the proof time is given: a served twin can carry a strong ETag
        assertThat(signer.sign(TwinFixtures.content(), TwinFixtures.SIGNED_AT))
            .isEqualTo(signer.sign(TwinFixtures.content(), TwinFixtures.SIGNED_AT));
    }

    @Test
    void aContextThatIsNotBundledIsRefusedNotFetched() {
        Map<String, Object> unsigned = new java.util.LinkedHashMap<>(DataIntegritySigner.unsigned(TwinFixtures.content()));
        unsigned.put("@context", List.of(OpenBadgeClaims.VC_CONTEXT, "https://evil.example/context.json"));
        CredentialContent content = TwinFixtures.content();
        assertThatThrownBy(() -> {
            var method = DataIntegritySigner.class.getDeclaredMethod("sign", Map.class, IssuerProfile.class, java.time.Instant.class);
            method.setAccessible(true);
            try {
                method.invoke(signer, unsigned, content.issuer(), TwinFixtures.SIGNED_AT);
            }
            catch (java.lang.reflect.InvocationTargetException ex) {
                throw ex.getCause();
            }
        }).isInstanceOf(DataIntegritySigningException.class);
    }

    @Test
    void theVerificationMethodIsAMultikeyControlledByTheIssuer() {
        IssuerProfile issuer = TwinFixtures.content().issuer();
        Map<String, Object> method = IssuerDocuments.verificationMethod(issuer, signer.key());
        assertThat(method).containsEntry("type", "Multikey").containsEntry("controller", issuer.id());
        assertThat((String) method.get("publicKeyMultibase")).startsWith("z6Mk");
        Map<String, Object> controller = IssuerDocuments.controllerDocument(issuer, List.of(signer.key()));
        assertThat(controller).containsEntry("id", issuer.id());
        assertThat(controller.get("assertionMethod")).isEqualTo(List.of(signer.verificationMethod(issuer)));
    }
}
