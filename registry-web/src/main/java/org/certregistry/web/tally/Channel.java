package org.certregistry.web.tally;

/** How a certificate was verified. */
public enum Channel {

    /** Someone opened the certificate's page {@code /v/{number}}, usually by scanning its QR code. */
    QR_PAGE("QR code page"),
    /** A program sent the credential, a PDF or a QR picture to {@code POST /api/v1/verifications}. */
    API("API"),
    /** An employer's bulk check ({@code /verify/batch}, {@code POST /api/v1/verifications/batch}). */
    BATCH("Bulk check"),
    /** Someone uploaded or pasted a document on the {@code /verify} page. */
    UPLOAD("Document upload");

    private final String label;

    Channel(String label) {
        this.label = label;
    }

    /** The channel in the words the holder's page and the console use. */
    public String label() {
        return label;
    }
}
