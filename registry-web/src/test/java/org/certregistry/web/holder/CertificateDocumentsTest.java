package org.certregistry.web.holder;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateDocumentsTest {

    private static final CertificateDocuments.Key PDF = new CertificateDocuments.Key(UUID.randomUUID(), 1,
            CertificateDocuments.Kind.PDF);

    private final CountDownLatch release = new CountDownLatch(1);
    private CertificateDocuments documents;

    @AfterEach
    void stop() {
        release.countDown();
        documents.destroy();
    }

    private CertificateDocuments documents(int threads, int queue, Duration timeout) {
        documents = new CertificateDocuments(new HolderProperties(threads, queue, timeout, Duration.ofSeconds(7),
                DataSize.ofMegabytes(1), 110));
        return documents;
    }

    @Test
    void aDocumentIsRenderedOnceAndThenServedFromMemoryWithTheSameTag() {
        CertificateDocuments documents = documents(2, 8, Duration.ofSeconds(5));
        AtomicInteger renders = new AtomicInteger();

        List<RenderedDocument> served = Flux.range(0, 20)
            .flatMap(i -> documents.get(PDF, () -> documents.onRenderers(() -> {
                renders.incrementAndGet();
                Thread.sleep(50);
                return new byte[] {1, 2, 3};
            })))
            .collectList()
            .block(Duration.ofSeconds(10));

        assertThat(renders).hasValue(1);
        assertThat(served).hasSize(20).extracting(RenderedDocument::etag).containsOnly(served.get(0).etag());
        assertThat(served.get(0).etag()).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
    }

    @Test
    void aRenderThatOutlivesTheTimeoutIsAnsweredAsUnavailableWithRetryAfterAndStillFillsTheCache() throws Exception {
        CertificateDocuments documents = documents(1, 8, Duration.ofMillis(100));
        CountDownLatch rendered = new CountDownLatch(1);

        StepVerifier.create(documents.get(PDF, () -> documents.onRenderers(() -> {
            release.await(5, TimeUnit.SECONDS);
            rendered.countDown();
            return new byte[] {42};
        })))
            .expectErrorSatisfies(ex -> assertThat(ex).isInstanceOf(DocumentUnavailableException.class)
                .hasMessageContaining("try again in 7 seconds")
                .satisfies(e -> assertThat(((DocumentUnavailableException) e).retryAfter()).hasSeconds(7)))
            .verify(Duration.ofSeconds(5));

        release.countDown();
        assertThat(rendered.await(5, TimeUnit.SECONDS)).isTrue();
        StepVerifier.create(documents.get(PDF, () -> Mono.error(new AssertionError("rendered twice"))))
            .assertNext(document -> assertThat(document.bytes()).containsExactly(42))
            .verifyComplete();
    }

    @Test
    void whenEveryRendererIsBusyAndTheQueueIsFullANewRenderIsRefusedAsUnavailable() throws Exception {
        CertificateDocuments documents = documents(1, 1, Duration.ofSeconds(5));
        CountDownLatch running = new CountDownLatch(1);
        block(documents, running);
        assertThat(running.await(5, TimeUnit.SECONDS)).as("the only renderer is busy").isTrue();
        block(documents, new CountDownLatch(1));

        StepVerifier.create(documents.get(PDF, () -> documents.onRenderers(() -> new byte[0])))
            .expectError(DocumentUnavailableException.class)
            .verify(Duration.ofSeconds(5));
    }

    /** Takes a renderer (or the queue place, when the renderer is taken) until the test ends. */
    private void block(CertificateDocuments documents, CountDownLatch running) {
        CertificateDocuments.Key other = new CertificateDocuments.Key(UUID.randomUUID(), 1, CertificateDocuments.Kind.PDF);
        documents.get(other, () -> documents.onRenderers(() -> {
            running.countDown();
            release.await(5, TimeUnit.SECONDS);
            return new byte[0];
        })).subscribe(ok -> { }, error -> { });
    }
}
