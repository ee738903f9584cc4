package org.certregistry.web.holder.web;

import java.net.InetSocketAddress;
import java.util.Locale;

import org.certregistry.web.certificate.HolderAddresses;
import org.certregistry.web.holder.HolderSignIn;
import org.certregistry.web.holder.SignInProperties;
import org.certregistry.web.i18n.Messages;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The holder area: sign-in by e-mailed link, the dashboard of every certificate reached at the
 * signed-in address, sign-out, and moving to another address (confirmed from it, and for a while
 * undone from the old one). A link opened by GET only shows a button: mail scanners that fetch
 * links do not use them up.
 */
@Controller
class HolderAreaController {

    private static final String EMAIL = "[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+";

    private final HolderSignIn signIn;
    private final HolderSession session;
    private final HolderAddresses addresses;
    private final HolderDashboard dashboard;
    private final SignInProperties properties;
    private final Messages messages;

    HolderAreaController(HolderSignIn signIn, HolderSession session, HolderAddresses addresses, HolderDashboard dashboard,
            SignInProperties properties, Messages messages) {
        this.messages = messages;
        this.signIn = signIn;
        this.session = session;
        this.addresses = addresses;
        this.dashboard = dashboard;
        this.properties = properties;
    }

    record EmailForm(String email) {
    }

    @GetMapping("/holder/sign-in")
    String signInPage(@RequestParam(required = false) String signedOut, Model model, ServerWebExchange exchange) {
        privatePage(exchange);
        model.addAttribute("step", signedOut != null ? "signed-out" : "ask");
        return "holder-sign-in";
    }

    @PostMapping("/holder/sign-in")
    Mono<String> requestLink(@ModelAttribute EmailForm form, Model model, ServerWebExchange exchange) {
        privatePage(exchange);
        String email = form.email() == null ? "" : form.email().strip();
        if (email.length() > 254 || !email.matches(EMAIL)) {
            return refused(model, exchange, HttpStatus.BAD_REQUEST, "ask", "holder-sign-in.problem.email");
        }
        if (!signIn.clientMay(client(exchange))) {
            return refused(model, exchange, HttpStatus.TOO_MANY_REQUESTS, "ask", "holder-sign-in.problem.throttled");
        }
        model.addAttribute("email", email);
        model.addAttribute("minutes", properties.linkLifetime().toMinutes());
        model.addAttribute("step", "sent");
        // the same answer whether the address is known or not, and at the same time: the address is looked up (and a
        // link written and e-mailed) only once the answer is sent
        AfterAnswer.run(exchange, "A sign-in link request", signIn.requestLink(email, language(exchange)));
        return Mono.just("holder-sign-in");
    }

    @GetMapping("/holder/sign-in/{token}")
    String linkPage(@PathVariable String token, Model model, ServerWebExchange exchange) {
        privatePage(exchange);
        model.addAttribute("step", "confirm");
        model.addAttribute("token", token);
        return "holder-sign-in";
    }

    @PostMapping("/holder/sign-in/{token}")
    Mono<String> useLink(@PathVariable String token, Model model, ServerWebExchange exchange) {
        privatePage(exchange);
        // the page the holder signed in from is in the language they read: their e-mails follow it
        return signIn.signIn(token, language(exchange)).map(started -> {
            session.start(exchange, started);
            return "redirect:/holder";
        }).switchIfEmpty(Mono.defer(() -> refused(model, exchange, HttpStatus.BAD_REQUEST, "ask", "holder-sign-in.problem.link-used")));
    }

    @GetMapping("/holder")
    Mono<String> area(@RequestParam(required = false) String saved, Model model, ServerWebExchange exchange) {
        privatePage(exchange);
        return session.email(exchange).flatMap(email -> addresses.certificatesOf(email).concatMap(dashboard::card).collectList().map(list -> {
            model.addAttribute("email", email);
            model.addAttribute("certificates", list);
            model.addAttribute("saved", saved);
            return "holder-area";
        })).defaultIfEmpty("redirect:/holder/sign-in");
    }

