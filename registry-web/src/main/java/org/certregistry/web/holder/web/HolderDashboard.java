package org.certregistry.web.holder.web;

import java.time.Clock;
import java.time.Instant;

import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateState;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.certificate.ceu.CeuLedger;
import org.certregistry.web.certificate.publicrecord.PublicRecord;
import org.certregistry.web.certificate.publicrecord.PublicRecords;
import org.certregistry.web.ceu.CycleProgress;
import org.certregistry.web.ceu.RenewalRequests;
import org.certregistry.web.program.Program;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What the signed-in holder's dashboard says of each certificate: where it stands in its cycle, in words; the days
 * left; what comes next once it has expired or lapsed; progress against the program's rule while renewal is open; and
 * the one or two things to do (log a CEU, renew), each disabled with its reason when it cannot be done.
 */
@Component
class HolderDashboard {

    /** Where a certificate stands, as the holder needs to hear it. */
    enum Phase {
        /** In force; renewal has not opened yet. */
        IN_FORCE,
        /** In force, and renewal is open. */
        RENEWAL_OPEN,
        /** Expired, inside the grace period: renewal is still possible. */
        GRACE,
        /** Past the grace period: it must be earned again. */
        LAPSED,
        /** Suspended by the awarding body. */
        SUSPENDED,
        /** Revoked, for good. */
        REVOKED
    }

    /** Why the renewal action is disabled, or {@code NONE}. */
    enum RenewBlocked { NONE, RULE, WAITING }

    /**
     * One certificate on the dashboard.
     *
     * @param showProgress whether progress by category is shown (renewal open, and the program asks for units)
     */
    record Card(PublicRecord record, Program program, Phase phase, CycleProgress progress, Instant renewalOpens,
            Instant renewalCloses, boolean showProgress, boolean takesCeus, boolean mayRenew, RenewBlocked renewBlocked) {
    }

    private final Certificates certificates;
    private final CeuLedger ledger;
    private final PublicRecords records;
    private final RenewalRequests requests;
    private final Clock clock;

    HolderDashboard(Certificates certificates, CeuLedger ledger, PublicRecords records, RenewalRequests requests, Clock clock) {
        this.certificates = certificates;
        this.ledger = ledger;
        this.records = records;
        this.requests = requests;
        this.clock = clock;
    }

    Mono<Card> card(Certificate certificate) {
        Program program = certificates.program(certificate);
        Instant now = clock.instant();
        return ledger.earnedThisCycle(certificate)
            .zipWith(requests.pendingFor(certificate).hasElement())
            .map(t -> {
                CycleProgress progress = CycleProgress.of(certificate, program, t.getT1(), now);
                Instant opens = RenewalRequests.windowOpens(certificate, program);
                Instant closes = RenewalRequests.windowCloses(certificate, program);
                Phase phase = phase(certificate, now, opens, closes);
                boolean renewal = phase == Phase.RENEWAL_OPEN || phase == Phase.GRACE;
                boolean takesCeus = (phase == Phase.IN_FORCE || renewal) && progress.required() > 0;
                RenewBlocked blocked = t.getT2() ? RenewBlocked.WAITING : progress.met() ? RenewBlocked.NONE : RenewBlocked.RULE;
                return new Card(records.of(certificate), program, phase, progress, opens, closes,
                        renewal && progress.required() > 0, takesCeus, renewal, blocked);
            });
    }

    static Phase phase(Certificate certificate, Instant now, Instant opens, Instant closes) {
        if (certificate.state() == CertificateState.REVOKED) {
            return Phase.REVOKED;
        }
        if (certificate.state() == CertificateState.SUSPENDED) {
            return Phase.SUSPENDED;
        }
        if (now.isAfter(closes)) {
            return Phase.LAPSED;
        }
        if (now.isAfter(certificate.validUntil())) {
            return Phase.GRACE;
        }
        return now.isBefore(opens) ? Phase.IN_FORCE : Phase.RENEWAL_OPEN;
    }
}
