package org.certregistry.web.status.web;

import org.certregistry.web.status.StatusListProperties;
import org.certregistry.web.status.StatusLists;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /status/{list}}: the signed Bitstring Status List, with a strong ETag (a repeat
 * with {@code If-None-Match} gets 304) and a max-age short enough that a revocation shows
 * within a second.
 */
@RestController
class StatusListController {

    private static final MediaType JWT = MediaType.parseMediaType("application/jwt");

    private final StatusLists lists;
    private final CacheControl cache;

    StatusListController(StatusLists lists, StatusListProperties properties) {
        this.lists = lists;
        this.cache = CacheControl.maxAge(properties.maxAge()).cachePublic();
    }

    @GetMapping("/status/{list}")
    Mono<ResponseEntity<String>> list(@PathVariable int list) {
        return lists.list(list)
            .map(signed -> ResponseEntity.ok().contentType(JWT).cacheControl(cache).eTag(signed.etag()).body(signed.jwt()))
            .defaultIfEmpty(ResponseEntity.notFound().build());
    }
}
