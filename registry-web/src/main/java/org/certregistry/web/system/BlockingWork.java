package org.certregistry.web.system;

import java.util.concurrent.Callable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The one bounded scheduler for work that must not run on a Netty event loop: signing, PDF
 * rendering, QR and image decoding, file I/O. Its threads and queue are bounded, so a burst is
 * queued (then refused) instead of starving the server.
 */
@Component
public class BlockingWork implements DisposableBean {

    private final Scheduler scheduler;

    public BlockingWork(RegistryProperties properties) {
        this.scheduler = Schedulers.newBoundedElastic(properties.blockingThreads(), properties.blockingQueue(), "blocking-work");
    }

    /** Runs {@code task} on the bounded scheduler. */
    public <T> Mono<T> run(Callable<T> task) {
        return Mono.fromCallable(task).subscribeOn(scheduler);
    }

    /** The scheduler itself, for a whole reactive chain that must leave the event loop (e.g. a filter chain). */
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
