package org.certregistry.web.admin.web;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.certregistry.web.security.ApiTokens;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * API tokens through the admin API, for ADMINs only (see {@code AdminSecurity}), and only
 * signed in with a password: a token cannot mint or revoke tokens.
 */
@RestController
class AdminTokenController {

    private final ApiTokens tokens;
    private final Clock clock;

    AdminTokenController(ApiTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    record CreateRequest(String name, String role, Integer expiresInDays) {
    }

    /** A token as listed: never its secret. */
    record TokenView(UUID id, String name, String role, String state, String createdBy, Instant createdAt, Instant expiresAt,
            Instant revokedAt, String revokedBy, Instant lastUsedAt) {
        static TokenView of(ApiTokens.ApiToken t, Instant now) {
            return new TokenView(t.id(), t.name(), t.role(), t.state(now), t.createdBy(), t.createdAt(), t.expiresAt(),
                    t.revokedAt(), t.revokedBy(), t.lastUsedAt());
        }
    }

    /** The answer to a creation: the only time the secret is shown. */
    record Created(TokenView token, String secret, String use) {
    }

    @PostMapping(path = "/api/v1/admin/tokens", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Created>> create(@RequestBody CreateRequest request, Principal user) {
        return TokenOwners.person(user)
            .then(Mono.defer(() -> tokens.create(request.name(), request.role(), request.expiresInDays(), user.getName())))
            .map(created -> ResponseEntity.status(HttpStatus.CREATED)
                .header("Cache-Control", "no-store")
                .body(new Created(TokenView.of(created.token(), clock.instant()), created.secret(),
                        "Send it as 'Authorization: Bearer <secret>'. It is shown only now and stored only as a hash.")));
    }

    @GetMapping("/api/v1/admin/tokens")
    Mono<List<TokenView>> list() {
        Instant now = clock.instant();
        return tokens.list().map(t -> TokenView.of(t, now)).collectList();
    }

    @DeleteMapping("/api/v1/admin/tokens/{id}")
    Mono<TokenView> revoke(@PathVariable UUID id, Principal user) {
        return TokenOwners.person(user).then(Mono.defer(() -> tokens.revoke(id, user.getName())))
            .map(t -> TokenView.of(t, clock.instant()));
    }
}
