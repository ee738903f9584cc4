package org.certregistry.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.certregistry.web.certificate.store.CertificateRepository;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every endpoint answers bad input with a clear 4xx problem, and changes nothing. */
class BadInputTest extends RegistryIntegrationTest {

    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired
    WebTestClient http;

    @Autowired
    CertificateRepository certificates;

    private long before;

    @BeforeEach
    void countCertificates() {
        before = certificates.count().block(Duration.ofSeconds(10));
    }

    @AfterEach
    void nothingWasStored() {
        assertThat(certificates.count().block(Duration.ofSeconds(10))).isEqualTo(before);
    }

    private WebTestClient.RequestBodySpec issue() {
        return http.post().uri("/api/v1/admin/certificates").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD));
    }

    @Test
    void issuingWithMalformedJsonIsABadRequest() {
        issue().contentType(MediaType.APPLICATION_JSON).bodyValue("{\"program\": \"CCXP\", \"holder\": {")
            .exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentTypeCompatibleWith(PROBLEM)
            .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).containsIgnoringCase("JSON"))
            .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void issuingForAnUnknownProgramNamesTheKnownOnes() {
        issue().contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXZ", "holder", Map.of("name", "A Person", "email", "a@example.org")))
            .exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentTypeCompatibleWith(PROBLEM)
            .expectBody()
            .jsonPath("$.errors[0].field").isEqualTo("program")
            .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("CCXP", "CXSP"));
    }

    @Test
    void issuingWithoutANameSaysTheNameIsRequired() {
        issue().contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", "  ", "email", "a@example.org")))
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.errors[0].field").isEqualTo("holder.name")
            .jsonPath("$.errors[0].message").isEqualTo("is required");
    }

    @Test
    void issuingWithoutAnyHolderReportsEveryMissingField() {
        issue().contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("program", "CCXP"))
            .exchange()
            .expectStatus().isBadRequest()
            .expectBody()
            .jsonPath("$.errors.length()").isEqualTo(2);
    }

    @Test
    void issuingWithoutCredentialsIsUnauthorizedAndWithTheWrongRoleForbidden() {
        http.post().uri("/api/v1/admin/certificates").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", "A Person", "email", "a@example.org")))
            .exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/v1/admin/certificates").headers(h -> h.setBasicAuth(AUDITOR, AUDITOR_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", "A Person", "email", "a@example.org")))
            .exchange().expectStatus().isForbidden();
        http.post().uri("/api/v1/admin/certificates").headers(h -> h.setBasicAuth(ADMIN, "wrong password"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", "A Person", "email", "a@example.org")))
            .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void verifyingGarbageIsUnprocessableWithTheReason() {
        http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue("this is not a credential")
            .exchange()
            .expectStatus().isEqualTo(422)
            .expectBody()
            .jsonPath("$.verdict").isEqualTo("INVALID")
            .jsonPath("$.checks[0].outcome").isEqualTo("FAILED");
    }

    @Test
    void verifyingAnEmptyBodyIsABadRequest() {
        http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN)
            .exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentTypeCompatibleWith(PROBLEM);
    }

    @Test
    void verifyingAnOversizedBodyIsRefused() {
        http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue("a".repeat(100_000))
            .exchange()
            .expectStatus().isEqualTo(413)
            .expectHeader().contentTypeCompatibleWith(PROBLEM);
    }

    @Test
    void anUnknownNumberIsNotFound() {
        // well-formed, check character right, but never issued
        String number = org.certregistry.issuer.number.CertificateNumber.random("CCXP").value();
        http.get().uri("/api/v1/certificates/{n}", number).exchange()
            .expectStatus().isNotFound()
            .expectHeader().contentTypeCompatibleWith(PROBLEM)
            .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains(number));
    }

    @Test
    void aMistypedNumberIsCaughtByItsCheckCharacter() {
        String number = org.certregistry.issuer.number.CertificateNumber.random("CCXP").value();
        char last = number.charAt(number.length() - 1);
        String typo = number.substring(0, number.length() - 1) + (last == '0' ? '1' : '0');
        http.get().uri("/api/v1/certificates/{n}", typo).exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.type").value(t -> assertThat((String) t).endsWith("number-check-failed"));
        http.get().uri("/v/{n}", typo).exchange()
            .expectStatus().isNotFound()
            .expectBody(String.class).value(page -> assertThat(page).contains("mistyped"));
    }

    @Test
    void revokingWithoutAReasonIsABadRequest() {
        http.post().uri("/api/v1/admin/certificates/{n}/revoke", "CCXP-000-000-000")
            .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", ""))
            .exchange()
            .expectStatus().isBadRequest();
    }

    @Test
    void searchingWithAnUnknownStatusIsABadRequest() {
        http.get().uri("/api/v1/registry?status=FAMOUS").exchange()
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
    }
}
