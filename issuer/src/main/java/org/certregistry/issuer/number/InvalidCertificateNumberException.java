package org.certregistry.issuer.number;

/** A text that is not a well-formed certificate number; the message says why in plain words. */
public final class InvalidCertificateNumberException extends IllegalArgumentException {

    /** What is wrong with the number. */
    public enum Reason {
        /** Not the shape of a certificate number at all. */
        MALFORMED,
        /** The right shape, but the check character disagrees: most likely a typo. */
        CHECK_FAILED
    }

    private final Reason reason;

    public InvalidCertificateNumberException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
