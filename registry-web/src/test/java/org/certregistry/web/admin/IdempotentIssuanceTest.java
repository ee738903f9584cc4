package org.certregistry.web.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.certregistry.web.certificate.store.CertificateRepository;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Issuance under an Idempotency-Key: a retry gets the first answer and creates nothing. */
class IdempotentIssuanceTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    CertificateRepository certificates;

    @Autowired
    DatabaseClient db;

    @Autowired
    IdempotentRequests idempotent;

    private EntityExchangeResult<String> issue(String key, String name) {
        return http.post().uri("/api/v1/admin/certificates").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", name, "email", address(name))))
            .exchange().expectBody(String.class).returnResult();
    }

    /** An address of each name's own: one address with two active certificates of a program is refused (409). */
    private static String address(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.org";
    }

    private long count() {
        return certificates.count().block(Duration.ofSeconds(10));
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstAnswerAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        long before = count();
        EntityExchangeResult<String> first = issue(key, "Ida Empotent");
        EntityExchangeResult<String> retry = issue(key, "Ida Empotent");
        assertThat(first.getStatus().value()).isEqualTo(201);
        assertThat(retry.getStatus().value()).isEqualTo(201);
        Map<String, Object> firstAnswer = json(first.getResponseBody());
        Map<String, Object> replayed = json(retry.getResponseBody());
        assertThat((String) firstAnswer.get("holderUrl")).contains("/h/");
        assertThat(firstAnswer).doesNotContainKey("holderUrlWithheld");
        // the replay is the first answer without the private link, which is stored nowhere
        assertThat(replayed.get("holderUrl")).isNull();
        assertThat((String) replayed.get("holderUrlWithheld")).contains("only in the first answer");
        assertThat(replayed).containsEntry("number", firstAnswer.get("number"))
            .containsEntry("credential", firstAnswer.get("credential"))
            .containsEntry("verificationUrl", firstAnswer.get("verificationUrl"))
            .containsEntry("certificate", firstAnswer.get("certificate"));
        assertThat(retry.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
        assertThat(retry.getResponseHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.getResponseHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(count()).isEqualTo(before + 1);
    }

    @Test
    void theSameKeyWithADifferentRequestIsRefusedWith422() {
        String key = UUID.randomUUID().toString();
        issue(key, "First Request");
        long before = count();
        EntityExchangeResult<String> other = issue(key, "Another Request");
        assertThat(other.getStatus().value()).isEqualTo(422);
        assertThat(other.getResponseBody()).contains("idempotency-key-reused", key);
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void theSameKeyFromAnotherAccountIsAnotherRequest() {
        String key = UUID.randomUUID().toString();
        issue(key, "Owner One");
        // the auditor may not issue at all, so the key space per actor shows as a 403, not a replay
        http.post().uri("/api/v1/admin/certificates").headers(h -> h.setBasicAuth(AUDITOR, AUDITOR_PASSWORD))
            .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", "Owner One", "email", address("Owner One"))))
            .exchange().expectStatus().isForbidden();
    }

    @Test
    void concurrentRetriesWithOneKeyIssueOneCertificate() throws Exception {
        String key = UUID.randomUUID().toString();
        long before = count();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<EntityExchangeResult<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> issue(key, "Racing Retry")));
            }
            List<Map<String, Object>> answers = futures.stream().map(f -> {
                try {
                    EntityExchangeResult<String> r = f.get();
                    assertThat(r.getStatus().value()).isEqualTo(201);
                    return json(r.getResponseBody());
                }
                catch (Exception ex) {
                    throw new AssertionError(ex);
                }
            }).toList();
            assertThat(answers.stream().filter(a -> a.get("holderUrl") != null)).as("answers with the holder link").hasSize(1);
            assertThat(answers.stream().map(a -> a.get("number")).collect(Collectors.toSet())).hasSize(1);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(count()).isEqualTo(before + 1);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(String body) {
        return JsonMapper.builder().build().readValue(body, Map.class);
    }

    @Test
    void noTableHoldsTheHolderLinkOfAnIdempotentIssuance() {
        String key = UUID.randomUUID().toString();
        String holderUrl = (String) json(issue(key, "Sec Ret").getResponseBody()).get("holderUrl");
        String token = holderUrl.substring(holderUrl.lastIndexOf('/') + 1);
        List<String> tables = db.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                + "AND table_type = 'BASE TABLE'").map(r -> r.get(0, String.class)).all().collectList().block();
        assertThat(tables).contains("idempotent_request", "certificate");
        for (String table : tables) {
            // a message kept for the development mailbox (no SMTP server configured, never in production) shows the link
            // it would have sent; a sent one no longer holds it (OutboxRepository.markSent)
            String kept = table.equals("mail_message") ? " AND t.status <> 'KEPT'" : "";
            Long rows = db.sql("SELECT count(*) FROM \"" + table + "\" t WHERE t::text LIKE :token" + kept)
                .bind("token", "%" + token + "%").map(r -> r.get(0, Long.class)).one().block();
            assertThat(rows).as("rows of " + table + " holding the private link").isZero();
        }
    }

    @Test
    void aKeyExpiresAfterADayAndExpiredKeysArePurged() {
        String key = UUID.randomUUID().toString();
        String firstNumber = (String) json(issue(key, "Old Key").getResponseBody()).get("number");
        db.sql("UPDATE idempotent_request SET created_at = created_at - interval '25 hours' WHERE key = :key").bind("key", key)
            .then().block();
        long before = count();
        // an expired key is a new request: not replayed, so the same holder again is a second certificate, which must be meant
        EntityExchangeResult<String> refused = issue(key, "Old Key");
        assertThat(refused.getStatus().value()).isEqualTo(409);
        assertThat(refused.getResponseBody()).contains("duplicate-certificate", firstNumber);
        EntityExchangeResult<String> again = http.post().uri("/api/v1/admin/certificates")
            .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).header("Idempotency-Key", key)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", "Old Key", "email", address("Old Key")),
                    "duplicate", "intended"))
            .exchange().expectBody(String.class).returnResult();
        assertThat(again.getStatus().value()).isEqualTo(201);
        assertThat(again.getResponseHeaders().getFirst("Idempotent-Replayed")).isNull();
        assertThat(json(again.getResponseBody()).get("number")).isNotEqualTo(firstNumber);
        assertThat(count()).isEqualTo(before + 1);

        String stale = UUID.randomUUID().toString();
        issue(stale, "Stale Key");
        db.sql("UPDATE idempotent_request SET created_at = created_at - interval '25 hours' WHERE key = :key").bind("key", stale)
            .then().block();
        assertThat(idempotent.purgeExpired().block()).isGreaterThanOrEqualTo(1);
        assertThat(db.sql("SELECT count(*) FROM idempotent_request WHERE key IN (:keys)").bind("keys", List.of(key, stale))
            .map(r -> r.get(0, Long.class)).one().block()).as("the renewed key stays, the stale one is gone").isEqualTo(1);
    }

    @Test
    void anUnusableKeyIsABadRequest() {
        EntityExchangeResult<String> bad = issue("x".repeat(201), "Bad Key");
        assertThat(bad.getStatus().value()).isEqualTo(400);
        assertThat(bad.getResponseBody()).contains("Idempotency-Key");
    }
}
