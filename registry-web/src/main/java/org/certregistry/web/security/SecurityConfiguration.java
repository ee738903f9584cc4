package org.certregistry.web.security;

import java.util.List;

import org.certregistry.web.http.SecurityHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * The public chain: everything public is open and nothing on it signs in (no HTTP Basic, no
 * form login). The admin API and console have their own chains ({@code AdminSecurity}), ordered
 * before this one; any admin path that slipped past them is refused here. CSRF protection applies
 * to the server-rendered forms; the JSON APIs are stateless.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    /** The documented development password; the prod profile refuses any account that still has it. */
    static final String DEVELOPMENT_PASSWORD = "registry-dev-admin";

    /** Every documented development password (README.md); the prod profile refuses them all. */
    static final List<String> DEVELOPMENT_PASSWORDS = List.of(DEVELOPMENT_PASSWORD, "registry-dev-auditor");

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http) {
        return http
            // the admin API and console (AdminSecurity) and the actuator (ActuatorSecurity) have their own chains, ordered before this one;
            // should a path ever slip past them, it is refused here rather than served
            .authorizeExchange(exchanges -> exchanges
                .pathMatchers("/api/v1/admin", "/api/v1/admin/**", "/admin", "/admin/**", "/actuator", "/actuator/**").denyAll()
                .anyExchange().permitAll())
            .headers(SecurityHeaders::configure)
            .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            // nobody signs in here: no security context is looked for or kept, no session made
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
            .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
            .csrf(csrf -> csrf.csrfTokenRepository(CsrfTokenAdvice.tokenRepository())
                .csrfTokenRequestHandler(CsrfTokenAdvice.requestHandler()).requireCsrfProtectionMatcher(exchange -> {
                HttpMethod method = exchange.getRequest().getMethod();
                boolean safe = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
                boolean api = exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/api/");
                return safe || api ? ServerWebExchangeMatcher.MatchResult.notMatch() : ServerWebExchangeMatcher.MatchResult.match();
            }))
            .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    MapReactiveUserDetailsService users(SecurityProperties properties, PasswordEncoder encoder, Environment environment) {
        if (properties.users().isEmpty()) {
            throw new IllegalStateException("No accounts are configured (registry.security.users)");
        }
        boolean production = environment.acceptsProfiles(Profiles.of("prod"));
        List<UserDetails> users = properties.users().stream().map(u -> {
            if (u.passwordHash() == null || !u.passwordHash().startsWith("{")) {
                throw new IllegalStateException("Account " + u.name() + " needs a password-hash such as {bcrypt}$2a$...");
            }
            if (production && DEVELOPMENT_PASSWORDS.stream().anyMatch(dev -> encoder.matches(dev, u.passwordHash()))) {
                throw new IllegalStateException("The prod profile refuses account " + u.name()
                        + " with the documented development password");
            }
            return User.withUsername(u.name()).password(u.passwordHash()).roles(u.roles().toArray(String[]::new)).build();
        }).toList();
        return new MapReactiveUserDetailsService(users);
    }
}
