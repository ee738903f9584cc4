package org.certregistry.web.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.certregistry.web.http.SecurityHeaders;
import org.certregistry.web.problem.Problem;
import org.certregistry.web.problem.ProblemResponses;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryProperties;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfServerLogoutHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.MediaTypeServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Security of the admin side, apart from the public chain in {@link SecurityConfiguration}:
 * <ul>
 * <li>{@code /api/v1/admin/**}: stateless HTTP Basic or an API token, no CSRF (no cookies are honoured); reads for
 * ADMIN and AUDITOR, changes for ADMIN only; 401 or 403 as problem details;</li>
 * <li>{@code /admin/**}: the console, form login with a session kept in PostgreSQL
 * ({@link ConsoleSessions}: any instance serves it), CSRF-protected forms (token in a cookie:
 * nothing is kept for anyone who has not signed in); pages for ADMIN and AUDITOR, every change
 * for ADMIN only.</li>
 * </ul>
 * Both check passwords through {@link PasswordLogins} (attempts counted in PostgreSQL before the
 * check, checks capped, bcrypt off the event loop, unknown names as slow as known ones); the API
 * also takes {@code Authorization: Bearer} API tokens ({@link ApiTokens}).
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurity {

    private static final Logger log = LoggerFactory.getLogger(AdminSecurity.class);

    static final String LOGIN_PAGE = "/admin/login";
    /** Where a console sign-in through an identity provider starts ({@code /admin/sso/{registrationId}}) and is answered. */
    static final String SSO_START = "/admin/sso";
    static final String SSO_ANSWER = "/admin/sso/answer";

    @Bean
    PasswordLogins passwordLogins(ReactiveUserDetailsService users, PasswordEncoder encoder, LoginThrottle throttle,
            BlockingWork blocking, SecurityProperties properties) {
        return new PasswordLogins(users, encoder, throttle, blocking, properties);
    }

    /**
     * What checks a password, for the console and for HTTP Basic on the API: the configured accounts, or, where
     * {@code registry.security.password-logins} is false (staff sign in through the identity provider, the API takes
     * tokens), nothing at all.
     */
    private static ReactiveAuthenticationManager passwordsIfOn(PasswordLogins passwords, StaffSignIn signIn) {
        return signIn.passwords() ? passwords
                : attempt -> Mono.error(new DisabledException("Password sign-in is switched off: use the identity provider"));
    }

    @Bean
    @Order(1)
    SecurityWebFilterChain adminApiChain(ServerHttpSecurity http, PasswordLogins passwords, ApiTokens tokens,
            StaffSignIn signIn) {
        ServerAuthenticationEntryPoint problem = AdminSecurity::unauthorized;
        return http
            .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/v1/admin", "/api/v1/admin/**"))
            .authorizeExchange(exchanges -> exchanges
                .pathMatchers("/api/v1/admin/tokens", "/api/v1/admin/tokens/**").hasRole("ADMIN")
                .pathMatchers(HttpMethod.GET, "/api/v1/admin/**").hasAnyRole("ADMIN", "AUDITOR")
                .anyExchange().hasRole("ADMIN"))
            .addFilterAt(bearerTokens(tokens, problem), SecurityWebFiltersOrder.HTTP_BASIC)
            .httpBasic(basic -> basic.authenticationManager(passwordsIfOn(passwords, signIn))
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
    SecurityWebFilterChain adminConsoleChain(ServerHttpSecurity http, PasswordLogins passwords, ConsoleSessions sessions,
            StaffSignIn signIn, SealedSecrets seals, RegistryProperties registry, BlockingWork blocking) {
        RedirectServerLogoutSuccessHandler loggedOut = new RedirectServerLogoutSuccessHandler();
        loggedOut.setLogoutSuccessUrl(URI.create(LOGIN_PAGE + "?logout"));
        SecurityContextServerLogoutHandler signOut = new SecurityContextServerLogoutHandler();
        signOut.setSecurityContextRepository(sessions);
        // staff sign-in through the organisation's identity provider, where one is configured
        signIn.registrations().ifPresent(registrations -> http.oauth2Login(sso -> sso
            .clientRegistrationRepository(registrations)
            .authorizationRequestResolver(requests(registrations, blocking))
            .authorizationRequestRepository(new SealedAuthorizationRequests(seals, registry.baseUrl().startsWith("https://")))
            .authenticationMatcher(ServerWebExchangeMatchers.pathMatchers(SSO_ANSWER + "/{registrationId}"))
            // the provider's tokens are not kept: the registry calls nothing on the person's behalf
            .authorizedClientRepository(NoAuthorizedClients.INSTANCE)
            .securityContextRepository(sessions)
            .authenticationSuccessHandler(signedIn())
            .authenticationFailureHandler((exchange, refused) -> {
                // the person sees a sentence; the operator needs the provider's reason
                log.info("A console sign-in through an identity provider was refused: {}", refused.getMessage());
                return new RedirectServerAuthenticationFailureHandler(LOGIN_PAGE + "?refused").onAuthenticationFailure(exchange, refused);
            })));
        return http
            .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/admin", "/admin/**"))
            .authorizeExchange(exchanges -> exchanges
                .pathMatchers(LOGIN_PAGE, SSO_START + "/*", SSO_ANSWER + "/*").permitAll()
                // API tokens, and the development mailbox (every recipient's private links): admins only
                .pathMatchers("/admin/tokens", "/admin/tokens/**", "/admin/dev/**").hasRole("ADMIN")
                // the forms that change something: an auditor is refused the form, not shown one that would be refused
                .pathMatchers(HttpMethod.GET, "/admin/certificates/new", "/admin/cohorts").hasRole("ADMIN")
                .pathMatchers(HttpMethod.GET, "/admin", "/admin/**").hasAnyRole("ADMIN", "AUDITOR")
                .pathMatchers(HttpMethod.POST, "/admin/logout").authenticated()
                .anyExchange().hasRole("ADMIN"))
            .formLogin(form -> form.loginPage(LOGIN_PAGE)
                .authenticationSuccessHandler(signedIn())
                .authenticationManager(passwordsIfOn(passwords, signIn))
                .securityContextRepository(sessions)
                .authenticationFailureHandler((webFilterExchange, ex) -> new RedirectServerAuthenticationFailureHandler(
                        ex instanceof LoginThrottledException t ? LOGIN_PAGE + "?locked=" + t.retryAfterSeconds()
                                : LOGIN_PAGE + "?error")
                    .onAuthenticationFailure(webFilterExchange, ex)))
            .securityContextRepository(sessions)
            // the success handler always opens the certificates: no request is saved (that would make a session)
            .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
            .logout(logout -> logout.logoutUrl("/admin/logout")
                .logoutHandler(new DelegatingServerLogoutHandler(signOut,
                        new CsrfServerLogoutHandler(CsrfTokenAdvice.tokenRepository())))
                .logoutSuccessHandler(loggedOut))
            // a browser is sent to sign in; any other client is told 401, like the API. A refusal is a problem, which
            // http/ErrorPages writes as a page in the reader's language for a browser
            .exceptionHandling(ex -> ex.authenticationEntryPoint(signInOr401())
                .accessDeniedHandler((exchange, denied) -> write(exchange, HttpStatus.FORBIDDEN, null,
                        "This account may not do that: changes need the ADMIN role.")))
            .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
            // the cohort upload is a multipart form: the shared handler reads its token from the form too
            .csrf(csrf -> csrf.csrfTokenRepository(CsrfTokenAdvice.tokenRepository())
                .csrfTokenRequestHandler(CsrfTokenAdvice.requestHandler()))
            .headers(SecurityHeaders::configure)
            .build();
    }

    private static ServerOAuth2AuthorizationRequestResolver requests(ReactiveClientRegistrationRepository registrations,
            BlockingWork blocking) {
        DefaultServerOAuth2AuthorizationRequestResolver resolver = new DefaultServerOAuth2AuthorizationRequestResolver(
                registrations, ServerWebExchangeMatchers.pathMatchers(SSO_START + "/{registrationId}"));
        // PKCE for every provider, confidential clients too (RFC 9700)
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        // its state, nonce and PKCE verifier come from a SecureRandom that reads /dev/urandom: off the event loop
        return new ServerOAuth2AuthorizationRequestResolver() {

            @Override
            public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange) {
                return resolver.resolve(exchange).subscribeOn(blocking.scheduler());
            }

            @Override
            public Mono<OAuth2AuthorizationRequest> resolve(ServerWebExchange exchange, String registrationId) {
                return resolver.resolve(exchange, registrationId).subscribeOn(blocking.scheduler());
            }
        };
    }

    /** Always the certificates: no request is saved or looked up (a saved request would be a session). */
    private static RedirectServerAuthenticationSuccessHandler signedIn() {
        RedirectServerAuthenticationSuccessHandler handler = new RedirectServerAuthenticationSuccessHandler("/admin/certificates");
        handler.setRequestCache(NoOpServerRequestCache.getInstance());
        return handler;
    }

    private static ServerAuthenticationEntryPoint signInOr401() {
        MediaTypeServerWebExchangeMatcher html = new MediaTypeServerWebExchangeMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        // its default request cache would keep a session for every stranger sent to sign in
        RedirectServerAuthenticationEntryPoint toSignIn = new RedirectServerAuthenticationEntryPoint(LOGIN_PAGE);
        toSignIn.setRequestCache(NoOpServerRequestCache.getInstance());
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
                new DelegatingServerAuthenticationEntryPoint.DelegateEntry(html, toSignIn));
        entryPoint.setDefaultEntryPoint(AdminSecurity::unauthorized);
        return entryPoint;
    }

    /**
     * {@code Authorization: Bearer crt_...}: an API token stands for its role ({@link ApiTokens});
     * an unknown, expired or revoked token is a 401. Requests without a Bearer header pass on to
     * HTTP Basic.
     */
    private static AuthenticationWebFilter bearerTokens(ApiTokens tokens, ServerAuthenticationEntryPoint problem) {
        AuthenticationWebFilter filter = new AuthenticationWebFilter((ReactiveAuthenticationManager) bearer -> tokens
            .authenticate(String.valueOf(bearer.getCredentials()))
            .switchIfEmpty(Mono.error(() -> new BadCredentialsException("unknown token"))));
        filter.setServerAuthenticationConverter(exchange -> {
            String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Mono.empty();
            }
            return Mono.just(UsernamePasswordAuthenticationToken.unauthenticated("bearer", header.substring(7).strip()));
        });
        filter.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler((exchange, ex) ->
            write(exchange, HttpStatus.UNAUTHORIZED, "Bearer realm=\"certificate-registry\", error=\"invalid_token\"",
                    "The API token is unknown, expired or revoked.")));
        filter.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        return filter;
    }

    static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException ex) {
        if (ex instanceof LoginThrottledException throttled) {
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
            return write(exchange, HttpStatus.TOO_MANY_REQUESTS, null, throttled.getMessage());
        }
        return write(exchange, HttpStatus.UNAUTHORIZED, "Basic realm=\"certificate-registry\"",
                "Sign in with an admin or auditor account (HTTP Basic).");
    }

    /** A problem written here because security answers before any controller runs. */
    private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String challenge, String detail) {
        if (challenge != null) {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        String type = status == HttpStatus.FORBIDDEN ? "forbidden"
                : status == HttpStatus.TOO_MANY_REQUESTS ? "login-throttled" : "unauthorized";
        return ProblemResponses.write(exchange, Problem.detail(status, type, status.getReasonPhrase(), detail));
    }
}
