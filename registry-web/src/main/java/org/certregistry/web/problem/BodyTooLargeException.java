package org.certregistry.web.problem;

import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * A request body cut off while it streamed in, because it grew past what its address accepts;
 * the message says so in words a sender can act on. It is a {@link DataBufferLimitException}, so
 * code that reads a body with a limit of its own handles both alike; when it surfaces before any
 * controller (a filter read the body first), {@code http/TooLargeBodies} answers 413.
 */
public final class BodyTooLargeException extends DataBufferLimitException {

    public BodyTooLargeException(String message) {
        super(message);
    }
}
