package org.certregistry.verifier.keys;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.jwk.ECKey;
import org.certregistry.verifier.fetch.FileCache;
import org.certregistry.verifier.fetch.HttpFetcher;
import org.certregistry.verifier.support.MutableClock;
import org.certregistry.verifier.support.TestKeys;
import org.certregistry.verifier.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class JwksKeySourceTest {

    static final ECKey KEY_A = TestKeys.ec("2026-a");
    static final ECKey KEY_B = TestKeys.ec("2027-b");

    final TestRegistry registry = new TestRegistry().jwks(KEY_A);
    final MutableClock clock = new MutableClock(Instant.parse("2027-01-01T00:00:00Z"));
    final HttpFetcher http = new HttpFetcher(HttpClient.newHttpClient(), clock, Duration.ofSeconds(2), 256 * 1024);

    @TempDir
    Path cacheDir;

    @AfterEach
    void stop() {
        registry.close();
    }

    URI jwks() {
        return URI.create(registry.baseUrl() + "/.well-known/jwks.json");
    }

    @Test
    void theKeySetIsFetchedOnceWhileFresh() {
        JwksKeySource keys = JwksKeySource.url(jwks(), http, clock, Duration.ofMinutes(5), Duration.ofHours(1));
        assertThat(keys.find("2026-a")).isInstanceOf(KeyLookup.Found.class);
        assertThat(keys.find("2026-a")).isInstanceOf(KeyLookup.Found.class);
        assertThat(registry.hits("/.well-known/jwks.json")).isEqualTo(1);
        clock.advance(Duration.ofMinutes(6));
        keys.find("2026-a");
        assertThat(registry.hits("/.well-known/jwks.json")).isEqualTo(2);
    }

    @Test
    void anUnknownKidRefreshesEarlySoARotationIsPickedUp() {
        JwksKeySource keys = JwksKeySource.url(jwks(), http, clock, Duration.ofMinutes(10), Duration.ofHours(1));
        assertThat(keys.find("2026-a")).isInstanceOf(KeyLookup.Found.class);
        registry.jwks(KEY_A, KEY_B);
        // at once: no refresh for every unknown kid (a forger must not make us hammer the issuer)
        assertThat(keys.find("2027-b")).isInstanceOf(KeyLookup.Missing.class);
        clock.advance(Duration.ofMinutes(2));
        assertThat(keys.find("2027-b")).isInstanceOf(KeyLookup.Found.class);
        assertThat(keys.find("2026-a")).isInstanceOf(KeyLookup.Found.class);
    }

    @Test
    void anUnreachableIssuerIsBridgedByAStaleCopyOnlyUntilMaxStale() {
        JwksKeySource keys = JwksKeySource.url(jwks(), http, clock, Duration.ofMinutes(5), Duration.ofHours(1));
        keys.find("2026-a");
        registry.down(true);
        clock.advance(Duration.ofMinutes(30));
        KeyLookup stale = keys.find("2026-a");
        assertThat(stale).isInstanceOf(KeyLookup.Found.class);
        assertThat(((KeyLookup.Found) stale).source()).contains("30 min ago");
        clock.advance(Duration.ofMinutes(31));
        assertThat(keys.find("2026-a")).isInstanceOf(KeyLookup.Unavailable.class);
    }

    @Test
    void offlineUsesTheCachedCopyAndSaysHowOldItIs() {
        FileCache cache = new FileCache(cacheDir);
        JwksKeySource.url(jwks(), cache.recording(http), clock, Duration.ofMinutes(5), Duration.ofHours(1)).find("2026-a");
        registry.close();
        clock.advance(Duration.ofDays(3));
        JwksKeySource offline = JwksKeySource.url(jwks(), cache.offline(), clock, Duration.ofMinutes(5), Duration.ofDays(30));
        KeyLookup found = offline.find("2026-a");
        assertThat(found).isInstanceOf(KeyLookup.Found.class);
        assertThat(((KeyLookup.Found) found).source()).contains("cached copy fetched 3 days ago");
        JwksKeySource tooStrict = JwksKeySource.url(jwks(), cache.offline(), clock, Duration.ofMinutes(5), Duration.ofDays(1));
        assertThat(tooStrict.find("2026-a")).isInstanceOf(KeyLookup.Unavailable.class);
    }

    @Test
    void offlineWithoutACopyIsUnavailable() {
        JwksKeySource offline = JwksKeySource.url(jwks(), new FileCache(cacheDir).offline(), clock, Duration.ofMinutes(5),
                Duration.ofDays(30));
        KeyLookup lookup = offline.find("2026-a");
        assertThat(lookup).isInstanceOf(KeyLookup.Unavailable.class);
        assertThat(((KeyLookup.Unavailable) lookup).reason()).contains("offline");
    }

    @Test
    void privateKeyPartsInAPublishedSetAreNeverKept() {
        registry.serve("/.well-known/jwks.json", new com.nimbusds.jose.jwk.JWKSet(KEY_A).toString(false));
        KeyLookup found = JwksKeySource.url(jwks(), http, clock, Duration.ofMinutes(5), Duration.ofHours(1)).find("2026-a");
        assertThat(((KeyLookup.Found) found).key().isPrivate()).isFalse();
    }
}
