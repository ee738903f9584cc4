package org.certregistry.web.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The properties of an integration test server: the real database, a fixed port and the base URL
 * that follows it (QR codes and links point back at the server under test). A test whose
 * configuration differs from the shared one (a spied bean, another property) gets a context, and so
 * a port, of its own: Spring keeps the shared context, and its port, alive.
 */
public final class OwnPort {

    private OwnPort() {
    }

    /** The test database of {@link TestDatabase}, this port, and the base URL that follows it. */
    public static void register(DynamicPropertyRegistry registry, int port) {
        TestDatabase db = TestDatabase.shared();
        registry.add("spring.r2dbc.url", db::r2dbcUrl);
        registry.add("spring.r2dbc.username", db::user);
        registry.add("spring.r2dbc.password", db::password);
        registry.add("spring.flyway.url", db::jdbcUrl);
        registry.add("spring.flyway.user", db::user);
        registry.add("spring.flyway.password", db::password);
        registry.add("server.port", () -> port);
        registry.add("registry.base-url", () -> "http://localhost:" + port);
        // the tests send more bulk verifications from one address than a client may (RateLimitFilterTest covers the limit)
        registry.add("registry.rate-limit.limits.batch.burst", () -> 1000);
        registry.add("registry.rate-limit.limits.batch.per-second", () -> 1);
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
