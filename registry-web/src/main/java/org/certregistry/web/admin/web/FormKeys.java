package org.certregistry.web.admin.web;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.certregistry.web.admin.IdempotentRequests;

/**
 * One-time keys for console forms that must not act twice: made when the form is shown, sent back
 * as a hidden field, and used as the form's idempotency key, so that sending the same form again
 * (a refresh of the answer page, a double click, the back button) replays the first answer instead
 * of acting again. A key carries when it was made: a form older than the idempotency store keeps
 * keys ({@link IdempotentRequests#TTL}, less an hour's margin) is refused, since its first answer
 * may have been forgotten already.
 */
final class FormKeys {

    private static final Duration MAX_AGE = IdempotentRequests.TTL.minusHours(1);

    private FormKeys() {
    }

    /**
     * A fresh key: the time it was made (epoch milliseconds), a dot, 122 random bits as a UUID. Not
     * a secret (it only tells one form of an admin's from another), so not from {@code SecureRandom},
     * which may read {@code /dev/urandom} on the event loop.
     */
    static String fresh(Clock clock) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return clock.millis() + "." + new UUID(high, low);
    }

    /** Whether the key is one this console made less than a day ago (not later than now, give or take a minute). */
    static boolean usable(String key, Clock clock) {
        if (key == null || !key.matches("\\d{1,15}\\.[0-9a-f-]{36}")) {
            return false;
        }
        long made = Long.parseLong(key.substring(0, key.indexOf('.')));
        long age = clock.millis() - made;
        return age > -Duration.ofMinutes(1).toMillis() && age < MAX_AGE.toMillis();
    }
}
