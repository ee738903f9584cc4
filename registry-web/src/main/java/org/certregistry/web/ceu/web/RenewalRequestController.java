package org.certregistry.web.ceu.web;

import java.security.Principal;

import org.certregistry.web.ceu.RenewalRequest;
import org.certregistry.web.ceu.RenewalRequests;
import org.certregistry.web.problem.Problem;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Holders' renewal requests waiting for an admin, in the admin API and the console. */
@Controller
class RenewalRequestController {

    private final RenewalRequests requests;

    RenewalRequestController(RenewalRequests requests) {
        this.requests = requests;
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

    @GetMapping("/admin/renewals")
    Mono<String> console(Principal principal, Model model) {
        model.addAttribute("user", principal == null ? null : principal.getName());
        model.addAttribute("canChange", principal instanceof Authentication a
                && a.getAuthorities().stream().anyMatch(g -> "ROLE_ADMIN".equals(g.getAuthority())));
        return requests.pending().collectList().map(list -> {
            model.addAttribute("requests", list);
            return "admin/renewals";
        });
    }

    @PostMapping("/admin/renewals/{id}/approve")
    Mono<String> approve(@PathVariable String id, Principal principal, Model model) {
        return requests.approve(CeuReviewController.id(id), principal.getName())
            .map(renewed -> "redirect:/admin/renewals?done")
            .onErrorResume(Problem.class, problem -> console(principal, model.addAttribute("problem", problem.getMessage())));
    }
}
