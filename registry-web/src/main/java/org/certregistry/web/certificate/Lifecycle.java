package org.certregistry.web.certificate;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.ceu.CeuLedger;
import org.certregistry.web.certificate.store.CertificateRepository;
import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.RenewalPolicy;
import org.certregistry.web.status.StatusEntries;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Changes a certificate's state: revoke, suspend, reinstate, renew, list or unlist. Each change
 * is read, checked against the expected version, written with its history event and its status
 * bits in one transaction, and announced ({@link CertificateChanged}) once committed.
 */
@Service
public class Lifecycle {

    private static final BiFunction<Certificate, Certificate, Mono<Void>> NOTHING_ELSE = (before, after) -> Mono.empty();

    private final CertificateRepository repository;
    private final Certificates certificates;
    private final CeuLedger ceus;
    private final CredentialFactory credentials;
    private final StatusEntries statusEntries;
    private final TransactionalOperator transaction;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<ChangeParticipant> participants;
    private final Clock clock;

    /** Reasons go into the history for good: long enough for a sentence or two, not for a document. */
    public static final int MAX_REASON = 500;

    Lifecycle(CertificateRepository repository, Certificates certificates, CeuLedger ceus, CredentialFactory credentials,
            StatusEntries statusEntries, ReactiveTransactionManager transactions, ApplicationEventPublisher events,
            ObjectProvider<ChangeParticipant> participants, Clock clock) {
        this.repository = repository;
        this.certificates = certificates;
        this.ceus = ceus;
        this.credentials = credentials;
        this.statusEntries = statusEntries;
        this.transaction = TransactionalOperator.create(transactions);
        this.events = events;
        this.participants = participants;
        this.clock = clock;
    }

    /** Revokes a certificate for good, with a reason, if it is still at {@code expectedVersion} (null: any). */
    public Mono<Certificate> revoke(CertificateNumber number, Integer expectedVersion, String reason, String actor) {
        return revoke(number, expectedVersion, reason, null, actor);
    }

    /** Revokes, with the category the public page shows (null: none); the reason itself stays private. */
    public Mono<Certificate> revoke(CertificateNumber number, Integer expectedVersion, String reason,
            RevocationCategory publicReason, String actor) {
        return required(reason, "revoked").flatMap(why -> change(number, expectedVersion, actor, CertificateAction.REVOKED, why,
                c -> c.revoke(why, clock.instant()), publicReason == null ? NOTHING_ELSE
                        : (before, revoked) -> repository.insertRevocationNotice(revoked.id(), publicReason)));
    }

    /** Suspends an active certificate, with a reason, if it is still at {@code expectedVersion} (null: any). */
    public Mono<Certificate> suspend(CertificateNumber number, Integer expectedVersion, String reason, String actor) {
        return required(reason, "suspended").flatMap(why -> change(number, expectedVersion, actor, CertificateAction.SUSPENDED,
                why, c -> c.suspend(why, clock.instant()), NOTHING_ELSE));
    }

