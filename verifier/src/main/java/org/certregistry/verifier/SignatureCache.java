package org.certregistry.verifier;

/**
 * Remembers tokens whose signature already verified under a given key, so a repeat costs no new
 * signature check. Only successes are remembered, keyed by a hash of the key and the whole token;
 * nothing about status or the registry is ever cached here.
 */
public interface SignatureCache {

    /** Whether the token with this key (see {@code SignatureCheck}) verified before. */
    boolean verifiedBefore(String key);

    /** Records that the token with this key verified. */
    void remember(String key);

    /** No caching. */
    SignatureCache NONE = new SignatureCache() {
        @Override
        public boolean verifiedBefore(String key) {
            return false;
        }

        @Override
        public void remember(String key) {
        }
    };
}
