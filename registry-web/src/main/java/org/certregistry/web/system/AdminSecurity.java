package org.certregistry.web.system;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.MediaTypeServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.certregistry.web.system.web.CsrfTokenAdvice;
import org.certregistry.web.system.web.SecurityHeaders;
import reactor.core.publisher.Mono;

/**
 * Security of the admin side, apart from the public chain in {@link SecurityConfiguration}:
 * <ul>
 * <li>{@code /api/v1/admin/**}: stateless HTTP Basic, no CSRF (no cookies are honoured); reads for
 * ADMIN and AUDITOR, changes for ADMIN only; 401 or 403 as problem details;</li>
 * <li>{@code /admin/**}: the console, form login with a session, CSRF-protected forms; pages for
 * ADMIN and AUDITOR, every change for ADMIN only.</li>
 * </ul>
 * Both check passwords through {@link LoginThrottle}, which slows down repeated failures.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurity {

    static final String LOGIN_PAGE = "/admin/login";

    @Bean
    @Order(1)
    SecurityWebFilterChain adminApiChain(ServerHttpSecurity http, ReactiveUserDetailsService users, PasswordEncoder encoder,
            LoginThrottle throttle) {
        ServerAuthenticationEntryPoint problem = AdminSecurity::unauthorized;
        return http
            .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/v1/admin", "/api/v1/admin/**"))
            .authorizeExchange(exchanges -> exchanges
                .pathMatchers(HttpMethod.GET, "/api/v1/admin/**").hasAnyRole("ADMIN", "AUDITOR")
                .anyExchange().hasRole("ADMIN"))
            .httpBasic(basic -> basic.authenticationManager(throttled(users, encoder, throttle))
                .authenticationEntryPoint(problem)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance()))
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
            .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
            .exceptionHandling(ex -> ex.authenticationEntryPoint(problem)
                .accessDeniedHandler((exchange, denied) -> write(exchange, HttpStatus.FORBIDDEN, null,
                        "This account may not do that: changes need the ADMIN role.")))
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .csrf(ServerHttpSecurity.CsrfSpec::disable)
            .headers(SecurityHeaders::configure)
            .build();
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain adminConsoleChain(ServerHttpSecurity http, ReactiveUserDetailsService users,
            PasswordEncoder encoder, LoginThrottle throttle) {
        RedirectServerLogoutSuccessHandler loggedOut = new RedirectServerLogoutSuccessHandler();
        loggedOut.setLogoutSuccessUrl(URI.create(LOGIN_PAGE + "?logout"));
        return http
            .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/admin", "/admin/**"))
            .authorizeExchange(exchanges -> exchanges
                .pathMatchers(LOGIN_PAGE).permitAll()
                .pathMatchers(HttpMethod.GET, "/admin", "/admin/**").hasAnyRole("ADMIN", "AUDITOR")
                .pathMatchers(HttpMethod.POST, "/admin/logout").authenticated()
                .anyExchange().hasRole("ADMIN"))
            .formLogin(form -> form.loginPage(LOGIN_PAGE)
                .authenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/admin/certificates"))
                .authenticationManager(throttled(users, encoder, throttle))
                .authenticationFailureHandler((webFilterExchange, ex) -> new RedirectServerAuthenticationFailureHandler(
                        ex instanceof LoginThrottledException t ? LOGIN_PAGE + "?locked=" + t.retryAfterSeconds()
                                : LOGIN_PAGE + "?error")
                    .onAuthenticationFailure(webFilterExchange, ex)))
            .logout(logout -> logout.logoutUrl("/admin/logout").logoutSuccessHandler(loggedOut))
            // a browser is sent to sign in; any other client is told 401, like the API
            .exceptionHandling(ex -> ex.authenticationEntryPoint(signInOr401()))
            .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
            // the cohort upload is a multipart form: the shared handler reads its token from the form too
            .csrf(csrf -> csrf.csrfTokenRequestHandler(CsrfTokenAdvice.requestHandler()))
            .headers(SecurityHeaders::configure)
            .build();
    }

    private static ServerAuthenticationEntryPoint signInOr401() {
        MediaTypeServerWebExchangeMatcher html = new MediaTypeServerWebExchangeMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegatingServerAuthenticationEntryPoint.DelegateEntry(html,
                        new RedirectServerAuthenticationEntryPoint(LOGIN_PAGE)));
        entryPoint.setDefaultEntryPoint(AdminSecurity::unauthorized);
        return entryPoint;
    }

    /** Password checks that a locked-out user name and client pair does not reach. */
    private static ReactiveAuthenticationManager throttled(ReactiveUserDetailsService users, PasswordEncoder encoder,
            LoginThrottle throttle) {
        UserDetailsRepositoryReactiveAuthenticationManager passwords = new UserDetailsRepositoryReactiveAuthenticationManager(
                users);
        passwords.setPasswordEncoder(encoder);
        return authentication -> Mono.deferContextual(context -> {
            String user = authentication.getName();
            String client = context.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
                .map(AdminSecurity::client).orElse("unknown");
            return throttle.lockedFor(user, client)
                .<Mono<org.springframework.security.core.Authentication>>map(
                        wait -> Mono.error(new LoginThrottledException(wait)))
                .orElseGet(() -> passwords.authenticate(authentication)
                    .doOnNext(ok -> throttle.succeeded(user, client))
                    .doOnError(BadCredentialsException.class, failed -> throttle.failed(user, client)));
        });
    }

    private static String client(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException ex) {
        if (ex instanceof LoginThrottledException throttled) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
            return write(exchange, HttpStatus.TOO_MANY_REQUESTS, null, throttled.getMessage());
        }
        return write(exchange, HttpStatus.UNAUTHORIZED, "Basic realm=\"certificate-registry\"",
                "Sign in with an admin or auditor account (HTTP Basic).");
    }

    /** A small RFC 9457 problem, written here because security answers before any controller runs. */
    private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String challenge, String detail) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        if (challenge != null) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String body = "{\"type\":\"https://certregistry.org/problems/" + (status == HttpStatus.FORBIDDEN ? "forbidden"
                : status == HttpStatus.TOO_MANY_REQUESTS ? "login-throttled" : "unauthorized") + "\",\"title\":\""
                + status.getReasonPhrase() + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }
}
