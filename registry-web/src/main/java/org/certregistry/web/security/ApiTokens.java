package org.certregistry.web.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.problem.Problem;
import org.certregistry.web.system.BlockingWork;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * API tokens for integrations ({@code Authorization: Bearer crt_...} on the admin API): 256
 * random bits, shown once; only their SHA-256 is stored (a fast hash is right for a secret this
 * long: no dictionary to try). Each has one role (ADMIN or AUDITOR), an expiry, can be revoked,
 * and records its last use.
 */
@Component
public class ApiTokens {

    /** What an admin sees of a token: never the secret. */
    public record ApiToken(UUID id, String name, String role, String createdBy, Instant createdAt, Instant expiresAt,
            Instant revokedAt, String revokedBy, Instant lastUsedAt) {

        /** ACTIVE, EXPIRED or REVOKED at {@code now}. */
        public String state(Instant now) {
            return revokedAt != null ? "REVOKED" : now.isBefore(expiresAt) ? "ACTIVE" : "EXPIRED";
        }
    }

    /** A new token and its secret, which is shown this once. */
    public record CreatedToken(ApiToken token, String secret) {
    }

    /** No token with that id. */
    public static final class ApiTokenNotFoundException extends Problem {
        public ApiTokenNotFoundException(UUID id) {
            super(HttpStatus.NOT_FOUND, "api-token-not-found", "No such API token", "There is no API token " + id + ".");
        }
    }

    public static final String PREFIX = "crt_";
    public static final Duration MAX_VALIDITY = Duration.ofDays(366);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, name, role, created_by, created_at, expires_at, revoked_at, revoked_by, last_used_at";

    private final DatabaseClient db;
    private final BlockingWork blocking;
    private final Clock clock;

    ApiTokens(DatabaseClient db, BlockingWork blocking, Clock clock) {
        this.db = db;
        this.blocking = blocking;
        this.clock = clock;
    }

    /**
     * Creates a token named {@code name} with {@code role}, valid for {@code days} days.
     *
     * @throws InvalidRequestException naming each wrong field
     */
    public Mono<CreatedToken> create(String name, String role, Integer days, String actor) {
        List<InvalidRequestException.FieldProblem> problems = new ArrayList<>();
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.isEmpty() || cleanName.length() > 100 || cleanName.codePoints().anyMatch(
                cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT)) {
            problems.add(new InvalidRequestException.FieldProblem("name",
                    "is required: 1 to 100 visible characters saying which integration uses the token"));
        }
        String cleanRole = role == null ? "" : role.strip().toUpperCase(Locale.ROOT);
        if (!cleanRole.equals("ADMIN") && !cleanRole.equals("AUDITOR")) {
            problems.add(new InvalidRequestException.FieldProblem("role", "must be ADMIN or AUDITOR"));
        }
        if (days == null || days < 1 || days > MAX_VALIDITY.toDays()) {
            problems.add(new InvalidRequestException.FieldProblem("expiresInDays",
                    "must be 1 to " + MAX_VALIDITY.toDays() + " days"));
        }
        if (!problems.isEmpty()) {
            return Mono.error(new InvalidRequestException(problems));
        }
        // SecureRandom may read /dev/urandom: not on an event loop
        return blocking.run(ApiTokens::newSecret).flatMap(secret -> store(secret, cleanName, cleanRole, days, actor));
    }

    private static String newSecret() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private Mono<CreatedToken> store(String secret, String cleanName, String cleanRole, int days, String actor) {
        Instant now = clock.instant();
        ApiToken token = new ApiToken(UUID.randomUUID(), cleanName, cleanRole, actor, now, now.plus(Duration.ofDays(days)),
                null, null, null);
        return db.sql("INSERT INTO api_token (id, name, token_hash, role, created_by, created_at, expires_at) "
                + "VALUES (:id, :name, :hash, :role, :by, :at, :expires)")
            .bind("id", token.id()).bind("name", token.name()).bind("hash", sha256(secret)).bind("role", token.role())
            .bind("by", actor).bind("at", now).bind("expires", token.expiresAt())
            .then().thenReturn(new CreatedToken(token, secret));
    }

    /** Every token, newest first. */
    public Flux<ApiToken> list() {
        return db.sql("SELECT " + COLUMNS + " FROM api_token ORDER BY created_at DESC").map(ApiTokens::token).all();
    }

    /** Revokes a token for good (revoking it again changes nothing). */
    public Mono<ApiToken> revoke(UUID id, String actor) {
        return db.sql("UPDATE api_token SET revoked_at = COALESCE(revoked_at, :now), revoked_by = COALESCE(revoked_by, :by) "
                + "WHERE id = :id RETURNING " + COLUMNS)
            .bind("now", clock.instant()).bind("by", actor).bind("id", id).map(ApiTokens::token).one()
            .switchIfEmpty(Mono.error(() -> new ApiTokenNotFoundException(id)));
    }

    /** The caller a live token stands for, recording its use; empty for an unknown, expired or revoked token. */
    Mono<Authentication> authenticate(String secret) {
        if (secret == null || !secret.matches(PREFIX + "[A-Za-z0-9_-]{43}")) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        return db.sql("UPDATE api_token SET last_used_at = :now WHERE token_hash = :hash AND revoked_at IS NULL "
                + "AND expires_at > :now RETURNING name, role")
            .bind("now", now).bind("hash", sha256(secret))
            .map(row -> (Authentication) UsernamePasswordAuthenticationToken.authenticated(
                    "token:" + row.get("name", String.class), null,
                    AuthorityUtils.createAuthorityList("ROLE_" + row.get("role", String.class))))
            .one();
    }

    private static ApiToken token(Readable row) {
        return new ApiToken(row.get("id", UUID.class), row.get("name", String.class), row.get("role", String.class),
                row.get("created_by", String.class), row.get("created_at", Instant.class), row.get("expires_at", Instant.class),
                row.get("revoked_at", Instant.class), row.get("revoked_by", String.class), row.get("last_used_at", Instant.class));
    }

    private static byte[] sha256(String secret) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
