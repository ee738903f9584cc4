package org.certregistry.web.certificate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.system.InvalidRequestException;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.status.StatusLists;
import org.certregistry.web.system.BlockingWork;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
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

    CertificateService(CertificateRepository certificates, ProgramCatalog programs, CredentialFactory credentials,
            ReactiveTransactionManager transactions, BlockingWork blocking, Clock clock, StatusLists statusLists) {
        this.statusLists = statusLists;
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
        Instant awardedAt = command.awardedAt().truncatedTo(ChronoUnit.SECONDS);
        Instant validUntil = awardedAt.atOffset(ZoneOffset.UTC).plus(program.validity()).toInstant();
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Certificate certificate = new Certificate(UUID.randomUUID(), CertificateNumber.random(program.code()).value(),
                program.code(), UUID.randomUUID(), command.holderName(), command.holderEmail(), HexFormat.of().formatHex(salt),
                command.listed(), awardedAt, awardedAt, validUntil, CertificateState.ACTIVE, null, slot.list(),
                slot.drawIndex(RANDOM), 0, 1, now, now);
        return new IssuedCertificate(certificate, credentials.signNow(certificate, program), HolderLinks.newToken());
    }

    /** Revokes a certificate for good, with a reason. */
    public Mono<Certificate> revoke(String number, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            return Mono.error(InvalidRequestException.of("reason", "is required: say why the certificate is revoked"));
        }
        String why = reason.strip();
        return change(number, actor, "REVOKED", why, c -> c.revoke(why, clock.instant()));
    }

    /** Suspends an active certificate, with a reason. */
    public Mono<Certificate> suspend(String number, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            return Mono.error(InvalidRequestException.of("reason", "is required: say why the certificate is suspended"));
        }
        String why = reason.strip();
        return change(number, actor, "SUSPENDED", why, c -> c.suspend(why, clock.instant()));
    }

    /** Puts a suspended certificate back in force. */
    public Mono<Certificate> reinstate(String number, String reason, String actor) {
        return change(number, actor, "REINSTATED", reason, c -> c.reinstate(clock.instant()));
    }

    /** The holder lists or unlists their name in the public directory; recorded in the history like any change. */
    public Mono<Certificate> changeListing(String number, boolean listed, String actor) {
        return change(number, actor, listed ? "LISTED" : "UNLISTED", null, c -> c.listing(listed, clock.instant()));
    }

    /** Reads, changes and writes one certificate with its history event, in one transaction. */
    Mono<Certificate> change(String number, String actor, String action, String reason,
            java.util.function.UnaryOperator<Certificate> transition) {
        return findByNumber(number).flatMap(before -> {
            Certificate after = transition.apply(before);
            return certificates.update(after)
                .switchIfEmpty(Mono.defer(() -> certificates.findByNumber(before.number())
                    .flatMap(now -> Mono.error(new ConcurrentChangeException(before.number(), describe(now))))))
                .flatMap(stored -> certificates.appendEvent(new CertificateEvent(stored.id(), stored.updatedAt(), actor,
                        action, reason, snapshot(before), snapshot(stored))).thenReturn(stored));
        }).as(transaction::transactional);
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
