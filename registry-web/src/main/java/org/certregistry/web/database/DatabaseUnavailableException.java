package org.certregistry.web.database;

import java.time.Duration;

import org.certregistry.web.problem.Problem;
import org.springframework.http.HttpStatus;

/** The database did not answer in time (down, frozen, or every connection busy): nothing was read or changed. */
public final class DatabaseUnavailableException extends Problem {

    /** How long a client is asked to wait: long enough for a restart or a failover to finish. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    public DatabaseUnavailableException(Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Cannot check right now",
                "The registry cannot read its records right now. Nothing was changed; please try again in "
                        + RETRY_AFTER.toSeconds() + " seconds.",
                cause);
    }

    @Override
    public Duration retryAfter() {
        return RETRY_AFTER;
    }
}
