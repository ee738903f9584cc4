package org.certregistry.web.system.web;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

/** The per-client token buckets on search and verification, with a clock the test moves. */
class RateLimitFilterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RateLimitProperties limits = new RateLimitProperties(true, new RateLimitProperties.Limit(3, 1),
            new RateLimitProperties.Limit(1, 0.5), 100);

    private WebTestClient client(RateLimitProperties properties) {
        return WebTestClient.bindToRouterFunction(RouterFunctions.route(GET("/api/v1/registry"), r -> ServerResponse.ok().build())
                .andRoute(GET("/registry"), r -> ServerResponse.ok().build())
                .andRoute(POST("/api/v1/verifications"), r -> ServerResponse.ok().build())
                .andRoute(GET("/v/{number}"), r -> ServerResponse.ok().build()))
            .webFilter(new RateLimitFilter(properties, nanos::get))
            .build();
    }

    @Test
    void aClientOverItsSearchBurstGets429WithRetryAfterUntilTheBucketRefills() {
        WebTestClient http = client(limits);
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
            .expectBody(String.class).value(body -> org.assertj.core.api.Assertions.assertThat(body)
                .contains("Too many requests", "please wait 1 second"));
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(1_100));
        http.get().uri("/api/v1/registry?q=x").exchange().expectStatus().isOk();
    }

    @Test
    void verificationHasItsOwnBucketAndOtherPathsAreNotLimited() {
        WebTestClient http = client(limits);
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
    void turnedOffNothingIsLimited() {
        WebTestClient http = client(new RateLimitProperties(false, limits.search(), limits.verification(), 100));
        for (int i = 0; i < 10; i++) {
            http.get().uri("/api/v1/registry").exchange().expectStatus().isOk();
        }
    }
}
