package org.certregistry.web.signing.web;

import java.time.Duration;
import java.util.Map;

import org.certregistry.web.signing.IssuerKeys;
import org.certregistry.web.system.RegistryUrls;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the issuer's public keys: the JWKS, each key under its URL {@code kid}
 * ({@code <base>/keys/<name>}, the string tokens carry), and each key alone at that URL.
 */
@RestController
class KeysController {

    private static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");
    private static final MediaType JWK = MediaType.parseMediaType("application/jwk+json");
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final IssuerKeys keys;
    private final RegistryUrls urls;

    KeysController(IssuerKeys keys, RegistryUrls urls) {
        this.keys = keys;
        this.urls = urls;
    }

    @GetMapping("/.well-known/jwks.json")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().contentType(JWK_SET).cacheControl(CACHE).body(keys.publishedKeys().toJSONObject(true));
    }

    /** The bare JWK, with the same URL {@code kid} as in the JWKS. */
    @GetMapping("/keys/{name}")
    ResponseEntity<Map<String, Object>> key(@PathVariable String name) {
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            return ResponseEntity.notFound().build();
        }
        return java.util.Optional.ofNullable(keys.publishedKeys().getKeyByKeyId(urls.key(name)))
            .map(k -> ResponseEntity.ok().contentType(JWK).cacheControl(CACHE).body(k.toJSONObject()))
            .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
