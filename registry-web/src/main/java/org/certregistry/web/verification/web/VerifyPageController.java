package org.certregistry.web.verification.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.certregistry.verifier.CheckResult;
import org.certregistry.verifier.VerificationReport;
import org.certregistry.web.verification.CredentialVerification;
import org.certregistry.web.verification.UnsupportedDocumentException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
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

    /** Plain names for the verifier's checks, in the words a relying party uses. */
    static final Map<String, String> CHECK_NAMES = Map.of("document", "Document and QR code",
            "format", "Readable credential", "header", "Signature format",
            "key", "Issuer's public key", "signature", "Signature", "issuer", "Trusted issuer", "credential",
            "Credential contents", "validity", "Validity window", "status", "Revocation list", "registry", "Registry record");

    private final CredentialVerification verification;

    VerifyPageController(CredentialVerification verification) {
        this.verification = verification;
    }

    /** A check as the page shows it. */
    record Line(String name, String outcome, String message) {
        static Line of(CheckResult r) {
            return new Line(CHECK_NAMES.getOrDefault(r.check(), r.check()), r.outcome().name().toLowerCase(Locale.ROOT),
                    r.message());
        }
    }

    /** A document of known type, read into memory (at most {@link #MAX_UPLOAD} bytes). */
    record Document(MediaType type, byte[] bytes, String label) {
    }

    @GetMapping("/verify")
    String form(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore());
        return "verify";
    }

    @PostMapping(path = "/verify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Mono<String> verify(ServerWebExchange exchange, Model model) {
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore());
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > MAX_UPLOAD + 64 * 1024) {
            return refuse(exchange, model, HttpStatus.CONTENT_TOO_LARGE, tooLarge());
        }
        return exchange.getMultipartData()
            .flatMap(this::document)
            .flatMap(document -> verification.verifyDocument(document.type(), document.bytes()).map(report -> {
                show(model, report, document.label());
                return "verify";
            }))
            .switchIfEmpty(Mono.defer(() -> refuse(exchange, model, HttpStatus.BAD_REQUEST,
                    "Nothing to verify: choose a file, or paste the credential, then press Verify.")))
            .onErrorResume(UnsupportedDocumentException.class, ex -> {
                model.addAttribute("unsupported", true);
                return refuse(exchange, model, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "This kind of document cannot be verified "
                        + "here yet. Paste the signed credential (.jwt) instead; it is on the holder's page.");
            })
            .onErrorResume(Refused.class, ex -> refuse(exchange, model, ex.status, ex.getMessage()))
            .onErrorResume(DataBufferLimitException.class, ex -> refuse(exchange, model, HttpStatus.CONTENT_TOO_LARGE, tooLarge()));
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
                return Mono.error(new Refused(HttpStatus.CONTENT_TOO_LARGE, tooLarge()));
            }
            return Mono.just(new Document(CredentialVerification.JWT, bytes, "the pasted credential"));
        }
        return Mono.empty();
    }

    /**
     * The type by the file's first bytes, not by its name or the browser's claim: PDF, PNG, JPEG,
     * or a compact JWT as text. Anything else is refused with the list of what is accepted.
     */
    static Document sniff(byte[] bytes, String filename) {
        String label = "the file " + (filename.length() > 80 ? filename.substring(0, 80) + "…" : filename);
        if (bytes.length == 0) {
            throw new Refused(HttpStatus.BAD_REQUEST, "The file " + filename + " is empty.");
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
        throw new Refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The file " + filename + " is not a PDF, a PNG or JPEG picture, "
                + "or a signed credential (.jwt). Those are the documents this page can check.");
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

    private static void show(Model model, VerificationReport report, String label) {
        model.addAttribute("verdict", report.verdict().name());
        model.addAttribute("verdictWord", report.verdict().name().replace('_', ' '));
        model.addAttribute("sentence", VerdictWords.sentence(report));
        model.addAttribute("checks", report.checks().stream().map(Line::of).toList());
        model.addAttribute("credential", report.credential().orElse(null));
        model.addAttribute("checkedAt", report.checkedAt());
        model.addAttribute("source", label);
    }

    private static Mono<String> refuse(ServerWebExchange exchange, Model model, HttpStatus status, String message) {
        exchange.getResponse().setStatusCode(status);
        model.addAttribute("refusal", message);
        model.addAttribute("checks", List.of());
        return Mono.just("verify");
    }

    private static String tooLarge() {
        return "The file is larger than 5 MB. A certificate PDF or a photo of its QR code is much smaller: "
                + "try a smaller photo, or paste the signed credential instead.";
    }

    /** Input this page refuses, with the status and a sentence for the person. */
    static final class Refused extends RuntimeException {

        final HttpStatus status;

        Refused(HttpStatus status, String message) {
            super(message);
            this.status = status;
        }
    }
}
