package org.certregistry.web.admin;

import org.certregistry.web.problem.Problem;
import org.springframework.http.HttpStatus;

/** An {@code Idempotency-Key} already answered a different request; nothing was done. */
public final class IdempotencyKeyReusedException extends Problem {

    public IdempotencyKeyReusedException(String key) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused", "Idempotency-Key '" + key + "' was already used for a different request; use a new key for a new request.");
    }
}
