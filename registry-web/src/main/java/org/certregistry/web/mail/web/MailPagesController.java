package org.certregistry.web.mail.web;

import java.security.Principal;

import org.certregistry.web.mail.MailStatus;
import org.certregistry.web.mail.Outbox;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.CacheControl;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The outbox in pages: the console's list and message (admins and auditors), and the development
 * mailbox {@code /dev/mailbox}, which shows every message to anyone, so it exists only when no
 * SMTP server is configured and never under the prod profile.
 */
@Controller
class MailPagesController {

    private final Outbox outbox;
    private final boolean production;

    MailPagesController(Outbox outbox, Environment environment) {
        this.outbox = outbox;
        this.production = environment.acceptsProfiles(Profiles.of("prod"));
    }

    @GetMapping("/admin/mail")
    Mono<String> console(@RequestParam(required = false) String status, @RequestParam(required = false) String recipient,
            Principal principal, Model model) {
        MailStatus wanted = MailAdminController.MailViews.status(status);
        console(principal, model);
        model.addAttribute("status", wanted == null ? "" : wanted.name());
        model.addAttribute("statuses", MailStatus.values());
        model.addAttribute("recipient", recipient == null ? "" : recipient);
        model.addAttribute("delivering", outbox.delivering());
        return outbox.recent(wanted, recipient, null, 200).collectList().map(messages -> {
            model.addAttribute("messages", messages);
            return "admin/mail";
        });
    }

    @GetMapping("/admin/mail/{id}")
    Mono<String> consoleMessage(@PathVariable String id, Principal principal, Model model) {
        console(principal, model);
        return outbox.find(MailAdminController.MailViews.id(id))
            .switchIfEmpty(Mono.error(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND)))
            .map(message -> {
                model.addAttribute("message", message);
                return "admin/mail-message";
            });
    }

    @GetMapping({ "/dev/mailbox", "/dev/mailbox/{id}" })
    Mono<String> devMailbox(@PathVariable(required = false) String id, Model model, ServerWebExchange exchange) {
        if (production || outbox.delivering()) {
            return Mono.error(new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        }
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore());
        exchange.getResponse().getHeaders().set("X-Robots-Tag", "noindex");
        Mono<Void> selected = id == null ? Mono.empty()
                : outbox.find(MailAdminController.MailViews.id(id)).doOnNext(m -> model.addAttribute("selected", m)).then();
        return selected.then(outbox.recent(null, null, null, 100).collectList()).map(messages -> {
            model.addAttribute("messages", messages);
            return "dev-mailbox";
        });
    }

    private static void console(Principal principal, Model model) {
        model.addAttribute("user", principal == null ? null : principal.getName());
        model.addAttribute("canChange", principal instanceof Authentication a
                && a.getAuthorities().stream().anyMatch(g -> "ROLE_ADMIN".equals(g.getAuthority())));
    }
}
