package org.certregistry.web.certificate;

import java.time.Instant;
import java.util.UUID;

/**
 * One signed credential of a certificate: version 1 at issuance, one more per renewal. All are
 * kept. {@code dataIntegrity} is the version's Data Integrity twin (JSON), null for versions
 * signed before twins were issued.
 */
public record CredentialVersion(UUID certificateId, int version, String credentialId, String jwt, String keyId,
        Instant validFrom, Instant validUntil, Instant issuedAt, String dataIntegrity) {
}
