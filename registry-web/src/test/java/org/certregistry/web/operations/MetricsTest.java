package org.certregistry.web.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.Documents;
import org.certregistry.web.support.OwnPort;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code /actuator/prometheus} holds what an operator graphs, each counted where the work happens:
 * every path below is exercised over HTTP and its metric read back from the Prometheus text.
 * Its own context: metrics exported (tests leave them off otherwise), a scraper account with role
 * METRICS, and a search limit of one request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "registry.security.users[0].name=admin",
    "registry.security.users[0].password-hash={bcrypt}$2a$10$8Bfoch2SX/9uOyMyH4pR2.3.Iqf8hpWU6buH6iRqCJIpVD.CmMOH2",
    "registry.security.users[0].roles[0]=ADMIN",
    "registry.security.users[1].name=auditor",
    "registry.security.users[1].password-hash={bcrypt}$2a$10$jG1rX4cIr8Vfq5mwze4USe20/jf3rLKP/OfRa2nqfnEdEraG3Veg6",
    "registry.security.users[1].roles[0]=AUDITOR",
    "registry.security.users[2].name=scraper",
    "registry.security.users[2].password-hash={noop}scraper-test-password",
    "registry.security.users[2].roles[0]=METRICS",
    "registry.rate-limit.limits.search.burst=1",
    "registry.rate-limit.limits.search.per-second=0.001" })
@AutoConfigureWebTestClient(timeout = "60s")
@AutoConfigureMetrics
class MetricsTest {

    static final int PORT = OwnPort.free();

    @DynamicPropertySource
    static void ownPort(DynamicPropertyRegistry registry) {
        OwnPort.register(registry, PORT);
    }

    @Autowired
    WebTestClient http;

    Prometheus scrape() {
        return new Prometheus(http.get().uri("/actuator/prometheus").headers(h -> h.setBasicAuth("scraper", "scraper-test-password"))
            .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
            .expectBody(String.class).returnResult().getResponseBody());
    }

