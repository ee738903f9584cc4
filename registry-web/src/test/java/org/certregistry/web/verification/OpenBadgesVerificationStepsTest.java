package org.certregistry.web.verification;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A verifier written from the Open Badges 3.0 specification's verification steps alone (§ 9
 * "Verification and Validation", VC-JWT proof format), using none of our verifier's code:
 * dereference the header's {@code kid} over HTTP to a JWK, check the signature with it, check
 * {@code iss}, {@code nbf}, {@code exp}, {@code jti} and {@code sub} against the credential,
 * validate against 1EdTech's official JSON Schema, then fetch the status list, dereference its
 * own {@code kid}, check its signature and issuer, and read the bit.
 */
class OpenBadgesVerificationStepsTest extends RegistryIntegrationTest {

    static final Path SCHEMA = Path.of("../issuer/src/test/resources/org/certregistry/issuer/credential/"
            + "ob_v3p0_achievementcredential_schema.json");
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    WebTestClient http;

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> dereferenced = new java.util.ArrayList<>();

    @Test
    void aFreshCredentialPassesEveryStepAndARevokedOneIsReportedRevoked() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Spec Reader");
        assertThat(verify(issued.credential())).isEqualTo("VALID");
        assertThat(dereferenced).as("both kids were dereferenced over HTTP").hasSize(2)
            .allSatisfy(kid -> assertThat(kid).startsWith(BASE_URL + "/keys/"));

        TestCertificates.revoke(http, issued.number());
        assertThat(verify(issued.credential())).isEqualTo("REVOKED");
    }

    @Test
    void aChangedClaimFailsTheSignatureStep() throws Exception {
        String jwt = TestCertificates.issue(http, "CXSP", "Spec Tamper").credential();
        String[] parts = jwt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("Spec Tamper", "Spec TampeR");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        assertThat(verify(forged)).isEqualTo("INVALID: signature");
    }

    /** The verdict of the OB 3.0 steps: VALID, REVOKED, or INVALID with the step that failed. */
    String verify(String compact) throws Exception {
        SignedJWT jwt = SignedJWT.parse(compact);
        if (!verifiedWithKidUrl(jwt)) {
            return "INVALID: signature";
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        Map<String, Object> credential = claims.toJSONObject();
        @SuppressWarnings("unchecked")
        Map<String, Object> issuer = (Map<String, Object>) credential.get("issuer");
        @SuppressWarnings("unchecked")
        Map<String, Object> subject = (Map<String, Object>) credential.get("credentialSubject");
        if (!issuer.get("id").equals(claims.getIssuer()) || !credential.get("id").equals(claims.getJWTID())
                || !subject.get("id").equals(claims.getSubject())
                || !claims.getNotBeforeTime().equals(Date.from(Instant.parse((String) credential.get("validFrom"))))
                || !claims.getExpirationTime().equals(Date.from(Instant.parse((String) credential.get("validUntil"))))) {
            return "INVALID: registered claims";
        }
        Instant now = Instant.now();
        if (now.isBefore(claims.getNotBeforeTime().toInstant()) || !now.isBefore(claims.getExpirationTime().toInstant())) {
            return "INVALID: validity";
        }
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909)
                .getSchema(in, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
        JsonNode payload = JSON.readTree(jwt.getPayload().toString());
        if (!schema.validate(payload).isEmpty()) {
            return "INVALID: schema " + schema.validate(payload);
        }
        JsonNode status = payload.get("credentialStatus");
        if (!"BitstringStatusListEntry".equals(status.get("type").asText())) {
            return "INVALID: status type";
        }
        SignedJWT list = SignedJWT.parse(get(status.get("statusListCredential").asText(), "application/vc+jwt, application/jwt").strip());
        if (!verifiedWithKidUrl(list) || !claims.getIssuer().equals(list.getJWTClaimsSet().getIssuer())) {
            return "INVALID: status list";
        }
        JsonNode listSubject = JSON.readTree(list.getPayload().toString()).get("credentialSubject");
        if (!status.get("statusPurpose").asText().equals(listSubject.get("statusPurpose").asText())) {
            return "INVALID: status purpose";
        }
        String encoded = listSubject.get("encodedList").asText();
        byte[] bits;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(encoded.substring(1))))) {
            bits = in.readAllBytes();
        }
        int index = Integer.parseInt(status.get("statusListIndex").asText());
        boolean set = (bits[index / 8] & (0x80 >>> (index % 8))) != 0;
        return set ? "REVOKED" : "VALID";
    }

    /** OB 3.0: "the kid ... MUST be a URI that can be dereferenced to an object of type JWK". */
    private boolean verifiedWithKidUrl(SignedJWT jwt) throws Exception {
        String kid = jwt.getHeader().getKeyID();
        dereferenced.add(kid);
        JWK key = JWK.parse(get(kid, "application/jwk+json"));
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        JWSVerifier verifier = alg.equals(JWSAlgorithm.ES256) ? new ECDSAVerifier((ECKey) key)
                : alg.equals(JWSAlgorithm.RS256) ? new RSASSAVerifier((RSAKey) key) : null;
        return verifier != null && !key.isPrivate() && jwt.verify(verifier);
    }

    private String get(String url, String accept) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }
}
