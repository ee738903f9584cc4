package org.certregistry.web.system.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client limits on the public paths that cost the most: search and verification
 * ({@code registry.rate-limit}). Turn them off for load runs from one machine.
 *
 * @param enabled whether requests are limited at all
 * @param search {@code GET /registry}, {@code GET /api/v1/registry} (default: bursts of 60, then 10 a second)
 * @param verification {@code POST /verify}, {@code POST /api/v1/verifications} (default: 20, then 2 a second)
 * @param maxClients clients remembered at once; the least recently seen are forgotten first
 */
@ConfigurationProperties("registry.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, Limit search, Limit verification,
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
        search = search == null ? new Limit(60, 10) : search;
        verification = verification == null ? new Limit(20, 2) : verification;
        if (maxClients < 1) {
            throw new IllegalArgumentException("registry.rate-limit.max-clients must be at least 1, not " + maxClients);
        }
    }
}
