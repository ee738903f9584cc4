package org.certregistry.web.admin.web;

import java.security.Principal;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page needs besides the CSRF token (which {@code CsrfTokenAdvice} gives
 * every page's forms): who is signed in, with what role.
 */
@ControllerAdvice(assignableTypes = { ConsoleController.class, CohortConsoleController.class, LoginController.class,
        TokenConsoleController.class, VerificationsConsoleController.class,
        HomeConsoleController.class })
class ConsoleModel {

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
