package org.certregistry.web.certificate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.certregistry.verifier.cli.VerifyCommand;
import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The public record and the QR landing page tell a certificate's story, and never the private reasons. */
class PublicTimelineTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Test
    void theStoryShowsAwardRenewalSuspensionReinstatementAndRevocationWithItsPublicCategoryOnly() {
        AdminApi admin = new AdminApi(http);
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusYears(2).plusDays(20);
        String number = admin.issue("CCXP", "Tessa Timeline", awarded);
        // read once now: the story's sources are reused per version, and every change below makes a new one
        assertThat(http.get().uri("/v/{n}", number).exchange().expectBody(String.class).returnResult().getResponseBody())
            .contains("First awarded").doesNotContain("Reinstated");
        admin.recordCeus(number, "speaking", "ceu", 10, awarded.plusDays(3)).expectStatus().isCreated();
        admin.recordCeus(number, "program-attendance", "ceu", 10, awarded.plusDays(3)).expectStatus().isCreated();
        admin.act(number, "renew", null, null).expectStatus().isOk();
        admin.act(number, "suspend", "private-suspension-words", null).expectStatus().isOk();
        admin.act(number, "reinstate", null, null).expectStatus().isOk();

        http.post().uri("/api/v1/admin/certificates/{n}/revoke", number).headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("reason", "x", "publicReason", "made-up"))
            .exchange().expectStatus().isBadRequest();
        http.post().uri("/api/v1/admin/certificates/{n}/revoke", number).headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("reason", "secret-revocation-words", "publicReason", "misconduct"))
            .exchange().expectStatus().isOk();

        String json = http.get().uri("/api/v1/certificates/{n}", number).exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        Map<String, Object> record = http.get().uri("/api/v1/certificates/{n}", number).exchange()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
            }).returnResult().getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> timeline = (List<Map<String, Object>>) record.get("timeline");
        assertThat(timeline).extracting(e -> e.get("kind"))
            .containsExactly("AWARDED", "RENEWED", "SUSPENDED", "REINSTATED", "REVOKED");
        assertThat(timeline.get(0).get("at")).isEqualTo(awarded.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        assertThat(timeline.get(1).get("validUntil")).isEqualTo(awarded.plusYears(4).atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        assertThat(timeline.get(4).get("publicReason")).isEqualTo("misconduct");
        assertThat(json).doesNotContain("private-suspension-words").doesNotContain("secret-revocation-words");

        String page = http.get().uri("/v/{n}", number).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
            .getResponseBody();
        assertThat(page).contains("First awarded").contains("Renewed, valid until").contains("Suspended").contains("Reinstated")
            .contains("Revoked (misconduct)").doesNotContain("private-suspension-words").doesNotContain("secret-revocation-words");
    }

    @Test
    void aCertificatePastItsGracePeriodIsLapsedOnEveryPath() throws Exception {
        AdminApi admin = new AdminApi(http);
        // CCXP: two years, then 90 days of grace
        String number = admin.issue("CCXP", "Larry Lapsed", LocalDate.now(ZoneOffset.UTC).minusYears(2).minusDays(100));
        String expired = admin.issue("CCXP", "Edna Expired", LocalDate.now(ZoneOffset.UTC).minusYears(2).minusDays(10));

        http.get().uri("/api/v1/certificates/{n}", number).exchange().expectBody()
            .jsonPath("$.status").isEqualTo("LAPSED")
            .jsonPath("$.timeline[-1].kind").isEqualTo("LAPSED");
        http.get().uri("/api/v1/certificates/{n}", expired).exchange().expectBody().jsonPath("$.status").isEqualTo("EXPIRED");
        assertThat(http.get().uri("/v/{n}", number).exchange().expectBody(String.class).returnResult().getResponseBody())
            .contains("it lapsed").contains("Lapsed: not renewed within the grace period");
        http.get().uri("/api/v1/admin/certificates/{n}", number).headers(h -> h.setBasicAuth(AUDITOR, AUDITOR_PASSWORD))
            .exchange().expectBody().jsonPath("$.status").isEqualTo("LAPSED");
        assertThat(http.get().uri("/api/v1/admin/certificates?status=lapsed&q={n}", number)
            .headers(h -> h.setBasicAuth(AUDITOR, AUDITOR_PASSWORD)).exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody()).contains(number);

        // the document paths: the API, a bulk check by number, the command line against the live registry
        String lapsedJwt = credential(number);
        http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue(lapsedJwt).exchange()
            .expectStatus().isOk().expectBody()
            .jsonPath("$.verdict").isEqualTo("LAPSED")
            .jsonPath("$.summary").value(s -> assertThat((String) s).contains("lapsed"));
        http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue(credential(expired)).exchange()
            .expectStatus().isOk().expectBody().jsonPath("$.verdict").isEqualTo("EXPIRED");
        http.post().uri("/api/v1/verifications/batch").contentType(MediaType.parseMediaType("text/csv"))
            .bodyValue((number + "\n" + expired + "\n").getBytes(StandardCharsets.UTF_8)).exchange().expectStatus().isOk()
            .expectBody().jsonPath("$.rows[0].outcome").isEqualTo("LAPSED").jsonPath("$.rows[1].outcome").isEqualTo("EXPIRED");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new VerifyCommand(Map.of(), Clock.systemUTC(), System.in, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()))
            .run(new String[] {"--registry", BASE_URL, "--cache", Files.createTempDirectory("cache").toString(), lapsedJwt});
        assertThat(exit).isEqualTo(VerifyCommand.NOT_VALID);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("LAPSED");
    }

    private String credential(String number) {
        return http.get().uri("/api/v1/certificates/{n}/credential", number).accept(MediaType.parseMediaType("application/jwt"))
            .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }
}
