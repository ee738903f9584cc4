package org.certregistry.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.certregistry.web.certificate.CertificateRepository;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Issuance under an Idempotency-Key: a retry gets the first answer and creates nothing. */
class IdempotentIssuanceTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    CertificateRepository certificates;

    private EntityExchangeResult<String> issue(String key, String name) {
        return http.post().uri("/api/v1/admin/certificates").headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", name, "email", "retry@example.org")))
            .exchange().expectBody(String.class).returnResult();
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
        assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody());
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
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", "Owner One", "email", "retry@example.org")))
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
            Set<String> bodies = futures.stream().map(f -> {
                try {
                    EntityExchangeResult<String> r = f.get();
                    assertThat(r.getStatus().value()).isEqualTo(201);
                    return r.getResponseBody();
                }
                catch (Exception ex) {
                    throw new AssertionError(ex);
                }
            }).collect(Collectors.toSet());
            assertThat(bodies).hasSize(1);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(count()).isEqualTo(before + 1);
    }

    @Test
    void anUnusableKeyIsABadRequest() {
        EntityExchangeResult<String> bad = issue("x".repeat(201), "Bad Key");
        assertThat(bad.getStatus().value()).isEqualTo(400);
        assertThat(bad.getResponseBody()).contains("Idempotency-Key");
    }
}
