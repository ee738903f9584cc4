package org.certregistry.web.registry.web;

import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.registry.RegistrySearch;
import org.certregistry.web.system.InvalidRequestException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Mono;

/** {@code GET /registry}: the public directory search page. */
@Controller
class RegistryPageController {

    private final RegistrySearch search;
    private final ProgramCatalog programs;

    RegistryPageController(RegistrySearch search, ProgramCatalog programs) {
        this.search = search;
        this.programs = programs;
    }

    @GetMapping("/registry")
    Mono<String> page(@RequestParam(required = false) String q, @RequestParam(required = false) String program,
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("program", program == null ? "" : program);
        model.addAttribute("status", status == null ? "" : status);
        model.addAttribute("programs", programs.all());
        return search.search(q, program, status, Math.max(page, 0), 20)
            .doOnNext(result -> model.addAttribute("result", result))
            .thenReturn("registry")
            .onErrorResume(InvalidRequestException.class, ex -> {
                model.addAttribute("problem", ex.getMessage());
                return Mono.just("registry");
            });
    }
}
