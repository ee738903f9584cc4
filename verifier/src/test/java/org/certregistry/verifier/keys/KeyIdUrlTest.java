package org.certregistry.verifier.keys;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import org.certregistry.verifier.fetch.Fetched;
import org.certregistry.verifier.fetch.Fetcher;
import org.certregistry.verifier.support.TestKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Key ids are URLs under the registry; old tokens name the bare key; nothing is fetched from a kid. */
class KeyIdUrlTest {

    static final String REGISTRY = "https://registry.example";
    static final String KEY_URL = REGISTRY + "/keys/dev-es256-1";
    static final ECKey KEY = new ECKey.Builder(TestKeys.ec("ignored")).keyID(KEY_URL).build();

    final Clock clock = Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
    final List<URI> fetched = new ArrayList<>();
    final Fetcher fetcher = (uri, accept) -> {
        fetched.add(uri);
        return new Fetched(new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8), clock.instant(), false);
    };

    JwksKeySource keys() {
        return JwksKeySource.url(URI.create(REGISTRY + "/.well-known/jwks.json"), fetcher, clock, Duration.ofMinutes(5),
                Duration.ofHours(1));
    }

    @Test
    void aUrlKidMatchesTheSameStringInTheTrustedKeySet() {
        assertThat(keys().find(KEY_URL)).isInstanceOf(KeyLookup.Found.class);
    }

    @Test
    void anOldBareKidMatchesItsUrlEntryUnderTheTrustedRegistry() {
        KeyLookup lookup = keys().find("dev-es256-1");
        assertThat(lookup).isInstanceOf(KeyLookup.Found.class);
        assertThat(((KeyLookup.Found) lookup).key().getKeyID()).isEqualTo(KEY_URL);
    }

    @Test
    void aBareKidDoesNotMatchAUrlEntryOfAnotherRegistry() {
        JwksKeySource foreign = JwksKeySource.of(new JWKSet(new ECKey.Builder(KEY).keyID("https://other.example/keys/dev-es256-1")
            .build().toPublicJWK())).underRegistry(REGISTRY);
        assertThat(foreign.find("dev-es256-1")).isInstanceOf(KeyLookup.Missing.class);
    }

    @Test
    void aKidUrlOnAForeignHostIsRefusedWithoutAnyFetch() {
        KeyLookup lookup = keys().find("https://attacker.example/keys/dev-es256-1");
        assertThat(lookup).isInstanceOf(KeyLookup.Missing.class);
        assertThat(fetched).as("not even the trusted key set is fetched for it").isEmpty();
        KeyLookup lookalike = keys().find("https://registry.example.attacker.example/keys/dev-es256-1");
        assertThat(lookalike).isInstanceOf(KeyLookup.Missing.class);
        assertThat(fetched).isEmpty();
    }

    @Test
    void aFixedKeySetWithoutARegistryStillMatchesExactly() {
        assertThat(JwksKeySource.of(new JWKSet(KEY.toPublicJWK())).find(KEY_URL)).isInstanceOf(KeyLookup.Found.class);
        assertThat(JwksKeySource.of(new JWKSet(KEY.toPublicJWK())).find("dev-es256-1")).isInstanceOf(KeyLookup.Missing.class);
    }
}
