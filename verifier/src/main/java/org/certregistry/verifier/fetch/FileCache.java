package org.certregistry.verifier.fetch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Copies of fetched documents on disk, for offline verification: one body file per URL (named
 * by the URL's SHA-256) and a small metadata file holding the URL and when it was fetched.
 * The copies are only as trustworthy as what is checked on them: signatures are verified again
 * on every use.
 */
public final class FileCache {

    private final Path directory;

    public FileCache(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** The default folder: {@code $XDG_CACHE_HOME/certregistry-verify} or {@code ~/.cache/certregistry-verify}. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("certregistry-verify");
    }

    public Path directory() {
        return directory;
    }

    /** Keeps a copy of {@code fetched} as the document at {@code uri}; best effort (a full disk is not a verdict). */
    public void put(URI uri, Fetched fetched) {
        try {
            Files.createDirectories(directory);
            String key = key(uri);
            Path body = directory.resolve(key + ".body");
            Path tmp = Files.createTempFile(directory, key, ".tmp");
            Files.write(tmp, fetched.body());
            Files.move(tmp, body, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(directory.resolve(key + ".meta"), fetched.fetchedAt() + "\n" + uri + "\n", StandardCharsets.UTF_8);
        }
        catch (IOException | UncheckedIOException ex) {
            // the cache is a convenience for later offline runs; this run's answer does not depend on it
        }
    }

    /** The kept copy of the document at {@code uri}, if any. */
    public Optional<Fetched> get(URI uri) {
        String key = key(uri);
        Path body = directory.resolve(key + ".body");
        Path meta = directory.resolve(key + ".meta");
        try {
            if (!Files.isRegularFile(body) || !Files.isRegularFile(meta)) {
                return Optional.empty();
            }
            String[] lines = Files.readString(meta, StandardCharsets.UTF_8).split("\n");
            if (lines.length < 2 || !lines[1].equals(uri.toString())) {
                return Optional.empty();
            }
            return Optional.of(new Fetched(Files.readAllBytes(body), Instant.parse(lines[0]), true));
        }
        catch (IOException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    private static String key(URI uri) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(uri.toString().getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is always present", ex);
        }
    }

    /** Online: fetch through {@code network} and keep every successful answer here. */
    public Fetcher recording(Fetcher network) {
        return (uri, accept) -> {
            Fetched fetched = network.fetch(uri, accept);
            put(uri, fetched);
            return fetched;
        };
    }

    /** Offline: answer from the kept copies only, never the network. */
    public Fetcher offline() {
        return (uri, accept) -> get(uri).orElseThrow(() -> new FetchException("offline, and no copy of " + uri
                + " is in the cache " + directory + " (run once online to fill it)"));
    }
}
