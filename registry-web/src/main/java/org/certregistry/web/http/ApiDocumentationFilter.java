package org.certregistry.web.http;

import org.certregistry.web.system.BlockingWork;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Serves the OpenAPI document and Swagger UI off the event loop: springdoc scans classes when it
 * first builds the document and reads Swagger UI's index page from its jar on every request,
 * both blocking reads. They run on {@link BlockingWork}'s bounded scheduler instead.
 *
 * <p>Swagger UI sets inline styles from its script, which the pages' policy refuses; its pages get
 * a policy of their own that allows inline styles and nothing else more (scripts stay {@code 'self'}).
 */
@Component
class ApiDocumentationFilter implements WebFilter, Ordered {

    /** The pages' policy, with inline styles allowed for Swagger UI's script. */
    static final String SWAGGER_UI_POLICY = SecurityHeaders.CONTENT_SECURITY_POLICY.replace("style-src 'self'",
            "style-src 'self' 'unsafe-inline'");

    private final BlockingWork blocking;

    ApiDocumentationFilter(BlockingWork blocking) {
        this.blocking = blocking;
    }

    @Override
    public int getOrder() {
        return -60; // after Spring Security (-100), before the rate limits (-50)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        boolean swaggerUi = path.startsWith("/swagger-ui") || path.startsWith("/webjars/swagger-ui");
        if (swaggerUi) {
            // set before Spring Security's header writer runs (at commit), which then leaves it alone
            exchange.getResponse().getHeaders().set("Content-Security-Policy", SWAGGER_UI_POLICY);
        }
        return swaggerUi || path.startsWith("/v3/api-docs") ? chain.filter(exchange).subscribeOn(blocking.scheduler())
                : chain.filter(exchange);
    }
}
