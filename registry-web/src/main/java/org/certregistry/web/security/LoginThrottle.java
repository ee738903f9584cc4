package org.certregistry.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Slows down password guessing, counted in PostgreSQL so that every instance sees every attempt.
 * An attempt is counted <em>before</em> its password is checked, as if it were going to fail:
 * the first {@code freeFailures} cost nothing, each later one locks the user name and client pair
 * for an exponentially growing time at once, so forty simultaneous guesses get at most
 * {@code freeFailures + 1} password checks, not forty. A success forgets the count. Other
 * clients, and other user names, are not affected, so an attacker cannot lock an admin out from
 * elsewhere.
 */
@Component
public class LoginThrottle implements DisposableBean {

    /** One statement decides and records: concurrent attempts queue on the row, each sees the last. */
    private static final String ADMIT = """
            INSERT INTO login_attempt AS a (user_name, client, attempts, locked_until, admitted, updated_at)
            VALUES (:user, :client, 1, CASE WHEN 1 > :free THEN :now + :firstMs::float8 * interval '1 millisecond' END, true, :now)
            ON CONFLICT (user_name, client) DO UPDATE SET
                attempts = CASE WHEN a.locked_until > :now THEN a.attempts ELSE a.attempts + 1 END,
                locked_until = CASE
                    WHEN a.locked_until > :now THEN a.locked_until
                    WHEN a.attempts + 1 > :free THEN :now + LEAST(:maxMs::float8,
                        :firstMs::float8 * power(2::float8, LEAST(a.attempts - :free, 30))) * interval '1 millisecond'
                    ELSE NULL END,
                admitted = NOT (a.locked_until IS NOT NULL AND a.locked_until > :now),
                updated_at = :now
            RETURNING admitted, locked_until""";

    private final SecurityProperties.LoginThrottle settings;
    private final DatabaseClient db;
    private final Clock clock;
    private final Disposable purging;

    LoginThrottle(SecurityProperties properties, DatabaseClient db, Clock clock) {
        this.settings = properties.loginThrottle();
        this.db = db;
        this.clock = clock;
        this.purging = Flux.interval(Duration.ofMinutes(1), Duration.ofMinutes(10))
            .onBackpressureDrop()
            .concatMap(tick -> purgeForgotten().onErrorResume(ex -> Mono.empty()))
            .subscribe();
    }

    /**
     * Counts an attempt of {@code user} from {@code client}: empty when its password may be
     * checked now, else how long that pair is still locked out (this attempt then did not count).
     */
    public Mono<Optional<Duration>> admit(String user, String client) {
        Instant now = clock.instant();
        return db.sql(ADMIT).bind("user", key(user)).bind("client", client).bind("now", now)
            .bind("free", settings.freeFailures()).bind("firstMs", settings.firstDelay().toMillis())
            .bind("maxMs", settings.maxDelay().toMillis())
            .map(row -> Boolean.TRUE.equals(row.get("admitted", Boolean.class)) ? Optional.<Duration>empty()
                    : Optional.of(Duration.between(now, row.get("locked_until", Instant.class))))
            .one();
    }

    /** The right password: the pair's count starts afresh. */
    public Mono<Void> succeeded(String user, String client) {
        return db.sql("DELETE FROM login_attempt WHERE user_name = :user AND client = :client")
            .bind("user", key(user)).bind("client", client).then();
    }

    /** Forgets pairs not seen for a day and not locked out. */
    Mono<Long> purgeForgotten() {
        Instant now = clock.instant();
        return db.sql("DELETE FROM login_attempt WHERE updated_at < :dayAgo AND (locked_until IS NULL OR locked_until < :now)")
            .bind("dayAgo", now.minus(Duration.ofDays(1))).bind("now", now).fetch().rowsUpdated();
    }

    @Override
    public void destroy() {
        purging.dispose();
    }

    private static String key(String user) {
        String name = user == null ? "" : user.toLowerCase(Locale.ROOT);
        // a user name is an account's name: anything longer is a guess, kept short in the table
        return name.length() > 200 ? name.substring(0, 200) : name;
    }
}
