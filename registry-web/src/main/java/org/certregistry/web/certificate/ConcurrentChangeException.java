package org.certregistry.web.certificate;

/** Somebody else changed the certificate between reading and writing it; nothing was written. */
public final class ConcurrentChangeException extends RuntimeException {

    private final int expectedVersion;
    private final int currentVersion;

    public ConcurrentChangeException(String number, int expectedVersion, int currentVersion, String now) {
        super("Certificate " + number + " was changed by someone else meanwhile (you had version " + expectedVersion
                + "; it is now " + now + "); nothing was changed. Reload it and try again.");
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    public int expectedVersion() {
        return expectedVersion;
    }

    public int currentVersion() {
        return currentVersion;
    }
}
