package org.certregistry.web.http;

import java.util.concurrent.TimeoutException;

import io.r2dbc.spi.R2dbcException;
import org.certregistry.issuer.number.InvalidCertificateNumberException;
import org.certregistry.web.database.DatabaseDeadline;
import org.certregistry.web.database.DatabaseUnavailableException;
import org.certregistry.web.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Where errors become RFC 9457 problem details: every {@link Problem} a module throws, a
 * malformed certificate number (in a path or a body), and the framework's own errors (malformed
 * JSON, wrong media type, unknown route) through the base class. Anything else is logged and
 * answered with a 500 that says nothing was changed; no stack trace reaches a client.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler
    ResponseEntity<ProblemDetail> problem(Problem ex) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(ex.status());
        if (ex.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ex.retryAfter().toSeconds())));
        }
        return answer.body(ex.detail());
    }

    @ExceptionHandler
    ProblemDetail malformedNumber(InvalidCertificateNumberException ex) {
        return Problem.detail(HttpStatus.BAD_REQUEST,
                ex.reason() == InvalidCertificateNumberException.Reason.CHECK_FAILED ? "number-check-failed" : "malformed-number",
                "Not a valid certificate number", ex.getMessage());
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        InvalidCertificateNumberException number = causeOf(ex, InvalidCertificateNumberException.class);
        if (number != null) {
            // a number in a path is parsed at the edge (CertificateNumberConverter); its error reads as the value's own
            return handleExceptionInternal(ex, malformedNumber(number), headers, HttpStatus.BAD_REQUEST, exchange);
        }
        String detail = ex.getCause() instanceof DecodingException
                ? "The request body is not valid JSON of the expected shape: check brackets, quotes, commas and field types."
                : "The request could not be read: " + (ex.getReason() != null ? ex.getReason() : "malformed input") + ".";
        ProblemDetail problem = Problem.detail(HttpStatus.BAD_REQUEST, "unreadable-request", "Unreadable request", detail);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, exchange);
    }

    /** A database fault that no feature turned into its own answer: 503 with Retry-After, never a 500 or a hang. */
    @ExceptionHandler({DataAccessException.class, TransactionException.class, R2dbcException.class, TimeoutException.class})
    ResponseEntity<ProblemDetail> databaseFault(Exception ex) {
        if (!DatabaseDeadline.isFault(ex)) {
            return ResponseEntity.internalServerError().body(unexpected(new IllegalStateException(ex)));
        }
        log.warn("Database unavailable: {}", ex.toString());
        return problem(new DatabaseUnavailableException(ex));
    }

    @ExceptionHandler
    ProblemDetail unexpected(RuntimeException ex) {
        log.error("Unexpected error", ex);
        return Problem.detail(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Something went wrong",
                "The registry could not complete the request. Nothing was changed; please try again later.");
    }

    private static <T extends Throwable> T causeOf(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
