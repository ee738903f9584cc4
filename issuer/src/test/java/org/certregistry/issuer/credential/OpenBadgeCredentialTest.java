package org.certregistry.issuer.credential;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.issuer.keys.KeyLoader;
import org.certregistry.issuer.keys.SigningKey;
import org.certregistry.keys.dev.DevelopmentKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credential exactly as CREDENTIAL.md describes, validated against 1EdTech's official Open
 * Badges 3.0 AchievementCredential JSON Schema (a copy of ../shared/standards, in test resources).
 */
class OpenBadgeCredentialTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonSchema SCHEMA = schema();

    static JsonSchema schema() {
        try (InputStream in = OpenBadgeCredentialTest.class.getResourceAsStream("ob_v3p0_achievementcredential_schema.json")) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909).getSchema(in, config);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    static SigningKey devKey() {
        return KeyLoader.fromPem(DevelopmentKeys.KEY_ID, DevelopmentKeys.privateKeyPem());
    }

    static Set<ValidationMessage> validate(String jwt) throws Exception {
        JsonNode payload = JSON.readTree(SignedJWT.parse(jwt).getPayload().toString());
        return SCHEMA.validate(payload);
    }

    @Test
    void anIssuedCredentialValidatesAgainstTheOfficialSchema() throws Exception {
        String jwt = new CredentialSigner(devKey()).sign(TestContent.ccxp());
        assertThat(validate(jwt)).isEmpty();
    }

    @Test
    void theSchemaCatchesACredentialThatBreaksIt() throws Exception {
        // proves the schema check can fail: the same credential without validFrom and with a bad subject type
        String jwt = new CredentialSigner(devKey()).sign(TestContent.ccxp());
        com.fasterxml.jackson.databind.node.ObjectNode payload =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(SignedJWT.parse(jwt).getPayload().toString());
        payload.remove("validFrom");
        ((com.fasterxml.jackson.databind.node.ObjectNode) payload.get("credentialSubject")).put("type", 42);
        assertThat(SCHEMA.validate(payload)).isNotEmpty();
    }

    @Test
    void theHeaderHasExactlyAlgTypAndKid() throws Exception {
        SignedJWT jwt = SignedJWT.parse(new CredentialSigner(devKey()).sign(TestContent.ccxp()));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(DevelopmentKeys.KEY_ID);
        assertThat(jwt.getHeader().getIncludedParams()).containsExactlyInAnyOrder("alg", "typ", "kid");
        assertThat(jwt.verify(new ECDSAVerifier((ECKey) devKey().publicJwk()))).isTrue();
    }

    @Test
    void theClaimsSetIsTheCredentialWithRegisteredClaimsMirroringIt() throws Exception {
        CredentialContent content = TestContent.ccxp();
        Map<String, Object> claims = SignedJWT.parse(new CredentialSigner(devKey()).sign(content)).getJWTClaimsSet().toJSONObject();
        assertThat(claims).doesNotContainKey("vc");
        assertThat(claims.get("@context")).isEqualTo(List.of("https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"));
        assertThat(claims.get("type")).isEqualTo(List.of("VerifiableCredential", "OpenBadgeCredential"));
        assertThat(claims.get("iss")).isEqualTo(content.issuer().id());
        assertThat(claims.get("jti")).isEqualTo(content.credentialId()).isEqualTo(claims.get("id"));
        assertThat(claims.get("sub")).isEqualTo(content.holderId());
        assertThat(claims.get("nbf")).isEqualTo(content.validFrom().getEpochSecond());
        assertThat(claims.get("exp")).isEqualTo(content.validUntil().getEpochSecond());
        assertThat(claims.get("validFrom")).isEqualTo("2026-03-01T00:00:00Z");
        @SuppressWarnings("unchecked")
        Map<String, Object> subject = (Map<String, Object>) claims.get("credentialSubject");
        assertThat(subject.get("licenseNumber")).isEqualTo("CCXP-7QK-2MP-X4D");
        @SuppressWarnings("unchecked")
        Map<String, Object> achievement = (Map<String, Object>) subject.get("achievement");
        assertThat(achievement.get("achievementType")).isEqualTo("Certification");
        @SuppressWarnings("unchecked")
        Map<String, Object> identifier = ((List<Map<String, Object>>) subject.get("identifier")).get(0);
        assertThat(identifier.get("identityHash")).isEqualTo(OpenBadgeClaims.emailHash("zoe@example.org", "9f86d081884c7d65"));
        assertThat(claims.toString()).doesNotContainIgnoringCase("zoe@example.org");
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) claims.get("credentialStatus");
        assertThat(status).containsEntry("statusListIndex", "4242").containsEntry("statusPurpose", "revocation")
            .containsEntry("statusListCredential", "https://registry.example/status/1");
    }

    @Test
    void thePublicCopyHasNoHashedEmailAndStillValidatesAgainstTheOfficialSchema() throws Exception {
        CredentialContent holders = TestContent.ccxp();
        String jwt = new CredentialSigner(devKey()).sign(holders.withoutIdentifier());
        assertThat(validate(jwt)).isEmpty();
        Map<String, Object> claims = SignedJWT.parse(jwt).getJWTClaimsSet().getClaims();
        @SuppressWarnings("unchecked")
        Map<String, Object> subject = (Map<String, Object>) claims.get("credentialSubject");
        assertThat(subject).doesNotContainKey("identifier").containsEntry("licenseNumber", holders.certificateNumber())
            .containsEntry("id", holders.holderId());
        assertThat(claims.toString()).doesNotContain(holders.emailSalt())
            .doesNotContain(OpenBadgeClaims.emailHash(holders.holderEmail(), holders.emailSalt()));
        assertThat(claims.get("id")).isEqualTo(holders.credentialId());
    }

    @Test
    void anRsaKeySignsRS256AndTheCredentialStillValidates() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-2027").generate();
        String jwt = new CredentialSigner(new SigningKey(rsa)).sign(TestContent.ccxp());
        SignedJWT parsed = SignedJWT.parse(jwt);
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(parsed.verify(new RSASSAVerifier(rsa.toRSAPublicKey()))).isTrue();
        assertThat(validate(jwt)).isEmpty();
    }

    @Test
    void aRenewalKeepsTheIdAndAwardedDateWithANewWindow() throws Exception {
        CredentialContent first = TestContent.ccxp();
        CredentialContent renewed = new CredentialContent(first.credentialId(), first.issuer(), first.achievement(),
                first.holderId(), first.holderName(), first.holderEmail(), first.emailSalt(), first.certificateNumber(),
                first.awardedDate(), Instant.parse("2028-03-01T00:00:00Z"), Instant.parse("2030-03-01T00:00:00Z"), first.status());
        Map<String, Object> claims = SignedJWT.parse(new CredentialSigner(devKey()).sign(renewed)).getJWTClaimsSet().toJSONObject();
        assertThat(claims.get("id")).isEqualTo(first.credentialId());
        assertThat(claims.get("awardedDate")).isEqualTo("2026-03-01T00:00:00Z");
        assertThat(claims.get("validFrom")).isEqualTo("2028-03-01T00:00:00Z");
        assertThat(validate(new CredentialSigner(devKey()).sign(renewed))).isEmpty();
    }
}
