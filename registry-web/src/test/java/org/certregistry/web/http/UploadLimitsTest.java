package org.certregistry.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Uploads tried as an attacker would (issue 20, item 3): multipart bodies sent where no upload is
 * taken, to upload routes without signing in, and bodies larger than any form. Each is refused
 * with a clear status before the body is read: nothing is written to disk for a stranger.
 */
class UploadLimitsTest extends RegistryIntegrationTest {

    private static final String BOUNDARY = "upload-limits-boundary";


    @Test
    void aStrangersEvidenceUploadIsRefusedUnreadAndNothingSpillsToDisk() throws Exception {
        String path = "/holder/certificates/CCXP-000-000-000-0/ceus";
        // 8 parts of 5.5 MB with a made-up CSRF cookie and no session: what the CSRF check used to write to disk.
        // Its stated length is over the limit: refused before a byte is read
        Watched stated = watchingTheDisk(() -> send(path, parts(8, 5_500_000), "XSRF-TOKEN=made-up", true));
        assertThat(stated.response().statusCode()).isEqualTo(413);
        assertThat(stated.mostOnDisk()).as("bytes written to disk for the stranger").isZero();
        // chunked, so no length to go by: the stranger is refused before the body is read
        Watched chunked = watchingTheDisk(() -> send(path, parts(8, 5_500_000), "XSRF-TOKEN=made-up", false));
        assertThat(chunked.response().statusCode()).isEqualTo(403);
        assertThat(chunked.response().body()).contains("Sign in before you upload").doesNotContain("Exception");
        assertThat(chunked.mostOnDisk()).as("bytes written to disk for the stranger").isZero();
        // a small one too
        assertThat(send(path, parts(1, 1000), "XSRF-TOKEN=made-up", true).statusCode()).isEqualTo(403);
    }

    @Test
    void aCohortUploadNeedsASignedInAdminBeforeItsBodyIsRead() throws Exception {
        assertThat(send("/admin/cohorts", parts(1, 1000), null, true).statusCode()).isEqualTo(403);
        String auditor = ConsoleSession.signIn(http(), AUDITOR, AUDITOR_PASSWORD);
        assertThat(send("/admin/cohorts", parts(1, 1000), ConsoleSession.COOKIE + "=" + auditor, true).statusCode())
            .as("an auditor may not upload").isEqualTo(403);
    }

    @Test
    void aMultipartBodyWhereNoUploadIsTakenIsRefusedUnread() throws Exception {
        for (String path : new String[] { "/holder/sign-in", "/registry", "/admin/login", "/api/v1/verifications" }) {
            Watched answer = watchingTheDisk(() -> send(path, parts(2, 50_000), "XSRF-TOKEN=made-up", false));
            assertThat(answer.response().statusCode()).as(path).isEqualTo(415);
            assertThat(answer.response().body()).as(path).contains("takes no file upload");
            assertThat(answer.mostOnDisk()).as(path).isZero();
        }
    }

    @Test
    void aPlainFormLargerThanAnyFormIsRefusedWhetherItsLengthIsGivenOrNot() throws Exception {
        byte[] form = ("email=" + "a".repeat(100_000) + "%40example.org").getBytes(StandardCharsets.UTF_8);
        for (boolean chunked : new boolean[] { false, true }) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE_URL + "/holder/sign-in"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html");
            HttpRequest.BodyPublisher body = chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form))
                    : HttpRequest.BodyPublishers.ofByteArray(form);
            HttpResponse<String> answer = newClient().send(request.POST(body).build(), HttpResponse.BodyHandlers.ofString());
            if (chunked) {
                // cut at 64 KB while the CSRF check reads it: that check then finds no token
                assertThat(answer.statusCode()).as("chunked").isIn(403, 413);
                assertThat(answer.body()).doesNotContain("Exception");
            }
            else {
                assertThat(answer.statusCode()).as("with its length").isEqualTo(413);
                assertThat(answer.body()).contains("at most 64 KB").doesNotContain("Exception");
            }
        }
    }

    @Test
    void aBatchLargerThanABatchMayBeIsRefusedBeforeItIsRead() throws Exception {
        HttpResponse<String> answer = send("/verify/batch", parts(6, 5_000_000), null, true);
        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("at most 25 MB");
    }

    private org.springframework.test.web.reactive.server.WebTestClient http() {
        return org.springframework.test.web.reactive.server.WebTestClient.bindToServer().baseUrl(BASE_URL)
            .responseTimeout(Duration.ofSeconds(60)).build();
    }

    private HttpResponse<String> send(String path, byte[] body, String cookie, boolean withLength) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE_URL + path)).timeout(Duration.ofSeconds(60))
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).header("Accept", "text/html");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        HttpRequest.BodyPublisher publisher = withLength ? HttpRequest.BodyPublishers.ofByteArray(body)
                : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        try {
            // a connection of its own each time: the server closes one whose body it left unread
            return newClient().send(request.POST(publisher).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            // the server may close the connection while the rest of an unread body is still being sent
            throw new AssertionError("The server closed the connection without an answer: " + ex, ex);
        }
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static byte[] parts(int count, int size) {
        StringBuilder form = new StringBuilder();
        form.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\nmade-up\r\n");
        String filler = "%PDF-1.7 " + "x".repeat(size);
        for (int i = 0; i < count; i++) {
            form.append("--").append(BOUNDARY).append("\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"e")
                .append(i).append(".pdf\"\r\nContent-Type: application/pdf\r\n\r\n").append(filler).append("\r\n");
        }
        form.append("--").append(BOUNDARY).append("--\r\n");
        return form.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An answer, and the most multipart parsing held on disk while the request was in flight. */
    private record Watched(HttpResponse<String> response, long mostOnDisk) {
    }

    @FunctionalInterface
    private interface Request {

        HttpResponse<String> send() throws Exception;
    }

    /** Sends, sampling what multipart parsing holds on disk every few milliseconds until the answer comes. */
    private static Watched watchingTheDisk(Request request) throws Exception {
        long before = spilledBytes();
        java.util.concurrent.atomic.AtomicLong most = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                most.accumulateAndGet(spilledBytes() - before, Math::max);
                try {
                    Thread.sleep(5);
                }
                catch (InterruptedException ex) {
                    return;
                }
            }
        }, "disk-watch");
        watcher.setDaemon(true);
        watcher.start();
        try {
            return new Watched(request.send(), Math.max(0, most.get()));
        }
        finally {
            done.set(true);
            watcher.join();
        }
    }

    /** What multipart parsing holds on disk in this JVM now (its {@code spring-multipart-*} folders). */
    private static long spilledBytes() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> folders = Files.list(tmp)) {
            return folders.filter(f -> f.getFileName().toString().startsWith("spring-multipart")).mapToLong(folder -> {
                try (Stream<Path> files = Files.walk(folder)) {
                    return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
                }
                catch (IOException ex) {
                    return 0;
                }
            }).sum();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
