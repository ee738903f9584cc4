package org.certregistry.web.certificate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.system.InvalidRequestException;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.program.RenewalPolicy;
import org.certregistry.web.status.StatusLists;
import org.certregistry.web.system.BlockingWork;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Issues certificates and changes their state. Every change is stored together with its
 * history event in one transaction, and guarded by the certificate's version.
 */
@Service
public class CertificateService {


    private static final SecureRandom RANDOM = new SecureRandom();

    private final CertificateRepository certificates;
    private final ProgramCatalog programs;
    private final CredentialFactory credentials;
    private final TransactionalOperator transaction;
    private final BlockingWork blocking;
    private final Clock clock;
    private final StatusLists statusLists;
    private final RecentReads recentReads;

    CertificateService(CertificateRepository certificates, ProgramCatalog programs, CredentialFactory credentials,
            ReactiveTransactionManager transactions, BlockingWork blocking, Clock clock, StatusLists statusLists,
            RecentReads recentReads) {
        this.statusLists = statusLists;
        this.recentReads = recentReads;
        this.certificates = certificates;
        this.programs = programs;
        this.credentials = credentials;
        this.transaction = TransactionalOperator.create(transactions);
        this.blocking = blocking;
        this.clock = clock;
    }

    /**
     * Issues a certificate: a fresh random number and status index, a signed credential, a
     * private holder link, and the "issued" history event, all stored at once. A clash of random
     * number or index is retried with new ones.
     */
    public Mono<IssuedCertificate> issue(IssueCertificate command, String actor) {
        return Mono.defer(() -> issueOnce(command, actor))
            .retryWhen(Retry.max(5).filter(DuplicateKeyException.class::isInstance));
    }

    private Mono<IssuedCertificate> issueOnce(IssueCertificate command, String actor) {
        // random draws (SecureRandom may read /dev/urandom) and signing are blocking work
        return statusLists.allocate(command.program()).flatMap(slot -> blocking.run(() -> draft(command, slot))).flatMap(draft -> {
            Certificate certificate = draft.certificate();
            CredentialVersion version = new CredentialVersion(certificate.id(), 1, credentials.credentialId(certificate),
                    draft.credentialJwt(), credentials.keyId(), certificate.validFrom(), certificate.validUntil(),
                    certificate.createdAt());
            CertificateEvent event = new CertificateEvent(certificate.id(), certificate.createdAt(), actor, "ISSUED", null, null,
                    snapshot(certificate));
            return certificates.insert(certificate, HolderLinks.hash(draft.holderToken()))
                .then(certificates.insertCredential(version))
                .then(certificates.appendEvent(event))
                .as(transaction::transactional)
                .thenReturn(new IssuedCertificate(certificate, draft.credentialJwt(), draft.holderToken()));
        });
    }

