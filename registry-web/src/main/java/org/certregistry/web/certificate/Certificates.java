package org.certregistry.web.certificate;

import java.time.Duration;
import java.time.Instant;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.store.CertificateRepository;
import org.certregistry.web.certificate.store.CertificateRepository.ChangePosition;
import org.certregistry.web.certificate.store.CertificateRepository.ReminderPosition;
import org.certregistry.web.certificate.store.RecentReads;
import org.certregistry.web.database.DatabaseDeadline;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads of single certificates, by number, for every module that needs one. */
@Service
public class Certificates {

    /** Certificates read at a time by the sweeps over many of them. */
    static final int PAGE = 500;

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

    /** The certificate a holder's private link names, by the link's hash; empty when none does. */
    public Mono<Certificate> findByHolderTokenHash(byte[] hash) {
        return repository.findByHolderTokenHash(hash);
    }

    /** The certificate with this number and its current signed credential, in one read (what one verification needs). */
    public Mono<CertificateWithCredential> findWithCurrentCredential(CertificateNumber number) {
        return repository.findWithCurrentCredential(number.value());
    }

    /** The signed credential the certificate carries now. */
    public Mono<CredentialVersion> currentCredential(Certificate certificate) {
        return repository.currentCredential(certificate);
    }

    /** What happened to the certificate, oldest first. */
    public Flux<CertificateEvent> history(Certificate certificate) {
        return repository.history(certificate.id());
    }

    /** One page of the staff list, newest first, and how many match in all. */
    public Mono<CertificatePage> search(CertificateFilter filter, Instant now, Duration expiringSoon) {
        return repository.search(filter, now, expiringSoon);
    }

    /** How many certificates the registry holds. */
    public Mono<Long> count() {
        return repository.count();
    }

    /**
     * Active certificates whose window ends in ({@code from}, {@code to}], read {@value #PAGE} at a time: each page is one
     * short query, where one query streaming them all ran past the statement deadline at a million certificates.
     */
    public Flux<Certificate> activeEndingBetween(Instant from, Instant to) {
        return repository.activeEndingBy(to, ReminderPosition.endingAfter(from), PAGE).collectList()
            .expand(page -> page.size() < PAGE ? Mono.empty()
                    : repository.activeEndingBy(to, ReminderPosition.after(page.get(page.size() - 1)), PAGE).collectList())
            .concatMapIterable(page -> page);
    }

    /** Active certificates changed since {@code since} whose window ends by {@code to}, a page at a time. */
    public Flux<Certificate> activeChangedSince(Instant since, Instant to) {
        return repository.activeChangedSince(since, to, ChangePosition.from(since), PAGE).collectList()
            .expand(page -> page.size() < PAGE ? Mono.empty()
                    : repository.activeChangedSince(since, to, ChangePosition.after(page.get(page.size() - 1)), PAGE)
                        .collectList())
            .concatMapIterable(page -> page);
    }

    /** The program a certificate belongs to (programs are configuration; a stored code always names one). */
    public Program program(Certificate certificate) {
        return programs.find(certificate.programCode())
            .orElseThrow(() -> new IllegalStateException("Certificate " + certificate.number() + " names unconfigured program "
                    + certificate.programCode()));
    }
}
