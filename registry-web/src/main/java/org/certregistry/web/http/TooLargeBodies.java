package org.certregistry.web.http;

import org.certregistry.web.problem.BodyTooLargeException;
import org.certregistry.web.problem.Problem;
import org.certregistry.web.problem.ProblemResponses;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * A body over its limit found by a filter (Spring Security's CSRF check reads a multipart form
 * before any controller) is the sender's fault: 413 with the reason, never a 500. Ordered before
 * Spring Boot's error handler.
 */
@Component
@Order(-2)
class TooLargeBodies implements WebExceptionHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        DataBufferLimitException tooLarge = null;
        for (Throwable t = ex; t != null && tooLarge == null; t = t.getCause()) {
            tooLarge = t instanceof DataBufferLimitException limit ? limit : null;
        }
        if (tooLarge == null || exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        String detail = tooLarge instanceof BodyTooLargeException ? tooLarge.getMessage()
                : "The request is larger than this address accepts.";
        return ProblemResponses.writeForClient(exchange,
                Problem.detail(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request too large", detail));
    }
}
