package org.certregistry.web.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.stereotype.Component;

/**
 * How staff may sign in to the console: through the organisation's identity providers (OpenID Connect, one per
 * {@code spring.security.oauth2.client.registration.<id>}), with a password of a configured account, or both. Where
 * {@code registry.security.password-logins} is false, no password is checked anywhere (the console's form and the
 * API's HTTP Basic both refuse), so that a production registry can rely on its provider alone.
 */
@Component
public class StaffSignIn {

    /** An identity provider as the sign-in page offers it: where its sign-in starts, and its name. */
    public record Provider(String id, String name, String path) {
    }

    private final Optional<ReactiveClientRegistrationRepository> registrations;
    private final List<Provider> providers;
    private final boolean passwords;

    StaffSignIn(ObjectProvider<ReactiveClientRegistrationRepository> registrations,
            @Value("${registry.security.password-logins:true}") boolean passwords) {
        this.registrations = Optional.ofNullable(registrations.getIfAvailable());
        List<Provider> found = new ArrayList<>();
        if (this.registrations.orElse(null) instanceof InMemoryReactiveClientRegistrationRepository known) {
            for (ClientRegistration registration : known) {
                found.add(new Provider(registration.getRegistrationId(), registration.getClientName(),
                        AdminSecurity.SSO_START + "/" + registration.getRegistrationId()));
            }
        }
        this.providers = List.copyOf(found);
        this.passwords = passwords;
        if (!passwords && providers.isEmpty()) {
            throw new IllegalStateException("registry.security.password-logins is false but no identity provider is "
                    + "configured (spring.security.oauth2.client.registration.*): nobody could sign in to the console");
        }
    }

    /** The identity providers staff may sign in with, in configuration order; empty when there are none. */
    public List<Provider> providers() {
        return providers;
    }

    /** Whether a password of a configured account is accepted. */
    public boolean passwords() {
        return passwords;
    }

    Optional<ReactiveClientRegistrationRepository> registrations() {
        return registrations;
    }
}
