package org.certregistry.web.verification.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.verifier.CheckResult;
import org.certregistry.verifier.Verdict;
import org.certregistry.verifier.VerificationReport;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.PublicStatus;
import org.certregistry.web.system.RegistryUrls;
import org.certregistry.web.http.RateLimited;
import org.certregistry.web.http.UploadedBytes;
import org.certregistry.web.i18n.Messages;
import org.certregistry.web.tally.Channel;
import org.certregistry.web.verification.CredentialVerification;
import org.certregistry.web.verification.UnsupportedDocumentException;
import org.certregistry.web.verification.VerifierBusyException;
import org.springframework.core.io.buffer.DataBufferLimitException;
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

    static final MediaType JPEG = MediaType.IMAGE_JPEG;

    private final CredentialVerification verification;
    private final Messages messages;
    private final Certificates certificates;
    private final RegistryUrls urls;
    private final Clock clock;

    VerifyPageController(CredentialVerification verification, Messages messages, Certificates certificates, RegistryUrls urls,
            Clock clock) {
        this.verification = verification;
        this.messages = messages;
        this.certificates = certificates;
        this.urls = urls;
        this.clock = clock;
    }

    /** The certificate an older copy was renewed into, when it is in force: the page points to it calmly. */
    record Renewed(String number, Instant validUntil, String url) {
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
        if (declared > UploadedDocument.MAX_BYTES + 64 * 1024) {
            return refuse(exchange, model, HttpStatus.CONTENT_TOO_LARGE, UploadedDocument.TOO_LARGE);
        }
        return exchange.getMultipartData()
            .flatMap(this::document)
            .flatMap(document -> verification.verifyDocument(document.type(), document.bytes(), Channel.UPLOAD)
                .flatMap(report -> renewed(report).doOnNext(current -> model.addAttribute("renewed", current)).then(Mono.fromCallable(() -> {
                    show(model, report, document.fileName());
                    return "verify";
                }))))
            .switchIfEmpty(Mono.defer(() -> refuse(exchange, model, HttpStatus.BAD_REQUEST, "verify.refused.nothing")))
            .onErrorResume(UnsupportedDocumentException.class, ex -> {
                model.addAttribute("unsupported", true);
                return refuse(exchange, model, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "verify.refused.unsupported");
            })
            .onErrorResume(VerifierBusyException.class, ex -> {
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()));
                return refuse(exchange, model, HttpStatus.SERVICE_UNAVAILABLE, "verify.refused.busy", ex.retryAfter().toSeconds());
            })
            .onErrorResume(UploadedDocument.Refused.class, ex -> refuse(exchange, model, ex.status, ex.key, ex.args))
            .onErrorResume(DataBufferLimitException.class, ex -> refuse(exchange, model, HttpStatus.CONTENT_TOO_LARGE, UploadedDocument.TOO_LARGE));
    }

    /**
     * For a superseded copy, the current certificate when it is in force (a renewal, not a problem: the page says so
     * calmly); empty otherwise, and when the record cannot be read (the report's verdict then stands alone).
     */
    private Mono<Renewed> renewed(VerificationReport report) {
        if (report.verdict() != Verdict.SUPERSEDED || report.credential().isEmpty()
                || report.credential().get().certificateNumber() == null) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> CertificateNumber.parse(report.credential().get().certificateNumber()))
            .flatMap(certificates::findRecent)
            .filter(c -> c.publicStatus(clock.instant(), certificates.program(c).renewal().gracePeriod()) == PublicStatus.VALID)
            .map(c -> new Renewed(c.number(), c.validUntil(), urls.verificationPage(c.number())))
            .onErrorResume(ex -> Mono.empty());
    }

    private Mono<UploadedDocument> document(MultiValueMap<String, Part> parts) {
        Part file = parts.getFirst("document");
        if (file instanceof FilePart filePart && !filePart.filename().isBlank()) {
            return UploadedBytes.read(filePart.content(), UploadedDocument.MAX_BYTES).flatMap(bytes -> Mono.justOrEmpty(UploadedDocument.sniff(bytes, filePart.filename())));
        }
        Part pasted = parts.getFirst("credential");
        if (pasted instanceof FormFieldPart field && !field.value().isBlank()) {
            byte[] bytes = field.value().strip().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > UploadedDocument.MAX_BYTES) {
                return Mono.error(new UploadedDocument.Refused(HttpStatus.CONTENT_TOO_LARGE, UploadedDocument.TOO_LARGE));
            }
            return Mono.just(new UploadedDocument(CredentialVerification.JWT, bytes, null));
        }
        return Mono.empty();
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
}
