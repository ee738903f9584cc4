package org.certregistry.web.issuers.web;

import java.time.Duration;

import org.certregistry.web.issuers.Badges;
import org.certregistry.web.issuers.UnknownIssuerException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /achievements/{code}/badge.png}: the program's badge, the picture of a certificate's preview card. */
@RestController
class BadgeController {

    private final Badges badges;

    BadgeController(Badges badges) {
        this.badges = badges;
    }

    @GetMapping("/achievements/{code}/badge.png")
    Mono<ResponseEntity<byte[]>> badge(@PathVariable String code) {
        return badges.png(code)
            .map(png -> ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic()).body(png))
            .switchIfEmpty(Mono.error(() -> new UnknownIssuerException("program " + code)));
    }
}
