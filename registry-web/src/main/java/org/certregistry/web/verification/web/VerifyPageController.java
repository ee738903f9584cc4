package org.certregistry.web.verification.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.certregistry.verifier.CheckResult;
import org.certregistry.verifier.VerificationReport;
import org.certregistry.web.http.RateLimited;
import org.certregistry.web.i18n.Messages;
import org.certregistry.web.tally.Channel;
import org.certregistry.web.verification.CredentialVerification;
import org.certregistry.web.verification.UnsupportedDocumentException;
import org.certregistry.web.verification.VerifierBusyException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code /verify}: upload a PDF or a photo of the QR code, or paste the credential, and read the
 * report, each check in plain words. Uploads are limited in size and type; the checks and any
 * decoding run off the event loop inside {@link CredentialVerification}.
 */
@Controller
class VerifyPageController {

    static final int MAX_UPLOAD = 5 * 1024 * 1024;
    static final MediaType JPEG = MediaType.IMAGE_JPEG;

    private final CredentialVerification verification;
    private final Messages messages;

    VerifyPageController(CredentialVerification verification, Messages messages) {
        this.verification = verification;
        this.messages = messages;
    }

    /**
     * A check as the page shows it: its name by its stable word ({@code check.<word>} in the bundles; the document
     * check covers the QR code too, on this page), the outcome's word, and the verifier's own message (English).
     */
    public record Line(String check, String outcome, String message) {
        static Line of(CheckResult r) {
            return new Line(r.check().word(), r.outcome().name().toLowerCase(Locale.ROOT), r.message());
        }
    }

    /** A document of known type, read into memory (at most {@link #MAX_UPLOAD} bytes); {@code fileName} null when pasted. */
    record Document(MediaType type, byte[] bytes, String fileName) {
    }

    @GetMapping("/verify")
    String form(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore());
        return "verify";
    }

    @RateLimited(value = "verification", burst = 20, perSecond = 2)
    @PostMapping(path = "/verify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<String> verify(ServerWebExchange exchange, Model model) {
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore());
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > MAX_UPLOAD + 64 * 1024) {
            return refuse(exchange, model, HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE);
        }
        return exchange.getMultipartData()
            .flatMap(this::document)
            .flatMap(document -> verification.verifyDocument(document.type(), document.bytes(), Channel.UPLOAD).map(report -> {
                show(model, report, document.fileName());
                return "verify";
            }))
            .switchIfEmpty(Mono.defer(() -> refuse(exchange, model, HttpStatus.BAD_REQUEST, "verify.refused.nothing")))
            .onErrorResume(UnsupportedDocumentException.class, ex -> {
                model.addAttribute("unsupported", true);
                return refuse(exchange, model, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "verify.refused.unsupported");
            })
            .onErrorResume(VerifierBusyException.class, ex -> {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()));
                return refuse(exchange, model, HttpStatus.SERVICE_UNAVAILABLE, "verify.refused.busy", ex.retryAfter().toSeconds());
            })
            .onErrorResume(Refused.class, ex -> refuse(exchange, model, ex.status, ex.key, ex.args))
            .onErrorResume(DataBufferLimitException.class, ex -> refuse(exchange, model, HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE));
    }

    private Mono<Document> document(MultiValueMap<String, Part> parts) {
        Part file = parts.getFirst("document");
        if (file instanceof FilePart filePart && !filePart.filename().isBlank()) {
            return DataBufferUtils.join(filePart.content(), MAX_UPLOAD).map(buffer -> {
                try {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    return bytes;
                }
                finally {
                    DataBufferUtils.release(buffer);
                }
            }).flatMap(bytes -> Mono.justOrEmpty(sniff(bytes, filePart.filename())));
        }
        Part pasted = parts.getFirst("credential");
        if (pasted instanceof FormFieldPart field && !field.value().isBlank()) {
            byte[] bytes = field.value().strip().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > MAX_UPLOAD) {
                return Mono.error(new Refused(HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE));
            }
            return Mono.just(new Document(CredentialVerification.JWT, bytes, null));
        }
        return Mono.empty();
    }

    /**
     * The type by the file's first bytes, not by its name or the browser's claim: PDF, PNG, JPEG,
     * or a compact JWT as text. Anything else is refused with the list of what is accepted.
     */
    static Document sniff(byte[] bytes, String filename) {
        String label = filename.length() > 80 ? filename.substring(0, 80) + "…" : filename;
        if (bytes.length == 0) {
            throw new Refused(HttpStatus.BAD_REQUEST, "verify.refused.empty", label);
        }
        if (startsWith(bytes, 0x25, 0x50, 0x44, 0x46, 0x2D)) {
            return new Document(MediaType.APPLICATION_PDF, bytes, label);
        }
        if (startsWith(bytes, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)) {
            return new Document(MediaType.IMAGE_PNG, bytes, label);
        }
        if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) {
            return new Document(JPEG, bytes, label);
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*")) {
            return new Document(CredentialVerification.JWT, text.getBytes(StandardCharsets.UTF_8), label);
        }
        throw new Refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "verify.refused.type", label);
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The report; the template words the verdict ({@code verdict.*}) and its sentence ({@link VerdictWords}). */
    static void show(Model model, VerificationReport report, String fileName) {
        model.addAttribute("verdict", report.verdict().name());
        model.addAttribute("sentence", VerdictWords.of(report));
        model.addAttribute("checks", report.checks().stream().map(Line::of).toList());
        model.addAttribute("credential", report.credential().orElse(null));
        model.addAttribute("checkedAt", report.checkedAt());
        model.addAttribute("fileName", fileName);
    }

    /** Answers the form again with why it was refused, in the reader's language ({@code verify.refused.*}). */
    private Mono<String> refuse(ServerWebExchange exchange, Model model, HttpStatus status, String key, Object... args) {
        exchange.getResponse().setStatusCode(status);
        model.addAttribute("refusal", messages.forReader(exchange, key, args));
        model.addAttribute("checks", List.of());
        return Mono.just("verify");
    }

    /** The bundle key of the refusal of a file over {@link #MAX_UPLOAD}. */
    static final String TOO_LARGE = "verify.refused.too-large";

    /** Input this page refuses: the status, and the key and values of a sentence for the person. */
    static final class Refused extends RuntimeException {

        final HttpStatus status;
        final String key;
        final Object[] args;

        Refused(HttpStatus status, String key, Object... args) {
            super(key, null, false, false);
            this.status = status;
            this.key = key;
            this.args = args;
        }
    }
}
