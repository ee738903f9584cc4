package org.certregistry.web.holder;

import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 */
@Component
class CertificateDocuments implements DisposableBean {

    /** What is cached: one kind of document of one credential version. */
    record Key(UUID certificateId, int credentialVersion, Kind kind) {
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

    CertificateDocuments(HolderProperties properties) {
        this.properties = properties;
        this.renderers = Schedulers.newBoundedElastic(properties.renderThreads(), properties.renderQueue(), "certificate-render");
        this.cache = Caffeine.newBuilder()
            .maximumWeight(properties.cacheSize().toBytes())
            .<Key, RenderedDocument>weigher((key, document) -> document.bytes().length + 128)
            .buildAsync();
    }

    /** The cached document, or {@code render} run on the bounded renderers (once, however many ask). */
    Mono<RenderedDocument> get(Key key, Supplier<Mono<byte[]>> render) {
        CompletableFuture<RenderedDocument> future = cache.get(key, (k, executor) -> render.get()
            .map(RenderedDocument::of)
            .toFuture());
        return Mono.fromFuture(future, true)
            .timeout(properties.renderTimeout())
            .onErrorMap(CertificateDocuments::busy,
                    ex -> new DocumentUnavailableException(key.kind() == Kind.PDF ? "PDF" : "preview", properties.retryAfter(), ex));
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
