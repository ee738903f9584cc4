package org.certregistry.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/** The per-client token buckets on the routes marked {@link RateLimited}, with a clock the test moves. */
class RateLimitFilterTest {

    @RestController
    static class Routes {

        @RateLimited(value = "search", burst = 3, perSecond = 1)
        @GetMapping("/api/v1/registry")
        String searchApi() {
            return "found";
        }

        @RateLimited(value = "search", burst = 3, perSecond = 1)
        @GetMapping("/registry")
        String searchPage() {
            return "found";
        }

        @RateLimited(value = "verification", burst = 1, perSecond = 0.5)
        @PostMapping("/api/v1/verifications")
        String verify() {
            return "verified";
        }

        @RateLimited(value = "batch", burst = 3, perSecond = 1.0 / 60)
        @PostMapping("/api/v1/verifications/batch")
        String verifyBatch() {
            return "verified";
        }

        @GetMapping("/v/{number}")
        String landing(@PathVariable String number) {
            return number;
        }
    }

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private WebTestClient client(RateLimitProperties properties) {
        StaticApplicationContext context = new StaticApplicationContext();
        context.registerSingleton("routes", Routes.class);
        context.refresh();
        RequestMappingHandlerMapping routes = new RequestMappingHandlerMapping();
        routes.setApplicationContext(context);
        routes.afterPropertiesSet();
        return WebTestClient.bindToController(new Routes()).webFilter(new RateLimitFilter(properties, routes, nanos::get))
            .build();
    }

    private WebTestClient client() {
        return client(new RateLimitProperties(true, Map.of(), 100));
    }

    @Test
    void aClientOverItsSearchBurstGets429WithRetryAfterUntilTheBucketRefills() {
        WebTestClient http = client();
        for (int i = 0; i < 3; i++) {
            http.get().uri("/api/v1/registry?q=x").exchange().expectStatus().isOk();
        }
        http.get().uri("/api/v1/registry?q=x").exchange()
            .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
            .expectHeader().valueEquals("Retry-After", "1")
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.status").isEqualTo(429).jsonPath("$.title").isEqualTo("Too many requests");
        // the page shares the search bucket and answers a browser in words
        http.get().uri("/registry").accept(MediaType.TEXT_HTML).exchange()
            .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
            .expectBody(String.class).value(body -> assertThat(body).contains("Too many requests", "please wait 1 second"));
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_100));
        http.get().uri("/api/v1/registry?q=x").exchange().expectStatus().isOk();
    }

    @Test
    void everySpellingOfALimitedPathThatTheRouterAcceptsSharesItsBucket() {
        WebTestClient http = client();
        // percent-encoded letters, matrix parameters and HEAD for GET all reach the search handler
        http.get().uri(java.net.URI.create("/api/v1/%72egistry?q=x")).exchange().expectStatus().isOk();
        http.get().uri(java.net.URI.create("/api/v1/registry;v=1?q=x")).exchange().expectStatus().isOk();
        http.head().uri("/api/v1/registry?q=x").exchange().expectStatus().isOk();
        http.get().uri(java.net.URI.create("/api/v1/%72%65gistry?q=x")).exchange()
            .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        http.post().uri(java.net.URI.create("/api/v1/%76erifications")).exchange().expectStatus().isOk();
        http.post().uri(java.net.URI.create("/api/v1/verification%73")).exchange()
            .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void verificationHasItsOwnBucketAndUnmarkedRoutesAreNotLimited() {
        WebTestClient http = client();
        http.post().uri("/api/v1/verifications").exchange().expectStatus().isOk();
        http.post().uri("/api/v1/verifications").exchange()
            .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
            .expectHeader().valueEquals("Retry-After", "2");
        http.get().uri("/api/v1/registry").exchange().expectStatus().isOk();
        for (int i = 0; i < 20; i++) {
            http.get().uri("/v/CCXP-000-000-000").exchange().expectStatus().isOk();
        }
    }

    @Test
    void bulkVerificationHasItsOwnSlowerBucket() {
        WebTestClient http = client(new RateLimitProperties(true, Map.of(), 100));
        for (int i = 0; i < 3; i++) {
            http.post().uri("/api/v1/verifications/batch").exchange().expectStatus().isOk();
        }
        http.post().uri("/api/v1/verifications/batch").exchange()
            .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
            .expectHeader().valueEquals("Retry-After", "60");
        // single verifications are not held back by a batch
        http.post().uri("/api/v1/verifications").exchange().expectStatus().isOk();
    }

    @Test
    void configurationOverridesARoutesDefaultLimitByName() {
        WebTestClient http = client(new RateLimitProperties(true, Map.of("search", new RateLimitProperties.Limit(1, 1)), 100));
        http.get().uri("/registry").exchange().expectStatus().isOk();
        http.get().uri("/registry").exchange().expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void turnedOffNothingIsLimited() {
        WebTestClient http = client(new RateLimitProperties(false, Map.of(), 100));
        for (int i = 0; i < 10; i++) {
            http.get().uri("/api/v1/registry").exchange().expectStatus().isOk();
        }
    }
}
