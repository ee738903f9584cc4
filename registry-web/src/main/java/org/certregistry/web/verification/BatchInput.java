package org.certregistry.web.verification;

import org.springframework.http.MediaType;

/** One row of a bulk verification: a certificate number (from a CSV line) or a document. */
public sealed interface BatchInput {

    /** Its position: the CSV line, or the document's place in the upload (from 1). */
    int row();

    /** A certificate number as typed, and the candidate's name if given (else null). */
    record Number(int row, String number, String name) implements BatchInput {
    }

    /** A document (PDF, JWT or QR picture), named by its file name; {@code type} was sniffed from its bytes. */
    record Document(int row, String label, MediaType type, byte[] bytes) implements BatchInput {
    }

    /**
     * An uploaded file that is no document this registry can check, and why (its row says so; the rest go on).
     *
     * @param reasonKey the bundle key of why, a sentence that names the file ({@code {0}})
     */
    record Unreadable(int row, String label, String reasonKey) implements BatchInput {
    }
}
