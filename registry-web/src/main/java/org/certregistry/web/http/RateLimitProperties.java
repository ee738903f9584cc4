package org.certregistry.web.http;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client limits on the routes that cost the most ({@code registry.rate-limit}); the routes
 * themselves are the handler methods marked {@link org.certregistry.web.http.RateLimited}, with
 * their default limits. Turn limiting off for load runs from one machine.
 *
 * @param enabled whether requests are limited at all
 * @param limits limits by bucket name ({@code search}, {@code verification}, {@code batch}), overriding the routes' defaults
 * @param maxClients clients remembered at once per bucket; the least recently seen are forgotten first
 */
@ConfigurationProperties("registry.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, Map<String, Limit> limits,
        @DefaultValue("100000") int maxClients) {

    /**
     * A token bucket: a client may send {@code burst} requests at once, then {@code perSecond}
     * a second.
     */
    public record Limit(int burst, double perSecond) {

        public Limit {
            if (burst < 1) {
                throw new IllegalArgumentException("a rate limit's burst must be at least 1, not " + burst);
            }
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException("a rate limit's perSecond must be above 0, not " + perSecond);
            }
        }
    }

    public RateLimitProperties {
        limits = limits == null ? Map.of() : Map.copyOf(limits);
        if (maxClients < 1) {
            throw new IllegalArgumentException("registry.rate-limit.max-clients must be at least 1, not " + maxClients);
        }
    }
}
