package org.certregistry.web.registry.web;

import org.certregistry.web.http.RateLimited;
import org.certregistry.web.registry.RegistrySearch;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/v1/registry}: JSON search of the public directory. */
@RestController
class RegistryApiController {

    private final RegistrySearch search;

    RegistryApiController(RegistrySearch search) {
        this.search = search;
    }

    @RateLimited(value = "search", burst = 60, perSecond = 10)
    @GetMapping("/api/v1/registry")
    Mono<RegistrySearch.Page> search(@RequestParam(required = false) String q, @RequestParam(required = false) String program,
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return search.search(q, program, status, page, size);
    }
}
