package org.certregistry.web.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A PostgreSQL of its own for fault tests, so that freezing or killing it harms no other test:
 * zonky's embedded server in a temporary folder, frozen with SIGSTOP on its postmaster and every
 * backend (a server that accepts connections and never answers, as a hung host or a stalled disk
 * does), thawed with SIGCONT, killed with SIGKILL, and restarted on the same folder and port.
 */
final class FreezableDatabase implements AutoCloseable {

    private final Path directory;
    private final int port;
    private EmbeddedPostgres postgres;

    private FreezableDatabase(Path directory, int port, EmbeddedPostgres postgres) {
        this.directory = directory;
        this.port = port;
        this.postgres = postgres;
    }

    static FreezableDatabase start() {
        try {
            Path directory = Files.createTempDirectory("registry-fault-pg");
            // kept on close (zonky would delete it), so the server can restart on it after a kill; deleted at the end
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(false)
                // zonky turns synchronous_commit off for speed: a commit the registry was told of could then vanish in a
                // kill, which no production server does; the tests assert what survives a kill, so commits are durable
                .setServerConfig("synchronous_commit", "on")
                .start();
            FreezableDatabase db = new FreezableDatabase(directory, postgres.getPort(), postgres);
            Runtime.getRuntime().addShutdownHook(new Thread(db::close));
            return db;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot start the fault tests' own PostgreSQL", ex);
        }
    }

    /** Points the application (R2DBC and Flyway) at this server. */
    void register(DynamicPropertyRegistry registry) {
        registry.add("spring.r2dbc.url", () -> "r2dbc:postgresql://localhost:" + port + "/postgres");
        registry.add("spring.r2dbc.username", () -> "postgres");
        registry.add("spring.r2dbc.password", () -> "");
        registry.add("spring.flyway.url", this::jdbcUrl);
        registry.add("spring.flyway.user", () -> "postgres");
        registry.add("spring.flyway.password", () -> "");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    /** Stops the postmaster first (no new backends), then every process it started. */
    void freeze() {
        long postmaster = postmaster();
        signal("STOP", List.of(postmaster));
        signal("STOP", children(postmaster));
    }

    /** Lets the server run again: backends first, then the postmaster. */
    void thaw() {
        long postmaster = postmaster();
        signal("CONT", children(postmaster));
        signal("CONT", List.of(postmaster));
    }

    /** Kills the server and every backend at once, as a crash or an out-of-memory kill would. */
    void kill() {
        long postmaster = postmaster();
        List<Long> all = new ArrayList<>(children(postmaster));
        all.add(postmaster);
        signal("KILL", all);
    }

    /** Starts the server again on the same folder and port (PostgreSQL recovers from its log). */
    void restart() {
        try {
            postgres.close(); // its stop fails (nothing runs), but it lets go of the data folder's lock
        }
        catch (IOException | RuntimeException ignored) {
            // expected: the server is dead
        }
        try {
            postgres = EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("synchronous_commit", "on").start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot restart the fault tests' PostgreSQL", ex);
        }
    }

    private long postmaster() {
        try {
            // the first line of postmaster.pid is the postmaster's process id
            return Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid"), StandardCharsets.US_ASCII).get(0).strip());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("No postmaster.pid in " + directory + ": is the server running?", ex);
        }
    }

    private static List<Long> children(long parent) {
        List<Long> pids = new ArrayList<>();
        for (String line : run("pgrep", "-P", Long.toString(parent)).split("\\R")) {
            if (!line.isBlank()) {
                pids.add(Long.parseLong(line.strip()));
            }
        }
        return pids;
    }

    private static void signal(String signal, List<Long> pids) {
        if (pids.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        run(command.toArray(String[]::new));
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            return out;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() {
        try {
            thaw(); // a frozen server cannot stop
        }
        catch (RuntimeException ignored) {
            // not running (killed): nothing to thaw
        }
        try {
            postgres.close();
        }
        catch (IOException | RuntimeException ignored) {
            // killed already, or the JVM is exiting
        }
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException | UncheckedIOException ignored) {
            // a temporary folder: best effort
        }
    }
}
