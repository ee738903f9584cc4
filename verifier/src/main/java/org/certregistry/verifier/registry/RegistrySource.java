package org.certregistry.verifier.registry;

import java.time.Instant;

/**
 * The issuing registry's current word on a certificate (optional): suspension and supersession
 * are not in the status list, only in the registry.
 */
public interface RegistrySource {

    /** The registry's current status of the certificate with this number, for the version valid from {@code validFrom}. */
    RegistryLookup lookup(String certificateNumber, String credentialId, Instant validFrom);
}
