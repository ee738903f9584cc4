package org.certregistry.web.certificate.publicrecord;

import java.time.Clock;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.system.RegistryProperties;
import org.certregistry.web.system.RegistryUrls;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Looks up the public record of a certificate by number. */
@Component
public class PublicRecords {

    private final Certificates certificates;
    private final RegistryUrls urls;
    private final RegistryProperties registry;
    private final Clock clock;
    private final PublicTimeline timeline;

    PublicRecords(Certificates certificates, RegistryProperties registry, RegistryUrls urls, Clock clock, PublicTimeline timeline) {
        this.timeline = timeline;
        this.urls = urls;
        this.certificates = certificates;
        this.registry = registry;
        this.clock = clock;
    }

    /** The record of the certificate with this number; typed errors for a malformed or unknown number. */
    public Mono<PublicRecord> byNumber(CertificateNumber number) {
        return certificates.findRecent(number).flatMap(this::withTimeline);
    }

    /** The record with its public story (first awarded, renewals, suspensions, revocation, lapse). */
    public Mono<PublicRecord> withTimeline(Certificate c) {
        return timeline.of(c).map(entries -> of(c).withTimeline(entries));
    }

    public PublicRecord of(Certificate c) {
        return PublicRecord.of(c, certificates.program(c), clock.instant(), registry.expiringSoon(),
                urls.verificationPage(c.number()));
    }
}
