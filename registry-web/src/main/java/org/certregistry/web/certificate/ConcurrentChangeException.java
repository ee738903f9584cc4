package org.certregistry.web.certificate;

import java.util.Map;

import org.certregistry.web.problem.Problem;
import org.springframework.http.HttpStatus;

/** Somebody else changed the certificate between reading and writing it; nothing was written. */
public final class ConcurrentChangeException extends Problem {

    private final int expectedVersion;
    private final int currentVersion;

    public ConcurrentChangeException(String number, int expectedVersion, int currentVersion, String now) {
        super(HttpStatus.CONFLICT, "concurrent-change", "Changed by someone else", "Certificate " + number + " was changed by someone else meanwhile (you had version " + expectedVersion
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

    @Override
    public Map<String, Object> properties() {
        return Map.of("expectedVersion", expectedVersion, "currentVersion", currentVersion);
    }
}
