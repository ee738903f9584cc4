package org.certregistry.web.http;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Before Spring Security's filters (whose CSRF check reads a multipart form), asks an upload route
 * that needs a signed-in user ({@link UploadRoute#signedIn()}) whether this request comes from one:
 * a stranger's upload is refused with a 403 before anyone reads its body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadGate implements WebFilter {

    private final List<UploadRoute> uploads;

    UploadGate(List<UploadRoute> uploads) {
        this.uploads = List.copyOf(uploads);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        UploadRoute.SignedIn signedIn = UploadRoute.matching(uploads, exchange.getRequest().getPath().pathWithinApplication())
            .filter(route -> exchange.getRequest().getMethod().name().equals("POST"))
            .map(UploadRoute::signedIn).orElse(null);
        if (signedIn == null) {
            return chain.filter(exchange);
        }
        return signedIn.test(exchange).defaultIfEmpty(false).flatMap(allowed -> allowed ? chain.filter(exchange)
                : BodyLimits.refuse(exchange.getRequest(), exchange.getResponse(), HttpStatus.FORBIDDEN, "sign-in-first",
                        "Sign in first", "Sign in before you upload a file here."));
    }
}
