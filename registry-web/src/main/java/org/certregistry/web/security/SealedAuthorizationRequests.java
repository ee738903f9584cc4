package org.certregistry.web.security;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.client.web.server.ServerAuthorizationRequestRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Keeps a console sign-in's authorization request (its state, nonce and PKCE verifier) between the redirect to the
 * identity provider and its answer in a cookie of the browser's, sealed ({@link SealedSecrets}: AES-GCM, so it can be
 * neither read nor forged), instead of in a server session: nothing is stored for someone who starts a sign-in and
 * never finishes it, and the answer may reach any instance. The cookie lives ten minutes and is used once.
 */
final class SealedAuthorizationRequests implements ServerAuthorizationRequestRepository<OAuth2AuthorizationRequest> {

    static final String COOKIE = "CONSOLE_SIGN_IN";
    private static final String CONTEXT = "console-sso-request";
    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private final SealedSecrets seals;
    private final boolean httpsOnly;

    SealedAuthorizationRequests(SealedSecrets seals, boolean httpsOnly) {
        this.seals = seals;
        this.httpsOnly = httpsOnly;
    }

    @Override
    public Mono<OAuth2AuthorizationRequest> loadAuthorizationRequest(ServerWebExchange exchange) {
        return Mono.justOrEmpty(read(exchange));
    }

    @Override
    public Mono<Void> saveAuthorizationRequest(OAuth2AuthorizationRequest request, ServerWebExchange exchange) {
        if (request == null) {
            return removeAuthorizationRequest(exchange).then();
        }
        String sealed = seals.seal(encode(request), CONTEXT);
        exchange.getResponse().addCookie(cookie(exchange, sealed, LIFETIME));
        return Mono.empty();
    }

    @Override
    public Mono<OAuth2AuthorizationRequest> removeAuthorizationRequest(ServerWebExchange exchange) {
        Optional<OAuth2AuthorizationRequest> request = read(exchange);
        exchange.getResponse().addCookie(cookie(exchange, "", Duration.ZERO));
        return Mono.justOrEmpty(request);
    }

    private Optional<OAuth2AuthorizationRequest> read(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        if (cookie == null || cookie.getValue().isBlank() || cookie.getValue().length() > 4096) {
            return Optional.empty();
        }
        try {
            return seals.open(cookie.getValue(), CONTEXT).flatMap(SealedAuthorizationRequests::decode);
        }
        catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private ResponseCookie cookie(ServerWebExchange exchange, String value, Duration maxAge) {
        // Lax: the provider sends the browser back with a top-level GET, which carries it
        return ResponseCookie.from(COOKIE, value).path("/admin").httpOnly(true).sameSite("Lax")
            .secure(httpsOnly || exchange.getRequest().getSslInfo() != null).maxAge(maxAge).build();
    }

    /**
     * The request as a query string: what the answer is checked against (state, redirect URI, the nonce and PKCE
     * verifier among its attributes), small enough for one cookie (Java serialization was not, and is not needed).
     */
    private static String encode(OAuth2AuthorizationRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("uri", request.getAuthorizationUri());
        fields.put("client", request.getClientId());
        fields.put("redirect", request.getRedirectUri());
        fields.put("scope", String.join(" ", request.getScopes()));
        fields.put("state", request.getState());
        request.getAdditionalParameters().forEach((name, value) -> fields.put("p." + name, String.valueOf(value)));
        request.getAttributes().forEach((name, value) -> fields.put("a." + name, String.valueOf(value)));
        return fields.entrySet().stream()
            .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(field.getValue() == null ? "" : field.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    }

    private static Optional<OAuth2AuthorizationRequest> decode(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                return Optional.empty();
            }
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        Map<String, Object> attributes = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (name.startsWith("p.")) {
                parameters.put(name.substring(2), value);
            }
            else if (name.startsWith("a.")) {
                attributes.put(name.substring(2), value);
            }
        });
        String scope = fields.getOrDefault("scope", "");
        return Optional.of(OAuth2AuthorizationRequest.authorizationCode()
            .authorizationUri(fields.get("uri"))
            .clientId(fields.get("client"))
            .redirectUri(fields.get("redirect"))
            .scopes(scope.isBlank() ? Set.of() : new LinkedHashSet<>(List.of(scope.split(" "))))
            .state(fields.get("state"))
            .additionalParameters(parameters)
            .attributes(attributes)
            .build());
    }
}
