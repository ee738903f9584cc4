package org.certregistry.verifier.status;

/** The answer of a {@link StatusSource}. */
public sealed interface StatusLookup {

    /** The bit is set: the credential is revoked. */
    record Set(String source) implements StatusLookup {
    }

    /** The bit is clear. */
    record Clear(String source) implements StatusLookup {
    }

    /** The list could not be read or verified, or no copy fresh enough was at hand. */
    record Unavailable(String reason) implements StatusLookup {
    }
}
