package org.certregistry.web.admin.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's sign-in page; Spring Security handles the POST and redirects back with ?error, ?locked=N or ?logout. */
@Controller
class LoginController {

    @GetMapping("/admin/login")
    String login(@RequestParam MultiValueMap<String, String> params, Model model) {
        // the flags come without a value (?error), so their presence is what counts
        String locked = params.getFirst("locked");
        if (params.containsKey("locked")) {
            model.addAttribute("message", "Too many failed sign-ins: wait "
                    + (locked != null && locked.matches("\\d{1,6}") ? locked : "a few") + " seconds and try again.");
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
