package org.certregistry.web.certificate.ceu;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateAction;
import org.certregistry.web.certificate.CertificateEvent;
import org.certregistry.web.certificate.CertificateState;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.IllegalTransitionException;
import org.certregistry.web.certificate.store.CertificateRepository;
import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.program.RenewalPolicy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Continuing education units recorded towards a certificate's cycles. */
@Service
public class CeuLedger {

    private final CertificateRepository repository;
    private final CeuRepository entries;
    private final Certificates certificates;
    private final TransactionalOperator transaction;
    private final Clock clock;

    CeuLedger(CertificateRepository repository, CeuRepository entries, Certificates certificates, ReactiveTransactionManager transactions,
            Clock clock) {
        this.repository = repository;
        this.entries = entries;
        this.certificates = certificates;
        this.transaction = TransactionalOperator.create(transactions);
        this.clock = clock;
    }

    /**
     * Records CEUs towards the certificate's current cycle, with a history event. Units earned
     * before the cycle began never count (no roll-over), nor units earned in the future.
     */
    public Mono<CeuRecord> record(CertificateNumber number, RecordCeus command, String actor) {
        return certificates.find(number).flatMap(c -> {
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
            return entries.insertCeu(entry)
                .then(repository.appendEvent(new CertificateEvent(c.id(), now, actor, CertificateAction.CEUS_RECORDED,
                        command.description(), null, JSONObjectUtils.toJSONString(after))))
                .as(transaction::transactional)
                .thenReturn(entry);
        });
    }

    /** Every CEU entry of a certificate, all cycles, oldest first. */
    public Flux<CeuRecord> all(Certificate certificate) {
        return entries.ceus(certificate.id());
    }

    /** The units recorded in the certificate's current cycle, as the renewal rule weighs them. */
    public Mono<List<RenewalPolicy.EarnedUnits>> earnedThisCycle(Certificate certificate) {
        return entries.ceus(certificate.id())
            .filter(r -> r.cycle() == certificate.credentialVersion())
            .map(r -> new RenewalPolicy.EarnedUnits(r.category(), r.units()))
            .collectList();
    }
}
