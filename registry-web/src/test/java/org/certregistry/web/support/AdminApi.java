package org.certregistry.web.support;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Small builders for admin API calls in tests. */
public final class AdminApi {

    private final WebTestClient http;

    public AdminApi(WebTestClient http) {
        this.http = http;
    }

    /**
     * Issues a certificate awarded on {@code awardedOn} and answers its number. The address is made
     * from the name's letters: the same name twice in one program is a second active certificate at
     * one address, which the registry refuses (409); give each issuance a name of its own.
     */
    @SuppressWarnings("unchecked")
    public String issue(String program, String name, LocalDate awardedOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("program", program);
        body.put("holder", Map.of("name", name, "email", name.toLowerCase().replaceAll("[^a-z]", "") + "@example.org"));
        if (awardedOn != null) {
            body.put("awardedOn", awardedOn.toString());
        }
        Map<String, Object> issued = asAdmin(http.post().uri("/api/v1/admin/certificates"))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
            .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) issued.get("number");
    }

    public WebTestClient.ResponseSpec recordCeus(String number, String category, String measure, int quantity,
            LocalDate earnedOn) {
        return asAdmin(http.post().uri("/api/v1/admin/certificates/{n}/ceus", number))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("category", category, "measure", measure, "quantity", quantity, "earnedOn", earnedOn.toString()))
            .exchange();
    }

    public WebTestClient.ResponseSpec act(String number, String action, String reason, Integer ifMatch) {
        WebTestClient.RequestBodySpec request = asAdmin(http.post().uri("/api/v1/admin/certificates/{n}/" + action, number));
        if (ifMatch != null) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        return (reason == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", reason)))
            .exchange();
    }

    public int version(String number) {
        String etag = asAdmin(http.get().uri("/api/v1/admin/certificates/{n}", number)).exchange()
            .expectStatus().isOk().returnResult(String.class).getResponseHeaders().getETag();
        return Integer.parseInt(etag.replace("\"", ""));
    }

    static <S extends WebTestClient.RequestHeadersSpec<?>> S asAdmin(S spec) {
        spec.headers(h -> h.setBasicAuth(RegistryIntegrationTest.ADMIN, RegistryIntegrationTest.ADMIN_PASSWORD));
        return spec;
    }
}
