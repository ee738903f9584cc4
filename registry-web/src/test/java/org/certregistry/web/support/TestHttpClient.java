package org.certregistry.web.support;

import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The tests' HTTP client drops a kept-alive connection after 5 idle seconds, before the server's
 * 10-second deadline for the next request head closes it ({@code registry.http.header-timeout}):
 * otherwise a request sent on a connection the server is closing at that moment fails with
 * "Connection has been closed BEFORE response" (seen in a browser test with pauses between requests).
 * A test-only auto-configuration (listed in this module's test resources), so every context has it.
 */
@AutoConfiguration
public class TestHttpClient {

    // one pool for every context of a test JVM: a test that leaves a response unread (an event stream it stopped
    // following) holds its connection until the server ends it. At reactor-netty's default of 16 connections, two
    // JVMs sharing the cores left StatusListFromMemoryTest waiting 45 s for a free one; 256 leave room for that.
    private static final ConnectionProvider CONNECTIONS = ConnectionProvider.builder("registry-tests")
        .maxConnections(256).maxIdleTime(Duration.ofSeconds(5)).build();

    // the client's own event loops: an application a test starts and stops (HealthTest, BackupRestoreTest) disposes
    // reactor-netty's global ones on shutdown, and a pooled connection bound to a dead loop hangs its next request
    private static final LoopResources LOOPS = LoopResources.create("registry-tests-client", 2, true);

    @Bean
    WebTestClientBuilderCustomizer shortKeepAlive() {
        return builder -> builder.clientConnector(new ReactorClientHttpConnector(HttpClient.create(CONNECTIONS).runOn(LOOPS)));
    }
}
