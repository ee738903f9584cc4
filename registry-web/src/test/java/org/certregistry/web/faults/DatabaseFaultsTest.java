package org.certregistry.web.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.r2dbc.spi.ConnectionFactory;
import org.certregistry.web.support.Documents;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.OwnPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry against a PostgreSQL that stops answering: every connection held, the server
 * frozen (SIGSTOP), the server killed (SIGKILL), each in the middle of requests and of a cohort.
 * Verification never says VALID without the database, the QR page and the status list answer 503
 * within seconds (a page for a browser), nothing hangs, and no cohort batch is half-written. The
 * server is the test's own ({@link FreezableDatabase}), so no other test is harmed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultsTest {

    static final int PORT = OwnPort.free();
    static final FreezableDatabase DATABASE = FreezableDatabase.start();
    static final int POOL = 3;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("server.port", () -> PORT);
        registry.add("registry.base-url", () -> "http://localhost:" + PORT);
        registry.add("spring.r2dbc.pool.initial-size", () -> 1);
        registry.add("spring.r2dbc.pool.max-size", () -> POOL);
        registry.add("spring.r2dbc.pool.max-acquire-time", () -> "3s");
        registry.add("registry.database.deadline", () -> "2s");
        registry.add("registry.rate-limit.enabled", () -> false);
    }

    @Autowired
    WebTestClient http;

    @Autowired
    ConnectionFactory pool;

    @Autowired
    DatabaseClient db;

    CohortRuns cohorts;

    @BeforeEach
    void cohorts() {
        cohorts = new CohortRuns(http, DATABASE);
    }

    @AfterAll
    static void stopDatabase() {
        DATABASE.close();
    }

    @Test
    @Order(0)
    void everyConnectionCarriesThePostgresqlStatementTimeout() {
        String timeout = db.sql("SHOW statement_timeout").map(row -> row.get(0, String.class)).one().block(Duration.ofSeconds(10));
        assertThat(timeout).isEqualTo("5s");
    }

    @Test
    @Order(1)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void withEveryConnectionHeldThePagesAnswer503AndAVerificationIsUndetermined() {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Pool Exhaustion");
        List<io.r2dbc.spi.Connection> held = Flux.range(0, POOL).flatMap(i -> Mono.<io.r2dbc.spi.Connection>from(pool.create())).collectList()
            .block(Duration.ofSeconds(10));
        try {
            assertCannotCheck(issued);
        }
        finally {
            Flux.fromIterable(held).flatMap(c -> Mono.from(c.close())).blockLast(Duration.ofSeconds(10));
        }
        assertThat(verdict(issued.credential())).isEqualTo("VALID");
        http.get().uri("/v/{n}", issued.number()).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();
    }

    @Test
    @Order(2)
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void withTheDatabaseFrozenNothingHangsAndVerificationIsNeverValidAndItRecoversWhenThawed() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Frozen Database");
        byte[] picture = png(issued);
        DATABASE.freeze();
        try {
            assertCannotCheck(issued);
            // a picture of the QR code needs the current credential from the database: undetermined as well
            http.post().uri("/api/v1/verifications").contentType(MediaType.IMAGE_PNG).bodyValue(picture).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.verdict").isEqualTo("UNDETERMINED");
        }
        finally {
            DATABASE.thaw();
        }
        awaitVerdict(issued.credential(), "VALID");
    }

    @Test
    @Order(3)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aCohortFrozenMidwayWaitsAndResumesWhenTheDatabaseThawsWithNothingHalfWritten() throws Exception {
        Object id = cohorts.start("Frozen Cohort", 3000);
        cohorts.awaitIssuedAtLeast(id, 500);
        DATABASE.freeze();
        try {
            // progress lives in PostgreSQL (any instance may follow a cohort): while frozen it cannot be told
            Thread.sleep(1000);
            cohorts.assertProgressUnavailable(id);
        }
        finally {
            DATABASE.thaw();
        }
        Map<?, ?> done = cohorts.awaitFinished(id);
        assertThat(done.get("stage")).isEqualTo("DONE");
        assertThat(done.get("issued")).isEqualTo(3000);
        assertThat(cohorts.storedWholly("Frozen Cohort")).isEqualTo(3000);
    }

    @Test
    @Order(4)
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void withTheDatabaseKilledMidCohortTheCohortFailsClearlyRequestsAnswerAndWholeBatchesSurvive() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Killed Database");
        Object id = cohorts.start("Killed Cohort", 3000);
        cohorts.awaitIssuedAtLeast(id, 500);
        DATABASE.kill();
        try {
            assertCannotCheck(issued);
            cohorts.assertProgressUnavailable(id);
        }
        finally {
            DATABASE.restart();
        }
        // once the database is back the cohort either went on (its batches waited for a connection) and is DONE, or
        // it failed clearly, by its instance or, when its lease ran out, by any instance: never stuck, never half-written
        Map<?, ?> ended = cohorts.awaitFinished(id);
        boolean done = "DONE".equals(ended.get("stage"));
        if (done) {
            assertThat((Integer) ended.get("issued")).isEqualTo(3000);
        }
        else {
            assertThat(ended.get("stage")).isEqualTo("FAILED");
            assertThat((String) ended.get("error")).contains("stopped");
            assertThat((Integer) ended.get("issued")).isLessThan(3000);
        }
        // every batch is one transaction: what survived is whole batches, each certificate with its credential and history
        int stored = cohorts.storedWholly("Killed Cohort");
        assertThat(stored % 500).as("%d certificates stored", stored).isZero();
        if (done) {
            assertThat(stored).as("a cohort that says DONE issued every row").isEqualTo(3000);
        }
        // each batch's progress is written in the batch's transaction: the cohort says exactly what is stored
        assertThat(stored).isEqualTo((Integer) cohorts.progress(id).get("issued"));
        awaitVerdict(issued.credential(), "VALID");
    }

    /** What the public is told while the database cannot be read: 503s within the deadline, never VALID. */
    void assertCannotCheck(TestCertificates.Issued issued) {
        http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue(issued.credential()).exchange()
            .expectStatus().isOk().expectBody()
            .jsonPath("$.verdict").isEqualTo("UNDETERMINED")
            .jsonPath("$.checks[?(@.check == 'signature')].outcome").isEqualTo("PASSED")
            .jsonPath("$.checks[?(@.check == 'status')].outcome").isEqualTo("UNAVAILABLE");
        String page = http.get().uri("/v/{n}", issued.number()).accept(MediaType.TEXT_HTML).exchange()
            .expectStatus().isEqualTo(503)
            .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectHeader().exists(HttpHeaders.RETRY_AFTER)
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("Cannot check right now").doesNotContain("VALID<");
        // a status list this instance holds is served from memory: it is the last committed state (nothing can commit
        // while the database is away, and a lost notification connection empties the memory); one it does not hold is 503
        var list = http.get().uri("/status/1").exchange().returnResult(String.class);
        if (list.getStatus().value() == 200) {
            assertThat(list.getResponseHeaders().getETag()).isNotNull();
        }
        else {
            assertThat(list.getStatus().value()).isEqualTo(503);
            assertThat(list.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotNull();
        }
        http.get().uri("/api/v1/certificates/{n}", issued.number()).exchange()
            .expectStatus().isEqualTo(503)
            .expectBody().jsonPath("$.title").isEqualTo("Cannot check right now");
    }

    String verdict(String jwt) {
        return (String) http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue(jwt).exchange()
            .expectBody(Map.class).returnResult().getResponseBody().get("verdict");
    }

    void awaitVerdict(String jwt, String expected) throws InterruptedException {
        String last = null;
        for (int i = 0; i < 60 && !expected.equals(last); i++) {
            if (i > 0) {
                Thread.sleep(500);
            }
            last = verdict(jwt);
        }
        assertThat(last).isEqualTo(expected);
    }

    byte[] png(TestCertificates.Issued issued) throws Exception {
        byte[] pdf = null;
        // a first render on a busy machine may take longer than the renderer's timeout: it answers 503, try again
        for (int attempt = 0; pdf == null && attempt < 10; attempt++) {
            var answer = http.get().uri(issued.holderUrl() + "/certificate.pdf").exchange().expectBody(byte[].class).returnResult();
            if (answer.getStatus().value() == 503) {
                Thread.sleep(2000);
                continue;
            }
            assertThat(answer.getStatus().value()).isEqualTo(200);
            pdf = answer.getResponseBody();
        }
        assertThat(pdf).as("the certificate PDF").isNotNull();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(Documents.firstPage(pdf, 150), "png", out);
        return out.toByteArray();
    }
}
