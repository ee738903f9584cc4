package org.certregistry.web.holder;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.certregistry.issuer.pdf.CertificateLanguages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Renders certificate documents off the event loop, bounded in concurrency and time, and keeps
 * the bytes per certificate and credential version (a version always renders the same bytes).
 *
 * <p>Rendering has its own bounded scheduler rather than sharing {@code BlockingWork}, so a burst
 * of downloads queues here and cannot starve signing and verification of threads. Concurrent
 * requests for one document share one render; a render that outlives its request's timeout
 * still completes into the cache, so the retry the 503 asks for is served at once.
 *
 * <p>Metrics: {@code registry.documents} counts requests by kind and {@code cache} ({@code hit}
 * or {@code miss}); {@code registry.documents.render} times the renders by kind and outcome.
 */
@Component
class CertificateDocuments implements DisposableBean {

    /** What is cached: one kind of document of one credential version, in one language. */
    record Key(UUID certificateId, int credentialVersion, Kind kind, Locale language) {

        /** The document in the default language, English. */
        Key(UUID certificateId, int credentialVersion, Kind kind) {
            this(certificateId, credentialVersion, kind, CertificateLanguages.DEFAULT);
        }
    }

    enum Kind {
        /** The printable PDF/A-3b. */
        PDF,
        /** The PNG picture of the page. */
        PNG
    }

    private final Scheduler renderers;
    private final AsyncCache<Key, RenderedDocument> cache;
    private final HolderProperties properties;
    private final MeterRegistry meters;

    CertificateDocuments(HolderProperties properties) {
        this(properties, new SimpleMeterRegistry());
    }

    @Autowired
    CertificateDocuments(HolderProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.meters = meters;
        this.renderers = Schedulers.newBoundedElastic(properties.renderThreads(), properties.renderQueue(), "certificate-render");
        this.cache = Caffeine.newBuilder()
            .maximumWeight(properties.cacheSize().toBytes())
            .<Key, RenderedDocument>weigher((key, document) -> document.bytes().length + 128)
            .buildAsync();
    }

    /** The cached document, or {@code render} run on the bounded renderers (once, however many ask). */
    Mono<RenderedDocument> get(Key key, Supplier<Mono<byte[]>> render) {
        String kind = key.kind().name().toLowerCase(Locale.ROOT);
        AtomicBoolean rendered = new AtomicBoolean();
        CompletableFuture<RenderedDocument> future = cache.get(key, (k, executor) -> {
            rendered.set(true);
            return timed(kind, render.get()).map(RenderedDocument::of).toFuture();
        });
        Counter.builder("registry.documents").description("Certificate documents asked for, by kind and cache hit or miss")
            .tag("kind", kind).tag("cache", rendered.get() ? "miss" : "hit").register(meters).increment();
        return Mono.fromFuture(future, true)
            .timeout(properties.renderTimeout())
            .onErrorMap(CertificateDocuments::busy,
                    ex -> new DocumentUnavailableException(key.kind() == Kind.PDF ? "PDF" : "preview", properties.retryAfter(), ex));
    }

    private Mono<byte[]> timed(String kind, Mono<byte[]> render) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(meters);
            return render.doOnSuccess(bytes -> sample.stop(renders(kind, "success")))
                .doOnError(ex -> sample.stop(renders(kind, "failure")));
        });
    }

    private Timer renders(String kind, String outcome) {
        return Timer.builder("registry.documents.render").description("Certificate document renders (PDF, PNG preview)")
            .tag("kind", kind).tag("outcome", outcome).register(meters);
    }

    /** Runs CPU-bound rendering work on the bounded renderers. */
    <T> Mono<T> onRenderers(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(renderers);
    }

    /** Timed out, or refused by a full queue: the renderers are busy, not broken. */
    private static boolean busy(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void destroy() {
        renderers.dispose();
    }
}
