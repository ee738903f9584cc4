package org.certregistry.web.system.web;

import java.net.URI;
import java.util.Map;

import org.certregistry.issuer.number.InvalidCertificateNumberException;
import org.certregistry.web.certificate.CertificateNotFoundException;
import org.certregistry.web.certificate.ConcurrentChangeException;
import org.certregistry.web.certificate.IllegalTransitionException;
import org.certregistry.web.holder.DocumentUnavailableException;
import org.certregistry.web.system.InvalidRequestException;
import org.certregistry.web.verification.UnsupportedDocumentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place domain errors become RFC 9457 problem details. Framework errors (malformed JSON,
 * wrong media type, unknown route) come out as problem details through the base class.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);
    private static final String TYPE = "https://certregistry.org/problems/";

    @ExceptionHandler
    ProblemDetail invalid(InvalidRequestException ex) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request is invalid", ex.getMessage());
        problem.setProperty("errors", ex.problems().stream().map(p -> Map.of("field", p.field(), "message", p.message())).toList());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail malformedNumber(InvalidCertificateNumberException ex) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST,
                ex.reason() == InvalidCertificateNumberException.Reason.CHECK_FAILED ? "number-check-failed" : "malformed-number",
                "Not a valid certificate number", ex.getMessage());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(CertificateNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Certificate not found", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(IllegalTransitionException ex) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "illegal-transition", "Not allowed in this state", ex.getMessage());
        problem.setProperty("state", ex.state().name());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail concurrent(ConcurrentChangeException ex) {
        return problem(HttpStatus.CONFLICT, "concurrent-change", "Changed by someone else", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unsupported(UnsupportedDocumentException ex) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-document", "Unsupported document", ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail tooLarge(PayloadTooLargeException ex) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", "Request too large", ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> documentUnavailable(DocumentUnavailableException ex) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, ex.retryAfter().toSeconds())))
            .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "document-unavailable", "Document not ready", ex.getMessage()));
    }

    @Override
    protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex, HttpHeaders headers,
            HttpStatusCode status, ServerWebExchange exchange) {
        String detail = ex.getCause() instanceof DecodingException
                ? "The request body is not valid JSON of the expected shape: check brackets, quotes, commas and field types."
                : "The request could not be read: " + (ex.getReason() != null ? ex.getReason() : "malformed input") + ".";
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "unreadable-request", "Unreadable request", detail);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, exchange);
    }

    @ExceptionHandler
    ProblemDetail unexpected(RuntimeException ex) {
        log.error("Unexpected error", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Something went wrong",
                "The registry could not complete the request. Nothing was changed; please try again later.");
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE + type));
        problem.setTitle(title);
        return problem;
    }

}
