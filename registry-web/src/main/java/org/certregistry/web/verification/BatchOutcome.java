package org.certregistry.web.verification;

import org.certregistry.verifier.Verdict;
import org.certregistry.web.certificate.PublicStatus;

/** The verdict on one row of a bulk verification. */
public enum BatchOutcome {

    /** Genuine, in force, and (when a name was given) the candidate's. */
    VALID,
    /** The certificate exists but the name given is not its holder's. */
    NAME_DOES_NOT_MATCH,
    /** Its validity window has ended. */
    EXPIRED,
    /** Expired and past the program's grace period: no longer renewable. */
    LAPSED,
    /** Suspended by the issuer. */
    SUSPENDED,
    /** Revoked by the issuer. */
    REVOKED,
    /** A renewal replaced this version of the credential (documents only). */
    SUPERSEDED,
    /** Its validity window has not begun (documents only). */
    NOT_YET_VALID,
    /** No certificate has this number (or the number is mistyped). */
    NOT_FOUND,
    /** The document is not a genuine credential of this registry, or could not be read. */
    INVALID,
    /** It could not be fully checked now; not confirmed as valid. */
    UNDETERMINED;

    static BatchOutcome of(PublicStatus status) {
        return switch (status) {
            case VALID -> VALID;
            case EXPIRED -> EXPIRED;
            case LAPSED -> LAPSED;
            case SUSPENDED -> SUSPENDED;
            case REVOKED -> REVOKED;
        };
    }

    static BatchOutcome of(Verdict verdict) {
        return switch (verdict) {
            case VALID -> VALID;
            case INVALID -> INVALID;
            case REVOKED -> REVOKED;
            case SUSPENDED -> SUSPENDED;
            case SUPERSEDED -> SUPERSEDED;
            case LAPSED -> LAPSED;
            case EXPIRED -> EXPIRED;
            case NOT_YET_VALID -> NOT_YET_VALID;
            case UNDETERMINED -> UNDETERMINED;
        };
    }
}
