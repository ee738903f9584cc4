package org.certregistry.verifier;

import java.time.Instant;

/**
 * What a verified credential says, for display next to the verdict. Only filled from a
 * credential whose signature checked out.
 */
public record CredentialSummary(String credentialId, String issuerId, String issuerName, String holderName,
        String achievementName, String certificateNumber, Instant awardedDate, Instant validFrom, Instant validUntil) {
}
