package org.certregistry.web.certificate.web;

import java.time.temporal.ChronoUnit;
import java.util.Locale;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.issuer.number.InvalidCertificateNumberException;
import org.certregistry.web.certificate.CertificateNotFoundException;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.publicrecord.PublicRecord;
import org.certregistry.web.certificate.publicrecord.PublicRecords;
import org.certregistry.web.database.DatabaseUnavailableException;
import org.certregistry.web.http.RenderedPages;
import org.certregistry.web.system.RegistryUrls;
import org.certregistry.web.tally.Channel;
import org.certregistry.web.tally.Tally;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v/{number}}: the page the QR code opens; the verdict at a glance, in one round
 * trip and without script. Never cached by browsers or proxies; the certificate is read through
 * the registry's short-lived recent reads, which every change evicts, so a revocation shows at once.
 * The page's rendering is reused while the record, language and address are the same ({@link RenderedPages}).
 * When the database does not answer in time, a page says the registry cannot check right now (503).
 */
@Controller
class VerificationPageController {

    private final Certificates certificates;
    private final PublicRecords records;
    private final Tally tally;
    private final RenderedPages pages;
    private final RegistryUrls urls;

    VerificationPageController(Certificates certificates, PublicRecords records, Tally tally, RenderedPages pages,
            RegistryUrls urls) {
        this.urls = urls;
        this.certificates = certificates;
        this.records = records;
        this.tally = tally;
        this.pages = pages;
    }

    /** Everything the page shows, as the key of its rendering. */
    private record Shown(PublicRecord record, int credentialVersion, Locale language, String path, String query) {
    }

    @GetMapping("/v/{number}")
    Mono<Object> page(@PathVariable String number, Model model, ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore());
        model.addAttribute("asked", number.length() > 60 ? number.substring(0, 60) + "…" : number);
        return Mono.fromCallable(() -> CertificateNumber.parse(number)).flatMap(certificates::findRecent)
            .flatMap(certificate -> records.withTimeline(certificate).flatMap(read -> {
                tally.count(certificate.id(), certificate.programCode(), Channel.QR_PAGE);
                // the page says when the record was read to the minute: so does the record it is rendered from, and a
                // rendering is reused for the same record, language and address within that minute
                PublicRecord record = read.checkedTo(ChronoUnit.MINUTES);
                model.addAttribute("record", record);
                model.addAttribute("credentialVersion", certificate.credentialVersion());
                model.addAttribute("badgeUrl", urls.badge(record.program().code()));
                Locale language = exchange.getLocaleContext().getLocale();
                var request = exchange.getRequest().getURI();
                return pages.page(new Shown(record, certificate.credentialVersion(), language, request.getRawPath(),
                        request.getRawQuery()), "verify-number", language);
            }))
            .<Object>map(view -> view)
            .onErrorResume(InvalidCertificateNumberException.class, ex -> {
                exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
                model.addAttribute("typo", ex.reason() == InvalidCertificateNumberException.Reason.CHECK_FAILED);
                model.addAttribute("malformed", ex.reason() != InvalidCertificateNumberException.Reason.CHECK_FAILED);
                return Mono.just("verify-unknown");
            })
            .onErrorResume(DatabaseUnavailableException.class, ex -> {
                // a person with a phone is told plainly, not handed JSON
                exchange.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
                exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()));
                return Mono.just("verify-unavailable");
            })
            .onErrorResume(CertificateNotFoundException.class, ex -> {
                exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
                model.addAttribute("typo", false);
                model.addAttribute("malformed", false);
                return Mono.just("verify-unknown");
            });
    }
}
