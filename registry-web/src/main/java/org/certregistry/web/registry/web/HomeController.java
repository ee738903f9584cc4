package org.certregistry.web.registry.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: what this is, and the search box. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "index";
    }
}
