package org.certregistry.verifier.registry;

/** The answer of a {@link RegistrySource}. */
public sealed interface RegistryLookup {

    /** In good standing, and this credential is the current version. */
    record Current() implements RegistryLookup {
    }

    /** Suspended by the issuer, with the reason it gives publicly. */
    record Suspended(String reason) implements RegistryLookup {
    }

    /** Revoked by the issuer. */
    record Revoked(String reason) implements RegistryLookup {
    }

    /** This is the current version, but it expired and the program's grace period for renewal is over. */
    record Lapsed() implements RegistryLookup {
    }

    /** A renewal replaced this version; {@code currentUrl} shows the current one. */
    record Superseded(String currentUrl) implements RegistryLookup {
    }

    /** The registry has no such certificate. */
    record Unknown() implements RegistryLookup {
    }

    /** The registry could not be asked. */
    record Unavailable(String reason) implements RegistryLookup {
    }
}
