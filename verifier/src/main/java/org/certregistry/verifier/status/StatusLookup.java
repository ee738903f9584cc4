package org.certregistry.verifier.status;

/** The answer of a {@link StatusSource}. */
public sealed interface StatusLookup {

    /** The bit is set: the credential is revoked. {@code source} says where the list came from and how old it is. */
    record Set(String source) implements StatusLookup {
    }

    /** The bit is clear. */
    record Clear(String source) implements StatusLookup {
    }

    /**
     * The list was read but is not a genuine list of the credential's issuer (bad signature,
     * wrong issuer, type or purpose, index outside it): the credential points at a forgery.
     */
    record Invalid(String reason) implements StatusLookup {
    }

    /** The list could not be read, or no copy fresh enough was at hand. */
    record Unavailable(String reason) implements StatusLookup {
    }
}
