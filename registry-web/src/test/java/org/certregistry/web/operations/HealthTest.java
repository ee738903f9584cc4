package org.certregistry.web.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.certregistry.web.RegistryApplication;
import org.certregistry.web.support.OwnPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Liveness and readiness as a proxy or orchestrator sees them, on an instance whose own
 * PostgreSQL (a dedicated embedded one) is stopped in the middle: the instance stays live (no
 * restart would help) but is not ready (send it no traffic) until the database answers again.
 */
@Timeout(180)
class HealthTest {

    static EmbeddedPostgres postgres;
    static ConfigurableApplicationContext registry;
    static WebTestClient http;

    @BeforeAll
    static void startAnInstanceOnItsOwnDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(Files.createTempDirectory("registry-health-pg"))
            .setCleanDataDirectory(true).start();
        int port = OwnPort.free();
        registry = new SpringApplicationBuilder(RegistryApplication.class).run(
                "--server.port=" + port, "--registry.base-url=http://localhost:" + port,
                "--spring.r2dbc.url=r2dbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "--spring.r2dbc.username=postgres", "--spring.r2dbc.password=",
                "--spring.flyway.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "--spring.flyway.user=postgres", "--spring.flyway.password=",
                // fail fast on a database that is gone, so the health answer does not wait for a TCP timeout
                "--spring.r2dbc.properties.connectTimeout=PT2S");
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() throws IOException {
        if (registry != null) {
            registry.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void readinessFailsWhileTheDatabaseIsDownAndLivenessDoesNot() throws IOException {
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.status").isEqualTo("UP")
            // details are not public
            .jsonPath("$.components").doesNotExist();
        http.get().uri("/actuator/health/readiness").headers(h -> h.setBasicAuth("admin", "registry-dev-admin")).exchange()
            .expectStatus().isOk().expectBody()
            .jsonPath("$.components.r2dbc.status").isEqualTo("UP")
            .jsonPath("$.components.readinessState.status").isEqualTo("UP");

        postgres.close();
        postgres = null;

        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
            .expectBody().jsonPath("$.status").isEqualTo("DOWN").jsonPath("$.components").doesNotExist();
        http.get().uri("/actuator/health").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk().expectBody()
            .jsonPath("$.status").isEqualTo("UP");
        String details = http.get().uri("/actuator/health/readiness").headers(h -> h.setBasicAuth("admin", "registry-dev-admin"))
            .exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE).expectBody(String.class).returnResult()
            .getResponseBody();
        assertThat(details).contains("\"r2dbc\":{").contains("DOWN");
        assertThat(details).as("no stack trace in the answer").doesNotContain("\tat ", "\n");
    }
}
