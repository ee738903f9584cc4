package org.certregistry.web.certificate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.certregistry.issuer.credential.OpenBadgeClaims;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whoever knows only a certificate number gets a credential with nothing to test a guessed
 * e-mail address against; the holder's own copy still carries the hashed address for relying
 * parties the holder gives it to. Both verify.
 */
class PublicCredentialTest extends RegistryIntegrationTest {

    record Issued(String number, String holderUrl, String credential) {
    }

    @Autowired
    WebTestClient http;

    private Issued issue(String email) {
        return http.post().uri("/api/v1/admin/certificates").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", "Priya Vacy", "email", email)))
            .exchange().expectStatus().isCreated().expectBody(Issued.class).returnResult().getResponseBody();
    }

    private String get(String uri) {
        return http.get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> subject(String jwt) throws Exception {
        return (Map<String, Object>) SignedJWT.parse(jwt).getJWTClaimsSet().getClaim("credentialSubject");
    }

    private void verifiesAsValid(String jwt) {
        http.mutate().responseTimeout(Duration.ofSeconds(30)).build().post().uri("/api/v1/verifications")
            .contentType(MediaType.parseMediaType("application/jwt")).bodyValue(jwt).exchange()
            .expectStatus().isOk().expectBody().jsonPath("$.verdict").isEqualTo("VALID");
    }

    @Test
    void thePublicCredentialCarriesNoHashedEmailAndStillVerifies() throws Exception {
        String email = "priya.vacy@example.org";
        Issued issued = issue(email);
        String published = get("/api/v1/certificates/" + issued.number() + "/credential").strip();

        Map<String, Object> publicSubject = subject(published);
        assertThat(publicSubject).doesNotContainKey("identifier").containsEntry("licenseNumber", issued.number())
            .containsEntry("name", "Priya Vacy");
        String payload = SignedJWT.parse(published).getPayload().toString();
        assertThat(payload).doesNotContainIgnoringCase("identityHash").doesNotContainIgnoringCase("salt")
            .doesNotContain(email);
        assertThat(SignedJWT.parse(published).getJWTClaimsSet().getJWTID())
            .isEqualTo(SignedJWT.parse(issued.credential()).getJWTClaimsSet().getJWTID());
        verifiesAsValid(published);
    }

    @Test
    void theHoldersCopyKeepsTheHashedEmailForWhomeverTheHolderGivesItTo() throws Exception {
        String email = "holder.copy@example.org";
        Issued issued = issue(email);
        String holders = get(issued.holderUrl() + "/credential.jwt").strip();
        @SuppressWarnings("unchecked")
        Map<String, Object> identifier = ((List<Map<String, Object>>) subject(holders).get("identifier")).get(0);
        assertThat(identifier.get("identityHash"))
            .isEqualTo(OpenBadgeClaims.emailHash(email, (String) identifier.get("salt")));
        verifiesAsValid(holders);
    }
}
