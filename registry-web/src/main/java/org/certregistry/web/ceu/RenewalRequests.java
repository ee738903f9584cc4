package org.certregistry.web.ceu;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.ceu.CeuLedger;
import org.certregistry.web.certificate.HolderAddresses;
import org.certregistry.web.certificate.Lifecycle;
import org.certregistry.web.certificate.RenewalRefusedException;
import org.certregistry.web.mail.MailKind;
import org.certregistry.web.mail.Outbox;
import org.certregistry.web.mail.OutgoingMail;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.RenewalPolicy;
import org.certregistry.web.program.RenewalProcess;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryUrls;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Renewal asked for by the holder: allowed inside the renewal window (from {@code window-opens}
 * before the end until the grace period ends) once the rule is met; then the certificate is
 * renewed at once, or the request waits for an admin, as the program says.
 */
@Service
public class RenewalRequests {

    /** What a holder's request came to. */
    public enum Outcome { RENEWED, WAITING_FOR_ADMIN }

    private static final String SELECT = "SELECT r.id, r.certificate_id, c.number, c.program, c.holder_name, r.cycle, r.status, "
            + "r.requested_at, r.requested_by, r.decided_at, r.decided_by FROM renewal_request r "
            + "JOIN certificate c ON c.id = r.certificate_id ";

    private final DatabaseClient db;
    private final Certificates certificates;
    private final CeuLedger ledger;
    private final Lifecycle lifecycle;
    private final HolderAddresses addresses;
    private final Outbox outbox;
    private final RegistryUrls urls;
    private final TransactionalOperator transaction;
    private final BlockingWork blocking;
    private final Clock clock;

    RenewalRequests(DatabaseClient db, Certificates certificates, CeuLedger ledger, Lifecycle lifecycle, HolderAddresses addresses,
            Outbox outbox, RegistryUrls urls, ReactiveTransactionManager transactions, BlockingWork blocking, Clock clock) {
        this.db = db;
        this.certificates = certificates;
        this.ledger = ledger;
        this.lifecycle = lifecycle;
        this.addresses = addresses;
        this.outbox = outbox;
        this.urls = urls;
        this.transaction = TransactionalOperator.create(transactions);
        this.blocking = blocking;
        this.clock = clock;
    }

    /** When the holder may ask: from this instant… */
    public static Instant windowOpens(Certificate c, Program p) {
        return c.validUntil().atOffset(ZoneOffset.UTC).minus(p.process().windowOpens()).toInstant();
    }

    /** …until this one (the end of the grace period). */
    public static Instant windowCloses(Certificate c, Program p) {
        return c.validUntil().atOffset(ZoneOffset.UTC).plus(p.renewal().gracePeriod()).toInstant();
    }

    /** The holder asks for renewal: refused with the reason outside the window or short of the rule. */
    public Mono<Outcome> request(Certificate certificate, String actor) {
        Program program = certificates.program(certificate);
        Instant now = clock.instant();
        CeuSubmissions.refuseIfClosed(certificate, program, now);
        if (now.isBefore(windowOpens(certificate, program))) {
            return Mono.error(new SubmissionRefusedException("Renewal of " + certificate.number() + " opens on "
                    + windowOpens(certificate, program).atOffset(ZoneOffset.UTC).toLocalDate()));
        }
        return ledger.earnedThisCycle(certificate).flatMap(earned -> {
            RenewalPolicy.Assessment assessment = program.renewal().assess(earned);
            if (!assessment.met()) {
                return Mono.error(new RenewalRefusedException(certificate.number(), assessment));
            }
            if (program.process().approval() == RenewalProcess.Approval.AUTOMATIC) {
                return lifecycle.renew(CertificateNumber.parse(certificate.number()), null, actor).thenReturn(Outcome.RENEWED);
            }
            return pendingFor(certificate).hasElement().zipWith(blocking.run(UUID::randomUUID))
                .flatMap(t -> t.getT1() ? Mono.just(Outcome.WAITING_FOR_ADMIN)
                    : db.sql("INSERT INTO renewal_request (id, certificate_id, cycle, requested_at, requested_by) "
                            + "VALUES (:id, :certificate, :cycle, :at, :by) ON CONFLICT (certificate_id, cycle) DO NOTHING")
                        .bind("id", t.getT2()).bind("certificate", certificate.id())
                        .bind("cycle", certificate.credentialVersion()).bind("at", now.truncatedTo(ChronoUnit.MICROS))
                        .bind("by", actor).then()
                        .then(addresses.contactOf(certificate))
                        .flatMap(to -> outbox.enqueue(requestedMail(certificate, program, to)))
                        .as(transaction::transactional)
                        .thenReturn(Outcome.WAITING_FOR_ADMIN));
        });
    }

    /** The open request of the certificate's current cycle, if any. */
    public Mono<RenewalRequest> pendingFor(Certificate certificate) {
        return db.sql(SELECT + "WHERE r.certificate_id = :id AND r.cycle = :cycle AND r.status = 'PENDING'")
            .bind("id", certificate.id()).bind("cycle", certificate.credentialVersion())
            .map(RenewalRequests::request).one();
    }

    /** Open requests, oldest first. */
    public Flux<RenewalRequest> pending() {
        return db.sql(SELECT + "WHERE r.status = 'PENDING' ORDER BY r.requested_at").map(RenewalRequests::request).all();
    }

    /** An admin renews the requested certificate (the rule is checked again) and closes the request. */
    public Mono<Certificate> approve(UUID id, String actor) {
        return db.sql(SELECT + "WHERE r.id = :id AND r.status = 'PENDING'").bind("id", id).map(RenewalRequests::request).one()
            .switchIfEmpty(Mono.error(() -> new SubmissionRefusedException("Renewal request " + id + " is not open")))
            .flatMap(request -> lifecycle.renew(CertificateNumber.parse(request.number()), null, actor)
                .flatMap(renewed -> db.sql("UPDATE renewal_request SET status = 'RENEWED', decided_at = :at, decided_by = :by "
                        + "WHERE id = :id").bind("id", id).bind("at", clock.instant()).bind("by", actor).then()
                    .thenReturn(renewed)));
    }

    /** Tells the holder the request waits for an admin, in the holder's language. */
    private OutgoingMail requestedMail(Certificate certificate, Program program, HolderAddresses.Contact to) {
        Map<String, Object> model = new HashMap<>();
        model.put("holderName", certificate.holderName());
        model.put("programName", program.name());
        model.put("number", certificate.number());
        model.put("validUntil", certificate.validUntil());
        model.put("signInUrl", urls.holderSignIn());
        model.put("verificationUrl", urls.verificationPage(certificate.number()));
        return OutgoingMail.of(MailKind.RENEWAL_REQUESTED, to.address(), to.language(), model, program.code(), certificate.number())
            .about(certificate.number());
    }

    private static RenewalRequest request(Readable row) {
        return new RenewalRequest(row.get("id", UUID.class), row.get("certificate_id", UUID.class), row.get("number", String.class),
                row.get("program", String.class), row.get("holder_name", String.class), row.get("cycle", Integer.class),
                row.get("status", String.class), row.get("requested_at", Instant.class), row.get("requested_by", String.class),
                row.get("decided_at", Instant.class), row.get("decided_by", String.class));
    }
}
