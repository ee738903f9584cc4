package org.certregistry.verifier.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A document fetched from the issuer (a JWKS, a status list, a registry answer), with when it
 * was fetched and whether it came from the network or from a cache.
 */
public record Fetched(byte[] body, Instant fetchedAt, boolean fromCache) {

    public Fetched {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
    }

    /** "just now", "3 h 12 min ago": how a person reads the age of a copy. */
    public static String age(Instant fetchedAt, Instant now) {
        Duration age = Duration.between(fetchedAt, now);
        if (age.isNegative() || age.toSeconds() < 60) {
            return "just now";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        if (age.toDays() < 2) {
            return age.toHours() + " h " + age.toMinutesPart() + " min ago";
        }
        return age.toDays() + " days ago";
    }
}
