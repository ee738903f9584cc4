package org.certregistry.web.certificate.web;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.publicrecord.PublicRecord;
import org.certregistry.web.certificate.publicrecord.PublicRecords;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/v1/certificates/{number}}: the public record with its current status. */
@RestController
class PublicCertificateController {

    private final PublicRecords records;

    PublicCertificateController(PublicRecords records) {
        this.records = records;
    }

    @GetMapping("/api/v1/certificates/{number}")
    Mono<ResponseEntity<PublicRecord>> certificate(@PathVariable CertificateNumber number) {
        // no caching: a revocation must show at once
        return records.byNumber(number).map(r -> ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(r));
    }
}
