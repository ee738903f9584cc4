package org.certregistry.web.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.certregistry.web.RegistryApplication;
import org.certregistry.web.support.OwnPort;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.TestDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The backup and restore of docs/operations.md, done as written: {@code pg_dump -Fc} of the
 * running registry's database, {@code pg_restore} into a fresh database, a registry started
 * against it, and a certificate issued before the dump verifies there; one issued after does not
 * exist there.
 */
@Timeout(300)
class BackupRestoreTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Test
    void aDumpRestoredIntoAFreshDatabaseServesTheCertificatesIssuedBeforeIt() throws Exception {
        Optional<Path> pgDump = tool("pg_dump");
        Assumptions.assumeTrue(pgDump.isPresent() || System.getenv("CI") != null,
                "pg_dump is not installed (Debian: postgresql-client); docs/operations.md needs it");
        Path pgRestore = tool("pg_restore").orElseThrow(() -> new AssertionError("pg_dump without pg_restore"));
        TestDatabase db = TestDatabase.shared();
        URI server = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        String host = server.getHost();
        String port = String.valueOf(server.getPort());
        String database = server.getPath().substring(1);

        TestCertificates.Issued before = TestCertificates.issue(http, "CCXP", "Backed Up");
        Path dump = Files.createTempFile("registry-backup", ".dump");
        run(pgDump.orElseThrow().toString(), "--format=custom", "--host=" + host, "--port=" + port, "--username=" + db.user(),
                "--dbname=" + database, "--file=" + dump);
        TestCertificates.Issued after = TestCertificates.issue(http, "CCXP", "After The Backup");

        String restored = database + "_restored";
        sql(db, "CREATE DATABASE " + restored);
        ConfigurableApplicationContext second = null;
        try {
            run(pgRestore.toString(), "--no-owner", "--no-privileges", "--exit-on-error", "--host=" + host, "--port=" + port,
                    "--username=" + db.user(), "--dbname=" + restored, dump.toString());
            int secondPort = OwnPort.free();
            String url = "//" + host + ":" + port + "/" + restored;
            second = new SpringApplicationBuilder(RegistryApplication.class).run("--server.port=" + secondPort,
                    "--registry.base-url=" + BASE_URL, // the same public URL: a restore replaces the instance behind it
                    "--spring.r2dbc.url=r2dbc:postgresql:" + url, "--spring.r2dbc.username=" + db.user(),
                    "--spring.r2dbc.password=" + db.password(), "--spring.flyway.url=jdbc:postgresql:" + url,
                    "--spring.flyway.user=" + db.user(), "--spring.flyway.password=" + db.password());
            WebTestClient restoredRegistry = WebTestClient.bindToServer().baseUrl("http://localhost:" + secondPort)
                .responseTimeout(Duration.ofSeconds(60)).build();

            restoredRegistry.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
            restoredRegistry.get().uri("/api/v1/certificates/{n}", before.number()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.holderName").isEqualTo("Backed Up");
            restoredRegistry.post().uri("/api/v1/verifications").contentType(MediaType.parseMediaType("application/jwt"))
                .bodyValue(before.credential()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.verdict").isEqualTo("VALID");
            // the holder's private link survives the restore too
            restoredRegistry.get().uri(before.holderUrl().replace(BASE_URL, "")).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk();
            restoredRegistry.get().uri("/api/v1/certificates/{n}", after.number()).exchange().expectStatus().isNotFound();
        }
        finally {
            if (second != null) {
                second.close();
            }
            sql(db, "DROP DATABASE IF EXISTS " + restored + " WITH (FORCE)");
            Files.deleteIfExists(dump);
        }
    }

    /** The tool on the PATH, else the newest of Debian's /usr/lib/postgresql/<version>/bin. */
    static Optional<Path> tool(String name) {
        Optional<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
            .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
        if (onPath.isPresent()) {
            return onPath;
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin").resolve(name)).filter(Files::isExecutable)
                .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getParent().getFileName().toString())));
        }
        catch (IOException | NumberFormatException ex) {
            return Optional.empty();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
        String password = TestDatabase.shared().password();
        if (!password.isEmpty()) {
            builder.environment().put("PGPASSWORD", password);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    private static void sql(TestDatabase db, String statement) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
