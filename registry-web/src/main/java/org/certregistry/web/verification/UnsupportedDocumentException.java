package org.certregistry.web.verification;

import org.springframework.http.MediaType;

/** A presented document of a type the registry cannot verify. */
public final class UnsupportedDocumentException extends RuntimeException {

    public UnsupportedDocumentException(MediaType type) {
        super("Cannot verify a document of type " + type + ": send a compact JWT (text/plain or application/jwt), a PDF (application/pdf) or a QR-code image (image/png, image/jpeg).");
    }
}
