package org.certregistry.web.support;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Issues and revokes certificates through the admin API, as an admin would. */
public final class Issuing {

    /** What an issuance answers that the tests use. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Issued(String number, String holderUrl, String verificationUrl, String credential) {
    }

    private Issuing() {
    }

    public static Issued issue(WebTestClient http, String program, String name) {
        return http.post().uri("/api/v1/admin/certificates")
            .headers(h -> h.setBasicAuth(RegistryIntegrationTest.ADMIN, RegistryIntegrationTest.ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", program, "holder", Map.of("name", name, "email", "holder@example.org")))
            .exchange()
            .expectStatus().isCreated()
            .expectBody(Issued.class).returnResult().getResponseBody();
    }

    public static void revoke(WebTestClient http, String number) {
        http.post().uri("/api/v1/admin/certificates/{n}/revoke", number)
            .headers(h -> h.setBasicAuth(RegistryIntegrationTest.ADMIN, RegistryIntegrationTest.ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("reason", "Exam misconduct"))
            .exchange()
            .expectStatus().isOk();
    }
}
