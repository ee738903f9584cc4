package org.certregistry.verifier.keys;

import java.util.Objects;

import com.nimbusds.jose.jwk.JWK;

/** The answer of a {@link KeySource}. */
public sealed interface KeyLookup {

    /** The trusted issuer publishes a key with that {@code kid}. */
    record Found(JWK key, String source) implements KeyLookup {
        public Found {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(source, "source");
        }
    }

    /** The trusted issuer's key set was read and has no such key. */
    record Missing(String source) implements KeyLookup {
    }

    /** The key set could not be read, or no copy fresh enough was at hand. */
    record Unavailable(String reason) implements KeyLookup {
    }
}
