package org.certregistry.web.security;

import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestHandler;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Puts the CSRF token in every page's model as {@code _csrf}, so a form can carry it
 * ({@code th:name="${_csrf.parameterName}" th:value="${_csrf.token}"}). The token lives in a
 * cookie ({@link #tokenRepository()}), never on the server, so anonymous visitors cost no memory
 * and any instance checks a form another one served. WebFlux makes the token only when someone
 * subscribes, so pages that only read (the QR landing page, search, the JSON API) are left out
 * and set no cookie.
 */
@ControllerAdvice
public class CsrfTokenAdvice {

    static final String ATTRIBUTE = "_csrf";

    @ModelAttribute(ATTRIBUTE)
    Mono<CsrfToken> csrfToken(ServerWebExchange exchange) {
        if (readOnly(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return Mono.empty();
        }
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token;
    }

    /**
     * Spring Security's default handler (a masked token per response, against BREACH), also
     * reading the token from a multipart form such as the {@code /verify} upload.
     */
    public static ServerCsrfTokenRequestHandler requestHandler() {
        XorServerCsrfTokenRequestAttributeHandler handler = new XorServerCsrfTokenRequestAttributeHandler();
        handler.setTokenFromMultipartDataEnabled(true);
        return handler;
    }

    /**
     * CSRF tokens in a cookie (double submit): the form's masked token must match the cookie's.
     * HttpOnly, since pages read the token from the model, not from script.
     */
    public static ServerCsrfTokenRepository tokenRepository() {
        return TOKENS;
    }

    private static final CookieServerCsrfTokenRepository TOKENS = new CookieServerCsrfTokenRepository();

    static {
        TOKENS.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
    }

    static boolean readOnly(String path) {
        return path.startsWith("/api/") || path.startsWith("/v/") || path.equals("/registry") || path.equals("/")
                || path.startsWith("/status/") || path.startsWith("/.well-known/") || path.startsWith("/keys/")
                || path.startsWith("/issuers/") || path.startsWith("/achievements/");
    }
}
