package org.certregistry.web.holder;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * Counts sign-in requests per e-mail address and per client address in a fixed window (in memory:
 * each instance counts its own), so nobody can flood a holder's inbox or probe many addresses
 * quickly. Address changes are counted in PostgreSQL instead ({@link HolderSignIn#requestAddressChange}).
 */
@Component
class SignInThrottle {

    private final Cache<String, AtomicInteger> addresses;
    private final Cache<String, AtomicInteger> clients;
    private final SignInProperties properties;

    SignInThrottle(SignInProperties properties) {
        this.properties = properties;
        this.addresses = Caffeine.newBuilder().expireAfterWrite(properties.window()).maximumSize(100_000).build();
        this.clients = Caffeine.newBuilder().expireAfterWrite(properties.window()).maximumSize(100_000).build();
    }

    /** Counts a request from {@code client}; false once the client is over its limit. */
    boolean clientMay(String client) {
        return clients.get(client, k -> new AtomicInteger()).incrementAndGet() <= properties.perClient();
    }

    /** Counts a link for {@code email}; false once the address has had its share. */
    boolean addressMay(String email) {
        return addresses.get(email.toLowerCase(Locale.ROOT), k -> new AtomicInteger()).incrementAndGet() <= properties.perAddress();
    }
}
