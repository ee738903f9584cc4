package org.certregistry.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The application's own routes: search, verification and bulk verification are limited however their paths are spelled. */
class RateLimitedRoutesTest extends RegistryIntegrationTest {

    @Autowired
    RateLimitFilter filter;

    @Autowired
    WebTestClient http;

    private Optional<String> bucketOf(HttpMethod method, String path, MediaType type) {
        MockServerHttpRequest.BodyBuilder request = MockServerHttpRequest.method(method, URI.create(path));
        if (type != null) {
            request.contentType(type);
        }
        return filter.limitedRoute(MockServerWebExchange.from(request)).block(Duration.ofSeconds(10))
            .map(route -> route.value());
    }

    @Test
    void searchAndVerificationAreLimitedUnderEverySpellingTheRouterAccepts() {
        assertThat(bucketOf(HttpMethod.GET, "/api/v1/registry?q=x", null)).contains("search");
        assertThat(bucketOf(HttpMethod.GET, "/api/v1/%72egistry?q=x", null)).contains("search");
        assertThat(bucketOf(HttpMethod.GET, "/api/v1/registry;a=b?q=x", null)).contains("search");
        assertThat(bucketOf(HttpMethod.HEAD, "/api/v1/registry?q=x", null)).contains("search");
        assertThat(bucketOf(HttpMethod.GET, "/%72egistry", null)).contains("search");
        assertThat(bucketOf(HttpMethod.POST, "/api/v1/%76erifications", MediaType.parseMediaType("application/jwt")))
            .contains("verification");
        assertThat(bucketOf(HttpMethod.POST, "/%76erify", MediaType.MULTIPART_FORM_DATA)).contains("verification");
        assertThat(bucketOf(HttpMethod.POST, "/api/v1/verifications/batch", MediaType.parseMediaType("text/csv"))).contains("batch");
        assertThat(bucketOf(HttpMethod.POST, "/api/v1/%76erifications/batch", MediaType.MULTIPART_FORM_DATA)).contains("batch");
        assertThat(bucketOf(HttpMethod.POST, "/verify/batch", MediaType.MULTIPART_FORM_DATA)).contains("batch");
        assertThat(bucketOf(HttpMethod.GET, "/verify/batch", null)).isEmpty();
        assertThat(bucketOf(HttpMethod.GET, "/verify", null)).isEmpty();
        assertThat(bucketOf(HttpMethod.GET, "/v/CCXP-000-000-000", null)).isEmpty();
        assertThat(bucketOf(HttpMethod.GET, "/.well-known/jwks.json", null)).isEmpty();
    }

    @Test
    void theRouterReallyServesAPercentEncodedSearchPath() {
        String plain = http.get().uri("/api/v1/registry?q=nobody-by-this-name").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        String encoded = http.get().uri(URI.create(BASE_URL + "/api/v1/%72egistry?q=nobody-by-this-name")).exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(encoded).isEqualTo(plain);
    }
}
