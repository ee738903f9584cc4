package org.certregistry.web.certificate;

/** What the public is told about a certificate now. */
public enum PublicStatus {
    /** Active and inside its validity window. */
    VALID,
    /** Active, but its validity window has ended; it can still be renewed within the program's grace period. */
    EXPIRED,
    /** Its window and the grace period for renewal have both ended: it must be earned again. */
    LAPSED,
    /** Suspended by the awarding body. */
    SUSPENDED,
    /** Revoked by the awarding body; final. */
    REVOKED
}
