package org.certregistry.web.admin.web;

import java.security.Principal;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * What every console page needs: the CSRF token for its forms (in WebFlux the token is a
 * {@code Mono} in an exchange attribute; subscribing to it here also saves it), and who is
 * signed in with what role.
 */
@ControllerAdvice(assignableTypes = { ConsoleController.class, CohortConsoleController.class, LoginController.class })
class ConsoleModel {

    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token;
    }

    @ModelAttribute("user")
    String user(Principal principal) {
        return principal == null ? null : principal.getName();
    }

    /** Whether the signed-in account may change anything (ADMIN); auditors get read-only pages. */
    @ModelAttribute("canChange")
    boolean canChange(Principal principal) {
        return principal instanceof Authentication a
                && a.getAuthorities().stream().anyMatch(g -> "ROLE_ADMIN".equals(g.getAuthority()));
    }
}
