package org.certregistry.web.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing: after a few failed logins for one user name from one client,
 * that pair is locked out for an exponentially growing time. Other clients, and other user names,
 * are not affected, so an attacker cannot lock an admin out from elsewhere.
 */
@Component
public class LoginThrottle {

    private record Failures(int count, Instant lockedUntil) {
    }

    private final SecurityProperties.LoginThrottle settings;
    private final Clock clock;
    // bounded, so a flood of invented user names cannot exhaust memory
    private final Cache<String, Failures> failures = Caffeine.newBuilder().maximumSize(100_000)
        .expireAfterAccess(Duration.ofDays(1)).build();

    LoginThrottle(SecurityProperties properties, Clock clock) {
        this.settings = properties.loginThrottle();
        this.clock = clock;
    }

    /** How long this user name from this client must still wait, if it is locked out. */
    public Optional<Duration> lockedFor(String user, String client) {
        Failures f = failures.getIfPresent(key(user, client));
        Instant now = clock.instant();
        return f == null || f.lockedUntil() == null || !now.isBefore(f.lockedUntil()) ? Optional.empty()
                : Optional.of(Duration.between(now, f.lockedUntil()));
    }

    public void failed(String user, String client) {
        failures.asMap().compute(key(user, client), (k, f) -> {
            int count = f == null ? 1 : f.count() + 1;
            int over = count - settings.freeFailures();
            if (over <= 0) {
                return new Failures(count, null);
            }
            Duration delay = settings.firstDelay().multipliedBy(1L << Math.min(over - 1, 30));
            if (delay.compareTo(settings.maxDelay()) > 0) {
                delay = settings.maxDelay();
            }
            return new Failures(count, clock.instant().plus(delay));
        });
    }

    public void succeeded(String user, String client) {
        failures.invalidate(key(user, client));
    }

    private static String key(String user, String client) {
        return (user == null ? "" : user.toLowerCase(java.util.Locale.ROOT)) + '\n' + client;
    }
}
