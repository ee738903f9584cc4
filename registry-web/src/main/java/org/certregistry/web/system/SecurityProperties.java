package org.certregistry.web.system;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Accounts of the console and admin API ({@code registry.security.users}): passwords only as
 * hashes ({@code {bcrypt}...}).
 */
@ConfigurationProperties("registry.security")
public record SecurityProperties(List<User> users) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** One account: user name, password hash, roles (ADMIN, AUDITOR). */
    public record User(String name, String passwordHash, List<String> roles) {
    }
}
