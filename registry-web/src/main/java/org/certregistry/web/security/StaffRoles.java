package org.certregistry.web.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who a person signed in through the organisation's identity provider is in the registry: their roles from the
 * configured claim ({@link SingleSignOnProperties}), and the name the history records them by (their e-mail address,
 * else their preferred user name, else the provider's subject). Someone the claim gives no role is refused: signing
 * in to the provider is not enough to see the console.
 */
@Component
class StaffRoles implements ReactiveOAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcReactiveOAuth2UserService provider = new OidcReactiveOAuth2UserService();
    private final SingleSignOnProperties properties;

    StaffRoles(SingleSignOnProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<OidcUser> loadUser(OidcUserRequest request) {
        return provider.loadUser(request).flatMap(user -> {
            Set<String> roles = properties.rolesFor(values(user.getAttributes().get(properties.roleClaim())));
            if (roles.isEmpty()) {
                return Mono.error(new OAuth2AuthenticationException(new OAuth2Error("access_denied",
                        "The identity provider gives this person no role in the registry (claim "
                                + properties.roleClaim() + ")", null)));
            }
            String nameClaim = user.getEmail() != null ? "email" : user.getPreferredUsername() != null ? "preferred_username" : "sub";
            return Mono.just(new DefaultOidcUser(roles.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList(),
                    user.getIdToken(), user.getUserInfo(), nameClaim));
        });
    }

    private static Collection<String> values(Object claim) {
        if (claim instanceof String one) {
            return List.of(one.split("[\\s,]+"));
        }
        if (claim instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
