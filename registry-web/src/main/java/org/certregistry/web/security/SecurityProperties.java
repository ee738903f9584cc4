package org.certregistry.web.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Accounts of the console and admin API ({@code registry.security.users}): passwords only as
 * hashes ({@code {bcrypt}...}); and how repeated failed logins are slowed down.
 */
@ConfigurationProperties("registry.security")
public record SecurityProperties(List<User> users, @DefaultValue LoginThrottle loginThrottle) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        loginThrottle = loginThrottle == null ? new LoginThrottle(3, Duration.ofSeconds(1), Duration.ofMinutes(15), 2, 2)
                : loginThrottle;
    }

    /** One account: user name, password hash, roles (ADMIN, AUDITOR). */
    public record User(String name, String passwordHash, List<String> roles) {
    }

    /**
     * Failed logins per user name and client: the first {@code freeFailures} cost nothing, then
     * each one locks that pair out for {@code firstDelay}, doubling up to {@code maxDelay}. At most
     * {@code maxConcurrentChecks} password checks (bcrypt, ~50 ms of CPU each) run at once on an
     * instance, and at most {@code maxChecksPerUser} for one user name; more are refused (429).
     */
    public record LoginThrottle(@DefaultValue("3") int freeFailures, @DefaultValue("1s") Duration firstDelay,
            @DefaultValue("15m") Duration maxDelay, @DefaultValue("2") int maxConcurrentChecks,
            @DefaultValue("2") int maxChecksPerUser) {

        public LoginThrottle {
            if (maxConcurrentChecks < 1 || maxChecksPerUser < 1) {
                throw new IllegalArgumentException("registry.security.login-throttle.max-concurrent-checks and "
                        + "max-checks-per-user must be at least 1");
            }
        }
    }
}
