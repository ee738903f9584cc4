package org.certregistry.web.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL every integration test runs against, chosen once per test JVM:
 * <ol>
 * <li>the server named by {@code REGISTRY_TEST_JDBC_URL} (user {@code REGISTRY_TEST_DB_USER},
 * default {@code postgres}), else the sensible default {@code jdbc:postgresql://127.0.0.1:5432/test}
 * when something answers there;</li>
 * <li>else a Testcontainers PostgreSQL where Docker runs;</li>
 * <li>else zonky's embedded PostgreSQL.</li>
 * </ol>
 * On a shared server the run creates its own database with a random name and drops it at exit,
 * so runs never see each other's data.
 */
public final class TestDatabase {

    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static volatile TestDatabase shared;

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final String kind;

    private TestDatabase(String kind, String host, int port, String database, String user, String password) {
        this.kind = kind;
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    public static synchronized TestDatabase shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password == null ? "" : password;
    }

    public String kind() {
        return kind;
    }

    private static TestDatabase start() {
        String configured = System.getenv("REGISTRY_TEST_JDBC_URL");
        String user = System.getenv().getOrDefault("REGISTRY_TEST_DB_USER", "postgres");
        String password = System.getenv("REGISTRY_TEST_DB_PASSWORD");
        if (configured != null && !configured.isBlank()) {
            return onServer(configured, user, password);
        }
        if (answers("127.0.0.1", 5432)) {
            return onServer(DEFAULT_URL, user, password);
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new TestDatabase("testcontainers", container.getHost(), container.getMappedPort(5432),
                    container.getDatabaseName(), container.getUsername(), container.getPassword());
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createTempDirectory("registry-test-pg"))
                .setCleanDataDirectory(true)
                .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                }
                catch (IOException ignored) {
                    // the JVM is exiting
                }
            }));
            return new TestDatabase("embedded", "localhost", postgres.getPort(), "postgres", "postgres", null);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("No PostgreSQL for the tests: none configured, none at 127.0.0.1:5432, "
                    + "no Docker, and the embedded one failed to start", ex);
        }
    }

    private static TestDatabase onServer(String adminUrl, String user, String password) {
        String name = "registry_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        URI uri = URI.create(adminUrl.substring("jdbc:".length()));
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Cannot create the test database on " + adminUrl + " as " + user + ": "
                    + ex.getMessage(), ex);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
                    Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
            catch (SQLException ignored) {
                // best effort at exit; the random name keeps runs apart anyway
            }
        }));
        return new TestDatabase("server " + uri.getHost() + ":" + uri.getPort(), uri.getHost(),
                uri.getPort() == -1 ? 5432 : uri.getPort(), name, user, password);
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }
}
