package org.certregistry.web.status.web;

import org.certregistry.issuer.credential.StatusPurpose;
import org.certregistry.web.database.DatabaseDeadline;
import org.certregistry.web.http.CredentialMediaTypes;
import org.certregistry.web.status.StatusListProperties;
import org.certregistry.web.status.StatusLists;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /status/{list}} (revocation) and {@code GET /status/{list}/suspension}: the signed
 * Bitstring Status List, as a VC-JWT or as a Data Integrity credential by {@code Accept}
 * ({@link CredentialMediaTypes}); both forms share the list number and indexes. A strong ETag
 * that is the same on every instance (a repeat with {@code If-None-Match} gets 304) and a
 * max-age short enough that a change shows within a second, even through a CDN.
 */
@RestController
class StatusListController {

    static final MediaType STATUS_LIST_JWT = MediaType.parseMediaType("application/statuslist+jwt");

    private final StatusLists lists;
    private final CacheControl cache;
    private final DatabaseDeadline deadline;

    StatusListController(StatusLists lists, StatusListProperties properties, DatabaseDeadline deadline) {
        this.lists = lists;
        this.deadline = deadline;
        this.cache = CacheControl.maxAge(properties.maxAge()).cachePublic();
    }

    @GetMapping("/status/{list}")
    Mono<ResponseEntity<String>> list(@PathVariable int list, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return serve(list, StatusPurpose.REVOCATION, accept);
    }

    @GetMapping("/status/{list}/suspension")
    Mono<ResponseEntity<String>> suspension(@PathVariable int list,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return serve(list, StatusPurpose.SUSPENSION, accept);
    }

    /**
     * The same list as an IETF Token Status List ({@code application/statuslist+jwt}): revocation and suspension in
     * two bits per entry, at the same indexes; what SD-JWT VCs name in {@code status.status_list}.
     */
    @GetMapping("/status/{list}/token")
    Mono<ResponseEntity<String>> token(@PathVariable int list) {
        return deadline.bound(lists.tokenStatusList(list))
            .map(signed -> ResponseEntity.ok().contentType(STATUS_LIST_JWT).cacheControl(cache).eTag(signed.etag())
                .body(signed.body()))
            .defaultIfEmpty(ResponseEntity.notFound().build());
    }

    private Mono<ResponseEntity<String>> serve(int list, StatusPurpose purpose, String accept) {
        StatusLists.Form form = CredentialMediaTypes.wantsJson(accept) ? StatusLists.Form.DATA_INTEGRITY : StatusLists.Form.JWT;
        MediaType type = form == StatusLists.Form.JWT ? CredentialMediaTypes.JWT : CredentialMediaTypes.LD_JSON;
        // within the database deadline: a relying party is told 503 with Retry-After, never left hanging
        return deadline.bound(lists.list(list, purpose, form))
            .map(signed -> ResponseEntity.ok().contentType(type).cacheControl(cache).eTag(signed.etag())
                .varyBy(HttpHeaders.ACCEPT).body(signed.body()))
            .defaultIfEmpty(ResponseEntity.notFound().build());
    }
}
