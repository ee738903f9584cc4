package org.certregistry.web.http;

import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The security headers of every response. Spring Security's defaults already send
 * {@code X-Content-Type-Options: nosniff} and send HSTS only on https requests; this adds a
 * Content-Security-Policy that allows no inline script or style (the pages have none), forbids
 * framing, and keeps the path out of the Referer sent to other sites. A holder's private page and
 * downloads ({@code /h/{token}/...}: the token is the path) send no Referer at all, even to this
 * registry, as their pages' {@code <meta name="referrer">} already says.
 */
public final class SecurityHeaders {

    /** Everything from this origin only; {@code data:} images for inline QR previews; no inline code. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    /** The paths whose every answer sends no Referer: the holder's private link. */
    static final String PRIVATE_LINKS = "/h/";

    public static void configure(ServerHttpSecurity.HeaderSpec headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
            .writer(SecurityHeaders::noReferrerFromPrivateLinks)
            .frameOptions(frame -> frame.mode(Mode.DENY));
    }

    /** Set, not added: whatever the policy above wrote first, a private link's answer says no-referrer. */
    private static Mono<Void> noReferrerFromPrivateLinks(ServerWebExchange exchange) {
        if (exchange.getRequest().getPath().pathWithinApplication().value().startsWith(PRIVATE_LINKS)) {
            exchange.getResponse().getHeaders().set(ReferrerPolicyServerHttpHeadersWriter.REFERRER_POLICY,
                    ReferrerPolicy.NO_REFERRER.getPolicy());
        }
        return Mono.empty();
    }
}
