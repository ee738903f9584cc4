package org.certregistry.web.issuers.web;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.certregistry.web.issuers.HostedIssuers;
import org.certregistry.web.issuers.UnknownIssuerException;
import org.certregistry.web.system.RegistryUrls;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.server.ServerWebExchange;

/**
 * What {@code issuer.id} and {@code achievement.id} dereference to: JSON-LD for
 * {@code application/ld+json}, {@code application/json}, any type or none (the mapping without
 * {@code produces} wins those), and a readable page for a browser ({@code text/html} first).
 */
@Controller
class HostedIssuerController {

    private static final MediaType LD_JSON = MediaType.parseMediaType("application/ld+json");
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final HostedIssuers issuers;
    private final RegistryUrls urls;

    HostedIssuerController(HostedIssuers issuers, RegistryUrls urls) {
        this.issuers = issuers;
        this.urls = urls;
    }

    @GetMapping("/issuers/{body}")
    ResponseEntity<String> profile(@PathVariable String body, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return json(issuers.profile(body), accept, "awarding body " + body);
    }

    @GetMapping("/issuers/{body}/keys/{name}")
    ResponseEntity<String> verificationMethod(@PathVariable String body, @PathVariable String name,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return json(issuers.verificationMethod(body, name), accept, "key " + name + " of awarding body " + body);
    }

    @GetMapping("/achievements/{code}")
    ResponseEntity<String> achievement(@PathVariable String code, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return json(issuers.achievement(code), accept, "program " + code);
    }

    @GetMapping(path = "/issuers/{body}", produces = MediaType.TEXT_HTML_VALUE)
    String profilePage(@PathVariable String body, Model model, ServerWebExchange exchange) {
        HostedIssuers.Body found = issuers.body(body).orElseThrow(() -> new UnknownIssuerException("awarding body " + body));
        page(exchange);
        model.addAttribute("body", found);
        model.addAttribute("keys", issuers.dataIntegrityKeys().stream()
            .map(k -> new KeyLine(urls.issuerKey(body, k.name()), k.publicKeyMultibase())).toList());
        model.addAttribute("achievementUrls", found.programs().stream()
            .map(p -> Map.entry(p, urls.achievement(p.code()))).toList());
        model.addAttribute("jwks", urls.jwks());
        return "issuer";
    }

    @GetMapping(path = "/achievements/{code}", produces = MediaType.TEXT_HTML_VALUE)
    String achievementPage(@PathVariable String code, Model model, ServerWebExchange exchange) {
        Map<String, Object> achievement = issuers.achievement(code).orElseThrow(() -> new UnknownIssuerException("program " + code));
        page(exchange);
        model.addAttribute("achievement", achievement);
        return "achievement";
    }

    /** A verification method as the page lists it. */
    record KeyLine(String url, String publicKeyMultibase) {
    }

    private static void page(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().setCacheControl(CACHE.getHeaderValue());
        exchange.getResponse().getHeaders().setVary(java.util.List.of(HttpHeaders.ACCEPT));
    }

    private static ResponseEntity<String> json(Optional<Map<String, Object>> document, String accept, String what) {
        Map<String, Object> found = document.orElseThrow(() -> new UnknownIssuerException(what));
        boolean plainJson = accept != null && !accept.contains("application/ld+json") && accept.contains("application/json");
        return ResponseEntity.ok().contentType(plainJson ? MediaType.APPLICATION_JSON : LD_JSON).cacheControl(CACHE)
            .varyBy(HttpHeaders.ACCEPT).body(HostedIssuers.json(found));
    }
}