    /** Puts a suspended certificate back in force, if it is still at {@code expectedVersion} (null: any). */
    public Mono<Certificate> reinstate(CertificateNumber number, Integer expectedVersion, String reason, String actor) {
        if (reason != null && tooLong(reason)) {
            return Mono.error(reasonTooLong(reason));
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        return change(number, expectedVersion, actor, CertificateAction.REINSTATED, why, c -> c.reinstate(clock.instant()),
                NOTHING_ELSE);
    }

    /** The holder lists or unlists their name in the public directory; recorded in the history like any change. */
    public Mono<Certificate> changeListing(CertificateNumber number, boolean listed, String actor) {
        return change(number, null, actor, listed ? CertificateAction.LISTED : CertificateAction.UNLISTED, null,
                c -> c.listing(listed, clock.instant()), NOTHING_ELSE);
    }

    /**
     * Renews a certificate for its next cycle when the CEUs recorded in the current cycle meet the
     * program's rule (else says what is missing): the next window, a new signed credential version
     * (same credential id and awarded date) and the history event, in one transaction. The CEUs
     * are judged on the version read here, and the change is written only if the certificate is
     * still at that version: of two renewals at once, exactly one is applied.
     */
    public Mono<Certificate> renew(CertificateNumber number, Integer expectedVersion, String actor) {
        return certificates.find(number).flatMap(current -> {
            if (expectedVersion != null && current.version() != expectedVersion) {
                // a stale request is told so before anything else, as change() does
                return concurrentChange(current.number(), expectedVersion);
            }
            Program program = certificates.program(current);
            RenewalPolicy policy = program.renewal();
            return ceus.earnedThisCycle(current).flatMap(earned -> {
                Instant now = clock.instant();
                // the state and grace checks come first: a revoked certificate is refused for that, not for its CEUs
                current.renew(program.validity(), policy.gracePeriod(), now);
                RenewalPolicy.Assessment assessment = policy.assess(earned);
                if (!assessment.met()) {
                    return Mono.error(new RenewalRefusedException(current.number(), assessment));
                }
                String why = policy.requiredUnits() == 0 ? null
                        : assessment.counted() + " CEUs counted " + assessment.countedByCategory();
                return change(number, current.version(), actor, CertificateAction.RENEWED, why,
                        c -> c.renew(program.validity(), policy.gracePeriod(), now),
                        (before, renewed) -> credentials.sign(renewed, program, now)
                            .flatMap(signed -> repository.insertCredential(new CredentialVersion(renewed.id(),
                                    renewed.credentialVersion(), credentials.credentialId(renewed), signed.jwt(),
                                    credentials.keyId(), renewed.validFrom(), renewed.validUntil(), now,
                                    signed.dataIntegrity()))));
            });
        });
    }

    /**
     * Reads, changes and writes one certificate with its history event and status bits, in one
     * transaction; {@code alongside} writes whatever else belongs to the change (e.g. a new
     * credential version). When {@code expectedVersion} is given and the stored certificate is at
     * another version, or when someone else writes it meanwhile, nothing is written.
     */
    private Mono<Certificate> change(CertificateNumber number, Integer expectedVersion, String actor, CertificateAction action,
            String reason, UnaryOperator<Certificate> transition, BiFunction<Certificate, Certificate, Mono<Void>> alongside) {
        return certificates.find(number).flatMap(before -> {
            if (expectedVersion != null && before.version() != expectedVersion) {
                return concurrentChange(before.number(), expectedVersion);
            }
            Certificate after = transition.apply(before);
            return repository.update(after)
                .switchIfEmpty(Mono.defer(() -> concurrentChange(before.number(), before.version())))
                .flatMap(stored -> alongside.apply(before, stored)
                    .then(stored.state() == before.state() ? Mono.empty()
                            : statusEntries.mark(stored.statusEntry(), stored.state() == CertificateState.REVOKED,
                                    stored.state() == CertificateState.SUSPENDED))
                    .then(repository.appendEvent(new CertificateEvent(stored.id(), stored.updatedAt(), actor, action, reason,
                            snapshot(before), snapshot(stored))))
                    .then(Flux.fromStream(participants::orderedStream)
                        .concatMap(p -> p.changed(action, before, stored, reason)).then())
                    .thenReturn(stored));
        }).as(transaction::transactional).doOnSuccess(changed -> {
            if (changed != null) {
                events.publishEvent(new CertificateChanged(changed.number()));
            }
        });
    }

    private static Mono<String> required(String reason, String verb) {
        if (reason == null || reason.isBlank()) {
            return Mono.error(InvalidRequestException.of("reason", "is required: say why the certificate is " + verb));
        }
        if (tooLong(reason)) {
            return Mono.error(reasonTooLong(reason));
        }
        return Mono.just(reason.strip());
    }

    private static boolean tooLong(String reason) {
        String stripped = reason.strip();
        return stripped.codePointCount(0, stripped.length()) > MAX_REASON;
    }

    private static InvalidRequestException reasonTooLong(String reason) {
        String stripped = reason.strip();
        return InvalidRequestException.of("reason", "is " + stripped.codePointCount(0, stripped.length())
                + " characters long; at most " + MAX_REASON + " are kept in the history: say it in fewer words");
    }

    /** The error for a lost race, saying what changed since {@code version}. */
    private Mono<Certificate> concurrentChange(String number, int version) {
        return repository.findByNumber(number).flatMap(now -> repository.history(now.id()).last()
            .flatMap(last -> Mono.<Certificate>error(new ConcurrentChangeException(number, version, now.version(),
                    now.state().name().toLowerCase() + ", version " + now.version() + "; last change: " + last.action().words()
                            + " by " + last.actor() + " at " + last.at()
                            + (last.reason() == null ? "" : " (" + last.reason() + ")")))));
    }

    /** The state a history event records before and after a change. */
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
