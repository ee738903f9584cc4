package org.certregistry.web.holder;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * Counts sign-in requests per client address in a fixed window, in memory (each instance counts its
 * own, like the rate limits), so nobody probes many addresses quickly. What protects a holder's inbox
 * is counted in PostgreSQL for all instances instead: sign-in links per address
 * ({@link HolderSignIn#requestLink}) and address changes ({@link HolderSignIn#requestAddressChange}).
 */
@Component
class SignInThrottle {

    private final Cache<String, AtomicInteger> clients;
    private final SignInProperties properties;

    SignInThrottle(SignInProperties properties) {
        this.properties = properties;
        this.clients = Caffeine.newBuilder().expireAfterWrite(properties.window()).maximumSize(100_000).build();
    }

    /** Counts a request from {@code client}; false once the client is over its limit. */
    boolean clientMay(String client) {
        return clients.get(client, k -> new AtomicInteger()).incrementAndGet() <= properties.perClient();
    }
}
