package org.certregistry.issuer.credential;

/** The Data Integrity twin could not be signed (JSON-LD processing or the signature failed); the message says why. */
public final class DataIntegritySigningException extends RuntimeException {

    public DataIntegritySigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
