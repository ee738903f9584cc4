package org.certregistry.web.certificate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.certregistry.web.certificate.store.CertificateRepository;
import org.certregistry.web.program.ProgramCatalog;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Data Integrity twin of a certificate's current version. A single issuance stores it at
 * once; a cohort stores its JWTs first and its twins after it is done ({@link #fill}), since a
 * twin costs four times a JWT and held cohorts up. A twin asked for before it is stored is signed
 * then and kept. Either way the bytes are the same: the content is the version's and the proof's
 * time is the version's issuance, and Ed25519 is deterministic.
 */
@Component
public class CredentialTwins {

    private final CertificateRepository repository;
    private final CredentialFactory credentials;
    private final ProgramCatalog programs;
    private final Clock clock;

    CredentialTwins(CertificateRepository repository, CredentialFactory credentials, ProgramCatalog programs, Clock clock) {
        this.repository = repository;
        this.credentials = credentials;
        this.programs = programs;
        this.clock = clock;
    }

    /** The twin of the current version; empty when it has none (its window was over at issuance, or is now). */
    public Mono<String> current(Certificate certificate) {
        return repository.currentCredential(certificate).flatMap(version -> version.dataIntegrity() != null
                ? Mono.just(version.dataIntegrity())
                : signAndKeep(certificate, version.version(), version.issuedAt()));
    }

    /** Signs and stores the missing twins of the certificates numbered (a stored cohort); answers how many. */
    public Mono<Long> fill(List<String> numbers) {
        return repository.withoutTwin(numbers)
            .flatMap(missing -> signAndKeep(missing.getKey(), missing.getKey().credentialVersion(), missing.getValue()),
                    Math.max(2, Runtime.getRuntime().availableProcessors()))
            .count();
    }

    /**
     * Signs the twins that a cohort's fill left missing (its instance stopped, or the fill failed) for versions
     * issued before {@code before}; answers how many were signed. Any instance may run it at any time: a twin is
     * the same bytes whoever signs it, and the first kept stays.
     */
    public Mono<Long> sweep(Instant before) {
        Instant now = clock.instant();
        return repository.currentWithoutTwin(before, now, FILL_BATCH).collectList()
            .expand(batch -> batch.size() < FILL_BATCH ? Mono.empty()
                    : repository.currentWithoutTwin(before, now, FILL_BATCH).collectList())
            .concatMap(batch -> Flux.fromIterable(batch)
                .flatMap(missing -> signAndKeep(missing.getKey(), missing.getKey().credentialVersion(), missing.getValue()),
                        Math.max(2, Runtime.getRuntime().availableProcessors()))
                .count())
            // a batch that signed nothing (programs taken out of the configuration) would be read again: stop there
            .takeWhile(signed -> signed > 0)
            .reduce(0L, Long::sum);
    }

    private Mono<String> signAndKeep(Certificate certificate, int version, Instant issuedAt) {
        return Mono.justOrEmpty(programs.find(certificate.programCode()))
            .flatMap(program -> credentials.signTwin(certificate, program, issuedAt, clock.instant()))
            .flatMap(twin -> repository.keepTwin(certificate.id(), version, twin).thenReturn(twin));
    }

    /** How many certificates one {@link #fill} should take (the numbers go to PostgreSQL as one array). */
    public static final int FILL_BATCH = 500;
}
