package org.certregistry.web.verification;

import org.certregistry.web.problem.Problem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** A presented document of a type the registry cannot verify. */
public final class UnsupportedDocumentException extends Problem {

    public UnsupportedDocumentException(MediaType type) {
        super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-document", "Unsupported document", "Cannot verify a document of type " + type + ": send a compact JWT (text/plain or application/jwt), a PDF (application/pdf) or a QR-code image (image/png, image/jpeg).");
    }
}
