package org.certregistry.verifier.keys;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import org.certregistry.verifier.fetch.FetchException;
import org.certregistry.verifier.fetch.Fetched;
import org.certregistry.verifier.fetch.Fetcher;
import org.certregistry.verifier.fetch.HttpFetcher;

/**
 * A key source backed by a JWK set: given in memory, read from a file, or fetched by URL and
 * cached for {@code maxAge}. A key set that cannot be refreshed is used while it is younger
 * than {@code maxStale}; after that the lookup is {@link KeyLookup.Unavailable}, never a guess.
 * An unknown {@code kid} triggers one early refresh (at most every {@code maxAge / 10}), so a
 * rotation is picked up without waiting. Only public keys are kept; thread-safe.
 *
 * <p>Key ids: tokens name their key by URL ({@code https://registry.example/keys/dev-es256-1}),
 * and the JWKS lists it under the same string. A token signed before key URLs names the bare
 * {@code dev-es256-1}; it matches the JWKS entry whose URL kid lies under the trusted registry's
 * {@code /keys/} and ends with that name. A URL kid outside the trusted registry is refused at
 * once (no refresh, no fetch): the key set is the only place keys come from, never the URL a token names.
 */
public final class JwksKeySource implements KeySource {

    private static final int MAX_JWKS_BYTES = 256 * 1024;

    private final String description;
    private final Loader loader;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration maxStale;
    private final Object refreshLock = new Object();
    private final String registryBase;
    private volatile Cached cached;

    private record Cached(JWKSet keys, Instant fetchedAt, Instant checkedAt, boolean fromCache) {
    }

    @FunctionalInterface
    private interface Loader {
        Fetched load() throws FetchException;
    }

    private JwksKeySource(String description, Loader loader, Clock clock, Duration maxAge, Duration maxStale) {
        this(description, loader, clock, maxAge, maxStale, null);
    }

    private JwksKeySource(String description, Loader loader, Clock clock, Duration maxAge, Duration maxStale,
            String registryBase) {
        this.registryBase = registryBase == null ? null : trimSlash(registryBase);
        this.description = description;
        this.loader = loader;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.maxStale = Objects.requireNonNull(maxStale, "maxStale");
    }

    /** A fixed, in-memory key set (e.g. the registry's own keys); never expires. */
    public static JwksKeySource of(JWKSet keys) {
        Objects.requireNonNull(keys, "keys");
        JwksKeySource source = new JwksKeySource("the configured key set", () -> {
            throw new FetchException("a fixed key set is never refreshed");
        }, Clock.systemUTC(), Duration.ofDays(36500), Duration.ofDays(36500));
        source.cached = new Cached(keys.toPublicJWKSet(), Instant.MAX, Instant.MAX, false);
        return source;
    }

    /** A key set read from a JSON file, re-read when older than {@code maxAge}. */
    public static JwksKeySource file(Path path, Clock clock, Duration maxAge) {
        return new JwksKeySource(path.toString(), () -> {
            try {
                if (Files.size(path) > MAX_JWKS_BYTES) {
                    throw new FetchException("the JWKS file " + path + " is larger than " + MAX_JWKS_BYTES + " bytes");
                }
                return new Fetched(Files.readString(path, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8),
                        clock.instant(), false);
            }
            catch (IOException ex) {
                throw new FetchException("cannot read " + path + ": " + ex.getMessage(), ex);
            }
        }, clock, maxAge, maxAge);
    }

    /** A key set fetched over HTTP(S), cached for {@code maxAge} and used up to {@code maxStale} when unreachable. */
    public static JwksKeySource url(URI uri, HttpClient http, Clock clock, Duration maxAge, Duration maxStale) {
        return url(uri, new HttpFetcher(http, clock, Duration.ofSeconds(5), MAX_JWKS_BYTES), clock, maxAge, maxStale);
    }

    /**
     * A key set fetched through {@code fetcher} (network, recording cache, or offline cache),
     * cached for {@code maxAge}, and used while younger than {@code maxStale} when it cannot be
     * refreshed. A copy from an offline cache counts from when it was originally fetched.
     */
    public static JwksKeySource url(URI uri, Fetcher fetcher, Clock clock, Duration maxAge, Duration maxStale) {
        if (maxStale.compareTo(maxAge) < 0) {
            throw new IllegalArgumentException("maxStale must be at least maxAge");
        }
        return new JwksKeySource(uri.toString(), () -> fetcher.fetch(uri, "application/jwk-set+json, application/json"),
                clock, maxAge, maxStale, uri.getScheme() + "://" + uri.getRawAuthority());
    }

