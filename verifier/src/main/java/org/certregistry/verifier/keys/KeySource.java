package org.certregistry.verifier.keys;

/**
 * Where the verifier finds the trusted issuer's public keys. Never the token itself: a key
 * named or embedded in a header is not trusted.
 */
public interface KeySource {

    /** The key with this {@code kid}, or why there is none. */
    KeyLookup find(String keyId);
}
