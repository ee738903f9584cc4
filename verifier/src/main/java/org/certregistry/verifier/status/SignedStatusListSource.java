package org.certregistry.verifier.status;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.verifier.check.HeaderCheck;
import org.certregistry.verifier.check.KeyCheck;
import org.certregistry.verifier.check.SignatureCheck;
import org.certregistry.verifier.fetch.FetchException;
import org.certregistry.verifier.fetch.Fetched;
import org.certregistry.verifier.fetch.Fetcher;
import org.certregistry.verifier.keys.KeyLookup;
import org.certregistry.verifier.keys.KeySource;

/**
 * Reads revocation bits from the issuer's published Bitstring Status List credentials: fetches
 * the signed list (a JWT), verifies it exactly as a credential is verified (header rules, key
 * from the trusted issuer's key set only, signature), checks that it is a
 * {@code BitstringStatusListCredential} of the credential's own issuer, at the URL the credential
 * names, for the purpose {@code revocation}, and only then reads the bit. Verified lists are kept
 * for {@code maxAge}; when a list cannot be refreshed, a verified copy younger than
 * {@code maxStale} is used and its age is reported. Thread-safe.
 */
public final class SignedStatusListSource implements StatusSource {

    private static final int MAX_LIST_TOKEN = 1024 * 1024;

    private final Fetcher fetcher;
    private final KeySource keys;
    private final Set<JWSAlgorithm> algorithms;
    private final Provider provider;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration maxStale;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(String issuerId, BitstringStatusList list, Instant fetchedAt, Instant checkedAt, boolean fromCache) {
    }

    /** A list that was read but is not the issuer's: a hard failure, not an outage. */
    private static final class NotGenuine extends Exception {
        NotGenuine(String message) {
            super(message, null, false, false);
        }
    }