    @Test
    void prometheusNeedsAnAdminOrMetricsAccountAndOpensNothingElse() {
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        http.get().uri("/actuator/prometheus").headers(h -> h.setBasicAuth("auditor", "registry-dev-auditor")).exchange()
            .expectStatus().isForbidden();
        http.get().uri("/actuator/prometheus").headers(h -> h.setBasicAuth("admin", "registry-dev-admin")).exchange()
            .expectStatus().isOk();
        // the scraper's account opens no admin path
        http.get().uri("/api/v1/admin/certificates").headers(h -> h.setBasicAuth("scraper", "scraper-test-password")).exchange()
            .expectStatus().isForbidden();
        for (String other : new String[] { "/actuator", "/actuator/env", "/actuator/beans", "/actuator/metrics", "/actuator/heapdump" }) {
            assertThat(http.get().uri(other).headers(h -> h.setBasicAuth("admin", "registry-dev-admin")).exchange()
                .returnResult(String.class).getStatus()).as(other).isIn(HttpStatus.FORBIDDEN, HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void verificationsAreCountedByChannelAndVerdict() {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Metrics Verified");
        byte[] pdf = pdf(issued);
        Prometheus before = scrape();

        http.post().uri("/api/v1/verifications").contentType(MediaType.parseMediaType("application/jwt"))
            .bodyValue(issued.credential()).exchange().expectBody().jsonPath("$.verdict").isEqualTo("VALID");
        String[] parts = issued.credential().split("\\.");
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];
        http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue(forged).exchange()
            .expectBody().jsonPath("$.verdict").isEqualTo("INVALID");
        http.post().uri("/api/v1/verifications").contentType(MediaType.APPLICATION_PDF).bodyValue(pdf).exchange()
            .expectBody().jsonPath("$.verdict").isEqualTo("VALID");
        verifyOnThePage(issued.credential());

        Prometheus after = scrape();
        String count = "registry_verifications_seconds_count";
        assertThat(after.value(count, "channel", "api-jwt", "verdict", "VALID") - before.value(count, "channel", "api-jwt", "verdict", "VALID")).isEqualTo(1);
        assertThat(after.value(count, "channel", "api-jwt", "verdict", "INVALID") - before.value(count, "channel", "api-jwt", "verdict", "INVALID")).isEqualTo(1);
        assertThat(after.value(count, "channel", "api-document", "verdict", "VALID") - before.value(count, "channel", "api-document", "verdict", "VALID")).isEqualTo(1);
        assertThat(after.value(count, "channel", "page", "verdict", "VALID") - before.value(count, "channel", "page", "verdict", "VALID")).isEqualTo(1);
        assertThat(after.has("registry_verifications_seconds_bucket")).as("a histogram for latency percentiles").isTrue();
    }

    /** The holder's PDF; a 503 (renderers busy) is retried after its Retry-After, as a client would. */
    private byte[] pdf(TestCertificates.Issued issued) {
        for (int attempt = 0; ; attempt++) {
            EntityExchangeResult<byte[]> result = http.get().uri(issued.holderUrl() + "/certificate.pdf").exchange()
                .expectBody(byte[].class).returnResult();
            if (result.getStatus() != HttpStatus.SERVICE_UNAVAILABLE || attempt == 5) {
                assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
                return result.getResponseBody();
            }
            sleep(Long.parseLong(result.getResponseHeaders().getFirst("Retry-After")) * 1000);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private void verifyOnThePage(String credential) {
        EntityExchangeResult<String> form = http.get().uri("/verify").exchange().expectStatus().isOk().expectBody(String.class)
            .returnResult();
        ResponseCookie csrf = form.getResponseCookies().getFirst(ConsoleSession.CSRF_COOKIE);
        // a hand-made multipart body: the client's own boundary comes from SecureRandom, a blocking read on the event loop
        String boundary = "metrics-test-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                + ConsoleSession.csrfToken(form.getResponseBody()) + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"credential\"\r\n\r\n" + credential + "\r\n--" + boundary + "--\r\n";
        WebTestClient.RequestBodySpec post = http.post().uri("/verify").accept(MediaType.TEXT_HTML)
            .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary));
        if (csrf != null) {
            post.cookie(ConsoleSession.CSRF_COOKIE, csrf.getValue());
        }
        post.bodyValue(body).exchange().expectStatus().isOk()
            .expectBody(String.class).value(page -> assertThat(page).contains("VALID"));
    }

    @Test
    void issuanceIsCountedAndTimedForSingleCertificatesAndCohorts() throws InterruptedException {
        Prometheus before = scrape();
        TestCertificates.issue(http, "CXSP", "Metrics Single");
        Map<?, ?> cohort = http.post().uri("/api/v1/admin/cohorts?fileName=metrics.csv").headers(h -> h.setBasicAuth("admin", "registry-dev-admin"))
            .contentType(MediaType.parseMediaType("text/csv"))
            .bodyValue("program,name,email,awarded_on,listed\nCCXP,Metrics One,one@example.org,,\nCCXP,Metrics Two,two@example.org,,\n"
                    + "CXSP,Metrics Three,three@example.org,,\n")
            .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        http.post().uri("/api/v1/admin/cohorts/{id}/issue", cohort.get("id")).headers(h -> h.setBasicAuth("admin", "registry-dev-admin"))
            .exchange().expectStatus().is2xxSuccessful();
        Prometheus after = null;
        for (int i = 0; i < 600; i++) {
            after = scrape();
            if (after.value("registry_issuance_seconds_count", "kind", "cohort") > before.value("registry_issuance_seconds_count", "kind", "cohort")) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(after.value("registry_issuance_seconds_count", "kind", "single", "outcome", "success")
                - before.value("registry_issuance_seconds_count", "kind", "single", "outcome", "success")).isEqualTo(1);
        assertThat(after.value("registry_issuance_seconds_count", "kind", "cohort", "outcome", "success")
                - before.value("registry_issuance_seconds_count", "kind", "cohort", "outcome", "success")).isEqualTo(1);
        assertThat(after.value("registry_certificates_issued_total", "kind", "single")
                - before.value("registry_certificates_issued_total", "kind", "single")).isEqualTo(1);
        assertThat(after.value("registry_certificates_issued_total", "kind", "cohort")
                - before.value("registry_certificates_issued_total", "kind", "cohort")).isEqualTo(3);
        assertThat(after.value("registry_issuance_seconds_sum", "kind", "single")).isPositive();
    }

    @Test
    void rendersCacheHitsAndStatusListServesAreCounted() {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Metrics Rendered");
        Prometheus before = scrape();
        pdf(issued);
        pdf(issued);
        String statusList = statusListOf(issued);
        String etag = http.get().uri(statusList).exchange().expectStatus().isOk().returnResult(String.class)
            .getResponseHeaders().getETag();
        http.get().uri(statusList).header("If-None-Match", etag).exchange().expectStatus().isNotModified();
        Prometheus after = scrape();

        assertThat(after.value("registry_documents_total", "kind", "pdf", "cache", "miss")
                - before.value("registry_documents_total", "kind", "pdf", "cache", "miss")).isEqualTo(1);
        assertThat(after.value("registry_documents_total", "kind", "pdf", "cache", "hit")
                - before.value("registry_documents_total", "kind", "pdf", "cache", "hit")).isEqualTo(1);
        assertThat(after.value("registry_documents_render_seconds_count", "kind", "pdf", "outcome", "success")
                - before.value("registry_documents_render_seconds_count", "kind", "pdf", "outcome", "success")).isEqualTo(1);
        String served = "http_server_requests_seconds_count";
        assertThat(after.value(served, "uri", "/status/{list}", "status", "200") - before.value(served, "uri", "/status/{list}", "status", "200"))
            .as("200s; before:\n" + before.lines(served) + "\nafter:\n" + after.lines(served)).isEqualTo(1);
        assertThat(after.value(served, "uri", "/status/{list}", "status", "304") - before.value(served, "uri", "/status/{list}", "status", "304"))
            .as("304s; before:\n" + before.lines(served) + "\nafter:\n" + after.lines(served)).isEqualTo(1);
    }

    private String statusListOf(TestCertificates.Issued issued) {
        Map<?, ?> record = http.get().uri("/api/v1/certificates/{n}", issued.number()).exchange().expectStatus().isOk()
            .expectBody(Map.class).returnResult().getResponseBody();
        String credentialJson = new String(java.util.Base64.getUrlDecoder().decode(issued.credential().split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"statusListCredential\"\\s*:\\s*\"[^\"]*(/status/\\d+)\"")
            .matcher(credentialJson);
        assertThat(m.find()).as("the credential names its status list: " + record).isTrue();
        return m.group(1);
    }

    @Test
    void rateLimitRefusalsAndTheDatabasePoolAreInTheMetrics() {
        Prometheus before = scrape();
        // a burst of one: the second search from this address is refused
        http.get().uri("/api/v1/registry?q=metrics").exchange().expectStatus().isOk();
        http.get().uri("/api/v1/registry?q=metrics").exchange().expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        Prometheus after = scrape();

        assertThat(after.value("registry_rate_limit_refusals_total", "limit", "search")
                - before.value("registry_rate_limit_refusals_total", "limit", "search")).isEqualTo(1);
        assertThat(after.value("registry_rate_limit_refusals_total", "limit", "verification")
                - before.value("registry_rate_limit_refusals_total", "limit", "verification")).isZero();
        // the R2DBC pool's gauges (r2dbc-pool through Spring Boot)
        assertThat(after.has("r2dbc_pool_acquired_connections")).as(after.text()).isTrue();
        assertThat(after.value("r2dbc_pool_max_allocated_connections")).isPositive();
        assertThat(after.value("r2dbc_pool_allocated_connections")).isPositive();
    }
}
