package org.certregistry.web.certificate;

import java.time.Instant;
import java.util.UUID;

/** One signed credential of a certificate: version 1 at issuance, one more per renewal. All are kept. */
public record CredentialVersion(UUID certificateId, int version, String credentialId, String jwt, String keyId,
        Instant validFrom, Instant validUntil, Instant issuedAt) {
}
