package org.certregistry.web.ceu;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateState;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.ceu.CeuLedger;
import org.certregistry.web.certificate.HolderAddresses;
import org.certregistry.web.certificate.ceu.RecordCeus;
import org.certregistry.web.mail.MailKind;
import org.certregistry.web.mail.Outbox;
import org.certregistry.web.mail.OutgoingMail;
import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.program.Program;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryUrls;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Holders submit CEU activities with evidence; admins approve (the units are then recorded in the
 * {@link CeuLedger}, in the same transaction) or reject with a reason. Each decision is e-mailed.
 * A configurable share of submissions is flagged for audit at random.
 */
@Service
public class CeuSubmissions {

    private final SubmissionRepository repository;
    private final Certificates certificates;
    private final CeuLedger ledger;
    private final HolderAddresses addresses;
    private final Outbox outbox;
    private final RegistryUrls urls;
    private final CeuProperties properties;
    private final TransactionalOperator transaction;
    private final BlockingWork blocking;
    private final Clock clock;

    CeuSubmissions(SubmissionRepository repository, Certificates certificates, CeuLedger ledger, HolderAddresses addresses,
            Outbox outbox, RegistryUrls urls, CeuProperties properties, ReactiveTransactionManager transactions,
            BlockingWork blocking, Clock clock) {
        this.repository = repository;
        this.certificates = certificates;
        this.ledger = ledger;
        this.addresses = addresses;
        this.outbox = outbox;
        this.urls = urls;
        this.properties = properties;
        this.transaction = TransactionalOperator.create(transactions);
        this.blocking = blocking;
        this.clock = clock;
    }

    /**
     * Stores a holder's activity with its evidence, pending review. Refused, with nothing
     * stored, for a certificate that takes no CEUs (revoked, suspended, or past its grace period),
     * for a date outside the current cycle, and when the certificate already has
     * {@link CeuProperties#maxPending} submissions or {@link CeuProperties#maxPendingEvidence} of
     * evidence waiting ({@link TooManyPendingException}).
     */
    public Mono<CeuSubmission> submit(Certificate certificate, String category, String measure, Integer quantity,
            LocalDate earnedOn, String activity, Evidence evidence) {
        Program program = certificates.program(certificate);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        refuseIfClosed(certificate, program, now);
        if (activity == null || activity.isBlank()) {
            throw InvalidRequestException.of("activity", "is required: name the course, talk or contribution");
        }
        RecordCeus units = RecordCeus.of(program.renewal(), category, measure, quantity, earnedOn, activity);
        LocalDate cycleStart = LocalDate.ofInstant(certificate.validFrom(), ZoneOffset.UTC);
        if (units.earnedOn().isBefore(cycleStart)) {
            throw InvalidRequestException.of("earnedOn", "is before the current cycle began on " + cycleStart
                    + ": units earned in an earlier cycle never count for this one");
        }
        if (units.earnedOn().isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            throw InvalidRequestException.of("earnedOn", "cannot be in the future");
        }
        boolean audit = ThreadLocalRandom.current().nextDouble() < properties.auditShare();
        // a random UUID reads SecureRandom: off the event loop
        return blocking.run(UUID::randomUUID).flatMap(id -> {
            CeuSubmission submission = new CeuSubmission(id, certificate.id(), certificate.number(),
                certificate.programCode(), certificate.holderName(), certificate.credentialVersion(), units.category(),
                units.measure(), units.quantity(), units.units(), units.earnedOn(), units.description(), evidence.mediaType(),
                evidence.filename(), CeuSubmission.Status.PENDING, audit, now, null, null, null);
            return repository.lockForSubmission(certificate.id())
                .then(repository.pending(certificate.id()))
                .doOnNext(pending -> refuseIfTooMuchWaits(pending, evidence))
                .then(repository.insert(submission, evidence.bytes()))
                // acknowledged in the holder's language, in the same transaction: a message exists exactly when the
                // submission does
                .then(addresses.contactOf(certificate))
                .flatMap(to -> outbox.enqueue(receivedMail(submission, certificate, to)))
                .thenReturn(submission)
                .as(transaction::transactional);
        });
    }

    /** Reviews wait on people: a holder may keep only so many submissions, and so much evidence, waiting at once. */
    private void refuseIfTooMuchWaits(SubmissionRepository.Pending pending, Evidence evidence) {
        if (pending.submissions() >= properties.maxPending()) {
            throw new TooManyPendingException(TooManyPendingException.Limit.SUBMISSIONS, properties.maxPending(),
                    pending.submissions() + " submissions already wait for review, the most a certificate may have: "
                            + "submit more once some are decided");
        }
        if (pending.evidenceBytes() + evidence.bytes().length > properties.maxPendingEvidence().toBytes()) {
            long mb = properties.maxPendingEvidence().toMegabytes();
            throw new TooManyPendingException(TooManyPendingException.Limit.EVIDENCE, mb,
                    "The evidence waiting for review would exceed " + mb + " MB in all: submit more once some are decided");
        }
    }

