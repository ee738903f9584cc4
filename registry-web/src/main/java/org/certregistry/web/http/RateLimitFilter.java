package org.certregistry.web.http;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.certregistry.web.problem.Problem;
import org.certregistry.web.problem.ProblemResponses;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits the routes marked {@link RateLimited} per client address, with a token bucket per
 * route name and client; a client over its limit gets 429 with {@code Retry-After} (a problem
 * detail, or a short page for a browser). The route is found the way the dispatcher finds it
 * (the request mapping, on the decoded path without matrix parameters, {@code HEAD} as
 * {@code GET}), so no spelling of a path reaches a limited handler unlimited. Runs after Spring
 * Security, so the refusal carries the security headers too. Behind a proxy, enable
 * {@code server.forward-headers-strategy} so the client's address is the real one.
 */
@Component
public class RateLimitFilter implements WebFilter, Ordered {

    private final RateLimitProperties properties;
    private final HandlerMapping routes;
    private final LongSupplier nanoTime;
    private final Map<String, Cache<String, TokenBucket>> buckets = new ConcurrentHashMap<>();

    private final MeterRegistry meters;

    @Autowired
    RateLimitFilter(RateLimitProperties properties, @Qualifier("requestMappingHandlerMapping") HandlerMapping routes,
            MeterRegistry meters) {
        this(properties, routes, System::nanoTime, meters);
    }

    RateLimitFilter(RateLimitProperties properties, HandlerMapping routes, LongSupplier nanoTime) {
        this(properties, routes, nanoTime, new SimpleMeterRegistry());
    }

    RateLimitFilter(RateLimitProperties properties, HandlerMapping routes, LongSupplier nanoTime, MeterRegistry meters) {
        this.properties = properties;
        this.routes = routes;
        this.nanoTime = nanoTime;
        this.meters = meters;
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
        return limitedRoute(exchange).flatMap(route -> {
            if (route.isEmpty()) {
                return chain.filter(exchange);
            }
            Duration wait = take(route.get(), client(exchange.getRequest()));
            if (wait.isZero()) {
                return chain.filter(exchange);
            }
            Counter.builder("registry.rate.limit.refusals").description("Requests refused with 429 by the per-client limits")
                .tag("limit", route.get().value()).register(meters).increment();
            return refuse(exchange, wait);
        });
    }

    /** The limit of the handler the request is routed to, if it has one. */
    Mono<Optional<RateLimited>> limitedRoute(ServerWebExchange exchange) {
        return routes.getHandler(exchange)
            .map(handler -> Optional.ofNullable(
                    handler instanceof HandlerMethod method ? method.getMethodAnnotation(RateLimited.class) : null))
            // a request no handler takes is refused later (404, 405, 415) without doing any work
            .onErrorResume(ex -> Mono.just(Optional.empty()))
            .defaultIfEmpty(Optional.empty());
    }

    private Duration take(RateLimited route, String client) {
        RateLimitProperties.Limit limit = properties.limits().getOrDefault(route.value(),
                new RateLimitProperties.Limit(route.burst(), route.perSecond()));
        long now = nanoTime.getAsLong();
        return buckets.computeIfAbsent(route.value(), name -> Caffeine.newBuilder().maximumSize(properties.maxClients())
                .expireAfterAccess(Duration.ofMinutes(10)).build())
            .get(client, key -> new TokenBucket(limit, now)).take(now);
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
        ProblemDetail problem = Problem.detail(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests", detail);
        problem.setProperty("retryAfterSeconds", seconds);
        return ProblemResponses.writeForClient(exchange, problem);
    }
}