    /**
     * This key set as the trusted registry's ({@code https://registry.example}): URL kids must lie
     * under it, and bare-name kids of older tokens match its {@code /keys/<name>} entries.
     */
    public JwksKeySource underRegistry(String registryBaseUrl) {
        JwksKeySource source = new JwksKeySource(description, loader, clock, maxAge, maxStale,
                java.util.Objects.requireNonNull(registryBaseUrl, "registryBaseUrl"));
        source.cached = cached;
        return source;
    }

    @Override
    public KeyLookup find(String keyId) {
        if (keyId == null) {
            return new KeyLookup.Missing(description);
        }
        if (isUrl(keyId) && registryBase != null && !keyId.startsWith(registryBase + "/")) {
            return new KeyLookup.Missing("keys are taken only from " + registryBase + "'s key set, and " + keyId
                    + " lies outside it");
        }
        Cached keys;
        try {
            keys = current(false);
            if (match(keys.keys(), keyId) == null) {
                keys = current(true);
            }
        }
        catch (FetchException ex) {
            return new KeyLookup.Unavailable("The issuer's keys could not be read (" + ex.getMessage() + ")");
        }
        JWK key = match(keys.keys(), keyId);
        if (key == null) {
            return new KeyLookup.Missing(describe(keys));
        }
        return new KeyLookup.Found(key, describe(keys));
    }

    /** The entry named exactly {@code keyId}; for a bare name, the entry {@code <registry>/keys/<name>}. */
    private JWK match(JWKSet keys, String keyId) {
        JWK exact = keys.getKeyByKeyId(keyId);
        if (exact != null || isUrl(keyId) || registryBase == null) {
            return exact;
        }
        String prefix = registryBase + "/keys/";
        for (JWK key : keys.getKeys()) {
            String kid = key.getKeyID();
            if (kid != null && kid.startsWith(prefix) && kid.substring(prefix.length()).equals(keyId)) {
                return key;
            }
        }
        return null;
    }

    private static boolean isUrl(String keyId) {
        return keyId.contains("://");
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private String describe(Cached c) {
        if (c.fetchedAt().equals(Instant.MAX)) {
            return description;
        }
        return description + (c.fromCache() ? ", cached copy fetched " : ", fetched ") + Fetched.age(c.fetchedAt(), clock.instant());
    }

    private Cached current(boolean unknownKid) throws FetchException {
        Instant now = clock.instant();
        Cached c = cached;
        if (c != null && !needsRefresh(c, now, unknownKid)) {
            return c;
        }
        synchronized (refreshLock) {
            c = cached;
            if (c != null && !needsRefresh(c, now, unknownKid)) {
                return c;
            }
            try {
                Fetched fetched = loader.load();
                if (fetched.fetchedAt().plus(maxStale).isBefore(now)) {
                    throw new FetchException("the only copy of the key set was fetched " + Fetched.age(fetched.fetchedAt(), now)
                            + ", older than the " + maxStale.toHours() + " h this verifier accepts");
                }
                JWKSet keys = JWKSet.parse(new String(fetched.body(), StandardCharsets.UTF_8)).toPublicJWKSet();
                Cached fresh = new Cached(keys, fetched.fetchedAt(), now, fetched.fromCache());
                cached = fresh;
                return fresh;
            }
            catch (ParseException ex) {
                return staleOr(c, now, new FetchException("the key set is not a valid JWKS: " + ex.getMessage()));
            }
            catch (FetchException ex) {
                return staleOr(c, now, ex);
            }
        }
    }

    private boolean needsRefresh(Cached c, Instant now, boolean unknownKid) {
        if (c.fetchedAt().equals(Instant.MAX)) {
            return false;
        }
        if (unknownKid) {
            // a new kid may be a rotation: refresh early, but not on every forged kid
            return c.checkedAt().plus(maxAge.dividedBy(10)).isBefore(now);
        }
        return !c.checkedAt().plus(maxAge).isAfter(now);
    }

    private Cached staleOr(Cached c, Instant now, FetchException failure) throws FetchException {
        if (c != null && c.fetchedAt().plus(maxStale).isAfter(now)) {
            return c;
        }
        throw failure;
    }
}
