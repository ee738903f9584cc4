package org.certregistry.web.holder.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.certregistry.web.ceu.RenewalRequests;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateState;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.RenewalPolicy;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import reactor.core.publisher.Mono;

/** What the holder's certificate page says about renewal: when it opens and closes, and whether they may ask now. */
@Component
class HolderRenewalView {

    private final RenewalRequests requests;
    private final Clock clock;

    HolderRenewalView(RenewalRequests requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    Mono<Void> describe(Certificate certificate, Program program, List<RenewalPolicy.EarnedUnits> earned, Model model) {
        Instant now = clock.instant();
        Instant opens = RenewalRequests.windowOpens(certificate, program);
        Instant closes = RenewalRequests.windowCloses(certificate, program);
        boolean open = certificate.state() == CertificateState.ACTIVE && !now.isBefore(opens) && !now.isAfter(closes);
        model.addAttribute("renewalOpens", opens);
        model.addAttribute("renewalCloses", closes);
        model.addAttribute("renewalOpen", open);
        model.addAttribute("renewalNeedsAdmin", program.process().approval().name().equals("ADMIN"));
        model.addAttribute("ruleMet", program.renewal().assess(earned).met());
        model.addAttribute("takesSubmissions", certificate.state() == CertificateState.ACTIVE && !now.isAfter(closes));
        return requests.pendingFor(certificate).doOnNext(r -> model.addAttribute("renewalRequest", r)).then();
    }
}
