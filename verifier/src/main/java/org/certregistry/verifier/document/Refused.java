package org.certregistry.verifier.document;

/**
 * Thrown inside reading (from zxing's callback, PDFBox's page drawer, our own loops) to stop work
 * that went past a limit or the deadline; caught by {@link DocumentReader} and turned into an
 * unreadable {@link ReadDocument}. Never leaves the package.
 */
final class Refused extends RuntimeException {

    private final ReadDocument.Cause cause;

    Refused(ReadDocument.Cause cause, String message) {
        super(message, null, false, false); // no stack trace: this is control flow, and hostile input can make many
        this.cause = cause;
    }

    ReadDocument.Cause reason() {
        return cause;
    }
}
