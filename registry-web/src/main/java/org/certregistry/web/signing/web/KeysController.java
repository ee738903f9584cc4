package org.certregistry.web.signing.web;

import java.time.Duration;
import java.util.Map;

import org.certregistry.web.signing.IssuerKeys;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the issuer's public keys: the JWKS, and each key alone under its {@code kid}. */
@RestController
class KeysController {

    private static final MediaType JWK_SET = MediaType.parseMediaType("application/jwk-set+json");
    private static final MediaType JWK = MediaType.parseMediaType("application/jwk+json");
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final IssuerKeys keys;

    KeysController(IssuerKeys keys) {
        this.keys = keys;
    }

    @GetMapping("/.well-known/jwks.json")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().contentType(JWK_SET).cacheControl(CACHE).body(keys.ring().publicKeys().toJSONObject(true));
    }

    @GetMapping("/keys/{kid}")
    ResponseEntity<Map<String, Object>> key(@PathVariable String kid) {
        return keys.ring().publicKey(kid)
            .map(k -> ResponseEntity.ok().contentType(JWK).cacheControl(CACHE).body(k.toJSONObject()))
            .orElseGet(() -> ResponseEntity.notFound().build());
    }
}
