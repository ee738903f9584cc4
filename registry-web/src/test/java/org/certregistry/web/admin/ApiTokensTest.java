package org.certregistry.web.admin;

import java.util.List;
import java.util.Map;

import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/** API tokens for integrations: shown once, stored hashed, scoped to a role, expiring, revocable, last use recorded. */
class ApiTokensTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @SuppressWarnings("unchecked")
    private Map<String, Object> create(String name, String role, int days) {
        return http.post().uri("/api/v1/admin/tokens").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", name, "role", role, "expiresInDays", days))
            .exchange().expectStatus().isCreated().expectHeader().valueEquals("Cache-Control", "no-store")
            .expectBody(Map.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec readWith(String secret) {
        return http.get().uri("/api/v1/admin/certificates?size=1").headers(h -> h.setBearerAuth(secret)).exchange();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> listed(Object id) {
        List<Map<String, Object>> tokens = http.get().uri("/api/v1/admin/tokens").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .exchange().expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        return tokens.stream().filter(t -> t.get("id").equals(id)).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAuditorTokenReadsButCannotChangeAndItsLastUseIsRecorded() {
        Map<String, Object> created = create("payroll sync", "AUDITOR", 30);
        String secret = (String) created.get("secret");
        Object id = ((Map<String, Object>) created.get("token")).get("id");
        assertThat(secret).matches("crt_[A-Za-z0-9_-]{43}");
        assertThat(listed(id)).containsEntry("state", "ACTIVE").containsEntry("role", "AUDITOR")
            .containsEntry("lastUsedAt", null).doesNotContainKey("secret");

        readWith(secret).expectStatus().isOk();
        assertThat(listed(id).get("lastUsedAt")).isNotNull();
        http.post().uri("/api/v1/admin/certificates").headers(h -> h.setBearerAuth(secret))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", "Via Token", "email", "token@example.org")))
            .exchange().expectStatus().isForbidden();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdminTokenIssuesUnderItsNameButCannotManageTokens() {
        String secret = (String) create("exam platform", "ADMIN", 7).get("secret");
        Map<String, Object> issued = http.post().uri("/api/v1/admin/certificates").headers(h -> h.setBearerAuth(secret))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", "Via Token", "email", "token@example.org")))
            .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        http.get().uri("/api/v1/admin/certificates/{n}/history", issued.get("number")).headers(h -> h.setBearerAuth(secret))
            .exchange().expectStatus().isOk().expectBody().jsonPath("$[0].actor").isEqualTo("token:exam platform");
        http.post().uri("/api/v1/admin/tokens").headers(h -> h.setBearerAuth(secret)).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "more", "role", "ADMIN", "expiresInDays", 1)).exchange().expectStatus().isForbidden();
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheHashIsStoredAndARevokedOrExpiredTokenIsRefused() {
        Map<String, Object> created = create("short lived", "AUDITOR", 1);
        String secret = (String) created.get("secret");
        Object id = ((Map<String, Object>) created.get("token")).get("id");
        Long holding = db.sql("SELECT count(*) FROM api_token t WHERE t::text LIKE :s").bind("s", "%" + secret.substring(4) + "%")
            .map(r -> r.get(0, Long.class)).one().block();
        assertThat(holding).as("rows holding the secret").isZero();

        readWith(secret).expectStatus().isOk();
        db.sql("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = :id::uuid").bind("id", id.toString())
            .then().block();
        readWith(secret).expectStatus().isUnauthorized().expectBody().jsonPath("$.detail")
            .isEqualTo("The API token is unknown, expired or revoked.");

        Map<String, Object> other = create("to revoke", "AUDITOR", 1);
        String otherSecret = (String) other.get("secret");
        readWith(otherSecret).expectStatus().isOk();
        http.delete().uri("/api/v1/admin/tokens/{id}", ((Map<String, Object>) other.get("token")).get("id"))
            .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).exchange().expectStatus().isOk()
            .expectBody().jsonPath("$.state").isEqualTo("REVOKED").jsonPath("$.revokedBy").isEqualTo(ADMIN);
        readWith(otherSecret).expectStatus().isUnauthorized();
        readWith("crt_" + "A".repeat(43)).expectStatus().isUnauthorized();
    }

    @Test
    void onlyAdminsManageTokensAndBadInputNamesEachField() {
        http.get().uri("/api/v1/admin/tokens").headers(h -> h.setBasicAuth(AUDITOR, AUDITOR_PASSWORD)).exchange()
            .expectStatus().isForbidden();
        http.post().uri("/api/v1/admin/tokens").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", " ", "role", "OWNER", "expiresInDays", 9999))
            .exchange().expectStatus().isBadRequest().expectBody()
            .jsonPath("$.errors[0].field").isEqualTo("name")
            .jsonPath("$.errors[1].field").isEqualTo("role")
            .jsonPath("$.errors[2].field").isEqualTo("expiresInDays");
    }

    @Test
    void theConsoleCreatesATokenShowsItsSecretOnceAndListsItsLastUse() {
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        ConsoleSession.Page page = ConsoleSession.page(http, session, "/admin/tokens");
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("_csrf", page.token());
        form.add("name", "console made");
        form.add("role", "AUDITOR");
        form.add("expiresInDays", "10");
        String answer = http.post().uri("/admin/tokens").cookie(ConsoleSession.COOKIE, session)
            .cookie(ConsoleSession.CSRF_COOKIE, page.csrfCookie())
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form)).exchange()
            .expectStatus().isOk().expectHeader().valueEquals("Cache-Control", "no-store")
            .expectBody(String.class).returnResult().getResponseBody();
        java.util.regex.Matcher secret = java.util.regex.Pattern.compile("crt_[A-Za-z0-9_-]{43}").matcher(answer);
        assertThat(secret.find()).as("the secret on the answer page").isTrue();
        readWith(secret.group()).expectStatus().isOk();
        String later = http.get().uri("/admin/tokens").cookie(ConsoleSession.COOKIE, session).exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(later).contains("console made").doesNotContain(secret.group());
        assertThat(later.substring(later.indexOf("console made"))).doesNotStartWith("never")
            .containsPattern("class=\"last-used\">\\d{1,2} [A-Z][a-z]+ \\d{4}, \\d{2}:\\d{2}<");
        http.get().uri("/admin/tokens").cookie(ConsoleSession.COOKIE, ConsoleSession.signIn(http, AUDITOR, AUDITOR_PASSWORD)).exchange()
            .expectStatus().isForbidden();
    }
}
