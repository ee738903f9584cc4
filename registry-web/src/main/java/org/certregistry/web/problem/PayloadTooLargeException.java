package org.certregistry.web.problem;

import org.springframework.http.HttpStatus;

/** A request body larger than the endpoint accepts. */
public final class PayloadTooLargeException extends Problem {

    public PayloadTooLargeException(String message) {
        super(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request too large", message);
    }
}
