package org.certregistry.web.certificate;

/** What the public is told about a certificate now. */
public enum PublicStatus {
    /** Active and inside its validity window. */
    VALID,
    /** Active, but its validity window has ended. */
    EXPIRED,
    /** Suspended by the awarding body. */
    SUSPENDED,
    /** Revoked by the awarding body; final. */
    REVOKED
}
