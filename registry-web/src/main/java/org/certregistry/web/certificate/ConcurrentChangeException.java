package org.certregistry.web.certificate;

/** Somebody else changed the certificate between reading and writing it; nothing was written. */
public final class ConcurrentChangeException extends RuntimeException {

    public ConcurrentChangeException(String number, String now) {
        super("Certificate " + number + " was changed by someone else meanwhile (it is now " + now
                + "); nothing was changed. Reload it and try again.");
    }
}
