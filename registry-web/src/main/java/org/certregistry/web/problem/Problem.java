package org.certregistry.web.problem;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * An error a client can act on, as a type: its HTTP status, its problem type (a word under
 * {@value #TYPE_BASE}), a title, a message that says what to do, and any extra members. Feature
 * modules declare their errors as subclasses; {@code ApiProblems} (and the filters that answer
 * before any controller) turn them into RFC 9457 problem details through {@link #detail}, the one
 * place those are made.
 */
public abstract class Problem extends RuntimeException {

    public static final String TYPE_BASE = "https://certregistry.org/problems/";

    private final HttpStatus status;
    private final String type;
    private final String title;

    protected Problem(HttpStatus status, String type, String title, String message) {
        this(status, type, title, message, null);
    }

    protected Problem(HttpStatus status, String type, String title, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    /** Extra members of the problem document, e.g. the state a transition was refused in. */
    public Map<String, Object> properties() {
        return Map.of();
    }

    /** How long to wait before trying again, when waiting helps (sent as {@code Retry-After}). */
    public Duration retryAfter() {
        return null;
    }

    /** This problem as a problem detail. */
    public ProblemDetail detail() {
        ProblemDetail problem = detail(status, type, title, getMessage());
        properties().forEach(problem::setProperty);
        return problem;
    }

    /** A problem detail of a given type: for errors that are not thrown (framework errors, filters). */
    public static ProblemDetail detail(HttpStatus status, String type, String title, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
