package org.certregistry.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Repeated failed logins over real HTTP: the user name is locked out from this client for a while, others are not. */
class LoginThrottlingTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    WebTestClient.ResponseSpec read(String user, String password) {
        return http.get().uri("/api/v1/admin/certificates?size=1").headers(h -> h.setBasicAuth(user, password)).exchange();
    }

    @Test
    void afterRepeatedFailuresEvenTheRightPasswordWaitsButOtherAccountsDoNot() throws Exception {
        for (int i = 0; i < 4; i++) {
            read(AUDITOR, "guess-" + i).expectStatus().isUnauthorized();
        }
        read(AUDITOR, AUDITOR_PASSWORD).expectStatus().isEqualTo(429)
            .expectHeader().valueEquals("Retry-After", "1")
            .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("Too many failed logins"));
        read(ADMIN, ADMIN_PASSWORD).expectStatus().isOk();
        Thread.sleep(1_100);
        read(AUDITOR, AUDITOR_PASSWORD).expectStatus().isOk();
        // the success forgot the failures: one more wrong guess is free again
        read(AUDITOR, "one more guess").expectStatus().isUnauthorized();
        read(AUDITOR, AUDITOR_PASSWORD).expectStatus().isOk();
    }

    @Test
    void parallelRequestsWithTheRightPasswordShareOneCheckAndAllSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> read(ADMIN, ADMIN_PASSWORD).returnResult(String.class).getStatus().value()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fortySimultaneousGuessesForOneUserGetAtMostFourPasswordChecks() throws Exception {
        String user = "nobody-" + System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String guess = "guess-" + i;
                Callable<Integer> attempt = () -> read(user, guess).returnResult(String.class).getStatus().value();
                answers.add(pool.submit(attempt));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            Map<Integer, Long> counts = statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(counts.getOrDefault(401, 0L)).as("password checks (401) among " + counts).isBetween(1L, 4L);
            assertThat(counts.keySet()).as("statuses").containsOnly(401, 429);
        }
        finally {
            pool.shutdownNow();
        }
        Integer attempts = db.sql("SELECT attempts FROM login_attempt WHERE user_name = :u").bind("u", user)
            .map(r -> r.get(0, Integer.class)).one().block(Duration.ofSeconds(10));
        assertThat(attempts).as("attempts counted in PostgreSQL").isBetween(1, 4);
    }
}
