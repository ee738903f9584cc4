package org.certregistry.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jwt.SignedJWT;
import org.certregistry.web.certificate.CertificateChanged;
import org.certregistry.web.security.LoginThrottle;
import org.certregistry.web.status.StatusListSigned;
import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.OwnPort;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Three instances of the registry, three application contexts on their own ports, on one
 * PostgreSQL database, behind one public URL (as behind a load balancer): whatever is done on one
 * is seen on the others. Waits are bounded by generous hang guards; the delays measured are
 * printed, not asserted (tests assert no wall-clock time).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SeveralInstancesTest {

    private static final String ADMIN = "admin";

    private static final String ADMIN_PASSWORD = "registry-dev-admin";

    private static final Duration GUARD = Duration.ofSeconds(30);

    private static final List<ConfigurableApplicationContext> instances = new java.util.ArrayList<>();

    private static WebTestClient a;

    private static WebTestClient b;

    private static WebTestClient c;

    @BeforeAll
    static void startThreeInstances() {
        int[] ports = { OwnPort.free(), OwnPort.free(), OwnPort.free() };
        String publicUrl = "http://localhost:" + ports[0];
        WebTestClient[] clients = new WebTestClient[3];
        for (int i = 0; i < 3; i++) {
            instances.add(PublicViews.startInstance(ports[i], publicUrl));
            clients[i] = WebTestClient.bindToServer().baseUrl("http://localhost:" + ports[i])
                .responseTimeout(Duration.ofSeconds(60)).build();
        }
        a = clients[0];
        b = clients[1];
        c = clients[2];
    }

    @AfterAll
    static void stopThem() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void aRevocationOnAShowsOnBsPageRecordVerificationAndStatusList() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(a, "CCXP", "Revoked Elsewhere");
        String number = issued.number();
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) SignedJWT.parse(issued.credential()).getJWTClaimsSet()
            .getClaim("credentialStatus");
        String list = URI.create((String) status.get("statusListCredential")).getPath();
        int index = Integer.parseInt((String) status.get("statusListIndex"));

        // B and C have read everything once: their caches hold the certificate and the list as valid
        for (WebTestClient other : List.of(b, c)) {
            assertThat(PublicViews.of(other, number)).isEqualTo(new PublicViews.State("VALID", "VALID", "VALID", false));
        }
        String etagOnB = b.get().uri(list).exchange().expectBody(String.class).returnResult().getResponseHeaders().getETag();
        assertThat(a.get().uri(list).exchange().expectBody(String.class).returnResult().getResponseHeaders().getETag())
            .as("every instance serves the same bytes").isEqualTo(etagOnB);

        // what reaches the other instances, and when
        Map<String, Long> heard = new java.util.concurrent.ConcurrentHashMap<>();
        for (int i = 1; i <= 2; i++) {
            String name = i == 1 ? "B" : "C";
            instances.get(i).addApplicationListener((org.springframework.context.ApplicationListener<
                    org.springframework.context.PayloadApplicationEvent<?>>) event -> {
                if (event.getPayload() instanceof CertificateChanged changed && changed.number().equals(number)) {
                    heard.putIfAbsent(name + " certificate", System.nanoTime());
                }
                if (event.getPayload() instanceof StatusListSigned) {
                    heard.putIfAbsent(name + " status list", System.nanoTime());
                }
            });
        }
        long revoking = System.nanoTime();
        TestCertificates.revoke(a, number);
        long revoked = System.nanoTime();
        await().atMost(GUARD).until(() -> heard.size() == 4);
        heard.forEach((what, when) -> System.out.printf("Revocation on A: %s heard %d ms after the request, %d ms after the answer%n",
                what, (when - revoking) / 1_000_000, (when - revoked) / 1_000_000));
        // the cheapest reads first, so that the delays printed are the propagation, not the polling
        await().atMost(GUARD).pollInterval(Duration.ofMillis(10)).until(() -> PublicViews.bitSet(b, list, index));
        long listOnB = (System.nanoTime() - revoked) / 1_000_000;
        await().atMost(GUARD).pollInterval(Duration.ofMillis(10)).until(() -> PublicViews.page(c, number).equals("REVOKED"));
        long pageOnC = (System.nanoTime() - revoked) / 1_000_000;
        System.out.printf("Revocation on A: status list on B after %d ms, page on C after %d ms%n", listOnB, pageOnC);
        PublicViews.State expected = new PublicViews.State("REVOKED", "REVOKED", "REVOKED", true);
        for (WebTestClient other : List.of(b, c)) {
            await().atMost(GUARD).pollInterval(Duration.ofMillis(20)).until(() -> expected.equals(PublicViews.of(other, number)));
        }
        String after = b.get().uri(list).exchange().expectBody(String.class).returnResult().getResponseHeaders().getETag();
        assertThat(after).isNotEqualTo(etagOnB)
            .isEqualTo(c.get().uri(list).exchange().expectBody(String.class).returnResult().getResponseHeaders().getETag())
            .isEqualTo(a.get().uri(list).exchange().expectBody(String.class).returnResult().getResponseHeaders().getETag());
        assertThat(PublicViews.bitSet(b, list, index)).isTrue();
    }

    @Test
    void aCohortUploadedOnAIsIssuedOnBAndFollowedOnAWithASessionSignedInOnC() {
        StringBuilder csv = new StringBuilder("program,name,email,awarded_on,listed\n");
        for (int i = 0; i < 1_200; i++) {
            csv.append("CXSP,Fleet Holder ").append(i).append(",fleet").append(i).append("@example.org,2026-02-01,no\n");
        }
        Object id = a.post().uri("/api/v1/admin/cohorts").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv.toString()).exchange()
            .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
        c.get().uri("/api/v1/admin/cohorts/{id}", id).headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).exchange()
            .expectStatus().isOk().expectBody().jsonPath("$.goodRows").isEqualTo(1_200)
            .jsonPath("$.progress.stage").isEqualTo("VALIDATED");
        String session = ConsoleSession.signIn(c, ADMIN, ADMIN_PASSWORD);

        b.post().uri("/api/v1/admin/cohorts/{id}/issue", id).headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).exchange()
            .expectStatus().isAccepted();
        List<ServerSentEvent<Map<String, Object>>> events = a.get().uri("/admin/cohorts/{id}/progress", id)
            .cookie(ConsoleSession.COOKIE, session).accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
            })
            .getResponseBody().filter(e -> e.data() != null).collectList().block(GUARD.multipliedBy(4));
        assertThat(events).isNotEmpty();
        assertThat(events.stream().map(e -> (Integer) e.data().get("issued")).toList()).isSorted();
        Map<String, Object> last = events.get(events.size() - 1).data();
        assertThat(last).containsEntry("stage", "DONE").containsEntry("issued", 1_200);

        // starting it again, anywhere, issues nothing more
        c.post().uri("/api/v1/admin/cohorts/{id}/issue", id).headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).exchange()
            .expectStatus().isAccepted().expectBody().jsonPath("$.progress.issued").isEqualTo(1_200);
        String result = a.get().uri("/admin/cohorts/{id}/result.csv", id).cookie(ConsoleSession.COOKIE, session).exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(result.lines().filter(line -> line.contains(",issued,")).count()).isEqualTo(1_200);
    }

    @Test
    void aCohortWhoseInstanceStoppedIsMarkedFailedByAnotherSayingHowFarItGot() throws Exception {
        String csv = "program,name,email,awarded_on,listed\nCXSP,Left Behind,left@example.org,2026-02-01,no\n";
        String id = String.valueOf(a.post().uri("/api/v1/admin/cohorts").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv).exchange()
            .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id"));
        // as an instance leaves it when it is killed mid-cohort: ISSUING, under a lease nobody renews
        TestDatabase db = TestDatabase.shared();
        try (Connection sql = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                PreparedStatement abandon = sql.prepareStatement("UPDATE cohort SET stage = 'ISSUING', started_at = now(), "
                        + "lease_owner = 'killed-instance', lease_until = now() - interval '1 second' WHERE id = ?")) {
            abandon.setObject(1, UUID.fromString(id));
            assertThat(abandon.executeUpdate()).isOne();
        }
        await().atMost(GUARD).pollInterval(Duration.ofMillis(200)).until(() -> "FAILED".equals(b.get()
            .uri("/api/v1/admin/cohorts/{id}", id).headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).exchange()
            .expectBody(Map.class).returnResult().getResponseBody().get("progress") instanceof Map<?, ?> p ? p.get("stage") : null));
        c.get().uri("/api/v1/admin/cohorts/{id}", id).headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).exchange()
            .expectBody().jsonPath("$.progress.error").value(error -> assertThat((String) error)
                .contains("the instance issuing this cohort stopped after 0 certificates"));
    }

    @Test
    void aConsoleSessionSignedInOnAWorksOnBAndCAndEndsEverywhereOnSignOut() {
        String number = TestCertificates.issue(a, "CCXP", "Console Elsewhere").number();
        String session = ConsoleSession.signIn(a, ADMIN, ADMIN_PASSWORD);
        ConsoleSession.Page page = ConsoleSession.page(b, session, "/admin/certificates/{n}", number);
        java.util.regex.Matcher version = java.util.regex.Pattern.compile("name=\"version\" value=\"(\\d+)\"").matcher(page.html());
        assertThat(version.find()).isTrue();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("_csrf", page.token());
        form.add("version", version.group(1));
        form.add("reason", "Suspended from instance C");
        c.post().uri("/admin/certificates/{n}/suspend", number).cookie(ConsoleSession.COOKIE, session)
            .cookie(ConsoleSession.CSRF_COOKIE, page.csrfCookie()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData(form)).exchange().expectStatus().is3xxRedirection();
        a.get().uri("/api/v1/admin/certificates/{n}", number).headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).exchange()
            .expectBody().jsonPath("$.state").isEqualTo("SUSPENDED");

        ConsoleSession.Page signOut = ConsoleSession.page(c, session, "/admin/certificates");
        c.post().uri("/admin/logout").cookie(ConsoleSession.COOKIE, session).cookie(ConsoleSession.CSRF_COOKIE, signOut.csrfCookie())
            .body(BodyInserters.fromFormData("_csrf", signOut.token())).exchange().expectStatus().isFound();
        for (WebTestClient any : List.of(a, b, c)) {
            any.get().uri("/admin/certificates").cookie(ConsoleSession.COOKIE, session).exchange().expectStatus().isUnauthorized();
        }
    }

    @Test
    void anIdempotentRetryOnBGetsTheAnswerGivenOnA() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> request = Map.of("program", "CCXP", "holder", Map.of("name", "Retried Elsewhere",
                "email", "retried.elsewhere@example.org"));
        EntityExchangeResult<Map> first = a.post().uri("/api/v1/admin/certificates")
            .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).header("Idempotency-Key", key)
            .contentType(MediaType.APPLICATION_JSON).bodyValue(request).exchange().expectStatus().isCreated()
            .expectBody(Map.class).returnResult();
        EntityExchangeResult<Map> retry = b.post().uri("/api/v1/admin/certificates")
            .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).header("Idempotency-Key", key)
            .contentType(MediaType.APPLICATION_JSON).bodyValue(request).exchange().expectStatus().isCreated()
            .expectHeader().valueEquals("Idempotent-Replayed", "true")
            .expectBody(Map.class).returnResult();
        assertThat(retry.getResponseBody().get("number")).isEqualTo(first.getResponseBody().get("number"));
        assertThat(retry.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
    }

    @Test
    void loginFailuresOnAAndBCountOnC() {
        // attempts are counted in PostgreSQL before the password is checked (LoginThrottle): three free failures,
        // then a delay; two guesses on A and two on B are the four failures of one user, and C makes the fifth wait
        String user = "guesser-" + System.nanoTime();
        for (WebTestClient instance : List.of(a, a, b, b)) {
            instance.get().uri("/api/v1/admin/certificates?size=1").headers(h -> h.setBasicAuth(user, "a guess")).exchange()
                .expectStatus().isUnauthorized();
        }
        c.get().uri("/api/v1/admin/certificates?size=1").headers(h -> h.setBasicAuth(user, "another guess")).exchange()
            .expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
    }
}
