package org.certregistry.web.mail.web;

import java.security.Principal;
import java.util.Locale;

import org.certregistry.web.database.EmbeddedDatabase;
import org.certregistry.web.mail.MailStatus;
import org.certregistry.web.mail.Outbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
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
 * The outbox in pages: the console's list and message (admins and auditors; private links shown
 * as a note), and the development mailbox, which shows messages as their recipients get them.
 */
@Controller
class MailPagesController {

    static final String DEV_MAILBOX = "/admin/dev/mailbox";

    private final Outbox outbox;
    private final MessageSource messages;
    private final boolean production;
    private final boolean developmentDatabase;

    MailPagesController(Outbox outbox, MessageSource messages, Environment environment,
            ObjectProvider<EmbeddedDatabase> embedded) {
        this.outbox = outbox;
        this.messages = messages;
        this.production = environment.acceptsProfiles(Profiles.of("prod"));
        // tests run on a server database and stand in for the embedded default with this switch
        this.developmentDatabase = embedded.getIfAvailable() != null
                || environment.getProperty("registry.mail.dev-mailbox-on-any-database", Boolean.class, false);
    }

    private boolean devMailbox() {
        return !production && developmentDatabase && !outbox.delivering();
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
    Mono<String> consoleMessage(@PathVariable String id, Principal principal, Model model, Locale locale) {
        console(principal, model);
        return outbox.find(MailAdminController.MailViews.id(id))
            .switchIfEmpty(Mono.error(() -> new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND)))
            .map(message -> {
                model.addAttribute("message", message.forStaff(messages.getMessage("admin.mail.link-withheld", null,
                        MailAdminController.LINK_WITHHELD, locale)));
                return "admin/mail-message";
            });
    }

    /** The development mailbox's old address: the mailbox is in the console now, for admins only. */
    @GetMapping({ "/dev/mailbox", "/dev/mailbox/{id}" })
    Mono<String> devMailboxMoved(@PathVariable(required = false) String id) {
        if (!devMailbox()) {
            return Mono.error(new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        }
        return Mono.just("redirect:" + DEV_MAILBOX + (id == null ? "" : "/" + MailAdminController.MailViews.id(id)));
    }

    /**
     * The development mailbox: stands in for the recipients' inboxes, private links and all, so it exists only on
     * the embedded development default (no prod profile, no SMTP server, the embedded database) and only for a
     * signed-in admin (AdminSecurity); an auditor is refused like a stranger.
     */
    @GetMapping({ DEV_MAILBOX, DEV_MAILBOX + "/{id}" })
    Mono<String> devMailbox(@PathVariable(required = false) String id, Model model, ServerWebExchange exchange) {
        if (!devMailbox()) {
            return Mono.error(new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        }
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore());
        exchange.getResponse().getHeaders().set("X-Robots-Tag", "noindex");
        Mono<Void> selected = id == null ? Mono.empty()
                : outbox.find(MailAdminController.MailViews.id(id))
                    .doOnNext(m -> model.addAttribute("selected", outbox.asDelivered(m))).then();
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
