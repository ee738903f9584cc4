package org.certregistry.web.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole application on a real port, over real HTTP, against
 * the real PostgreSQL of {@link TestDatabase}. The base URL follows the port, so QR codes and
 * links point back at the server under test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureWebTestClient(timeout = "60s")
public abstract class RegistryIntegrationTest {

    protected static final int PORT = OwnPort.free();
    protected static final String BASE_URL = "http://localhost:" + PORT;
    protected static final String ADMIN = "admin";
    protected static final String ADMIN_PASSWORD = "registry-dev-admin";
    protected static final String AUDITOR = "auditor";
    protected static final String AUDITOR_PASSWORD = "registry-dev-auditor";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        OwnPort.register(registry, PORT);
        // dozens of test classes share this context and search or verify from one address: the per-client limits
        // are for strangers (RateLimitFilterTest and MetricsTest test them with their own settings)
        registry.add("registry.rate-limit.limits.search.burst", () -> 100_000);
        registry.add("registry.rate-limit.limits.verification.burst", () -> 100_000);
    }

}
