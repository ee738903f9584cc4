package org.certregistry.web.ceu.web;

import java.security.Principal;
import java.util.Locale;
import java.util.UUID;

import org.certregistry.web.ceu.CeuSubmission;
import org.certregistry.web.ceu.CeuSubmissions;
import org.certregistry.web.problem.Problem;
import org.certregistry.web.program.ProgramCatalog;
import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Mono;

/** The CEU review queue in the console: filter by program and age, see the evidence, approve or reject with a reason. */
@Controller
class CeuReviewConsoleController {

    private final CeuSubmissions submissions;
    private final ProgramCatalog programs;
    private final MessageSource messages;

    CeuReviewConsoleController(CeuSubmissions submissions, ProgramCatalog programs, MessageSource messages) {
        this.submissions = submissions;
        this.programs = programs;
        this.messages = messages;
    }

    record DecisionForm(String reason) {
    }

    @GetMapping("/admin/ceus")
    Mono<String> queue(@RequestParam(required = false) String program, @RequestParam(required = false) Integer olderThanDays,
            @RequestParam(required = false) String done, Principal principal, Model model, Locale locale) {
        console(principal, model);
        model.addAttribute("programs", programs.all());
        model.addAttribute("program", program == null ? "" : program);
        model.addAttribute("olderThanDays", olderThanDays);
        if ("approved".equals(done) || "rejected".equals(done)) {
            model.addAttribute("notice", messages.getMessage("console.ceus.done." + done, null, locale));
        }
        return submissions.queue(CeuSubmission.Status.PENDING, program, olderThanDays).collectList().map(list -> {
            model.addAttribute("submissions", list);
            return "admin/ceus";
        });
    }

    @GetMapping("/admin/ceus/{id}")
    Mono<String> one(@PathVariable String id, Principal principal, Model model) {
        console(principal, model);
        return submissions.find(CeuReviewController.id(id)).map(s -> {
            model.addAttribute("submission", s);
            return "admin/ceu";
        });
    }

    @GetMapping("/admin/ceus/{id}/evidence")
    Mono<ResponseEntity<byte[]>> evidence(@PathVariable String id) {
        UUID submission = CeuReviewController.id(id);
        return submissions.evidence(submission).map(evidence -> CeuReviewController.download(submission, evidence));
    }

    @PostMapping("/admin/ceus/{id}/{decision:approve|reject}")
    Mono<String> decide(@PathVariable String id, @PathVariable String decision, @ModelAttribute DecisionForm form,
            Principal principal, Model model) {
        Mono<CeuSubmission> decided = decision.equals("approve")
                ? submissions.approve(CeuReviewController.id(id), principal.getName())
                : submissions.reject(CeuReviewController.id(id), form.reason(), principal.getName());
        return decided.map(s -> "redirect:/admin/ceus?done=" + (decision.equals("approve") ? "approved" : "rejected"))
            .onErrorResume(Problem.class, problem -> one(id, principal, model.addAttribute("problem", problem.getMessage())));
    }

    private static void console(Principal principal, Model model) {
        model.addAttribute("user", principal == null ? null : principal.getName());
        model.addAttribute("canChange", principal instanceof Authentication a
                && a.getAuthorities().stream().anyMatch(g -> "ROLE_ADMIN".equals(g.getAuthority())));
    }
}
