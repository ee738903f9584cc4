package org.certregistry.web.verification;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.certregistry.verifier.SignatureCache;
import org.springframework.stereotype.Component;

/**
 * Signatures already verified, by a hash of the token and key (see the verifier's
 * {@code SignatureCheck}): a repeat of the same credential costs no new signature check. Only
 * the signature result is kept; status and registry answers are read fresh every time.
 */
@Component
class SignatureResults implements SignatureCache {

    private final Cache<String, Boolean> verified = Caffeine.newBuilder()
        .maximumSize(100_000)
        .expireAfterAccess(Duration.ofHours(1))
        .build();

    @Override
    public boolean verifiedBefore(String key) {
        return verified.getIfPresent(key) != null;
    }

    @Override
    public void remember(String key) {
        verified.put(key, Boolean.TRUE);
    }

    /** How many verified signatures are remembered (approximate; for tests and metrics). */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
