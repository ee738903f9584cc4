package org.certregistry.web.security;

import org.certregistry.web.http.SecurityHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The holder area ({@code /holder/**}): open to all (the holder module checks its own session
 * cookie), its forms CSRF-protected by a token in a cookie rather than a server session, so an
 * anonymous visitor never gets a session.
 */
@Configuration(proxyBeanMethods = false)
class HolderSecurity {

    @Bean
    @Order(3)
    SecurityWebFilterChain holderAreaChain(ServerHttpSecurity http) {
        return http
            .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/holder", "/holder/**"))
            .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
            .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
            // the shared repository: its cookie is SameSite=Lax, as on every other chain
            .csrf(csrf -> csrf.csrfTokenRepository(CsrfTokenAdvice.tokenRepository())
                .csrfTokenRequestHandler(CsrfTokenAdvice.requestHandler()))
            .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .logout(ServerHttpSecurity.LogoutSpec::disable)
            .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
            .headers(SecurityHeaders::configure)
            .build();
    }
}
