package org.certregistry.web.certificate;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The credential anyone who knows a certificate number may fetch: the current credential
 * without its hashed e-mail {@code IdentityObject} (same id, issuer, subject, number, window,
 * status entry and key). The holder's own copy (holder page, PDF) keeps the identifier: a hash
 * and its salt let whoever holds them test guessed addresses offline, so that copy goes only where
 * the holder sends it. Signed once per certificate version and signing key on each instance.
 */
@Component
public class PublicCredentials {

    private record Key(UUID certificateId, int credentialVersion, String keyId, boolean dataIntegrity) {
    }

    private final CredentialFactory credentials;
    private final Certificates certificates;
    private final AsyncCache<Key, String> signed = Caffeine.newBuilder().maximumSize(10_000)
        .expireAfterAccess(Duration.ofHours(1)).buildAsync();

    private final Clock clock;

    PublicCredentials(CredentialFactory credentials, Certificates certificates, Clock clock) {
        this.clock = clock;
        this.credentials = credentials;
        this.certificates = certificates;
    }

    /** The public copy of {@code certificate}'s current credential as a VC-JWT. */
    public Mono<String> current(Certificate certificate) {
        return current(certificate, false);
    }

    /**
     * The public copy of {@code certificate}'s current credential: the VC-JWT, or with
     * {@code dataIntegrity} its Data Integrity twin (empty when its window is over).
     */
    public Mono<String> current(Certificate certificate, boolean dataIntegrity) {
        Key key = new Key(certificate.id(), certificate.credentialVersion(), credentials.keyId(), dataIntegrity);
        return Mono.fromFuture(() -> signed.get(key, (k, executor) -> credentials
            .signPublicCopy(certificate, certificates.program(certificate), dataIntegrity, clock.instant()).toFuture()));
    }
}