    @PostMapping("/holder/sign-out")
    Mono<String> signOut(ServerWebExchange exchange) {
        return session.end(exchange).thenReturn("redirect:/holder/sign-in?signedOut");
    }

    @PostMapping("/holder/address")
    Mono<String> changeAddress(@ModelAttribute EmailForm form, Model model, ServerWebExchange exchange) {
        privatePage(exchange);
        String newEmail = form.email() == null ? "" : form.email().strip();
        return session.email(exchange).flatMap(email -> {
            if (newEmail.length() > 254 || !newEmail.matches(EMAIL) || newEmail.equalsIgnoreCase(email)) {
                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                // this answer to a form has no page of its own to switch language on: the area is
                model.addAttribute("languagePage", "/holder");
                return area(null, model.addAttribute("problem", messages.forReader(exchange, "holder-area.problem.new-address")),
                        exchange);
            }
            return signIn.requestAddressChange(email, newEmail, language(exchange)).flatMap(requested -> {
                if (requested == HolderSignIn.ChangeRequested.SENT) {
                    return Mono.just("redirect:/holder?saved=address-link");
                }
                exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
                model.addAttribute("languagePage", "/holder");
                return area(null, model.addAttribute("problem", messages.forReader(exchange,
                        "holder-area.problem.too-many-changes", properties.changeWindow().toMinutes())), exchange);
            });
        }).defaultIfEmpty("redirect:/holder/sign-in");
    }

    @GetMapping("/holder/address/{token}")
    String addressPage(@PathVariable String token, Model model, ServerWebExchange exchange) {
        privatePage(exchange);
        model.addAttribute("step", "confirm-address");
        model.addAttribute("token", token);
        return "holder-sign-in";
    }

    @PostMapping("/holder/address/{token}")
    Mono<String> confirmAddress(@PathVariable String token, Model model, ServerWebExchange exchange) {
        privatePage(exchange);
        return signIn.confirmAddress(token).map(email -> "redirect:/holder?saved=address")
            .switchIfEmpty(Mono.defer(() -> refused(model, exchange, HttpStatus.BAD_REQUEST, "ask",
                    "holder-sign-in.problem.address-link-used")));
    }

    @GetMapping("/holder/address/undo/{token}")
    String undoPage(@PathVariable String token, Model model, ServerWebExchange exchange) {
        privatePage(exchange);
        model.addAttribute("step", "confirm-undo");
        model.addAttribute("token", token);
        model.addAttribute("days", properties.undoLinkLifetime().toDays());
        return "holder-sign-in";
    }

    /** Takes a change of address back (from the old address's e-mail) and says what it did. */
    @PostMapping("/holder/address/undo/{token}")
    Mono<String> undo(@PathVariable String token, Model model, ServerWebExchange exchange) {
        privatePage(exchange);
        return signIn.undoAddressChange(token).map(undone -> {
            model.addAttribute("step", "undone");
            model.addAttribute("email", undone.address());
            model.addAttribute("signedOut", String.join(", ", undone.signedOut()));
            model.addAttribute("languagePage", "/holder/sign-in");
            return "holder-sign-in";
        }).switchIfEmpty(Mono.defer(() -> refused(model, exchange, HttpStatus.BAD_REQUEST, "ask",
                "holder-sign-in.problem.undo-link-used")));
    }

    /** Answers the sign-in page again with why ({@code problemKey}), in the reader's language. */
    private Mono<String> refused(Model model, ServerWebExchange exchange, HttpStatus status, String step, String problemKey) {
        exchange.getResponse().setStatusCode(status);
        model.addAttribute("step", step);
        model.addAttribute("problem", messages.forReader(exchange, problemKey));
        // a link's page takes no GET once used; the sign-in page does
        model.addAttribute("languagePage", "/holder/sign-in");
        return Mono.just("holder-sign-in");
    }

    private static Locale language(ServerWebExchange exchange) {
        return exchange.getLocaleContext().getLocale();
    }

    static void privatePage(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore().cachePrivate());
        exchange.getResponse().getHeaders().set("X-Robots-Tag", "noindex");
        exchange.getResponse().getHeaders().set("Referrer-Policy", "no-referrer");
    }

    private static String client(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

}
