package org.certregistry.web.security;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.certregistry.web.database.DatabaseDeadline;
import org.certregistry.web.system.BlockingWork;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Password sign-in for the console and the admin API, built so that password checks cannot be
 * turned against the server:
 * <ol>
 * <li>at most {@code maxChecksPerUser} checks for one user name run at once on this instance, and
 * at most {@code maxConcurrentChecks} in all (bcrypt is ~50 ms of CPU each): more are refused at
 * once, never queued;</li>
 * <li>the attempt is counted in PostgreSQL before the password is checked ({@link LoginThrottle});
 * a locked-out pair gets no check at all;</li>
 * <li>bcrypt runs on {@link BlockingWork}, never on an event loop;</li>
 * <li>an unknown user name is checked against a dummy hash of the same cost, so it answers in
 * the same time as a known one and does not reveal which names exist;</li>
 * <li>identical attempts at once share one check (keyed by an HMAC of the password under a
 * per-process key), so parallel requests with the same HTTP Basic credentials cost one bcrypt
 * check and count once. Integrations should use API tokens ({@link ApiTokens}) instead: a
 * token costs a SHA-256, not a bcrypt check.</li>
 * </ol>
 */
final class PasswordLogins implements ReactiveAuthenticationManager {

    /** How long the shared count of attempts may take before it is treated as unavailable. */
    private static final Duration COUNT_DEADLINE = Duration.ofSeconds(2);

    private static final Pattern BCRYPT_COST = Pattern.compile("^\\{bcrypt\\}\\$2[aby]?\\$(\\d{2})\\$");

    private final ReactiveUserDetailsService users;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final BlockingWork blocking;
    private final SecurityProperties.LoginThrottle settings;
    private final Semaphore checks;
    private final Map<String, Integer> checksPerUser = new ConcurrentHashMap<>();
    private final UserDetails nobody;
    private final SecretKeySpec fingerprintKey;
    // checks in flight, by user name and password fingerprint; each leaves when it ends
    private final Map<String, Mono<Authentication>> inFlight = new ConcurrentHashMap<>();

    PasswordLogins(ReactiveUserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle, BlockingWork blocking,
            SecurityProperties properties) {
        this.users = users;
        this.encoder = encoder;
        this.throttle = throttle;
        this.blocking = blocking;
        this.settings = properties.loginThrottle();
        this.checks = new Semaphore(settings.maxConcurrentChecks());
        this.nobody = User.withUsername("\u0000nobody").password(dummyHash(properties)).roles("NONE").build();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.fingerprintKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /** A bcrypt hash of a random secret, at the highest cost any configured account uses. */
    private static String dummyHash(SecurityProperties properties) {
        int cost = properties.users().stream().map(u -> BCRYPT_COST.matcher(String.valueOf(u.passwordHash())))
            .filter(Matcher::find).mapToInt(m -> Integer.parseInt(m.group(1))).max().orElse(10);
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return "{bcrypt}" + new BCryptPasswordEncoder(cost).encode(Base64.getEncoder().encodeToString(secret));
    }

    @Override
    public Mono<Authentication> authenticate(Authentication attempt) {
        return Mono.deferContextual(context -> {
            String user = attempt.getName();
            String client = context.<ServerWebExchange>getOrEmpty(ServerWebExchange.class).map(PasswordLogins::client)
                .orElse("unknown");
            String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
            // the same user name and password at once share one check (parallel requests with HTTP Basic)
            String key = user + '\n' + fingerprint(password);
            @SuppressWarnings("unchecked")
            Mono<Authentication>[] created = new Mono[1];
            return inFlight.computeIfAbsent(key, k -> {
                created[0] = Mono.defer(() -> counted(user, client, password))
                    .doFinally(signal -> inFlight.remove(k, created[0]))
                    .cache();
                return created[0];
            });
        });
    }

    /** Capped, counted, then checked. */
    private Mono<Authentication> counted(String user, String client, String password) {
        if (checksPerUser.merge(key(user), 1, Integer::sum) > settings.maxChecksPerUser()) {
            release(user);
            return Mono.error(new LoginThrottledException(Duration.ofSeconds(1),
                    "A sign-in for this account is already being checked: try again in a second."));
        }
        if (!checks.tryAcquire()) {
            release(user);
            return Mono.error(new LoginThrottledException(Duration.ofSeconds(1),
                    "Too many sign-ins are being checked right now: try again in a second."));
        }
        return throttle.admit(user, client)
            // a frozen database never answers: past the deadline the count is treated as unavailable
            .timeout(COUNT_DEADLINE)
            // the shared count lives in PostgreSQL: while the database cannot be reached the check still runs,
            // bounded by the caps above, so an operator can sign in to see why the registry is not ready
            .onErrorResume(DatabaseDeadline::isFault, fault -> Mono.just(Optional.empty()))
            .flatMap(locked -> locked.isPresent() ? Mono.<Authentication>error(new LoginThrottledException(locked.get()))
                    : check(user, password).flatMap(ok -> throttle.succeeded(user, client).timeout(COUNT_DEADLINE)
                        .onErrorResume(DatabaseDeadline::isFault, fault -> Mono.empty()).thenReturn(ok)))
            .doFinally(signal -> {
                checks.release();
                release(user);
            });
    }

    /** HMAC of the password under a key that lives only in this process: what the cache of checks is keyed by. */
    private String fingerprint(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
            return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Mono<Authentication> check(String user, String password) {
        return users.findByUsername(user).map(Optional::of).defaultIfEmpty(Optional.empty())
            .flatMap(found -> blocking.run(() -> {
                UserDetails account = found.orElse(nobody);
                // always one bcrypt check, known name or not
                boolean matches = encoder.matches(password, account.getPassword());
                if (!matches || found.isEmpty() || !account.isEnabled() || !account.isAccountNonLocked()) {
                    throw new BadCredentialsException("Invalid user name or password");
                }
                return (Authentication) UsernamePasswordAuthenticationToken.authenticated(account, null,
                        account.getAuthorities());
            }));
    }

    private void release(String user) {
        checksPerUser.computeIfPresent(key(user), (name, running) -> running <= 1 ? null : running - 1);
    }

    private static String key(String user) {
        return user == null ? "" : user.toLowerCase(java.util.Locale.ROOT);
    }

    static String client(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
