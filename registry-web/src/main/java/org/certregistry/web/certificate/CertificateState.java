package org.certregistry.web.certificate;

/** The state an admin puts a certificate in. Expiry is not a state: it follows from the window and the clock. */
public enum CertificateState {
    /** In force (unless its window has ended). */
    ACTIVE,
    /** Temporarily not in force; can be reinstated. */
    SUSPENDED,
    /** Withdrawn for good; final. */
    REVOKED
}
