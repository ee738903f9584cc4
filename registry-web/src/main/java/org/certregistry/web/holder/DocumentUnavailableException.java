package org.certregistry.web.holder;

import java.time.Duration;

/** The certificate's document could not be rendered in time (the renderers are busy): try again shortly. */
public final class DocumentUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public DocumentUnavailableException(String document, Duration retryAfter, Throwable cause) {
        super("The certificate " + document + " is being prepared and is not ready yet; please try again in "
                + retryAfter.toSeconds() + " seconds.", cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
