package org.certregistry.verifier.document;

import java.time.Duration;

/**
 * When reading one document must stop. zxing and PDFBox cannot be interrupted, so the reader
 * calls {@link #check()} at the points where they call back into us (each new finder-pattern
 * candidate, each PDF content-stream operator, each QR decoding attempt); an interrupt (the
 * decoder cancelling the work) counts as the deadline passing.
 */
record Deadline(long atNanos, Duration budget) {

    static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    boolean passed() {
        return System.nanoTime() - atNanos > 0 || Thread.currentThread().isInterrupted();
    }

    void check() {
        if (passed()) {
            throw new Refused(ReadDocument.Cause.DEADLINE, message(budget));
        }
    }

    static String message(Duration budget) {
        return "The document could not be read within " + seconds(budget) + "; it is refused as too costly to read.";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
