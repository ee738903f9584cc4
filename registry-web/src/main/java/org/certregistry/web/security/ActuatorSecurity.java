package org.certregistry.web.security;

import org.certregistry.web.http.SecurityHeaders;
import org.certregistry.web.problem.Problem;
import org.certregistry.web.problem.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * The operators' endpoints under {@code /actuator}, on the application's port:
 * <ul>
 * <li>{@code /actuator/health} and its {@code liveness} and {@code readiness} groups are open, so a
 * proxy or orchestrator can probe without credentials; they show the status only, details (which
 * component is down) need an ADMIN or METRICS account (HTTP Basic);</li>
 * <li>{@code /actuator/prometheus} needs an ADMIN or METRICS account: a scraper gets an account with
 * role METRICS only, which opens nothing else;</li>
 * <li>anything else under {@code /actuator} is refused (nothing else is exposed either).</li>
 * </ul>
 * Stateless like the admin API; failed passwords are slowed down by the same {@link LoginThrottle}.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurity {

    /** The role of a metrics scraper's account. */
    static final String METRICS = "METRICS";

    @Bean
    @Order(3)
    SecurityWebFilterChain actuatorChain(ServerHttpSecurity http, PasswordLogins passwords) {
        return http
            .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/actuator", "/actuator/**"))
            .authorizeExchange(exchanges -> exchanges
                .pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                .pathMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole("ADMIN", METRICS)
                .anyExchange().denyAll())
            .httpBasic(basic -> basic.authenticationManager(passwords)
                .authenticationEntryPoint(AdminSecurity::unauthorized)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance()))
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
            .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
            .exceptionHandling(ex -> ex.authenticationEntryPoint(AdminSecurity::unauthorized)
                .accessDeniedHandler((exchange, denied) -> ProblemResponses.write(exchange, Problem.detail(HttpStatus.FORBIDDEN,
                        "forbidden", "Forbidden", "This account may not read operational data: that needs the ADMIN or METRICS role."))))
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .csrf(ServerHttpSecurity.CsrfSpec::disable)
            .headers(SecurityHeaders::configure)
            .build();
    }
}
