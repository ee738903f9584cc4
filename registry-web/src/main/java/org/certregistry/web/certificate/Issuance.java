package org.certregistry.web.certificate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.store.CertificateRepository;
import org.certregistry.web.certificate.store.IssuanceMeter;
import org.certregistry.web.database.DatabaseDeadline;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.status.StatusEntries;
import org.certregistry.web.status.StatusEntry;
import org.certregistry.web.system.BlockingWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Issues certificates, one at a time or a cohort at once: a fresh random number, a status entry
 * (handed out by the status module, never clashing), a signed credential, a private holder link
 * and the "issued" event, stored in one transaction.
 *
 * <p>Just over 250 lines: the single and the cohort path share the draft, the first version, the
 * "issued" event and the status entries; a cohort signs slices in parallel and stores each in its
 * own transaction, retrying a clash of random numbers with fresh ones.
 */
@Service
public class Issuance {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Certificates per stored batch of a bulk issuance. */
    static final int BATCH = 500;

    private final CertificateRepository certificates;
    private final CredentialFactory credentials;
    private final ProgramCatalog programs;
    private final StatusEntries statusEntries;
    private final TransactionalOperator transaction;
    private final BlockingWork blocking;
    private final ObjectProvider<ChangeParticipant> participants;
    private final Clock clock;
    private final IssuanceMeter meter;

    Issuance(CertificateRepository certificates, CredentialFactory credentials, ProgramCatalog programs, StatusEntries statusEntries,
            ReactiveTransactionManager transactions, BlockingWork blocking, ObjectProvider<ChangeParticipant> participants,
            Clock clock, MeterRegistry meters) {
        this.meter = new IssuanceMeter(meters);
        this.certificates = certificates;
        this.credentials = credentials;
        this.programs = programs;
        this.statusEntries = statusEntries;
        this.transaction = TransactionalOperator.create(transactions);
        this.blocking = blocking;
        this.participants = participants;
        this.clock = clock;
    }

    /**
     * Whether a single issuance may give a second ACTIVE certificate of its program to an address
     * that already has one (compared without case, as issued or as the holder now gives it).
     */
    public enum Duplicate {
        /** Refused with {@link DuplicateCertificateException}, naming the certificate already there: a slip, a form sent twice. */
        REFUSED,
        /** Issued anyway: the caller says the second certificate is meant (e.g. the first was issued in error). */
        INTENDED
    }

    /** Issues one certificate, refusing a second active one of the program to the same address. */
    public Mono<IssuedCertificate> issue(IssueCertificate command, String actor) {
        return issue(command, actor, Duplicate.REFUSED);
    }

    /**
     * Issues one certificate. A clash of random numbers (1 in 10^12 per pair) is retried with a
     * new one, in a new transaction. Unless the duplicate is {@link Duplicate#INTENDED}, an address
     * that already has an active certificate of the program is refused: looked up first (nothing
     * is drawn or signed for a refusal) and again in the issuing transaction under a lock on the
     * program and address, so two issuances at once cannot both pass.
     */
    public Mono<IssuedCertificate> issue(IssueCertificate command, String actor, Duplicate duplicate) {
        Mono<Void> check = duplicate == Duplicate.INTENDED ? Mono.empty() : refuseDuplicate(command);
        return check.then(Mono.defer(() -> issueOnce(command, actor, duplicate)))
            .retryWhen(Retry.max(5).filter(DuplicateKeyException.class::isInstance))
            .as(meter::single);
    }

    private Mono<Void> refuseDuplicate(IssueCertificate command) {
        String program = command.program().code();
        return certificates.activeNumberFor(program, command.holderEmail())
            .flatMap(existing -> Mono.<Void>error(new DuplicateCertificateException(program, command.holderEmail(), existing)));
    }

