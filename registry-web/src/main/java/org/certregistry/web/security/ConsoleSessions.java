package org.certregistry.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;

import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Console sign-ins kept in PostgreSQL ({@code console_session}), so that a console session signed
 * in on one instance works on every other. The cookie holds a random token; the table holds only
 * its SHA-256, the user name and when it expires (idle timeout, renewed at most once a minute,
 * within an absolute lifetime). Each request rebuilds the user's authorities from the configured
 * accounts, so a removed account or a changed role takes effect at once. Nothing is stored for
 * anonymous visitors, and signing in always makes a new token (no session fixation).
 */
@Component
class ConsoleSessions implements ServerSecurityContextRepository, DisposableBean {

    static final String COOKIE = "CONSOLE_SESSION";

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Duration IDLE = Duration.ofMinutes(30);

    private static final Duration LIFETIME = Duration.ofHours(12);

    private static final Duration RENEW_AFTER = Duration.ofMinutes(1);

    private static final Duration CLEAN = Duration.ofMinutes(5);

    /**
     * A stored session: whose, since when, when it was last renewed, and the roles an identity provider gave at sign-in
     * (null for a password account, whose roles are read from the configured accounts at each request).
     */
    private record Stored(String user, Instant createdAt, Instant lastSeenAt, String[] roles) {
    }

    private final DatabaseClient db;
    private final ReactiveUserDetailsService users;
    private final BlockingWork blocking;
    private final boolean httpsOnly;
    private final Clock clock;
    private volatile Disposable cleaning;

    ConsoleSessions(DatabaseClient db, ReactiveUserDetailsService users, BlockingWork blocking, RegistryProperties registry,
            Clock clock) {
        this.db = db;
        this.httpsOnly = registry.baseUrl().startsWith("https://");
        this.blocking = blocking;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        Mono<Void> endCurrent = Mono.justOrEmpty(token(exchange)).flatMap(this::delete);
        if (context == null || context.getAuthentication() == null) {
            return endCurrent.then(Mono.fromRunnable(() -> exchange.getResponse().addCookie(cookie(exchange, "", Duration.ZERO))));
        }
        Instant now = clock.instant();
        // SecureRandom may read /dev/urandom: off the event loop
        Authentication signedIn = context.getAuthentication();
        // a password account's roles are read from the configuration at each request; a provider's are kept
        String[] roles = signedIn.getPrincipal() instanceof UserDetails ? null
                : signedIn.getAuthorities().stream().map(GrantedAuthority::getAuthority).toArray(String[]::new);
        return endCurrent.then(blocking.run(ConsoleSessions::newToken)).flatMap(token -> db.sql("INSERT INTO console_session "
                + "(token_hash, user_name, created_at, last_seen_at, expires_at, roles) VALUES (:hash, :user, :now, :now, :expires, :roles)")
            .bind("hash", hash(token)).bind("user", signedIn.getName()).bind("now", now)
            .bind("expires", now.plus(IDLE)).bind("roles", Parameter.fromOrEmpty(roles, String[].class))
            .then()
            .then(Mono.fromRunnable(() -> exchange.getResponse().addCookie(cookie(exchange, token, LIFETIME)))));
    }

    private static String newToken() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        return Mono.justOrEmpty(token(exchange)).flatMap(token -> {
            Instant now = clock.instant();
            byte[] hash = hash(token);
            return db.sql("SELECT user_name, created_at, last_seen_at, roles FROM console_session "
                    + "WHERE token_hash = :hash AND expires_at > :now")
                .bind("hash", hash).bind("now", now)
                .map(row -> new Stored(row.get("user_name", String.class), row.get("created_at", Instant.class),
                        row.get("last_seen_at", Instant.class), row.get("roles", String[].class)))
                .one()
                .flatMap(stored -> renew(hash, stored, now).then(stored.roles() != null
                        ? Mono.just(UsernamePasswordAuthenticationToken.authenticated(stored.user(), null,
                                Stream.of(stored.roles()).map(SimpleGrantedAuthority::new).toList()))
                        : users.findByUsername(stored.user())
                            .map(user -> UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()))))
                .map(authentication -> (SecurityContext) new SecurityContextImpl(authentication));
        });
    }

    /** Deletes expired sessions every few minutes, from the moment the schema is ready; any instance may. */
    @EventListener(ApplicationReadyEvent.class)
    void startCleaning() {
        cleaning = Flux.interval(CLEAN, CLEAN).onBackpressureDrop()
            .concatMap(tick -> db.sql("DELETE FROM console_session WHERE expires_at <= :now").bind("now", clock.instant())
                .then()
                .onErrorResume(failure -> Mono.empty()))
            .subscribe();
    }

    @Override
    public void destroy() {
        if (cleaning != null) {
            cleaning.dispose();
        }
    }

    private Mono<Void> renew(byte[] hash, Stored stored, Instant now) {
        if (Duration.between(stored.lastSeenAt(), now).compareTo(RENEW_AFTER) < 0) {
            return Mono.empty();
        }
        Instant end = now.plus(IDLE);
        Instant cap = stored.createdAt().plus(LIFETIME);
        return db.sql("UPDATE console_session SET last_seen_at = :now, expires_at = :expires WHERE token_hash = :hash")
            .bind("now", now).bind("expires", end.isBefore(cap) ? end : cap).bind("hash", hash)
            .then();
    }

    private Mono<Void> delete(String token) {
        return db.sql("DELETE FROM console_session WHERE token_hash = :hash").bind("hash", hash(token)).then();
    }

    private static java.util.Optional<String> token(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        return cookie == null || cookie.getValue().isBlank() || cookie.getValue().length() > 64
                ? java.util.Optional.empty() : java.util.Optional.of(cookie.getValue());
    }

    private ResponseCookie cookie(ServerWebExchange exchange, String value, Duration maxAge) {
        // Secure whenever the public URL is https, also behind a proxy that ends TLS
        return ResponseCookie.from(COOKIE, value).path("/admin").httpOnly(true).sameSite("Lax")
            .secure(httpsOnly || exchange.getRequest().getSslInfo() != null).maxAge(maxAge).build();
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is always present", ex);
        }
    }
}
