package org.certregistry.web.certificate;

import java.time.Clock;

import org.certregistry.web.system.RegistryProperties;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Looks up the public record of a certificate by number. */
@Component
public class PublicRecords {

    private final CertificateService certificates;
    private final RegistryProperties registry;
    private final Clock clock;

    PublicRecords(CertificateService certificates, RegistryProperties registry, Clock clock) {
        this.certificates = certificates;
        this.registry = registry;
        this.clock = clock;
    }

    /** The record of the certificate with this number; typed errors for a malformed or unknown number. */
    public Mono<PublicRecord> byNumber(String number) {
        return certificates.findRecentByNumber(number).map(this::of);
    }

    public PublicRecord of(Certificate c) {
        return PublicRecord.of(c, certificates.program(c), clock.instant(), registry.expiringSoon(),
                registry.verificationUrl(c.number()));
    }
}
