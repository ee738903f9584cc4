package org.certregistry.web.verification;

import java.time.Duration;

import org.certregistry.web.problem.Problem;
import org.springframework.http.HttpStatus;

/** Every document reader is busy and the queue is full: nothing was read; try again shortly. */
public final class VerifierBusyException extends Problem {

    /** A document is read within seconds; a short wait is usually enough. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    public VerifierBusyException() {
        super(HttpStatus.SERVICE_UNAVAILABLE, "verifier-busy", "Verifier busy",
                "The registry is reading many documents right now and cannot take this one; please try again in "
                        + RETRY_AFTER.toSeconds() + " seconds. A pasted credential (.jwt) is checked at once.");
    }

    @Override
    public Duration retryAfter() {
        return RETRY_AFTER;
    }
}