    /** A new certificate with fresh random number, index, ids and link, and its signed credential. */
    private IssuedCertificate draft(IssueCertificate command, StatusLists.Slot slot) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Program program = command.program();
        Certificate certificate = newCertificate(command, slot.list(), slot.drawIndex(RANDOM), now);
        return new IssuedCertificate(certificate, credentials.signNow(certificate, program), HolderLinks.newToken());
    }

    /**
     * Issues many certificates at once (a cohort): signed in parallel on the bounded scheduler and
     * stored in batches, each batch one transaction. Emits each stored batch, in order. A clash
     * of random number or status index redoes that batch with new ones.
     */
    public Flux<List<IssuedCertificate>> issueMany(List<IssueCertificate> commands, String actor) {
        StatusIndexes indexes = new StatusIndexes();
        List<List<IssueCertificate>> batches = new ArrayList<>();
        for (int i = 0; i < commands.size(); i += BATCH) {
            batches.add(commands.subList(i, Math.min(commands.size(), i + BATCH)));
        }
        // two batches in flight: one signing while the other is written
        return Flux.fromIterable(batches).flatMapSequential(batch -> Mono.defer(() -> issueBatch(batch, indexes, actor))
            .retryWhen(Retry.max(3).filter(DuplicateKeyException.class::isInstance)), 2);
    }

    /** Certificates per stored batch of a bulk issuance. */
    static final int BATCH = 500;

    private Mono<List<IssuedCertificate>> issueBatch(List<IssueCertificate> batch, StatusIndexes indexes, String actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // slots first (mostly in memory), then every random draw of the batch in one go off the event loop
        return Flux.fromIterable(batch)
            .concatMap(command -> statusLists.allocate(command.program())
                .flatMap(slot -> indexes.used(slot.list()).map(used -> new Draft(command, slot, used))))
            .collectList()
            .flatMap(drafts -> blocking.run(() -> drafts.stream()
                .map(d -> newCertificate(d.command(), d.slot().list(), indexes.draw(d.slot(), d.used()), now)).toList()))
            .flatMapMany(Flux::fromIterable)
            .flatMapSequential(certificate -> credentials.sign(certificate, programs.find(certificate.programCode()).orElseThrow())
                .map(jwt -> new IssuedCertificate(certificate, jwt, HolderLinks.newToken())),
                    Math.max(2, Runtime.getRuntime().availableProcessors() * 2))
            .collectList()
            .flatMap(issued -> {
                List<Certificate> stored = issued.stream().map(IssuedCertificate::certificate).toList();
                return certificates.insertIssued(stored,
                        issued.stream().map(i -> HolderLinks.hash(i.holderToken())).toList(),
                        issued.stream().map(i -> new CredentialVersion(i.certificate().id(), 1,
                                credentials.credentialId(i.certificate()), i.credentialJwt(), credentials.keyId(),
                                i.certificate().validFrom(), i.certificate().validUntil(), now)).toList(),
                        stored.stream().map(c -> new CertificateEvent(c.id(), now, actor, "ISSUED", "cohort", null,
                                snapshot(c))).toList())
                    .as(transaction::transactional)
                    .thenReturn(issued);
            });
    }

    private record Draft(IssueCertificate command, StatusLists.Slot slot, BitSet used) {
    }

    /**
     * Free random indexes of the status lists a bulk issuance writes to: the used ones are read
     * once per list, so thousands of draws never hit a used index (single issuance instead lets the
     * unique constraint catch the rare clash).
     */
    private final class StatusIndexes {

        private final Map<Integer, Mono<BitSet>> used = new java.util.concurrent.ConcurrentHashMap<>();

        Mono<BitSet> used(int list) {
            return used.computeIfAbsent(list, id -> certificates.usedStatusIndexes(id).cache());
        }

        int draw(StatusLists.Slot slot, BitSet taken) {
            synchronized (taken) {
                // lists are closed at their fill limit, so a free index turns up within a few draws
                for (int attempt = 0; attempt < 10_000; attempt++) {
                    int index = RANDOM.nextInt(slot.size());
                    if (!taken.get(index)) {
                        taken.set(index);
                        return index;
                    }
                }
                throw new IllegalStateException("Status list " + slot.list() + " has no free index left");
            }
        }
    }

    private static Certificate newCertificate(IssueCertificate command, int statusList, int statusIndex, Instant now) {
        Program program = command.program();
        Instant awardedAt = command.awardedAt().truncatedTo(ChronoUnit.SECONDS);
        Instant validUntil = awardedAt.atOffset(ZoneOffset.UTC).plus(program.validity()).toInstant();
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new Certificate(UUID.randomUUID(), CertificateNumber.random(program.code()).value(), program.code(),
                UUID.randomUUID(), command.holderName(), command.holderEmail(), HexFormat.of().formatHex(salt),
                command.listed(), awardedAt, awardedAt, validUntil, CertificateState.ACTIVE, null, statusList, statusIndex, 0, 1,
                now, now);
    }

    /** Revokes a certificate for good, with a reason. */
    public Mono<Certificate> revoke(String number, String reason, String actor) {
        return revoke(number, null, reason, actor);
    }

    /** Revokes a certificate for good, with a reason, if it is still at {@code expectedVersion} (null: any). */
    public Mono<Certificate> revoke(String number, Integer expectedVersion, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            return Mono.error(InvalidRequestException.of("reason", "is required: say why the certificate is revoked"));
        }
        String why = reason.strip();
        return change(number, expectedVersion, actor, "REVOKED", why, c -> c.revoke(why, clock.instant()), NOTHING_ELSE);
    }

    /** Suspends an active certificate, with a reason. */
    public Mono<Certificate> suspend(String number, String reason, String actor) {
        return suspend(number, null, reason, actor);
    }

    /** Suspends an active certificate, with a reason, if it is still at {@code expectedVersion} (null: any). */
    public Mono<Certificate> suspend(String number, Integer expectedVersion, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            return Mono.error(InvalidRequestException.of("reason", "is required: say why the certificate is suspended"));
        }
        String why = reason.strip();
        return change(number, expectedVersion, actor, "SUSPENDED", why, c -> c.suspend(why, clock.instant()), NOTHING_ELSE);
    }

    /** Puts a suspended certificate back in force. */
    public Mono<Certificate> reinstate(String number, String reason, String actor) {
        return reinstate(number, null, reason, actor);
    }

    /** Puts a suspended certificate back in force, if it is still at {@code expectedVersion} (null: any). */
    public Mono<Certificate> reinstate(String number, Integer expectedVersion, String reason, String actor) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        return change(number, expectedVersion, actor, "REINSTATED", why, c -> c.reinstate(clock.instant()), NOTHING_ELSE);
    }

    /**
     * Renews a certificate for its next cycle when the CEUs recorded in the current cycle meet the
     * program's rule (else says what is missing): the next window, a new signed credential version
     * (same credential id and awarded date) and the history event, in one transaction.
     */
    public Mono<Certificate> renew(String number, Integer expectedVersion, String actor) {
        return findByNumber(number).flatMap(current -> {
            if (expectedVersion != null && current.version() != expectedVersion) {
                // a stale request is told so before anything else, as change() does
                return concurrentChange(current.number(), expectedVersion);
            }
            Program program = program(current);
            RenewalPolicy policy = program.renewal();
            return certificates.ceus(current.id())
                .filter(r -> r.cycle() == current.credentialVersion())
                .map(r -> new RenewalPolicy.EarnedUnits(r.category(), r.units()))
                .collectList()
                .flatMap(earned -> {
                    Instant now = clock.instant();
                    // the state and grace checks come first: a revoked certificate is refused for that, not for its CEUs
                    current.renew(program.validity(), policy.gracePeriod(), now);
                    RenewalPolicy.Assessment assessment = policy.assess(earned);
                    if (!assessment.met()) {
                        return Mono.error(new RenewalRefusedException(current.number(), assessment));
                    }
                    String why = policy.requiredUnits() == 0 ? null
                            : assessment.counted() + " CEUs counted " + assessment.countedByCategory();
                    return change(current.number(), expectedVersion, actor, "RENEWED", why,
                            c -> c.renew(program.validity(), policy.gracePeriod(), now),
                            (before, renewed) -> credentials.sign(renewed, program)
                                .flatMap(jwt -> certificates.insertCredential(new CredentialVersion(renewed.id(),
                                        renewed.credentialVersion(), credentials.credentialId(renewed), jwt, credentials.keyId(),
                                        renewed.validFrom(), renewed.validUntil(), now))));
                });
        });
    }

    /**
     * Records CEUs towards the certificate's current cycle, with a history event. Units earned
     * before the cycle began never count (no roll-over), nor units earned in the future.
     */
    public Mono<CeuRecord> recordCeus(String number, RecordCeus command, String actor) {
        return findByNumber(number).flatMap(c -> {
            if (c.state() == CertificateState.REVOKED) {
                return Mono.error(new IllegalTransitionException(c.number(), c.state(), "record CEUs for",
                        "revocation is final"));
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            LocalDate cycleStart = LocalDate.ofInstant(c.validFrom(), ZoneOffset.UTC);
            if (command.earnedOn().isBefore(cycleStart)) {
                return Mono.error(InvalidRequestException.of("earnedOn", "is before the current cycle began on " + cycleStart
                        + ": units earned in an earlier cycle never count for this one"));
            }
            if (command.earnedOn().isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
                return Mono.error(InvalidRequestException.of("earnedOn", "cannot be in the future"));
            }
            CeuRecord entry = new CeuRecord(c.id(), c.credentialVersion(), command.category(), command.measure(),
                    command.quantity(), command.units(), command.earnedOn(), command.description(), actor, now);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("cycle", entry.cycle());
            after.put("category", entry.category());
            after.put("measure", entry.measure());
            after.put("quantity", entry.quantity());
            after.put("units", entry.units());
            after.put("earnedOn", entry.earnedOn().toString());
            return certificates.insertCeu(entry)
                .then(certificates.appendEvent(new CertificateEvent(c.id(), now, actor, "CEUS_RECORDED",
                        command.description(), null, JSONObjectUtils.toJSONString(after))))
                .as(transaction::transactional)
                .thenReturn(entry);
        });
    }

    /** The holder lists or unlists their name in the public directory; recorded in the history like any change. */
    public Mono<Certificate> changeListing(String number, boolean listed, String actor) {
        return change(number, actor, listed ? "LISTED" : "UNLISTED", null, c -> c.listing(listed, clock.instant()));
    }

    /** Reads, changes and writes one certificate with its history event, in one transaction. */
    Mono<Certificate> change(String number, String actor, String action, String reason,
            java.util.function.UnaryOperator<Certificate> transition) {
        return change(number, null, actor, action, reason, transition, NOTHING_ELSE);
    }

    /**
     * Reads, changes and writes one certificate with its history event, in one transaction;
     * {@code alongside} writes whatever else belongs to the change (e.g. a new credential version)
     * in the same transaction. When {@code expectedVersion} is given and the stored certificate
     * is at another version, or when someone else writes it meanwhile, nothing is written.
     */
    Mono<Certificate> change(String number, Integer expectedVersion, String actor, String action, String reason,
            java.util.function.UnaryOperator<Certificate> transition,
            BiFunction<Certificate, Certificate, Mono<Void>> alongside) {
        return findByNumber(number).flatMap(before -> {
            if (expectedVersion != null && before.version() != expectedVersion) {
                return concurrentChange(before.number(), expectedVersion);
            }
            Certificate after = transition.apply(before);
            return certificates.update(after)
                .switchIfEmpty(Mono.defer(() -> concurrentChange(before.number(), before.version())))
                .flatMap(stored -> alongside.apply(before, stored)
                    .then(certificates.appendEvent(new CertificateEvent(stored.id(), stored.updatedAt(), actor,
                        action, reason, snapshot(before), snapshot(stored))))
                    .thenReturn(stored));
        }).as(transaction::transactional).doOnSuccess(changed -> {
            if (changed != null) {
                recentReads.evict(changed.number());
            }
        });
    }

    /** The certificate with this number for a public page or record: possibly read up to a few hundred ms ago. */
    public Mono<Certificate> findRecentByNumber(String number) {
        return Mono.fromCallable(() -> CertificateNumber.parse(number))
            .flatMap(parsed -> recentReads.byNumber(parsed.value())
                .switchIfEmpty(Mono.error(() -> new CertificateNotFoundException(parsed.value()))));
    }

    private static final BiFunction<Certificate, Certificate, Mono<Void>> NOTHING_ELSE = (before, after) -> Mono.empty();

    /** The error for a lost race, saying what changed since {@code version}. */
    private Mono<Certificate> concurrentChange(String number, int version) {
        return certificates.findByNumber(number).flatMap(now -> certificates.history(now.id()).last()
            .flatMap(last -> Mono.<Certificate>error(new ConcurrentChangeException(number, version, now.version(),
                    describe(now) + "; last change: " + last.action().toLowerCase().replace('_', ' ') + " by " + last.actor()
                            + " at " + last.at() + (last.reason() == null ? "" : " (" + last.reason() + ")")))));
    }

    /** The certificate with this number (any accepted spelling), or a typed error. */
    public Mono<Certificate> findByNumber(String number) {
        return Mono.fromCallable(() -> CertificateNumber.parse(number))
            .flatMap(parsed -> certificates.findByNumber(parsed.value())
                .switchIfEmpty(Mono.error(() -> new CertificateNotFoundException(parsed.value()))));
    }

    public Program program(Certificate certificate) {
        return programs.find(certificate.programCode())
            .orElseThrow(() -> new IllegalStateException("Certificate " + certificate.number() + " names unconfigured program "
                    + certificate.programCode()));
    }

    private static String describe(Certificate c) {
        return c.state().name().toLowerCase() + ", version " + c.version();
    }

    static String snapshot(Certificate c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", c.state().name());
        json.put("stateReason", c.stateReason());
        json.put("listed", c.listed());
        json.put("validFrom", c.validFrom().toString());
        json.put("validUntil", c.validUntil().toString());
        json.put("credentialVersion", c.credentialVersion());
        json.put("version", c.version());
        return JSONObjectUtils.toJSONString(json);
    }
}
