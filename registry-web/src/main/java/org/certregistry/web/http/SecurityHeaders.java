package org.certregistry.web.http;

import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter.Mode;

/**
 * The security headers of every response. Spring Security's defaults already send
 * {@code X-Content-Type-Options: nosniff} and send HSTS only on https requests; this adds a
 * Content-Security-Policy that allows no inline script or style (the pages have none), forbids
 * framing, and keeps the path (which holds a holder's private token on {@code /h/...}) out of
 * the Referer sent to other sites.
 */
public final class SecurityHeaders {

    /** Everything from this origin only; {@code data:} images for inline QR previews; no inline code. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    public static void configure(ServerHttpSecurity.HeaderSpec headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
            .frameOptions(frame -> frame.mode(Mode.DENY));
    }
}
