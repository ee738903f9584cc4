package org.certregistry.issuer.credential;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything one signed credential says: who, what, which number, which window, where its
 * status lives. One value per issuance or renewal.
 *
 * @param credentialId the credential's URL id, the same across renewals of one certificate
 * @param holderId the holder's URL id
 * @param emailSalt salt for the hashed e-mail identifier (the address itself is never in the credential)
 */
public record CredentialContent(String credentialId, IssuerProfile issuer, Achievement achievement,
        String holderId, String holderName, String holderEmail, String emailSalt, String certificateNumber,
        Instant awardedDate, Instant validFrom, Instant validUntil, StatusEntry status) {

    public CredentialContent {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(achievement, "achievement");
        Objects.requireNonNull(holderId, "holderId");
        Objects.requireNonNull(holderName, "holderName");
        Objects.requireNonNull(holderEmail, "holderEmail");
        Objects.requireNonNull(emailSalt, "emailSalt");
        Objects.requireNonNull(certificateNumber, "certificateNumber");
        Objects.requireNonNull(awardedDate, "awardedDate");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(status, "status");
        if (!validUntil.isAfter(validFrom)) {
            throw new IllegalArgumentException("validUntil must be after validFrom");
        }
    }
}
