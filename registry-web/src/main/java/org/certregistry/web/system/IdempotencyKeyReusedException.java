package org.certregistry.web.system;

/** An {@code Idempotency-Key} already answered a different request; nothing was done. */
public final class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key '" + key + "' was already used for a different request; use a new key for a new request.");
    }
}
