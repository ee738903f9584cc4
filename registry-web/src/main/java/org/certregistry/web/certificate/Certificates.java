package org.certregistry.web.certificate;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.database.DatabaseDeadline;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Reads of single certificates, by number, for every module that needs one. */
@Service
public class Certificates {

    private final CertificateRepository repository;
    private final RecentReads recentReads;
    private final ProgramCatalog programs;
    private final DatabaseDeadline deadline;

    Certificates(CertificateRepository repository, RecentReads recentReads, ProgramCatalog programs, DatabaseDeadline deadline) {
        this.repository = repository;
        this.recentReads = recentReads;
        this.programs = programs;
        this.deadline = deadline;
    }

    /**
     * The certificate with this number as stored now, or a typed error ({@link CertificateNotFoundException};
     * {@code DatabaseUnavailableException} when the database does not answer within its deadline).
     */
    public Mono<Certificate> find(CertificateNumber number) {
        return deadline.bound(repository.findByNumber(number.value()))
            .switchIfEmpty(Mono.error(() -> new CertificateNotFoundException(number.value())));
    }

    /** The certificate with this number for a public page or record: possibly read up to a few hundred ms ago. */
    public Mono<Certificate> findRecent(CertificateNumber number) {
        return deadline.bound(recentReads.byNumber(number.value()))
            .switchIfEmpty(Mono.error(() -> new CertificateNotFoundException(number.value())));
    }

    /** The program a certificate belongs to (programs are configuration; a stored code always names one). */
    public Program program(Certificate certificate) {
        return programs.find(certificate.programCode())
            .orElseThrow(() -> new IllegalStateException("Certificate " + certificate.number() + " names unconfigured program "
                    + certificate.programCode()));
    }
}
