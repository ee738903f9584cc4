package org.certregistry.web.certificate.web;

import org.certregistry.issuer.number.InvalidCertificateNumberException;
import org.certregistry.web.certificate.CertificateNotFoundException;
import org.certregistry.web.certificate.CertificateService;
import org.certregistry.web.certificate.PublicRecords;
import org.springframework.http.CacheControl;
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
 */
@Controller
class VerificationPageController {

    private final CertificateService certificates;
    private final PublicRecords records;

    VerificationPageController(CertificateService certificates, PublicRecords records) {
        this.certificates = certificates;
        this.records = records;
    }

    @GetMapping("/v/{number}")
    Mono<String> page(@PathVariable String number, Model model, ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore());
        model.addAttribute("asked", number.length() > 60 ? number.substring(0, 60) + "…" : number);
        return certificates.findRecentByNumber(number)
            .map(certificate -> {
                model.addAttribute("record", records.of(certificate));
                model.addAttribute("credentialVersion", certificate.credentialVersion());
                return "verify-number";
            })
            .onErrorResume(InvalidCertificateNumberException.class, ex -> {
                exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
                model.addAttribute("typo", ex.reason() == InvalidCertificateNumberException.Reason.CHECK_FAILED);
                model.addAttribute("malformed", ex.reason() != InvalidCertificateNumberException.Reason.CHECK_FAILED);
                return Mono.just("verify-unknown");
            })
            .onErrorResume(CertificateNotFoundException.class, ex -> {
                exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
                model.addAttribute("typo", false);
                model.addAttribute("malformed", false);
                return Mono.just("verify-unknown");
            });
    }
}
