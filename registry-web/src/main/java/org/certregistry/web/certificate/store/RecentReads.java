package org.certregistry.web.certificate.store;

import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateChanged;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.cluster.NotificationsResumed;
import org.certregistry.web.system.RegistryProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Certificates read for public pages and records, reused for at most
 * {@code registry.public-read-ttl} (500 ms by default) so a burst of lookups of one certificate
 * (a QR code scanned by a room) costs one query. Every change this instance commits evicts the
 * entry at once, and every other instance as soon as the change reaches it ({@link CertificateChanged}
 * is a shared event); should a notification be lost, the TTL still bounds what is shown.
 * Verification never reads through here: it reads the database each time.
 */
@Component
public class RecentReads {

    private final CertificateRepository certificates;
    private final AsyncCache<String, Certificate> cache;

    RecentReads(CertificateRepository certificates, RegistryProperties registry) {
        this.certificates = certificates;
        this.cache = Caffeine.newBuilder().expireAfterWrite(registry.publicReadTtl()).maximumSize(10_000).buildAsync();
    }

    /** The certificate with this canonical number, or empty; unknown numbers are not remembered. */
    public Mono<Certificate> byNumber(String number) {
        CompletableFuture<Certificate> read = cache.get(number, (key, executor) -> certificates.findByNumber(key).toFuture());
        return Mono.fromFuture(read, true);
    }

    @EventListener
    public void evict(CertificateChanged changed) {
        cache.synchronous().invalidate(changed.number());
    }

    @EventListener
    public void evictAll(NotificationsResumed resumed) {
        cache.synchronous().invalidateAll();
    }
}
