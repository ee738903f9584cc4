package org.certregistry.web.holder;

import java.time.ZoneOffset;

import org.certregistry.issuer.pdf.CertificateDocument;
import org.certregistry.issuer.pdf.CertificatePdfRenderer;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateNotFoundException;
import org.certregistry.web.certificate.CertificateRepository;
import org.certregistry.web.certificate.CredentialVersion;
import org.certregistry.web.certificate.HolderLinks;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryProperties;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** What a holder reaches through the private link: the certificate, its credential, its PDF. */
@Service
public class HolderCertificates {

    private final CertificateRepository certificates;
    private final ProgramCatalog programs;
    private final BlockingWork blocking;
    private final RegistryProperties registry;
    private final CertificatePdfRenderer renderer = new CertificatePdfRenderer();

    HolderCertificates(CertificateRepository certificates, ProgramCatalog programs, BlockingWork blocking,
            RegistryProperties registry) {
        this.certificates = certificates;
        this.programs = programs;
        this.blocking = blocking;
        this.registry = registry;
    }

    /** The certificate behind a private link; an unknown or malformed link is "not found", never a hint. */
    public Mono<Certificate> byToken(String token) {
        if (!HolderLinks.wellFormed(token)) {
            return Mono.error(new CertificateNotFoundException("for this link"));
        }
        return certificates.findByHolderTokenHash(HolderLinks.hash(token))
            .switchIfEmpty(Mono.error(() -> new CertificateNotFoundException("for this link")));
    }

    public Mono<CredentialVersion> credential(Certificate certificate) {
        return certificates.currentCredential(certificate);
    }

    /** The printable PDF of the current version, rendered on the bounded scheduler. */
    public Mono<byte[]> pdf(Certificate certificate) {
        Program program = programs.find(certificate.programCode()).orElseThrow();
        return credential(certificate).flatMap(credential -> {
            CertificateDocument document = new CertificateDocument(program.template(), certificate.holderName(),
                    program.name(), program.code(), program.awardingBody().name(), certificate.number(),
                    certificate.awardedAt().atZone(ZoneOffset.UTC).toLocalDate(),
                    certificate.validFrom().atZone(ZoneOffset.UTC).toLocalDate(),
                    certificate.validUntil().atZone(ZoneOffset.UTC).toLocalDate(),
                    registry.verificationUrl(certificate.number()), credential.jwt());
            return blocking.run(() -> renderer.render(document));
        });
    }
}
