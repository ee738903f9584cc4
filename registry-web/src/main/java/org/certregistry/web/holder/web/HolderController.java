package org.certregistry.web.holder.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.certregistry.issuer.pdf.CertificateLanguages;
import org.certregistry.web.holder.HolderCertificates;
import org.certregistry.web.holder.NoTwinException;
import org.certregistry.web.holder.RenderedDocument;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The holder's downloads under {@code /h/{token}/...}: never cached by shared caches, never indexed. The page: {@link HolderPageController}. */
@Controller
class HolderController {

    private static final CacheControl PRIVATE = CacheControl.noCache().cachePrivate();

    private final HolderCertificates holders;

    private final HolderSession session;

    HolderController(HolderCertificates holders, HolderSession session) {
        this.holders = holders;
        this.session = session;
    }

    /**
     * The printable PDF, worded in the language {@code lang} names ({@code en}, {@code fr},
     * {@code es}, {@code de}; absent or anything else is English). Its strong ETag is a digest of
     * the bytes (one credential version in one language always renders the same bytes), so a
     * browser revalidating with If-None-Match gets a 304.
     */
    @GetMapping("/h/{token}/certificate.pdf")
    Mono<ResponseEntity<byte[]>> pdf(@PathVariable String token, @RequestParam(name = "lang", required = false) String lang) {
        Locale language = CertificateLanguages.fromTag(lang);
        return holders.byToken(token).flatMap(certificate -> holders.pdfDocument(certificate, language)
            .map(pdf -> document(pdf, MediaType.APPLICATION_PDF, certificate.number() + ".pdf")));
    }

    /** A PNG picture of the certificate, for the holder's page; tagged and cached like the PDF. */
    @GetMapping("/h/{token}/certificate.png")
    Mono<ResponseEntity<byte[]>> preview(@PathVariable String token) {
        return holders.byToken(token).flatMap(certificate -> holders.previewDocument(certificate)
            .map(png -> document(png, MediaType.IMAGE_PNG, certificate.number() + ".png")));
    }

    /** The same PDF from the holder area, for a certificate of the signed-in holder (else 404); {@code lang} as above. */
    @GetMapping("/holder/certificates/{number}/certificate.pdf")
    Mono<ResponseEntity<byte[]>> areaPdf(@PathVariable String number, @RequestParam(name = "lang", required = false) String lang,
            ServerWebExchange exchange) {
        Locale language = CertificateLanguages.fromTag(lang);
        return session.own(exchange, number).flatMap(certificate -> holders.pdfDocument(certificate, language)
            .map(pdf -> document(pdf, MediaType.APPLICATION_PDF, certificate.number() + ".pdf")))
            .defaultIfEmpty(ResponseEntity.notFound().build());
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

    /** The Data Integrity twin of the current version (W3C VC 2.0 JSON, {@code eddsa-rdfc-2022}), for DCC wallets and verifiers. */
    @GetMapping("/h/{token}/credential.json")
    Mono<ResponseEntity<String>> dataIntegrity(@PathVariable String token) {
        return holders.byToken(token).flatMap(certificate -> holders.twin(certificate)
            .switchIfEmpty(Mono.error(() -> new NoTwinException(certificate.number())))
            .map(twin -> ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/ld+json"))
                .cacheControl(PRIVATE)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename(certificate.number() + ".json", StandardCharsets.UTF_8).build().toString())
                .header("X-Robots-Tag", "noindex")
                .body(twin)));
    }
}
