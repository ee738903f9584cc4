package org.certregistry.web.admin.web;

import org.certregistry.web.security.StaffSignIn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's sign-in page: a button per identity provider, and the password form unless passwords are switched
 * off. Spring Security handles the sign-in and comes back with ?error, ?locked=N, ?refused (the provider's answer was
 * refused, or gave no role) or ?logout.
 */
@Controller
class LoginController {

    private final StaffSignIn signIn;

    LoginController(StaffSignIn signIn) {
        this.signIn = signIn;
    }

    @GetMapping("/admin/login")
    String login(@RequestParam MultiValueMap<String, String> params, Model model) {
        model.addAttribute("providers", signIn.providers());
        model.addAttribute("passwords", signIn.passwords());
        // the flags come without a value (?error), so their presence is what counts
        String locked = params.getFirst("locked");
        if (params.containsKey("locked")) {
            model.addAttribute("message", "Too many failed sign-ins: wait "
                    + (locked != null && locked.matches("\\d{1,6}") ? locked : "a few") + " seconds and try again.");
        }
        else if (params.containsKey("refused")) {
            model.addAttribute("messageKey", "admin.login.sso-refused");
        }
        else if (params.containsKey("error")) {
            model.addAttribute("message", "Wrong user name or password.");
        }
        else if (params.containsKey("logout")) {
            model.addAttribute("info", "You are signed out.");
        }
        return "admin/login";
    }
}
