package org.certregistry.web.ceu;

import java.util.Map;

import org.certregistry.web.problem.Problem;
import org.springframework.http.HttpStatus;

/**
 * A submission refused because the certificate already has as many submissions, or as much evidence,
 * waiting for review as it may ({@code registry.ceu.max-pending}, {@code max-pending-evidence}).
 * Nothing was stored; one is possible again once an administrator has decided some.
 */
public final class TooManyPendingException extends Problem {

    /** Which limit was reached. */
    public enum Limit {
        /** Submissions waiting for review. */
        SUBMISSIONS,
        /** The evidence of the submissions waiting, in all. */
        EVIDENCE
    }

    private final Limit limit;
    private final long maximum;

    TooManyPendingException(Limit limit, long maximum, String message) {
        super(HttpStatus.CONFLICT, "ceu-too-many-pending", "Too many CEU submissions waiting", message);
        this.limit = limit;
        this.maximum = maximum;
    }

    public Limit limit() {
        return limit;
    }

    /** The limit reached: a count of submissions, or megabytes of evidence. */
    public long maximum() {
        return maximum;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("limit", limit.name().toLowerCase(java.util.Locale.ROOT), "maximum", maximum);
    }
}
