package org.certregistry.web.holder;

import java.time.Duration;

import org.certregistry.web.problem.Problem;
import org.springframework.http.HttpStatus;

/** The certificate's document could not be rendered in time (the renderers are busy): try again shortly. */
public final class DocumentUnavailableException extends Problem {

    private final Duration retryAfter;

    public DocumentUnavailableException(String document, Duration retryAfter, Throwable cause) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "document-unavailable", "Document not ready", "The certificate " + document + " is being prepared and is not ready yet; please try again in "
                + retryAfter.toSeconds() + " seconds.", cause);
        this.retryAfter = retryAfter;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
