package org.certregistry.web.verification.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.certregistry.web.http.RateLimited;
import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.problem.PayloadTooLargeException;
import org.certregistry.web.verification.BatchCsv;
import org.certregistry.web.verification.BatchResult;
import org.certregistry.web.verification.BatchVerification;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/verifications/batch}: a CSV ({@code text/csv}: number, optionally name) or a
 * multipart upload of documents in; a verdict per row out, as JSON with the signed receipt, or as CSV
 * when {@code Accept: text/csv}.
 */
@RestController
class BatchVerificationController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final BatchVerification batches;

    BatchVerificationController(BatchVerification batches) {
        this.batches = batches;
    }

    /** The JSON answer. */
    record Answer(Instant checkedAt, int count, List<BatchResult.Row> rows, String receipt) {
    }

    // up to 1,000 rows a request: bursts of 3, then one a minute
    @RateLimited(value = "batch", burst = 3, perSecond = 1.0 / 60)
    @PostMapping(path = "/api/v1/verifications/batch", consumes = "text/csv")
    Mono<ResponseEntity<Object>> csv(@RequestBody(required = false) byte[] body, ServerWebExchange exchange) {
        if (body == null || body.length == 0) {
            return Mono.error(InvalidRequestException.of("body", "is empty: send one certificate number a line, optionally "
                    + "followed by the candidate's name"));
        }
        if (body.length > BatchUploads.MAX_CSV_BYTES) {
            return Mono.error(new PayloadTooLargeException("A batch CSV is at most " + BatchUploads.MAX_CSV_BYTES + " bytes."));
        }
        return Mono.fromCallable(() -> BatchCsv.parse(new String(body, StandardCharsets.UTF_8)))
            .flatMap(batches::verify)
            .map(result -> answer(result, exchange));
    }

    // up to 1,000 rows a request: bursts of 3, then one a minute
    @RateLimited(value = "batch", burst = 3, perSecond = 1.0 / 60)
    @PostMapping(path = "/api/v1/verifications/batch", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<ResponseEntity<Object>> upload(ServerWebExchange exchange) {
        return exchange.getMultipartData().flatMap(BatchUploads::read).flatMap(batches::verify)
            .map(result -> answer(result, exchange));
    }

    private static ResponseEntity<Object> answer(BatchResult result, ServerWebExchange exchange) {
        boolean csv = exchange.getRequest().getHeaders().getAccept().stream()
            .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(CSV));
        if (csv) {
            return ResponseEntity.ok().contentType(CSV).body(BatchCsv.write(result));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
            .body(new Answer(result.checkedAt(), result.rows().size(), result.rows(), result.receipt()));
    }
}