    /** A certificate takes CEUs while it is active and not past its grace period. */
    public static void refuseIfClosed(Certificate certificate, Program program, Instant now) {
        if (certificate.state() != CertificateState.ACTIVE) {
            throw new SubmissionRefusedException("Certificate " + certificate.number() + " is "
                    + certificate.state().name().toLowerCase(Locale.ROOT) + ": it takes no CEU submissions");
        }
        Instant graceEnds = certificate.validUntil().atOffset(ZoneOffset.UTC).plus(program.renewal().gracePeriod()).toInstant();
        if (now.isAfter(graceEnds)) {
            throw new SubmissionRefusedException("Certificate " + certificate.number() + " lapsed on " + graceEnds
                    + " (its grace period for renewal ended): it takes no CEU submissions; it must be earned again");
        }
    }

    /** Every submission for a certificate, newest first. */
    public Flux<CeuSubmission> of(Certificate certificate) {
        return repository.ofCertificate(certificate.id());
    }

    /** The review queue: by status (default pending), program and minimum age in days, oldest first. */
    public Flux<CeuSubmission> queue(CeuSubmission.Status status, String program, Integer olderThanDays) {
        Instant before = olderThanDays == null ? null : clock.instant().minus(olderThanDays, ChronoUnit.DAYS);
        return repository.queue(status == null ? CeuSubmission.Status.PENDING : status, program, before);
    }

    public Mono<CeuSubmission> find(UUID id) {
        return repository.find(id).switchIfEmpty(Mono.error(() -> new SubmissionNotFoundException(id)));
    }

    /** The evidence's bytes and type; for admins only. */
    public Mono<Evidence> evidence(UUID id) {
        return repository.evidence(id).switchIfEmpty(Mono.error(() -> new SubmissionNotFoundException(id)));
    }

    /** Approves a pending submission: its units are recorded in the ledger, and the holder told, in one transaction. */
    public Mono<CeuSubmission> approve(UUID id, String actor) {
        return decide(id, CeuSubmission.Status.APPROVED, null, actor);
    }

    /** Rejects a pending submission with a reason the holder is shown. */
    public Mono<CeuSubmission> reject(UUID id, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            return Mono.error(InvalidRequestException.of("reason", "is required: the holder is told why"));
        }
        return decide(id, CeuSubmission.Status.REJECTED, reason.strip(), actor);
    }

    private Mono<CeuSubmission> decide(UUID id, CeuSubmission.Status decision, String reason, String actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return find(id).flatMap(pending -> repository.decide(id, decision, reason, actor, now)
            .switchIfEmpty(Mono.error(() -> new SubmissionRefusedException("Submission " + id + " was already "
                    + pending.status().name().toLowerCase(Locale.ROOT) + " by " + pending.decidedBy())))
            .flatMap(decided -> certificates.find(CertificateNumber.parse(decided.number())).flatMap(certificate -> {
                Mono<?> record = decision == CeuSubmission.Status.APPROVED
                        ? ledger.record(CertificateNumber.parse(decided.number()), new RecordCeus(decided.category(),
                                decided.measure(), decided.quantity(), decided.units(), decided.earnedOn(),
                                decided.activity() + " (submission " + decided.id() + ")"), actor)
                        : Mono.empty();
                return record.then(addresses.contactOf(certificate))
                    .flatMap(to -> outbox.enqueue(decisionMail(decided, certificate, to)))
                    .thenReturn(decided);
            })))
            .as(transaction::transactional);
    }

    /** Tells the holder their activity was received and waits for review. */
    private OutgoingMail receivedMail(CeuSubmission s, Certificate certificate, HolderAddresses.Contact to) {
        Map<String, Object> model = new HashMap<>();
        model.put("holderName", certificate.holderName());
        model.put("activity", s.activity());
        model.put("units", s.units());
        model.put("category", s.category());
        // written in the message's language by MailComposer
        model.put("earnedOn", s.earnedOn());
        model.put("signInUrl", urls.holderSignIn());
        return OutgoingMail.of(MailKind.CEU_RECEIVED, to.address(), to.language(), model, certificate.programCode(),
                certificate.number()).about(certificate.number());
    }

    /** Tells the holder the decision, in the holder's language (the subject's word for it too). */
    private OutgoingMail decisionMail(CeuSubmission s, Certificate certificate, HolderAddresses.Contact to) {
        boolean approved = s.status() == CeuSubmission.Status.APPROVED;
        Map<String, Object> model = new HashMap<>();
        model.put("holderName", certificate.holderName());
        model.put("activity", s.activity());
        model.put("units", s.units());
        model.put("category", s.category());
        model.put("approved", approved);
        model.put("reason", s.decisionReason());
        model.put("audit", s.audit());
        model.put("signInUrl", urls.holderSignIn());
        return OutgoingMail.of(MailKind.CEU_DECISION, to.address(), to.language(), model, certificate.programCode(),
                certificate.number(), new DefaultMessageSourceResolvable("mail.ceu-decision.outcome." + (approved ? "approved" : "rejected")))
            .about(certificate.number());
    }
}
