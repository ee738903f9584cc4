package org.certregistry.web.status;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bitstring Status Lists ({@code registry.status.*}).
 *
 * @param size entries per new list (at least 131,072, the spec's minimum for herd privacy)
 * @param fillLimit the share of a list's entries in use at which new credentials go to a new list;
 *     entries never clash (StatusIndexPermutation); the limit keeps a list a crowd to hide in
 * @param maxAge how long clients and caches (CDNs included) may keep a served list, also its
 *     {@code ttl}: one second, because a revocation must be visible within a second, and serving
 *     or revalidating a list (strong ETag, 304) costs the registry only a memory lookup
 *     (docs/credential.md weighs it)
 */
@ConfigurationProperties("registry.status")
public record StatusListProperties(@DefaultValue("131072") int size, @DefaultValue("0.5") double fillLimit,
        @DefaultValue("1s") Duration maxAge) {

    public StatusListProperties {
        if (size < 131_072 || size % 8 != 0) {
            throw new IllegalArgumentException("registry.status.size must be at least 131072 and a multiple of 8");
        }
        if (!(fillLimit > 0 && fillLimit <= 0.9)) {
            throw new IllegalArgumentException("registry.status.fill-limit must be above 0 and at most 0.9");
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("registry.status.max-age must not be negative");
        }
    }
}
