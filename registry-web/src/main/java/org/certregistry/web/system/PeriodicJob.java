package org.certregistry.web.system;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A job every instance runs at an interval once the application (and its schema) is ready, one run at a time (a tick
 * that comes while a run is still going is dropped), and stops with the application. A run that fails is logged and
 * the next tick tries again: the work is written so that a run repeated, or run on another instance meanwhile, does
 * nothing twice.
 */
public abstract class PeriodicJob implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private volatile Disposable job;

    /** How long after the start the first run waits. */
    protected abstract Duration firstRunAfter();

    /** How long from one run's start to the next. */
    protected abstract Duration interval();

    /** One run; what it emits is only logged by {@link #ran}. */
    protected abstract Mono<?> runOnce();

    /** Called with what a run emitted; logs nothing unless overridden. */
    protected void ran(Object result) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        job = Flux.interval(firstRunAfter(), interval())
            .onBackpressureDrop()
            .concatMap(tick -> runOnce().doOnNext(this::ran).onErrorResume(ex -> {
                log.warn("{} failed, trying again at the next interval: {}", getClass().getSimpleName(), ex.toString());
                return Mono.empty();
            }), 1)
            .subscribe();
    }

    @Override
    public void start() {
        // the job starts once the application is ready (schedule)
    }

    @Override
    public void stop() {
        Disposable running = job;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return job != null && !job.isDisposed();
    }
}
