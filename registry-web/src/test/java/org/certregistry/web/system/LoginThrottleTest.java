package org.certregistry.web.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed logins per user name and client: free at first, then exponentially longer lock-outs. */
class LoginThrottleTest {

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

    MovableClock clock = new MovableClock();

    LoginThrottle throttle = new LoginThrottle(new SecurityProperties(List.of(),
            new SecurityProperties.LoginThrottle(3, Duration.ofSeconds(1), Duration.ofMinutes(15))), clock);

    @Test
    void theFirstThreeFailuresCostNothingThenTheLockOutDoublesEachTime() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("admin", "10.0.0.1");
            assertThat(throttle.lockedFor("admin", "10.0.0.1")).isEmpty();
        }
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.lockedFor("admin", "10.0.0.1")).contains(Duration.ofSeconds(1));
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.lockedFor("admin", "10.0.0.1")).contains(Duration.ofSeconds(2));
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.lockedFor("admin", "10.0.0.1")).contains(Duration.ofSeconds(4));
        clock.now = clock.now.plusSeconds(4);
        assertThat(throttle.lockedFor("admin", "10.0.0.1")).isEmpty();
    }

    @Test
    void theLockOutNeverExceedsTheMaximum() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("admin", "10.0.0.1");
        }
        assertThat(throttle.lockedFor("admin", "10.0.0.1")).contains(Duration.ofMinutes(15));
    }

    @Test
    void anotherClientOrAnotherUserNameIsNotLockedOut() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("admin", "10.0.0.1");
        }
        assertThat(throttle.lockedFor("admin", "10.0.0.1")).isPresent();
        assertThat(throttle.lockedFor("ADMIN", "10.0.0.1")).as("user names are case-insensitive").isPresent();
        assertThat(throttle.lockedFor("admin", "10.0.0.2")).isEmpty();
        assertThat(throttle.lockedFor("auditor", "10.0.0.1")).isEmpty();
    }

    @Test
    void aSuccessfulLoginForgetsThePastFailures() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("admin", "10.0.0.1");
        }
        throttle.succeeded("admin", "10.0.0.1");
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.lockedFor("admin", "10.0.0.1")).isEmpty();
    }
}
