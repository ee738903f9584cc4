package org.certregistry.issuer.keys;

/** A key that cannot be read or used; the message names the key and the problem. */
public final class KeyLoadingException extends RuntimeException {

    public KeyLoadingException(String message) {
        super(message);
    }

    public KeyLoadingException(String message, Throwable cause) {
        super(message, cause);
    }
}
