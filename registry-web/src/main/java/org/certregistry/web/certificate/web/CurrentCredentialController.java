package org.certregistry.web.certificate.web;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.PublicCredentials;
import org.certregistry.web.http.CredentialMediaTypes;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/certificates/{number}/credential}: the certificate's current credential,
 * for verifiers holding only its QR code (the number) or an older version. Whatever its state:
 * the credential's status is what verification reports. This is the public copy, without the
 * hashed e-mail ({@link PublicCredentials}); the holder's copy is under the holder's link. Never cached.
 */
@RestController
class CurrentCredentialController {

    private final Certificates certificates;
    private final PublicCredentials publicCredentials;

    CurrentCredentialController(Certificates certificates, PublicCredentials publicCredentials) {
        this.certificates = certificates;
        this.publicCredentials = publicCredentials;
    }

    /**
     * The VC-JWT, or its Data Integrity twin for {@code Accept: application/ld+json} or
     * {@code application/json} (404 when the window is over: no wallet takes an expired twin); both
     * the public copy, without the hashed e-mail. This URL is each
     * credential's {@code refreshService}.
     */
    @GetMapping("/api/v1/certificates/{number}/credential")
    Mono<ResponseEntity<String>> credential(@PathVariable CertificateNumber number,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        boolean json = CredentialMediaTypes.wantsJson(accept);
        return certificates.find(number)
            .flatMap(certificate -> publicCredentials.current(certificate, json))
            .map(body -> ResponseEntity.ok().contentType(json ? CredentialMediaTypes.LD_JSON : CredentialMediaTypes.JWT)
                .cacheControl(CacheControl.noCache()).varyBy(HttpHeaders.ACCEPT).body(body));
    }
}
