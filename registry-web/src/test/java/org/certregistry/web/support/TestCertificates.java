package org.certregistry.web.support;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Issues certificates through the real admin API, for tests. */
public final class TestCertificates {

    private TestCertificates() {
    }

    /** What the admin API answers to an issuance, as much as tests need. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Issued(String number, String holderUrl, String verificationUrl, String credential) {
    }

    /** A made-up surname no other test uses, so that name searches find only this test's holders. */
    public static String uniqueSurname() {
        StringBuilder s = new StringBuilder("Qu");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 7; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }

    public static Issued issue(WebTestClient http, String program, String name, boolean listed, LocalDate awardedOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("program", program);
        body.put("holder", Map.of("name", name, "email", "holder@example.org"));
        body.put("listed", listed);
        if (awardedOn != null) {
            body.put("awardedOn", awardedOn.toString());
        }
        return http.post().uri("/api/v1/admin/certificates")
            .headers(h -> h.setBasicAuth(RegistryIntegrationTest.ADMIN, RegistryIntegrationTest.ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus().isCreated()
            .expectBody(Issued.class).returnResult().getResponseBody();
    }

    public static Issued issue(WebTestClient http, String program, String name) {
        return issue(http, program, name, true, null);
    }

    public static void revoke(WebTestClient http, String number, String reason) {
        http.post().uri("/api/v1/admin/certificates/{n}/revoke", number)
            .headers(h -> h.setBasicAuth(RegistryIntegrationTest.ADMIN, RegistryIntegrationTest.ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("reason", reason))
            .exchange()
            .expectStatus().isOk();
    }
}
