package org.certregistry.web.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method whose requests are limited per client address: every request the
 * router sends to it counts, however its path is spelled ({@code /api/v1/%72egistry},
 * {@code ;matrix} parameters, {@code HEAD} for a {@code GET}). Methods sharing a {@link #value}
 * share one bucket per client. {@code registry.rate-limit.limits.<name>} overrides the defaults.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RateLimited {

    /** The bucket's name, e.g. {@code search}; also the key of its configuration. */
    String value();

    /** Requests a client may send at once. */
    int burst();

    /** Requests a client may send each second after its burst. */
    double perSecond();
}
