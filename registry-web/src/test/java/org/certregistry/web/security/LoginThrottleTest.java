package org.certregistry.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

/**
 * Login attempts per user name and client, counted in PostgreSQL before the password is checked:
 * free at first, then exponentially longer lock-outs, seen by every instance.
 */
class LoginThrottleTest extends RegistryIntegrationTest {

    /** A clock the test moves. */
    static final class MovableClock extends Clock {

        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Autowired
    DatabaseClient db;

    final MovableClock clock = new MovableClock();
    final String user = "user-" + UUID.randomUUID();
    private final List<LoginThrottle> instances = new java.util.ArrayList<>();

    LoginThrottle instance() {
        LoginThrottle throttle = new LoginThrottle(new SecurityProperties(List.of(),
                new SecurityProperties.LoginThrottle(3, Duration.ofSeconds(1), Duration.ofMinutes(15), 2, 2)), db, clock);
        instances.add(throttle);
        return throttle;
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(LoginThrottle::destroy);
    }

    static Optional<Duration> admit(LoginThrottle throttle, String user, String client) {
        return throttle.admit(user, client).block(Duration.ofSeconds(10));
    }

    @Test
    void theFirstFourAttemptsAreCheckedThenEachCheckedAttemptLocksOutTwiceAsLong() {
        LoginThrottle throttle = instance();
        for (int i = 0; i < 4; i++) {
            assertThat(admit(throttle, user, "10.0.0.1")).as("attempt " + (i + 1)).isEmpty();
        }
        // the fourth was counted as a failure before its check: the pair is locked already
        assertThat(admit(throttle, user, "10.0.0.1")).contains(Duration.ofSeconds(1));
        clock.now = clock.now.plusSeconds(1);
        assertThat(admit(throttle, user, "10.0.0.1")).isEmpty();
        assertThat(admit(throttle, user, "10.0.0.1")).contains(Duration.ofSeconds(2));
        clock.now = clock.now.plusSeconds(2);
        assertThat(admit(throttle, user, "10.0.0.1")).isEmpty();
        assertThat(admit(throttle, user, "10.0.0.1")).contains(Duration.ofSeconds(4));
    }

    @Test
    void theLockOutNeverExceedsTheMaximum() {
        LoginThrottle throttle = instance();
        Optional<Duration> locked = Optional.empty();
        for (int i = 0; i < 40; i++) {
            locked = admit(throttle, user, "10.0.0.1");
            locked.ifPresent(wait -> clock.now = clock.now.plus(wait));
        }
        admit(throttle, user, "10.0.0.1");
        assertThat(admit(throttle, user, "10.0.0.1")).contains(Duration.ofMinutes(15));
    }

    @Test
    void fortySimultaneousAttemptsGetOnlyTheFreeOnesAndOneMoreChecked() {
        LoginThrottle throttle = instance();
        List<Optional<Duration>> answers = Flux.range(0, 40)
            .flatMap(i -> throttle.admit(user, "10.0.0.9"), 40)
            .collectList().block(Duration.ofSeconds(30));
        assertThat(answers).hasSize(40);
        assertThat(answers.stream().filter(Optional::isEmpty)).as("attempts let through to a password check").hasSize(4);
    }

    @Test
    void failuresCountedOnOneInstanceLockTheOtherOut() {
        LoginThrottle first = instance();
        LoginThrottle second = instance();
        for (int i = 0; i < 4; i++) {
            admit(first, user, "10.0.0.1");
        }
        assertThat(admit(second, user, "10.0.0.1")).contains(Duration.ofSeconds(1));
        Long rows = db.sql("SELECT count(*) FROM login_attempt WHERE user_name = :u").bind("u", user)
            .map(r -> r.get(0, Long.class)).one().block();
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void anotherClientOrAnotherUserNameIsNotLockedOut() {
        LoginThrottle throttle = instance();
        for (int i = 0; i < 5; i++) {
            admit(throttle, user, "10.0.0.1");
        }
        assertThat(admit(throttle, user.toUpperCase(), "10.0.0.1")).as("user names are case-insensitive").isPresent();
        assertThat(admit(throttle, user, "10.0.0.2")).isEmpty();
        assertThat(admit(throttle, user + "-other", "10.0.0.1")).isEmpty();
    }

    @Test
    void aSuccessfulLoginForgetsThePastAttempts() {
        LoginThrottle throttle = instance();
        for (int i = 0; i < 4; i++) {
            admit(throttle, user, "10.0.0.1");
        }
        throttle.succeeded(user, "10.0.0.1").block(Duration.ofSeconds(10));
        for (int i = 0; i < 4; i++) {
            assertThat(admit(throttle, user, "10.0.0.1")).isEmpty();
        }
    }
}