    private Mono<IssuedCertificate> issueOnce(IssueCertificate command, String actor, Duplicate duplicate) {
        Mono<Void> recheck = duplicate == Duplicate.INTENDED ? Mono.empty()
                : certificates.lockAddress(command.program().code(), command.holderEmail()).then(refuseDuplicate(command));
        // random draws (SecureRandom may read /dev/urandom) and signing are blocking work
        return statusEntries.allocate(command.program())
            .flatMap(entry -> blocking.run(() -> draft(command, entry)))
            .flatMap(draft -> {
                Certificate certificate = draft.certificate();
                return recheck
                    .then(certificates.insert(certificate, HolderLinks.hash(draft.holderToken()), draft.holderLanguage()))
                    .then(certificates.insertCredential(firstVersion(draft)))
                    .then(certificates.appendEvent(issued(certificate, actor, null, certificate.createdAt())))
                    .then(participate(List.of(draft)))
                    .as(transaction::transactional)
                    .thenReturn(draft);
            });
    }

    /** A new certificate with fresh random number, ids and link, and its signed credential. */
    private IssuedCertificate draft(IssueCertificate command, StatusEntry entry) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Certificate certificate = newCertificate(command, entry, now);
        CredentialFactory.SignedCredential signed = credentials.signNow(certificate, command.program(), now);
        return new IssuedCertificate(certificate, signed.jwt(), signed.dataIntegrity(), HolderLinks.newToken(), command.language());
    }

    /**
     * What the caller of {@link #issueMany} stores with each batch, in the batch's transaction: the
     * batch is stored with it or not at all. An error (e.g. the caller lost its claim on the work)
     * rolls the batch back and stops the issuance.
     */
    @FunctionalInterface
    public interface BatchRecord {

        /** @param first the index in the commands of the batch's first certificate */
        Mono<Void> store(int first, List<IssuedCertificate> batch);
    }

    /**
     * Issues many certificates at once (a cohort): signed in parallel on the bounded scheduler and
     * stored in batches, each batch one transaction together with the caller's {@link BatchRecord}.
     * Emits each stored batch, in order. A batch whose random numbers clash is redone with new ones.
     * The JWTs only: the caller has the twins signed after ({@link CredentialTwins#fill}).
     */
    public Flux<List<IssuedCertificate>> issueMany(List<IssueCertificate> commands, String actor, BatchRecord record) {
        List<Integer> firsts = new ArrayList<>();
        for (int i = 0; i < commands.size(); i += BATCH) {
            firsts.add(i);
        }
        // the next batch is signed while this one is stored; batches are stored one at a time, so no two of them wait on
        // each other's locks (the cohort's progress row, the word dictionary) under the statement timeout
        return Flux.fromIterable(firsts)
            .flatMapSequential(first -> sign(slice(commands, first)).map(signed -> new Signed(first, signed)), 2)
            .concatMap(signed -> store(signed.batch(), actor, batch -> record.store(signed.first(), batch))
                // a database that paused (frozen, every connection busy) rolled the batch back: it waits and stores it again
                .retryWhen(DatabaseDeadline.waitOutPauses())
                // a clash of random numbers (1 in 10^12 per pair): the batch again, with new numbers
                .onErrorResume(DuplicateKeyException.class, clash -> Mono.defer(() -> sign(slice(commands, signed.first()))
                        .flatMap(again -> store(again, actor, batch -> record.store(signed.first(), batch))))
                    .retryWhen(Retry.max(3).filter(DuplicateKeyException.class::isInstance))))
            .as(meter::cohort);
    }

    private record Signed(int first, List<IssuedCertificate> batch) {
    }

    private static List<IssueCertificate> slice(List<IssueCertificate> commands, int first) {
        return commands.subList(first, Math.min(commands.size(), first + BATCH));
    }

    /** A batch's status entries, certificates and signed credentials, in the commands' order; nothing stored yet. */
    private Mono<List<IssuedCertificate>> sign(List<IssueCertificate> batch) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return entriesFor(batch)
            .retryWhen(DatabaseDeadline.waitOutPauses())
            .flatMap(entries -> blocking.run(() -> {
                List<Certificate> drafts = new ArrayList<>(batch.size());
                for (int i = 0; i < batch.size(); i++) {
                    drafts.add(newCertificate(batch.get(i), entries.get(i), now));
                }
                return drafts;
            }))
            .flatMapMany(drafts -> Flux.range(0, drafts.size()).map(i -> Map.entry(drafts.get(i), batch.get(i))))
            .flatMapSequential(draft -> credentials.signWithoutTwin(draft.getKey(), programs.find(draft.getKey().programCode()).orElseThrow())
                .map(signed -> new IssuedCertificate(draft.getKey(), signed.jwt(), signed.dataIntegrity(), HolderLinks.newToken(),
                        draft.getValue().language())),
                    Math.max(2, Runtime.getRuntime().availableProcessors() * 2))
            .collectList();
    }

    /** Stores a signed batch in one transaction, with what other modules and the caller store with it. */
    private Mono<List<IssuedCertificate>> store(List<IssuedCertificate> issued, String actor,
            java.util.function.Function<List<IssuedCertificate>, Mono<Void>> record) {
        Instant at = issued.get(0).certificate().createdAt();
        return certificates.insertIssued(
                issued,
                issued.stream().map(i -> HolderLinks.hash(i.holderToken())).toList(),
                issued.stream().map(this::firstVersion).toList(),
                issued.stream().map(i -> issued(i.certificate(), actor, "cohort", at)).toList())
            .then(participate(issued))
            .then(Mono.defer(() -> record.apply(issued)))
            .as(transaction::transactional)
            .thenReturn(issued);
    }

    /** What other modules store with an issuance (the holder's e-mail), in its transaction. */
    private Mono<Void> participate(List<IssuedCertificate> issued) {
        return Flux.fromStream(participants::orderedStream).concatMap(p -> p.issued(issued)).then();
    }

    /** One status entry per command, in order: one reservation per program of the batch. */
    private Mono<List<StatusEntry>> entriesFor(List<IssueCertificate> batch) {
        Map<Program, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            positions.computeIfAbsent(batch.get(i).program(), p -> new ArrayList<>()).add(i);
        }
        StatusEntry[] entries = new StatusEntry[batch.size()];
        return Flux.fromIterable(positions.entrySet())
            .concatMap(group -> statusEntries.allocate(group.getKey(), group.getValue().size()).doOnNext(reserved -> {
                for (int k = 0; k < reserved.size(); k++) {
                    entries[group.getValue().get(k)] = reserved.get(k);
                }
            }))
            .then(Mono.fromSupplier(() -> List.of(entries)));
    }

    private CredentialVersion firstVersion(IssuedCertificate issued) {
        Certificate certificate = issued.certificate();
        return new CredentialVersion(certificate.id(), 1, credentials.credentialId(certificate), issued.credentialJwt(),
                credentials.keyId(), certificate.validFrom(), certificate.validUntil(), certificate.createdAt(),
                issued.credentialJson());
    }

    private static CertificateEvent issued(Certificate certificate, String actor, String reason, Instant at) {
        return new CertificateEvent(certificate.id(), at, actor, CertificateAction.ISSUED, reason, null,
                Lifecycle.snapshot(certificate));
    }

    private static Certificate newCertificate(IssueCertificate command, StatusEntry entry, Instant now) {
        Program program = command.program();
        Instant awardedAt = command.awardedAt().truncatedTo(ChronoUnit.SECONDS);
        Instant validUntil = awardedAt.atOffset(ZoneOffset.UTC).plus(program.validity()).toInstant();
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new Certificate(UUID.randomUUID(), CertificateNumber.random(program.code()).value(), program.code(),
                UUID.randomUUID(), command.holderName(), command.holderEmail(), HexFormat.of().formatHex(salt),
                command.listed(), awardedAt, awardedAt, validUntil, CertificateState.ACTIVE, null, entry.list(), entry.index(),
                0, 1, now, now);
    }
}
