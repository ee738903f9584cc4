package org.certregistry.web.certificate.web;

import org.certregistry.issuer.number.InvalidCertificateNumberException;
import org.certregistry.web.certificate.CertificateNotFoundException;
import org.certregistry.web.certificate.PublicRecords;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code GET /v/{number}}: the page the QR code opens; the verdict at a glance. */
@Controller
class VerificationPageController {

    private final PublicRecords records;

    VerificationPageController(PublicRecords records) {
        this.records = records;
    }

    @GetMapping("/v/{number}")
    Mono<String> page(@PathVariable String number, Model model, ServerWebExchange exchange) {
        model.addAttribute("asked", number);
        return records.byNumber(number)
            .map(record -> {
                model.addAttribute("record", record);
                return "verify-number";
            })
            .onErrorResume(InvalidCertificateNumberException.class, ex -> {
                exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
                model.addAttribute("problem", ex.getMessage());
                model.addAttribute("typo", ex.reason() == InvalidCertificateNumberException.Reason.CHECK_FAILED);
                return Mono.just("verify-unknown");
            })
            .onErrorResume(CertificateNotFoundException.class, ex -> {
                exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
                model.addAttribute("problem", ex.getMessage());
                model.addAttribute("typo", false);
                return Mono.just("verify-unknown");
            });
    }
}
