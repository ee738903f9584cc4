package org.certregistry.web.admin.web;

import java.security.Principal;

import org.certregistry.web.admin.Cohort;
import org.certregistry.web.admin.Cohorts;
import org.certregistry.web.ceu.CeuSubmission;
import org.certregistry.web.ceu.CeuSubmissions;
import org.certregistry.web.ceu.RenewalRequests;
import org.certregistry.web.mail.MailStatus;
import org.certregistry.web.mail.Outbox;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import reactor.core.publisher.Mono;

/**
 * The console's home page: the work waiting for someone, counted, each count linking to its list (CEU submissions to
 * review, renewals waiting for an admin, the signed-in admin's cohorts issuing or stopped, e-mail that could not be
 * sent). Every count is one bounded read, so the page stays quick however much waits.
 */
@Controller
class HomeConsoleController {

    /** Counted up to this many: a page of counts, not a census. */
    static final int MOST = 500;

    private final CeuSubmissions submissions;
    private final RenewalRequests renewals;
    private final Cohorts cohorts;
    private final Outbox outbox;

    HomeConsoleController(CeuSubmissions submissions, RenewalRequests renewals, Cohorts cohorts, Outbox outbox) {
        this.submissions = submissions;
        this.renewals = renewals;
        this.cohorts = cohorts;
        this.outbox = outbox;
    }

    /** What waits, by kind. */
    record Pending(long submissions, long renewals, long cohortsIssuing, long cohortsFailed, long mailFailed) {

        public long total() {
            return submissions + renewals + cohortsIssuing + cohortsFailed + mailFailed;
        }
    }

    @GetMapping({ "/admin", "/admin/" })
    Mono<String> home(Principal user, Model model) {
        Mono<Long> waitingSubmissions = submissions.queue(CeuSubmission.Status.PENDING, null, null).take(MOST).count();
        Mono<Long> waitingRenewals = renewals.pending().take(MOST).count();
        Mono<java.util.List<Cohort>> mine = cohorts.recent(user.getName()).collectList();
        Mono<Long> failedMail = outbox.recent(MailStatus.FAILED, null, null, MOST).count();
        return Mono.zip(waitingSubmissions, waitingRenewals, mine, failedMail).map(t -> {
            long issuing = t.getT3().stream().filter(c -> c.stage() == Cohort.Stage.ISSUING).count();
            long failed = t.getT3().stream().filter(c -> c.stage() == Cohort.Stage.FAILED).count();
            model.addAttribute("pending", new Pending(t.getT1(), t.getT2(), issuing, failed, t.getT4()));
            model.addAttribute("most", MOST);
            return "admin/home";
        });
    }
}
