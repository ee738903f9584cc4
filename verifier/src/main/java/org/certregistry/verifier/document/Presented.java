package org.certregistry.verifier.document;

import org.certregistry.verifier.VerificationReport;
import org.certregistry.verifier.check.PresentedCredential;

/** What a read document comes to before anything is looked up (see {@link DocumentVerifier#present}). */
public sealed interface Presented {

    /** Nothing needs looking up: the report is final (an unreadable document, a QR code of another site). */
    record Answered(VerificationReport report) implements Presented {
    }

    /**
     * The certificate a document names, by its credential's claim (parsed, not yet trusted) or by its QR code.
     *
     * @param document the document as read
     * @param number the certificate number named, or null when the credential names none (its checks will fail it)
     * @param credential the credential the document carries, or null when only its QR code was read and the
     *        registry's current credential for {@code number} is needed
     */
    record Naming(ReadDocument document, String number, PresentedCredential credential) implements Presented {

        /** Whether the registry's current credential must be had (the document carries only a QR code). */
        public boolean needsCurrentCredential() {
            return credential == null;
        }
    }
}
