package org.certregistry.web.holder.web;

import java.nio.charset.StandardCharsets;

import org.certregistry.web.holder.HolderCertificates;
import org.certregistry.web.holder.RenderedDocument;
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

    /**
     * The printable PDF. Its strong ETag is a digest of the bytes (one credential version always
     * renders the same bytes), so a browser revalidating with If-None-Match gets a 304.
     */
    @GetMapping("/h/{token}/certificate.pdf")
    Mono<ResponseEntity<byte[]>> pdf(@PathVariable String token) {
        return holders.byToken(token).flatMap(certificate -> holders.pdfDocument(certificate)
            .map(pdf -> document(pdf, MediaType.APPLICATION_PDF, certificate.number() + ".pdf")));
    }

    /** A PNG picture of the certificate, for the holder's page; tagged and cached like the PDF. */
    @GetMapping("/h/{token}/certificate.png")
    Mono<ResponseEntity<byte[]>> preview(@PathVariable String token) {
        return holders.byToken(token).flatMap(certificate -> holders.previewDocument(certificate)
            .map(png -> document(png, MediaType.IMAGE_PNG, certificate.number() + ".png")));
    }

    /** WebFlux answers 304 itself when the request's If-None-Match matches the tag. */
    private static ResponseEntity<byte[]> document(RenderedDocument document, MediaType type, String filename) {
        return ResponseEntity.ok()
            .contentType(type)
            .cacheControl(PRIVATE)
            .eTag(document.etag())
            .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                .filename(filename, StandardCharsets.UTF_8).build().toString())
            .header("X-Robots-Tag", "noindex")
            .body(document.bytes());
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
