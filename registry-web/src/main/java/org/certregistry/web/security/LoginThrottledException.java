package org.certregistry.web.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Too many failed logins for this user name from this client, or too many checks at once: try again later. The password was not checked. */
public final class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        this(retryAfter, "Too many failed logins: try again in " + Math.max(1, retryAfter.toSeconds() + 1) + " seconds.");
    }

    /** Refused for another reason than failures (too many checks at once), said in {@code message}. */
    public LoginThrottledException(Duration retryAfter, String message) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds() + 1);
    }
}