    public SignedStatusListSource(Fetcher fetcher, KeySource keys, Set<JWSAlgorithm> algorithms, Provider provider, Clock clock,
            Duration maxAge, Duration maxStale) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.algorithms = Set.copyOf(algorithms);
        this.provider = provider;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.maxStale = Objects.requireNonNull(maxStale, "maxStale");
    }

    @Override
    public StatusLookup lookup(String issuerId, String listUrl, int index) {
        Instant now = clock.instant();
        URI uri;
        try {
            uri = URI.create(listUrl);
        }
        catch (IllegalArgumentException ex) {
            return new StatusLookup.Invalid("the status list URL " + listUrl + " is not a URL.");
        }
        Verified list = verified.get(listUrl);
        if (list == null || !list.issuerId().equals(issuerId) || !list.checkedAt().plus(maxAge).isAfter(now)) {
            try {
                list = fetchAndVerify(uri, issuerId, now);
                verified.put(listUrl, list);
            }
            catch (NotGenuine ex) {
                return new StatusLookup.Invalid(ex.getMessage());
            }
            catch (FetchException ex) {
                Verified stale = verified.get(listUrl);
                if (stale == null || !stale.issuerId().equals(issuerId) || !stale.fetchedAt().plus(maxStale).isAfter(now)) {
                    return new StatusLookup.Unavailable("the issuer's revocation list could not be read (" + ex.getMessage() + ")");
                }
                list = stale;
            }
        }
        if (index >= list.list().size()) {
            return new StatusLookup.Invalid("the credential's status index " + index + " lies outside the list of "
                    + list.list().size() + " entries.");
        }
        String source = listUrl + (list.fromCache() ? ", cached copy fetched " : ", fetched ") + Fetched.age(list.fetchedAt(), now);
        return list.list().isSet(index) ? new StatusLookup.Set(source) : new StatusLookup.Clear(source);
    }

    private Verified fetchAndVerify(URI uri, String issuerId, Instant now) throws FetchException, NotGenuine {
        Fetched fetched = fetcher.fetch(uri, "application/vc+jwt, application/jwt, text/plain");
        if (fetched.fetchedAt().plus(maxStale).isBefore(now)) {
            throw new FetchException("the only copy of " + uri + " was fetched " + Fetched.age(fetched.fetchedAt(), now)
                    + ", too old to vouch for");
        }
        if (fetched.body().length > MAX_LIST_TOKEN) {
            throw new NotGenuine("the status list at " + uri + " is larger than any genuine list.");
        }
        String token = new String(fetched.body(), StandardCharsets.US_ASCII).strip();
        SignedJWT jwt;
        Map<String, Object> claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet().toJSONObject();
        }
        catch (ParseException | RuntimeException ex) {
            throw new NotGenuine("the status list at " + uri + " is not a signed JWT.");
        }
        String headerProblem = HeaderCheck.problem(jwt.getHeader(), algorithms);
        if (headerProblem != null) {
            throw new NotGenuine("the status list's header is wrong: " + headerProblem);
        }
        KeyLookup key = keys.find(jwt.getHeader().getKeyID());
        if (key instanceof KeyLookup.Unavailable u) {
            throw new FetchException(u.reason());
        }
        if (!(key instanceof KeyLookup.Found found)) {
            throw new NotGenuine("the status list is signed with key " + jwt.getHeader().getKeyID()
                    + ", which the issuer does not publish.");
        }
        String mismatch = KeyCheck.mismatch(found.key(), jwt.getHeader().getAlgorithm());
        if (mismatch != null || !SignatureCheck.verifies(jwt, found.key(), provider)) {
            throw new NotGenuine("the status list's signature does not verify under the issuer's key.");
        }
        String shape = shapeProblem(claims, uri.toString(), issuerId, now);
        if (shape != null) {
            throw new NotGenuine("the status list " + shape + ".");
        }
        try {
            Map<?, ?> subject = (Map<?, ?>) claims.get("credentialSubject");
            return new Verified(issuerId, BitstringStatusList.decode((String) subject.get("encodedList")), fetched.fetchedAt(), now,
                    fetched.fromCache());
        }
        catch (IllegalArgumentException ex) {
            throw new NotGenuine("the status list's bits cannot be read: " + ex.getMessage());
        }
    }

    private String shapeProblem(Map<String, Object> claims, String listUrl, String issuerId, Instant now) {
        Object type = claims.get("type");
        if (!(type instanceof List<?> types) || !types.contains("BitstringStatusListCredential")) {
            return "is not a BitstringStatusListCredential";
        }
        Object issuer = claims.get("issuer");
        Object listIssuer = issuer instanceof Map<?, ?> map ? map.get("id") : issuer;
        if (!issuerId.equals(listIssuer) || !issuerId.equals(claims.get("iss"))) {
            return "is issued by " + listIssuer + ", not by the credential's issuer " + issuerId;
        }
        if (!listUrl.equals(claims.get("id"))) {
            return "at " + listUrl + " names itself " + claims.get("id");
        }
        if (!(claims.get("credentialSubject") instanceof Map<?, ?> subject)) {
            return "has no credentialSubject";
        }
        if (!"BitstringStatusList".equals(subject.get("type"))) {
            return "subject is not a BitstringStatusList";
        }
        if (!"revocation".equals(subject.get("statusPurpose"))) {
            return "is for " + subject.get("statusPurpose") + ", not revocation";
        }
        if (!(subject.get("encodedList") instanceof String)) {
            return "has no encodedList";
        }
        Instant validUntil = instant(claims.get("validUntil"));
        if (validUntil != null && !validUntil.isAfter(now)) {
            return "expired at " + validUntil;
        }
        Instant validFrom = instant(claims.get("validFrom"));
        if (validFrom != null && validFrom.isAfter(now.plusSeconds(300))) {
            return "is dated in the future (" + validFrom + ")";
        }
        return null;
    }

    private static Instant instant(Object value) {
        try {
            return value instanceof String s ? Instant.parse(s) : null;
        }
        catch (RuntimeException ex) {
            return null;
        }
    }
}
