package org.certregistry.web.security;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Staff single sign-on ({@code registry.security.sso}): the identity providers themselves are Spring Security's
 * client registrations ({@code spring.security.oauth2.client.registration.<id>}); this says how a signed-in person's
 * role in the registry is read from what the provider says of them.
 *
 * @param roleClaim the ID token or user-info claim that holds the person's groups or roles ({@code groups},
 *        {@code roles}, Entra ID's {@code roles}, Okta's {@code groups}): a string or a list of strings
 * @param adminValues the values of that claim that make someone an ADMIN
 * @param auditorValues the values that make someone an AUDITOR (read-only); someone with neither is refused
 */
@ConfigurationProperties("registry.security.sso")
public record SingleSignOnProperties(@DefaultValue("groups") String roleClaim, List<String> adminValues,
        List<String> auditorValues) {

    public SingleSignOnProperties {
        adminValues = adminValues == null ? List.of() : List.copyOf(adminValues);
        auditorValues = auditorValues == null ? List.of() : List.copyOf(auditorValues);
    }

    /** The registry roles these claim values give, ADMIN before AUDITOR; empty when none. */
    Set<String> rolesFor(java.util.Collection<String> values) {
        java.util.Set<String> roles = new java.util.LinkedHashSet<>();
        if (values.stream().anyMatch(adminValues::contains)) {
            roles.add("ADMIN");
        }
        if (values.stream().anyMatch(auditorValues::contains)) {
            roles.add("AUDITOR");
        }
        return Set.copyOf(roles);
    }
}
