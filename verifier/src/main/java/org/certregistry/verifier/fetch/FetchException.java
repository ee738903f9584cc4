package org.certregistry.verifier.fetch;

/** A document could not be fetched: unreachable, refused, too large, or not in the offline cache. */
public final class FetchException extends Exception {

    private final int status;

    public FetchException(String message) {
        this(message, 0);
    }

    /** The server answered with this HTTP status instead of the document. */
    public FetchException(String message, int status) {
        super(message);
        this.status = status;
    }

    public FetchException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status the server answered, or 0 when none was received. */
    public int status() {
        return status;
    }
}
