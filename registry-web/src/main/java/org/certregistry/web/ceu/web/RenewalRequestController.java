package org.certregistry.web.ceu.web;

import java.security.Principal;
import java.util.List;
import java.util.Locale;

import org.certregistry.web.ceu.RenewalRequest;
import org.certregistry.web.ceu.RenewalRequests;
import org.certregistry.web.problem.Problem;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.program.RenewalProcess;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Holders' renewal requests waiting for an admin, in the admin API and the console. */
@Controller
class RenewalRequestController {

    private final RenewalRequests requests;
    private final ProgramCatalog programs;
    private final MessageSource messages;

    RenewalRequestController(RenewalRequests requests, ProgramCatalog programs, MessageSource messages) {
        this.requests = requests;
        this.programs = programs;
        this.messages = messages;
    }

    @GetMapping("/api/v1/admin/renewal-requests")
    @ResponseBody
    Flux<RenewalRequest> pending() {
        return requests.pending();
    }

    @PostMapping("/api/v1/admin/renewal-requests/{id}/approve")
    @ResponseBody
    Mono<java.util.Map<String, Object>> approveByApi(@PathVariable String id, Principal user) {
        return requests.approve(CeuReviewController.id(id), user.getName()).map(renewed -> java.util.Map.of("number",
                renewed.number(), "validFrom", renewed.validFrom(), "validUntil", renewed.validUntil(),
                "credentialVersion", renewed.credentialVersion()));
    }

    /**
     * The queue, with which programs put renewals here (their configuration says {@code renewal.approval: admin})
     * and which renew at once; after an approval (post/redirect/get) it says which certificate was renewed.
     */
    @GetMapping("/admin/renewals")
    Mono<String> console(@RequestParam(required = false) String renewed, Principal principal, Model model, Locale locale) {
        model.addAttribute("user", principal == null ? null : principal.getName());
        model.addAttribute("canChange", principal instanceof Authentication a
                && a.getAuthorities().stream().anyMatch(g -> "ROLE_ADMIN".equals(g.getAuthority())));
        List<Program> all = List.copyOf(programs.all());
        model.addAttribute("byAdmin", all.stream().filter(p -> p.process().approval() == RenewalProcess.Approval.ADMIN)
            .map(Program::code).toList());
        model.addAttribute("automatic", all.stream()
            .filter(p -> p.process().approval() == RenewalProcess.Approval.AUTOMATIC).map(Program::code).toList());
        if (renewed != null && renewed.matches("[A-Z0-9-]{1,40}")) {
            model.addAttribute("notice", messages.getMessage("console.renewals.done", new Object[] { renewed }, locale));
        }
        return requests.pending().collectList().map(list -> {
            model.addAttribute("requests", list);
            return "admin/renewals";
        });
    }

    @PostMapping("/admin/renewals/{id}/approve")
    Mono<String> approve(@PathVariable String id, Principal principal, Model model, Locale locale) {
        return requests.approve(CeuReviewController.id(id), principal.getName())
            .map(renewed -> "redirect:/admin/renewals?renewed=" + renewed.number())
            .onErrorResume(Problem.class, problem -> console(null, principal, model.addAttribute("problem", problem.getMessage()),
                    locale));
    }
}
