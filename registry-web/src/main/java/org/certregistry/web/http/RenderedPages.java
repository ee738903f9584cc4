package org.certregistry.web.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.view.View;
import org.springframework.web.server.ServerWebExchange;
import org.thymeleaf.spring6.view.reactive.ThymeleafReactiveViewResolver;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pages kept as rendered bytes, by what they show. Rendering a template cost the {@code /v} page
 * 60% of its time; the same key (the record as shown, the language, the address) always renders
 * the same bytes, so a key that changes with the data needs no invalidation. Entries live a
 * minute at most, so nothing a key leaves out (a message bundle, a template) is stale for longer.
 * Only the body is kept: headers, counters and the data read happen on every request.
 */
@Component
public class RenderedPages {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final Cache<Object, Page> pages = Caffeine.newBuilder()
        .maximumWeight(32L * 1024 * 1024)
        .weigher((Object key, Page page) -> page.body().length)
        .expireAfterWrite(Duration.ofMinutes(1))
        .recordStats()
        .build();
    private final ThymeleafReactiveViewResolver templates;

    RenderedPages(ThymeleafReactiveViewResolver templates, MeterRegistry meters) {
        this.templates = templates;
        // cache_gets_total{cache="rendered-pages",result="hit"|"miss"}: how often a page is rendered, how often reused
        CaffeineCacheMetrics.monitor(meters, pages, CACHE_NAME);
    }

    /** The name of the cache in the metrics. */
    public static final String CACHE_NAME = "rendered-pages";

    /**
     * The view for {@code template} shown as {@code key}: its bytes when rendered before, otherwise
     * the template, whose output is kept when it answers 200. {@code key} must hold everything the
     * page shows (a value with equality: a record of the model's data, the language, the address).
     */
    public Mono<View> page(Object key, String template, Locale locale) {
        Page page = pages.getIfPresent(key);
        if (page != null) {
            return Mono.just(new Rendered(page));
        }
        return templates.resolveViewName(template, locale).map(view -> new Keeping(view, rendered -> pages.put(key, rendered)));
    }

    /** A rendering: its bytes and the headers the template set on them (type, language). */
    private record Page(byte[] body, MediaType type, Locale language) {
    }

    /** A page rendered before. */
    private record Rendered(Page page) implements View {

        @Override
        public List<MediaType> getSupportedMediaTypes() {
            return List.of(page.type() == null ? HTML : page.type());
        }

        @Override
        public Mono<Void> render(Map<String, ?> model, MediaType contentType, ServerWebExchange exchange) {
            ServerHttpResponse response = exchange.getResponse();
            response.getHeaders().setContentType(page.type() == null ? HTML : page.type());
            if (page.language() != null) {
                response.getHeaders().setContentLanguage(page.language());
            }
            response.getHeaders().setContentLength(page.body().length);
            return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(page.body())));
        }
    }

    /** The template, its output kept on the way out. */
    private record Keeping(View template, Consumer<Page> keep) implements View {

        @Override
        public List<MediaType> getSupportedMediaTypes() {
            return template.getSupportedMediaTypes();
        }

        @Override
        public Mono<Void> render(Map<String, ?> model, MediaType contentType, ServerWebExchange exchange) {
            ServerHttpResponse response = new ServerHttpResponseDecorator(exchange.getResponse()) {

                @Override
                public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                    return DataBufferUtils.join(body).flatMap(joined -> {
                        byte[] page = new byte[joined.readableByteCount()];
                        joined.read(page);
                        DataBufferUtils.release(joined);
                        HttpStatus status = getStatusCode() == null ? HttpStatus.OK : HttpStatus.resolve(getStatusCode().value());
                        if (status == HttpStatus.OK) {
                            keep.accept(new Page(page, getHeaders().getContentType(), getHeaders().getContentLanguage()));
                        }
                        return super.writeWith(Mono.just(bufferFactory().wrap(page)));
                    });
                }

                @Override
                public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                    return writeWith(Flux.from(body).concatMap(part -> part));
                }
            };
            return template.render(model, contentType, exchange.mutate().response(response).build());
        }
    }
}
