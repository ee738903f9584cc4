package org.certregistry.verifier.status;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import org.certregistry.verifier.fetch.HttpFetcher;
import org.certregistry.verifier.keys.JwksKeySource;
import org.certregistry.verifier.support.MutableClock;
import org.certregistry.verifier.support.TestKeys;
import org.certregistry.verifier.support.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignedStatusListSourceTest {

    static final ECKey ISSUER_KEY = TestKeys.ec("issuer-1");
    static final ECKey ATTACKER = TestKeys.ec("attacker");

    final TestRegistry registry = new TestRegistry().jwks(ISSUER_KEY);
    final MutableClock clock = new MutableClock(Instant.parse("2027-01-01T00:00:00Z"));

    @AfterEach
    void stop() {
        registry.close();
    }

    SignedStatusListSource source() {
        HttpFetcher http = new HttpFetcher(HttpClient.newHttpClient(), clock, Duration.ofSeconds(2), 1024 * 1024);
        JwksKeySource keys = JwksKeySource.url(java.net.URI.create(registry.baseUrl() + "/.well-known/jwks.json"), http, clock,
                Duration.ofMinutes(5), Duration.ofHours(1));
        return new SignedStatusListSource(http, keys, Set.of(JWSAlgorithm.ES256), null, clock, Duration.ofMinutes(1),
                Duration.ofMinutes(10));
    }

    String list(int id) {
        return registry.baseUrl() + "/status/" + id;
    }

    @Test
    void bitZeroIsTheLeftMostBitOfTheFirstByte() {
        BitSet bits = new BitSet();
        bits.set(0);
        bits.set(9);
        bits.set(131_071);
        BitstringStatusList list = BitstringStatusList.decode(TestRegistry.encode(bits, 131_072));
        assertThat(list.size()).isEqualTo(131_072);
        assertThat(list.isSet(0)).isTrue();
        assertThat(list.isSet(1)).isFalse();
        assertThat(list.isSet(9)).isTrue();
        assertThat(list.isSet(131_071)).isTrue();
        assertThat(list.isSet(131_070)).isFalse();
    }

    @Test
    void aListShorterThanTheSpecMinimumOrNotMultibaseIsRefused() {
        assertThatThrownBy(() -> BitstringStatusList.decode(TestRegistry.encode(new BitSet(), 1024)))
            .hasMessageContaining("fewer than");
        assertThatThrownBy(() -> BitstringStatusList.decode("zAAAA")).hasMessageContaining("multibase");
        assertThatThrownBy(() -> BitstringStatusList.decode("u!!!")).hasMessageContaining("base64url");
    }

    @Test
    void aGzipBombIsRefusedWithoutInflatingIt() {
        // 64 MiB of zeros compress to ~64 KiB
        String bomb = TestRegistry.encode(new BitSet(), 64 * 1024 * 1024 * 8);
        assertThatThrownBy(() -> BitstringStatusList.decode(bomb)).hasMessageContaining("decompresses to more than");
    }

    @Test
    void aSetBitMeansRevokedAndAClearBitNotRevoked() {
        registry.statusList(1, ISSUER_KEY, registry.issuerId(), 4242);
        SignedStatusListSource source = source();
        assertThat(source.lookup(registry.issuerId(), list(1), 4242)).isInstanceOf(StatusLookup.Set.class);
        assertThat(source.lookup(registry.issuerId(), list(1), 4243)).isInstanceOf(StatusLookup.Clear.class);
        // one fetch serves both lookups while fresh
        assertThat(registry.hits("/status/1")).isEqualTo(1);
    }

    @Test
    void aListSignedByAnotherKeyIsNotTheIssuers() {
        registry.statusList(1, ATTACKER, registry.issuerId());
        assertThat(source().lookup(registry.issuerId(), list(1), 1)).isInstanceOf(StatusLookup.Invalid.class);
    }

    @Test
    void aListSignedWithTheIssuersKidButAnotherKeyIsNotTheIssuers() {
        ECKey impostor = TestKeys.ec(ISSUER_KEY.getKeyID());
        registry.statusList(1, impostor, registry.issuerId());
        StatusLookup lookup = source().lookup(registry.issuerId(), list(1), 1);
        assertThat(lookup).isInstanceOf(StatusLookup.Invalid.class);
        assertThat(((StatusLookup.Invalid) lookup).reason()).contains("signature");
    }

    @Test
    void aListOfAnotherIssuerOrPurposeOrUrlIsRefused() {
        registry.statusList(1, ISSUER_KEY, registry.baseUrl() + "/issuers/other");
        assertThat(source().lookup(registry.issuerId(), list(1), 1)).isInstanceOf(StatusLookup.Invalid.class);
        registry.serve("/status/2", TestRegistry.statusListJwt(list(2), ISSUER_KEY, registry.issuerId(), "suspension"));
        assertThat(source().lookup(registry.issuerId(), list(2), 1)).isInstanceOf(StatusLookup.Invalid.class);
        registry.serve("/status/3", TestRegistry.statusListJwt(list(1), ISSUER_KEY, registry.issuerId(), "revocation"));
        assertThat(source().lookup(registry.issuerId(), list(3), 1)).isInstanceOf(StatusLookup.Invalid.class);
    }

    @Test
    void anIndexOutsideTheListIsRefused() {
        registry.statusList(1, ISSUER_KEY, registry.issuerId());
        assertThat(source().lookup(registry.issuerId(), list(1), 131_072)).isInstanceOf(StatusLookup.Invalid.class);
    }

    @Test
    void anUnreachableListIsUnavailableButAFreshVerifiedCopyIsUsedWithItsAge() {
        registry.statusList(1, ISSUER_KEY, registry.issuerId(), 7);
        SignedStatusListSource source = source();
        assertThat(source.lookup(registry.issuerId(), list(1), 7)).isInstanceOf(StatusLookup.Set.class);
        registry.down(true);
        clock.advance(Duration.ofMinutes(5));
        StatusLookup stale = source.lookup(registry.issuerId(), list(1), 7);
        assertThat(stale).isInstanceOf(StatusLookup.Set.class);
        assertThat(((StatusLookup.Set) stale).source()).contains("5 min ago");
        clock.advance(Duration.ofMinutes(10));
        assertThat(source.lookup(registry.issuerId(), list(1), 7)).isInstanceOf(StatusLookup.Unavailable.class);
        assertThat(source().lookup(registry.issuerId(), list(1), 7)).isInstanceOf(StatusLookup.Unavailable.class);
    }

    @Test
    void aRevocationShowsOnceTheCachedListIsOlderThanItsMaxAge() {
        registry.statusList(1, ISSUER_KEY, registry.issuerId());
        SignedStatusListSource source = source();
        assertThat(source.lookup(registry.issuerId(), list(1), 3)).isInstanceOf(StatusLookup.Clear.class);
        registry.statusList(1, ISSUER_KEY, registry.issuerId(), 3);
        clock.advance(Duration.ofSeconds(61));
        assertThat(source.lookup(registry.issuerId(), list(1), 3)).isInstanceOf(StatusLookup.Set.class);
    }

    static Clock fixed() {
        return Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
    }
}
