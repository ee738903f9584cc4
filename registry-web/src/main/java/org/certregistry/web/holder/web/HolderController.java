package org.certregistry.web.holder.web;

import java.nio.charset.StandardCharsets;

import org.certregistry.web.holder.HolderCertificates;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import reactor.core.publisher.Mono;

/** The holder's downloads under {@code /h/{token}/...}: never cached by shared caches, never indexed. The page: {@link HolderPageController}. */
@Controller
class HolderController {

    private static final CacheControl PRIVATE = CacheControl.noCache().cachePrivate();

    private final HolderCertificates holders;

    HolderController(HolderCertificates holders) {
        this.holders = holders;
    }

    @GetMapping("/h/{token}/certificate.pdf")
    Mono<ResponseEntity<byte[]>> pdf(@PathVariable String token) {
        return holders.byToken(token).flatMap(certificate -> holders.pdf(certificate).map(bytes -> ResponseEntity.ok()
            .contentType(MediaType.APPLICATION_PDF)
            .cacheControl(PRIVATE)
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                .filename(certificate.number() + ".pdf", StandardCharsets.UTF_8).build().toString())
            .header("X-Robots-Tag", "noindex")
            .body(bytes)));
    }

    @GetMapping("/h/{token}/credential.jwt")
    Mono<ResponseEntity<String>> credential(@PathVariable String token) {
        return holders.byToken(token).flatMap(certificate -> holders.credential(certificate).map(credential -> ResponseEntity.ok()
            .contentType(MediaType.parseMediaType("application/jwt"))
            .cacheControl(PRIVATE)
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(certificate.number() + ".jwt", StandardCharsets.UTF_8).build().toString())
            .body(credential.jwt())));
    }
}
