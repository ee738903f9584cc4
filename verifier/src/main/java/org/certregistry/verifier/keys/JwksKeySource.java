package org.certregistry.verifier.keys;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

/**
 * A key source backed by a JWK set: given in memory, read from a file, or fetched over HTTP(S)
 * and cached for {@code maxAge}. A key set that cannot be refreshed is used while it is younger
 * than {@code maxStale}; after that the lookup is {@link KeyLookup.Unavailable}, never a guess.
 */
public final class JwksKeySource implements KeySource {

    private static final int MAX_JWKS_BYTES = 256 * 1024;

    private final String description;
    private final Supplier<String> loader;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration maxStale;
    private volatile Cached cached;

    private record Cached(JWKSet keys, Instant fetchedAt) {
    }

    private JwksKeySource(String description, Supplier<String> loader, Clock clock, Duration maxAge, Duration maxStale) {
        this.description = description;
        this.loader = loader;
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxStale = maxStale;
    }

    /** A fixed, in-memory key set (e.g. the registry's own keys). */
    public static JwksKeySource of(JWKSet keys) {
        Objects.requireNonNull(keys, "keys");
        JwksKeySource source = new JwksKeySource("the configured key set", () -> keys.toString(true), Clock.systemUTC(),
                Duration.ofDays(36500), Duration.ZERO);
        source.cached = new Cached(keys.toPublicJWKSet(), Instant.MIN);
        return source;
    }

    /** A key set read from a JSON file, re-read when older than {@code maxAge}. */
    public static JwksKeySource file(Path path, Clock clock, Duration maxAge) {
        return new JwksKeySource(path.toString(), () -> {
            try {
                if (Files.size(path) > MAX_JWKS_BYTES) {
                    throw new IllegalStateException("the JWKS file is larger than " + MAX_JWKS_BYTES + " bytes");
                }
                return Files.readString(path, StandardCharsets.UTF_8);
            }
            catch (IOException ex) {
                throw new IllegalStateException("cannot read " + path + ": " + ex.getMessage(), ex);
            }
        }, clock, maxAge, Duration.ZERO);
    }

    /** A key set fetched over HTTP(S), cached for {@code maxAge} and used up to {@code maxStale} when unreachable. */
    public static JwksKeySource url(URI uri, HttpClient http, Clock clock, Duration maxAge, Duration maxStale) {
        return new JwksKeySource(uri.toString(), () -> {
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/jwk-set+json, application/json").GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(uri + " answered HTTP " + response.statusCode());
                }
                if (response.body().length > MAX_JWKS_BYTES) {
                    throw new IllegalStateException(uri + " sent more than " + MAX_JWKS_BYTES + " bytes");
                }
                return new String(response.body(), StandardCharsets.UTF_8);
            }
            catch (IOException ex) {
                throw new IllegalStateException("cannot reach " + uri + ": " + ex.getMessage(), ex);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fetching " + uri, ex);
            }
        }, clock, maxAge, maxStale);
    }

    /** A key source over a key set already in hand, with the time it was fetched (for offline use). */
    public static JwksKeySource cached(JWKSet keys, Instant fetchedAt, Clock clock, Duration maxStale, String description) {
        JwksKeySource source = new JwksKeySource(description, () -> {
            throw new IllegalStateException("offline: no network fetch of " + description);
        }, clock, Duration.ZERO, maxStale);
        source.cached = new Cached(keys.toPublicJWKSet(), fetchedAt);
        return source;
    }

    @Override
    public KeyLookup find(String keyId) {
        JWKSet keys;
        try {
            keys = current();
        }
        catch (RuntimeException ex) {
            return new KeyLookup.Unavailable("The issuer's keys could not be read (" + ex.getMessage() + ")");
        }
        JWK key = keys.getKeyByKeyId(keyId);
        if (key == null) {
            return new KeyLookup.Missing(description);
        }
        return new KeyLookup.Found(key, description);
    }

    /** When the key set in use was fetched, if it has been. */
    public Instant fetchedAt() {
        Cached c = cached;
        return c == null ? null : c.fetchedAt();
    }

    private JWKSet current() {
        Cached c = cached;
        Instant now = clock.instant();
        if (c != null && (c.fetchedAt().equals(Instant.MIN) || c.fetchedAt().plus(maxAge).isAfter(now))) {
            return c.keys();
        }
        try {
            JWKSet fresh = JWKSet.parse(loader.get()).toPublicJWKSet();
            cached = new Cached(fresh, now);
            return fresh;
        }
        catch (ParseException ex) {
            return staleOr(c, now, new IllegalStateException("the key set is not a valid JWKS: " + ex.getMessage()));
        }
        catch (RuntimeException ex) {
            return staleOr(c, now, ex);
        }
    }

    private JWKSet staleOr(Cached c, Instant now, RuntimeException failure) {
        if (c != null && c.fetchedAt().plus(maxStale).isAfter(now)) {
            return c.keys();
        }
        throw failure;
    }
}
