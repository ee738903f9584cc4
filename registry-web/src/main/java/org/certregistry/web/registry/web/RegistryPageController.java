package org.certregistry.web.registry.web;

import java.util.stream.IntStream;

import org.certregistry.web.certificate.PublicStatus;
import org.certregistry.web.http.RateLimited;
import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.registry.RegistrySearch;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** {@code GET /registry}: the public directory search page; works without script. */
@Controller
class RegistryPageController {

    static final int PAGE_SIZE = 20;

    private final RegistrySearch search;
    private final ProgramCatalog programs;

    RegistryPageController(RegistrySearch search, ProgramCatalog programs) {
        this.search = search;
        this.programs = programs;
    }

    @RateLimited(value = "search", burst = 60, perSecond = 10)
    @GetMapping("/registry")
    Mono<String> page(@RequestParam(required = false) String q, @RequestParam(required = false) String program,
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") String page, Model model,
            ServerWebExchange exchange) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("program", program == null ? "" : program);
        model.addAttribute("status", status == null ? "" : status);
        model.addAttribute("programs", programs.all());
        model.addAttribute("statuses", PublicStatus.values());
        int pageNumber;
        try {
            pageNumber = Integer.parseInt(page.strip());
        }
        catch (NumberFormatException ex) {
            pageNumber = -1;
        }
        return search.search(q, program, status, pageNumber, PAGE_SIZE)
            .doOnNext(result -> {
                model.addAttribute("result", result);
                // a window of page links around the current one keeps the bar short on a phone
                int from = Math.max(0, result.page() - 4);
                model.addAttribute("pageLinks", IntStream.range(from, Math.min(result.pages(), from + 9)).boxed().toList());
            })
            .thenReturn("registry")
            .onErrorResume(InvalidRequestException.class, ex -> {
                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                model.addAttribute("problems", ex.problems());
                return Mono.just("registry");
            });
    }
}
