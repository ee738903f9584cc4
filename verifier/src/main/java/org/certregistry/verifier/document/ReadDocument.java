package org.certregistry.verifier.document;

/**
 * What a presented document holds: a credential (a JWT given as text or embedded in a PDF),
 * the text of the QR code on it, or why nothing could be read.
 *
 * @param kind what the bytes were
 * @param token the compact JWT given or embedded, or null
 * @param qrText the QR code's text (page 1 of a PDF, or the image), or null when none was found
 * @param problem why the document cannot be used at all, or null
 */
public record ReadDocument(Kind kind, String token, String qrText, String problem) {

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

    static ReadDocument unreadable(Kind kind, String problem) {
        return new ReadDocument(kind, null, null, problem);
    }

    public boolean readable() {
        return problem == null;
    }
}
