package org.certregistry.web.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the registry as a whole.
 *
 * @param baseUrl the public URL the registry is reached at; credential ids, QR codes and links use it
 * @param expiringSoon how long before the end of its window a certificate counts as expiring soon
 * @param blockingThreads threads for CPU-bound and blocking work (signing, PDF, images)
 * @param blockingQueue tasks that may wait for those threads before new ones are refused
 * @param publicReadTtl how long a public page or record may reuse a certificate read; changes made
 *        here evict at once, other instances see them within this time (keep it under 1 s)
 */
@ConfigurationProperties("registry")
public record RegistryProperties(@DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("60d") Duration expiringSoon, @DefaultValue("4") int blockingThreads,
        @DefaultValue("1000") int blockingQueue, @DefaultValue("500ms") Duration publicReadTtl) {

    public RegistryProperties {
        while (baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("registry.base-url must be an http(s) URL, not " + baseUrl);
        }
        if (publicReadTtl.isNegative() || publicReadTtl.compareTo(Duration.ofSeconds(1)) >= 0) {
            throw new IllegalArgumentException("registry.public-read-ttl must be under 1 s: revocation shows within 1 s");
        }
    }
}
