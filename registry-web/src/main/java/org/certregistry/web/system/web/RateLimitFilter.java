package org.certregistry.web.system.web;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits search and verification per client address with a token bucket each; a client over
 * its limit gets 429 with {@code Retry-After} (a problem detail, or a short page for a browser).
 * Runs after Spring Security, so the refusal carries the security headers too. Behind a proxy,
 * enable {@code server.forward-headers-strategy} so the client's address is the real one.
 */
@Component
public class RateLimitFilter implements WebFilter, Ordered {

    private final RateLimitProperties properties;
    private final LongSupplier nanoTime;
    private final Cache<String, TokenBucket> search;
    private final Cache<String, TokenBucket> verification;

    @Autowired
    RateLimitFilter(RateLimitProperties properties) {
        this(properties, System::nanoTime);
    }

    RateLimitFilter(RateLimitProperties properties, LongSupplier nanoTime) {
        this.properties = properties;
        this.nanoTime = nanoTime;
        this.search = buckets(properties);
        this.verification = buckets(properties);
    }

    private static Cache<String, TokenBucket> buckets(RateLimitProperties properties) {
        return Caffeine.newBuilder().maximumSize(properties.maxClients()).expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    @Override
    public int getOrder() {
        return -50; // after Spring Security's WebFilterChainProxy (-100)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!properties.enabled()) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().pathWithinApplication().value();
        HttpMethod method = request.getMethod();
        Cache<String, TokenBucket> buckets = null;
        RateLimitProperties.Limit limit = null;
        if (method == HttpMethod.GET && (path.equals("/registry") || path.equals("/api/v1/registry"))) {
            buckets = search;
            limit = properties.search();
        }
        else if (method == HttpMethod.POST && (path.equals("/verify") || path.equals("/api/v1/verifications"))) {
            buckets = verification;
            limit = properties.verification();
        }
        if (buckets == null) {
            return chain.filter(exchange);
        }
        RateLimitProperties.Limit chosen = limit;
        long now = nanoTime.getAsLong();
        Duration wait = buckets.get(client(request), key -> new TokenBucket(chosen, now)).take(now);
        return wait.isZero() ? chain.filter(exchange) : refuse(exchange, wait);
    }

    private static String client(ServerHttpRequest request) {
        InetSocketAddress address = request.getRemoteAddress();
        if (address == null) {
            return "unknown";
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.getHeaders().setCacheControl("no-store");
        String detail = "Too many requests from your address: please wait " + seconds + " second" + (seconds == 1 ? "" : "s")
                + " and try again.";
        String body;
        boolean page = exchange.getRequest().getHeaders().getAccept().stream()
            .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardType());
        if (page) {
            response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
            body = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/><meta name=\"viewport\" "
                    + "content=\"width=device-width, initial-scale=1\"/><title>Too many requests · Certificate Registry</title>"
                    + "<link rel=\"stylesheet\" href=\"/css/registry.css\"/></head><body><main><h1>Too many requests</h1><p>"
                    + detail + "</p><p><a href=\"/\">Back to the registry</a></p></main></body></html>";
        }
        else {
            response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            body = "{\"type\":\"https://certregistry.org/problems/rate-limited\",\"title\":\"Too many requests\","
                    + "\"status\":429,\"detail\":\"" + detail + "\",\"retryAfterSeconds\":" + seconds + "}";
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }
}
