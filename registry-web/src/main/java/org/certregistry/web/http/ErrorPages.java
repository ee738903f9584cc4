package org.certregistry.web.http;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.certregistry.web.i18n.LanguageMenu;
import org.certregistry.web.i18n.Languages;
import org.certregistry.web.problem.ProblemResponses;
import org.reactivestreams.Publisher;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.ISpringWebFluxTemplateEngine;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Errors as a page for browsers. Problems are made in one place ({@code ApiProblems}, and Spring's own for unknown
 * routes through it) as RFC 9457 JSON; for a client that asks for HTML ({@link ProblemResponses#wantsPage}: a browser,
 * never {@code /api/**} or a client that asks for JSON) this filter writes {@code error-page.html} instead, in the
 * reader's language, with the same status and headers (Retry-After stays). The problem's own words are English and
 * meant for programs, so the page says what the status means and what to do next; nothing internal reaches it.
 */
@Component
class ErrorPages implements WebFilter, Ordered {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    /** The statuses with words of their own ({@code error.<status>.*}); other 4xx are {@code other}, 5xx {@code 500}. */
    private static final Set<Integer> WORDED = Set.of(400, 403, 404, 405, 413, 429, 500, 503);

    private final ISpringWebFluxTemplateEngine templates;
    private final Languages languages;

    ErrorPages(ISpringWebFluxTemplateEngine templates, Languages languages) {
        this.templates = templates;
        this.languages = languages;
    }

    @Override
    public int getOrder() {
        // around every other filter, so that a problem any of them writes as JSON is seen too
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!ProblemResponses.wantsPage(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        ServerHttpResponseDecorator response = new ServerHttpResponseDecorator(exchange.getResponse()) {

            @Override
            public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                if (!isProblem(this)) {
                    return super.writeWith(body);
                }
                // the JSON is for programs: dropped, and the page written in its place
                return Flux.from(body).doOnNext(DataBufferUtils::release).then(Mono.defer(() -> {
                    byte[] page = page(exchange, getStatusCode().value());
                    HttpHeaders headers = getHeaders();
                    headers.setContentType(HTML);
                    headers.setContentLength(page.length);
                    headers.setContentLanguage(exchange.getLocaleContext().getLocale());
                    headers.addAll(HttpHeaders.VARY, List.of(HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.COOKIE));
                    return super.writeWith(Mono.just(bufferFactory().wrap(page)));
                }));
            }

            @Override
            public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return isProblem(this) ? writeWith(Flux.from(body).concatMap(part -> part)) : super.writeAndFlushWith(body);
            }
        };
        return chain.filter(exchange.mutate().response(response).build());
    }

    private static boolean isProblem(ServerHttpResponseDecorator response) {
        MediaType type = response.getHeaders().getContentType();
        return response.getStatusCode() != null && response.getStatusCode().value() >= 400 && type != null
                && type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** The page (held in memory, as every template is: {@code PreloadedTemplates}); rendering reads no file. */
    private byte[] page(ServerWebExchange exchange, int status) {
        Locale language = exchange.getLocaleContext().getLocale();
        Map<String, Object> model = new HashMap<>();
        model.put("status", status);
        model.put("kind", WORDED.contains(status) ? Integer.toString(status) : status >= 500 ? "500" : "other");
        model.put("holderLink", status == 404 && exchange.getRequest().getPath().value().startsWith("/h/"));
        model.put("languages", LanguageMenu.of(languages, exchange));
        return templates.process("error-page", new Context(language, model)).getBytes(StandardCharsets.UTF_8);
    }
}
