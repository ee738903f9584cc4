package org.certregistry.web.verification.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.certregistry.web.http.RateLimited;
import org.certregistry.web.i18n.Messages;
import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.problem.PayloadTooLargeException;
import org.certregistry.web.verification.BatchCsv;
import org.certregistry.web.verification.BatchOutcome;
import org.certregistry.web.verification.BatchResult;
import org.certregistry.web.verification.BatchVerification;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /verify/batch}: an employer uploads a CSV of certificate numbers (and candidates' names) or a
 * few documents and reads a verdict per row, with the signed receipt and the results as CSV to download
 * (data links: the page needs no script).
 */
@Controller
class BatchPageController {

    private final BatchVerification batches;
    private final Messages messages;

    BatchPageController(BatchVerification batches, Messages messages) {
        this.batches = batches;
        this.messages = messages;
    }

    @GetMapping("/verify/batch")
    String form(ServerWebExchange exchange, Model model) {
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore());
        limits(model);
        return "verify-batch";
    }

    // up to 1,000 rows a request: bursts of 3, then one a minute
    @RateLimited(value = "batch", burst = 3, perSecond = 1.0 / 60)
    @PostMapping(path = "/verify/batch", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<String> verify(ServerWebExchange exchange, Model model) {
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore());
        limits(model);
        return exchange.getMultipartData().flatMap(BatchUploads::read).flatMap(batches::verify)
            .map(result -> {
                show(model, result);
                return "verify-batch";
            })
            .onErrorResume(InvalidRequestException.class, ex -> refuse(exchange, model, HttpStatus.BAD_REQUEST,
                    ex.problems().get(0).field() + " " + ex.problems().get(0).message() + "."))
            .onErrorResume(PayloadTooLargeException.class, ex -> refuse(exchange, model, HttpStatus.CONTENT_TOO_LARGE,
                    ex.getMessage()))
            .onErrorResume(DataBufferLimitException.class, ex -> refuse(exchange, model, HttpStatus.CONTENT_TOO_LARGE,
                    messages.forReader(exchange, "verify-batch.too-large")));
    }

    private static void limits(Model model) {
        model.addAttribute("maxRows", BatchVerification.MAX_ROWS);
        model.addAttribute("maxDocuments", BatchVerification.MAX_DOCUMENTS);
    }

    private static void show(Model model, BatchResult result) {
        Map<BatchOutcome, Long> tally = new TreeMap<>();
        result.rows().forEach(r -> tally.merge(r.outcome(), 1L, Long::sum));
        model.addAttribute("result", result);
        model.addAttribute("outcomes", tally);
        model.addAttribute("csvLink", "data:text/csv;charset=utf-8," + encode(BatchCsv.write(result)));
        model.addAttribute("receiptLink", "data:application/jwt," + encode(result.receipt()));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Mono<String> refuse(ServerWebExchange exchange, Model model, HttpStatus status, String message) {
        exchange.getResponse().setStatusCode(status);
        model.addAttribute("refusal", message);
        return Mono.just("verify-batch");
    }
}
