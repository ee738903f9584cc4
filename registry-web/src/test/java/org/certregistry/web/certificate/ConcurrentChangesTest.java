package org.certregistry.web.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.store.CertificateRepository;
import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Real races on one certificate against PostgreSQL: many admins revoking and renewing at once.
 * Exactly one wins per version, nothing is lost, and the history is one unbroken chain.
 */
class ConcurrentChangesTest extends RegistryIntegrationTest {

    static final int ATTEMPTS = 24;

    @Autowired
    WebTestClient http;

    @Autowired
    Lifecycle service;

    @Autowired
    Certificates certificates;

    @Autowired
    CertificateRepository repository;

    @Autowired
    DatabaseClient db;

    @Test
    void concurrentRevokeAndRenewWithTheSameVersionHaveExactlyOneWinner() throws Exception {
        String number = renewable("Race Condition");
        AdminApi api = new AdminApi(http);
        int version = api.version(number);
        Map<Integer, Integer> statuses = race(i -> api.act(number, i % 2 == 0 ? "revoke" : "renew",
                i % 2 == 0 ? "Revoked by admin " + i : null, version).returnResult(String.class).getStatus().value());

        assertThat(statuses).as("HTTP status -> how many").isEqualTo(Map.of(200, 1, 409, ATTEMPTS - 1));
        assertThat(api.version(number)).isEqualTo(version + 1);
        assertHistoryIsOneChain(number, 2);
    }

    @Test
    void concurrentRevokeAndRenewWithoutVersionsNeverLoseAnUpdate() throws Exception {
        String number = renewable("Lost Update");
        Map<Integer, Integer> outcomes = race(i -> {
            try {
                Certificate c = (i % 2 == 0 ? service.revoke(CertificateNumber.parse(number), null, "Revoked by admin " + i, "admin" + i)
                        : service.renew(CertificateNumber.parse(number), null, "admin" + i)).block(Duration.ofSeconds(30));
                return c.version();
            }
            catch (RuntimeException refused) {
                return -1;
            }
        });
        int wins = ATTEMPTS - outcomes.getOrDefault(-1, 0);
        // each winner moved the certificate on by one version; no two winners share one
        assertThat(outcomes.entrySet()).allSatisfy(e -> assertThat(e.getKey() == -1 || e.getValue() == 1).isTrue());
        Certificate last = certificates.find(CertificateNumber.parse(number)).block();
        assertThat(last.version()).isEqualTo(wins);
        assertThat(wins).isBetween(1, 2);
        List<CertificateEvent> history = assertHistoryIsOneChain(number, 1 + wins);
        long renewals = history.stream().filter(e -> e.action() == CertificateAction.RENEWED).count();
        long versions = db.sql("SELECT count(*) FROM credential_version WHERE certificate_id = :id").bind("id", last.id())
            .map(r -> r.get(0, Long.class)).one().block();
        assertThat(versions).isEqualTo(1 + renewals);
        assertThat(last.credentialVersion()).isEqualTo(1 + (int) renewals);
    }

    @Test
    void parallelRenewalsWithoutVersionsRenewExactlyOnce() throws Exception {
        String number = renewable("Double Renewal");
        Map<Integer, Integer> outcomes = race(i -> {
            try {
                service.renew(CertificateNumber.parse(number), null, "admin" + i).block(Duration.ofSeconds(30));
                return 1;
            }
            catch (RuntimeException refused) {
                return -1;
            }
        });
        // the CEUs of one cycle renew it once: every other attempt is refused, none renews the new cycle again
        assertThat(outcomes.get(1)).isEqualTo(1);
        Certificate renewed = certificates.find(CertificateNumber.parse(number)).block();
        assertThat(renewed.credentialVersion()).isEqualTo(2);
        assertThat(assertHistoryIsOneChain(number, 2).stream().filter(e -> e.action() == CertificateAction.RENEWED)).hasSize(1);
    }

    /** An expired-but-in-grace CCXP certificate with the units to renew. */
    private String renewable(String name) {
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusYears(2).minusDays(10);
        AdminApi api = new AdminApi(http);
        String number = api.issue("CCXP", name, awarded);
        api.recordCeus(number, "speaking", "ceu", 10, awarded.plusDays(1)).expectStatus().isCreated();
        api.recordCeus(number, "cxpa-contributions", "ceu", 10, awarded.plusDays(2)).expectStatus().isCreated();
        return number;
    }

    private List<CertificateEvent> assertHistoryIsOneChain(String number, int events) throws Exception {
        Certificate c = certificates.find(CertificateNumber.parse(number)).block();
        List<CertificateEvent> history = repository.history(c.id()).filter(e -> e.action() != CertificateAction.CEUS_RECORDED)
            .collectList().block();
        assertThat(history).hasSize(events);
        assertThat(history.get(0).action()).isEqualTo(CertificateAction.ISSUED);
        for (int i = 1; i < history.size(); i++) {
            Map<String, Object> before = JSONObjectUtils.parse(history.get(i).before());
            Map<String, Object> previousAfter = JSONObjectUtils.parse(history.get(i - 1).after());
            assertThat(before).as("event %d starts where event %d ended", i, i - 1).isEqualTo(previousAfter);
        }
        assertThat(JSONObjectUtils.parse(history.get(history.size() - 1).after()).get("version"))
            .isEqualTo((long) c.version());
        return history;
    }

    interface Attempt {
        int run(int i) throws Exception;
    }

    /** Runs every attempt at once (released together) and counts the outcomes. */
    private static Map<Integer, Integer> race(Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ATTEMPTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < ATTEMPTS; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return attempt.run(n);
                }));
            }
            start.countDown();
            Map<Integer, Integer> outcomes = new ConcurrentHashMap<>();
            for (Future<Integer> f : futures) {
                outcomes.merge(f.get(), 1, Integer::sum);
            }
            return outcomes;
        }
        finally {
            pool.shutdownNow();
        }
    }
}
