package org.certregistry.web.certificate.web;

import org.certregistry.web.certificate.CertificateRepository;
import org.certregistry.web.certificate.CertificateService;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/certificates/{number}/credential}: the certificate's current signed
 * credential, for verifiers holding only its QR code (the number) or an older version. Whatever
 * its state: the credential's status is what verification reports. Never cached.
 */
@RestController
class CurrentCredentialController {

    private static final MediaType JWT = MediaType.parseMediaType("application/jwt");

    private final CertificateService certificates;
    private final CertificateRepository repository;

    CurrentCredentialController(CertificateService certificates, CertificateRepository repository) {
        this.certificates = certificates;
        this.repository = repository;
    }

    @GetMapping("/api/v1/certificates/{number}/credential")
    Mono<ResponseEntity<String>> credential(@PathVariable String number) {
        return certificates.findByNumber(number)
            .flatMap(repository::currentCredential)
            .map(v -> ResponseEntity.ok().contentType(JWT).cacheControl(CacheControl.noCache()).body(v.jwt()));
    }
}
