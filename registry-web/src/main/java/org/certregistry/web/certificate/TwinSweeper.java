package org.certregistry.web.certificate;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Resumes the twin fill of a cohort whose instance stopped before it was done: every few minutes,
 * on every instance, the twins missing for versions issued more than {@link #SETTLED} ago are signed
 * ({@link CredentialTwins#sweep}). A fill in progress is left to its own instance meanwhile. Until
 * then a missing twin is signed when first asked for, as before.
 */
@Component
class TwinSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TwinSweeper.class);
    /** How old a version without a twin must be before a sweep takes it: a cohort's own fill has long moved on. */
    static final Duration SETTLED = Duration.ofMinutes(10);
    static final Duration INTERVAL = Duration.ofMinutes(5);

    private final CredentialTwins twins;
    private final Clock clock;
    private volatile Disposable job;

    TwinSweeper(CredentialTwins twins, Clock clock) {
        this.twins = twins;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        job = Flux.interval(INTERVAL, INTERVAL)
            .onBackpressureDrop()
            .concatMap(tick -> twins.sweep(clock.instant().minus(SETTLED))
                .doOnNext(signed -> {
                    if (signed > 0) {
                        log.info("Signed {} Data Integrity twins a cohort's fill had left missing", signed);
                    }
                })
                .onErrorResume(ex -> {
                    log.warn("Twin sweep failed: {}", ex.toString());
                    return Mono.just(0L);
                }), 1)
            .subscribe();
    }

    @Override
    public void start() {
        // the sweep starts once the application (and its schema) is ready
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
