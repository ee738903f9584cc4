package org.certregistry.verifier;

/** The overall answer about a presented credential. Declared from most to least severe. */
public enum Verdict {
    /** Not a genuine credential of a trusted issuer: malformed, tampered, forged or wrongly signed. */
    INVALID,
    /** Genuine, but revoked by the issuer; final. */
    REVOKED,
    /** Genuine, but suspended by the issuer for now. */
    SUSPENDED,
    /** Genuine, but a newer version (a renewal) replaces it. */
    SUPERSEDED,
    /**
     * Genuine, but it expired and the program's grace period for renewal is over too: it must be earned
     * again. Only the registry knows the grace period, so only its record says so.
     */
    LAPSED,
    /** Genuine, but its validity window has ended. */
    EXPIRED,
    /** Genuine, but its validity window has not begun. */
    NOT_YET_VALID,
    /** Could not decide: keys, status or registry could not be reached or are too stale. */
    UNDETERMINED,
    /** Genuine, issued by a trusted issuer, within its window, and not revoked or suspended. */
    VALID
}
