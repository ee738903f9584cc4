package org.certregistry.web.http;

import java.time.Duration;

/** One client's token bucket: refilled continuously, spent one token per request. Thread-safe. */
final class TokenBucket {

    private final RateLimitProperties.Limit limit;
    private double tokens;
    private long lastNanos;

    TokenBucket(RateLimitProperties.Limit limit, long nowNanos) {
        this.limit = limit;
        this.tokens = limit.burst();
        this.lastNanos = nowNanos;
    }

    /** Takes a token; answers {@link Duration#ZERO} when one was there, else how long until one will be. */
    synchronized Duration take(long nowNanos) {
        double elapsed = Math.max(0, nowNanos - lastNanos) / 1e9;
        tokens = Math.min(limit.burst(), tokens + elapsed * limit.perSecond());
        lastNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / limit.perSecond() * 1e9));
    }
}
