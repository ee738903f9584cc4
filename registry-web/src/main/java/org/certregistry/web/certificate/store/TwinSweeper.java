package org.certregistry.web.certificate.store;

import java.time.Clock;
import java.time.Duration;

import org.certregistry.web.certificate.CredentialTwins;
import org.certregistry.web.system.PeriodicJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Resumes the twin fill of a cohort whose instance stopped before it was done: every few minutes,
 * on every instance, the twins missing for versions issued more than {@link #SETTLED} ago are signed
 * ({@link CredentialTwins#sweep}). A fill in progress is left to its own instance meanwhile. Until
 * then a missing twin is signed when first asked for, as before.
 */
@Component
class TwinSweeper extends PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(TwinSweeper.class);
    /** How old a version without a twin must be before a sweep takes it: a cohort's own fill has long moved on. */
    static final Duration SETTLED = Duration.ofMinutes(10);
    static final Duration INTERVAL = Duration.ofMinutes(5);

    private final CredentialTwins twins;
    private final Clock clock;

    TwinSweeper(CredentialTwins twins, Clock clock) {
        this.twins = twins;
        this.clock = clock;
    }

    @Override
    protected Duration firstRunAfter() {
        return INTERVAL;
    }

    @Override
    protected Duration interval() {
        return INTERVAL;
    }

    @Override
    protected Mono<Long> runOnce() {
        return twins.sweep(clock.instant().minus(SETTLED));
    }

    @Override
    protected void ran(Object signed) {
        if ((Long) signed > 0) {
            log.info("Signed {} Data Integrity twins a cohort's fill had left missing", signed);
        }
    }
}
