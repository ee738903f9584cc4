package org.certregistry.web.admin.web;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.problem.Problem;
import org.certregistry.web.security.ApiTokens;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * API tokens in the console (ADMIN only): the list with each token's state and last use, a form
 * to create one (its secret is shown once, on the answer page, never stored), and revocation.
 */
@Controller
class TokenConsoleController {

    private final ApiTokens tokens;
    private final Clock clock;

    TokenConsoleController(ApiTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    record CreateForm(String name, String role, Integer expiresInDays) {
    }

    @GetMapping("/admin/tokens")
    Mono<String> list(Model model, ServerWebExchange exchange) {
        return page(model, exchange);
    }

    @PostMapping("/admin/tokens")
    Mono<String> create(@ModelAttribute CreateForm form, Principal user, Model model, ServerWebExchange exchange) {
        return tokens.create(form.name(), form.role(), form.expiresInDays(), user.getName())
            .flatMap(created -> {
                model.addAttribute("created", created);
                model.addAttribute("info", "Token " + created.token().name() + " created. Copy its secret now: "
                        + "it is not shown again.");
                return page(model, exchange);
            })
            .onErrorResume(InvalidRequestException.class, ex -> {
                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                model.addAttribute("problems", ex.problems());
                model.addAttribute("form", form);
                return page(model, exchange);
            });
    }

    @PostMapping("/admin/tokens/{id}/revoke")
    Mono<String> revoke(@PathVariable UUID id, Principal user, Model model, ServerWebExchange exchange) {
        return tokens.revoke(id, user.getName())
            .flatMap(revoked -> {
                model.addAttribute("info", "Token " + revoked.name() + " is revoked.");
                return page(model, exchange);
            })
            .onErrorResume(Problem.class, ex -> {
                exchange.getResponse().setStatusCode(ex.status());
                model.addAttribute("problem", ex.getMessage());
                return page(model, exchange);
            });
    }

    private Mono<String> page(Model model, ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore());
        // the page also answers its forms (POST): the language switcher goes back to the list
        model.addAttribute("languagePage", "/admin/tokens");
        Instant now = clock.instant();
        model.addAttribute("now", now);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new CreateForm("", "AUDITOR", 90));
        }
        return tokens.list().map(t -> AdminTokenController.TokenView.of(t, now)).collectList().map(list -> {
            model.addAttribute("tokens", list);
            return "admin/tokens";
        });
    }
}
