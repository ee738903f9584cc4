package org.certregistry.verifier.document;

/**
 * What a presented document holds: a credential (a JWT given as text or embedded in a PDF),
 * the text of the QR code on it, or why nothing could be read.
 *
 * @param kind what the bytes were
 * @param token the compact JWT given or embedded, or null
 * @param qrText the QR code's text (page 1 of a PDF, or the image), or null when none was found
 * @param problem why the document cannot be used at all, or null
 * @param cause what kind of problem it is, or null when the document was read
 */
public record ReadDocument(Kind kind, String token, String qrText, String problem, Cause cause) {

    /** What kind of document was presented. */
    public enum Kind {
        /** A compact JWT as text. */
        JWT,
        /** A PDF certificate. */
        PDF,
        /** A PNG or JPEG picture of a QR code. */
        IMAGE,
        /** Anything else. */
        UNKNOWN
    }

    /** Why a document could not be read. */
    public enum Cause {
        /** Empty, junk, damaged, of an unsupported kind, or without a credential or QR code: not a certificate. */
        NOT_A_CERTIFICATE,
        /** Refused before reading it through because it would cost more than a limit allows (pixels, pages, candidates...). */
        OVER_LIMIT,
        /** Reading it took longer than the deadline. */
        DEADLINE
    }

    public ReadDocument {
        if ((problem == null) != (cause == null)) {
            throw new IllegalArgumentException("a problem and its cause go together");
        }
    }

    /** A document that was read. */
    public ReadDocument(Kind kind, String token, String qrText) {
        this(kind, token, qrText, null, null);
    }

    static ReadDocument unreadable(Kind kind, String problem) {
        return new ReadDocument(kind, null, null, problem, Cause.NOT_A_CERTIFICATE);
    }

    static ReadDocument unreadable(Kind kind, Cause cause, String problem) {
        return new ReadDocument(kind, null, null, problem, cause);
    }

    public boolean readable() {
        return problem == null;
    }

    /** Whether the document was refused for its cost (a limit or the deadline) rather than for what it is. */
    public boolean refusedForCost() {
        return cause == Cause.OVER_LIMIT || cause == Cause.DEADLINE;
    }
}
