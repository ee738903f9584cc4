package org.certregistry.issuer.credential;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything one signed credential says: who, what, which number, which window, where its
 * status lives. One value per issuance or renewal.
 *
 * @param credentialId the credential's URL id, the same across renewals of one certificate
 * @param holderId the holder's URL id
 * @param holderEmail the holder's e-mail address, carried only as a salted hash; null in the public copy
 * @param emailSalt salt for the hashed e-mail identifier (the address itself is never in the credential);
 *        null in the public copy
 * @param status the revocation entry (the JWT's one {@code credentialStatus})
 * @param refreshUrl the URL answering the certificate's current credential ({@code refreshService}), or null
 * @param suspension the suspension entry, carried by the Data Integrity twin only, or null
 */
public record CredentialContent(String credentialId, IssuerProfile issuer, Achievement achievement,
        String holderId, String holderName, String holderEmail, String emailSalt, String certificateNumber,
        Instant awardedDate, Instant validFrom, Instant validUntil, StatusEntry status, String refreshUrl,
        StatusEntry suspension) {

    /** Without refresh service and suspension entry (the form callers used before the twin). */
    public CredentialContent(String credentialId, IssuerProfile issuer, Achievement achievement, String holderId,
            String holderName, String holderEmail, String emailSalt, String certificateNumber, Instant awardedDate,
            Instant validFrom, Instant validUntil, StatusEntry status) {
        this(credentialId, issuer, achievement, holderId, holderName, holderEmail, emailSalt, certificateNumber,
                awardedDate, validFrom, validUntil, status, null, null);
    }

    /** This content with a {@code refreshService} pointing at {@code url} (the certificate's current credential). */
    public CredentialContent withRefreshUrl(String url) {
        return new CredentialContent(credentialId, issuer, achievement, holderId, holderName, holderEmail, emailSalt,
                certificateNumber, awardedDate, validFrom, validUntil, status, url, suspension);
    }

    /**
     * The public copy: the same credential without the hashed e-mail {@code IdentityObject}, for
     * anyone who knows only the certificate number. A hash with its salt next to it lets whoever
     * holds it test guessed addresses, so only the holder's own copy carries one.
     */
    public CredentialContent withoutIdentifier() {
        return new CredentialContent(credentialId, issuer, achievement, holderId, holderName, null, null,
                certificateNumber, awardedDate, validFrom, validUntil, status, refreshUrl, suspension);
    }

    /** Whether this is the holder's copy, carrying the hashed e-mail identifier. */
    public boolean hasIdentifier() {
        return holderEmail != null;
    }

    /** This content with a suspension entry (on a list separate from the revocation list). */
    public CredentialContent withSuspension(StatusEntry entry) {
        return new CredentialContent(credentialId, issuer, achievement, holderId, holderName, holderEmail, emailSalt,
                certificateNumber, awardedDate, validFrom, validUntil, status, refreshUrl, entry);
    }

    public CredentialContent {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(achievement, "achievement");
        Objects.requireNonNull(holderId, "holderId");
        Objects.requireNonNull(holderName, "holderName");
        if ((holderEmail == null) != (emailSalt == null)) {
            throw new IllegalArgumentException("holderEmail and emailSalt come together (the holder's copy) or not at all (the public copy)");
        }
        Objects.requireNonNull(certificateNumber, "certificateNumber");
        Objects.requireNonNull(awardedDate, "awardedDate");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(status, "status");
        if (suspension != null && suspension.listUrl().equals(status.listUrl())) {
            throw new IllegalArgumentException("revocation and suspension need separate lists (a list has one statusPurpose)");
        }
        if (!validUntil.isAfter(validFrom)) {
            throw new IllegalArgumentException("validUntil must be after validFrom");
        }
    }
}
