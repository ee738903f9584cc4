package org.certregistry.web.system;

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
        loginThrottle = loginThrottle == null ? new LoginThrottle(3, Duration.ofSeconds(1), Duration.ofMinutes(15))
                : loginThrottle;
    }

    /** One account: user name, password hash, roles (ADMIN, AUDITOR). */
    public record User(String name, String passwordHash, List<String> roles) {
    }

    /**
     * Failed logins per user name and client: the first {@code freeFailures} cost nothing, then
     * each one locks that pair out for {@code firstDelay}, doubling up to {@code maxDelay}.
     */
    public record LoginThrottle(@DefaultValue("3") int freeFailures, @DefaultValue("1s") Duration firstDelay,
            @DefaultValue("15m") Duration maxDelay) {
    }
}
