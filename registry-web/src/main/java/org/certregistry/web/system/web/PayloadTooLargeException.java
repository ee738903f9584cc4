package org.certregistry.web.system.web;

/** A request body larger than the endpoint accepts. */
public final class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
