package org.certregistry.web.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.certregistry.web.support.OwnPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slowloris: clients that open connections and send their request head one byte at a time, each
 * byte well inside any read or idle timeout, are cut off once the head deadline passes (2 s here),
 * and the server answers everyone else meanwhile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
class SlowClientsTest {

    static final int PORT = OwnPort.free();
    static final byte[] HEAD = ("GET /verify HTTP/1.1\r\nHost: localhost\r\nUser-Agent: one-byte-at-a-time\r\n"
            + "Accept: text/html\r\nX-Padding: " + "x".repeat(40) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        OwnPort.register(registry, PORT);
        registry.add("registry.http.header-timeout", () -> "2s");
        registry.add("registry.http.request-timeout", () -> "3s");
    }

    @Autowired
    WebTestClient http;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void twentyClientsSendingOneHeaderByteEveryHalfSecondAreDisconnectedAndOthersAreServed() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket socket = new Socket("localhost", PORT);
                socket.setSoTimeout(20);
                slow.add(socket);
            }
            int[] sent = new int[slow.size()];
            boolean[] closed = new boolean[slow.size()];
            boolean servedMeanwhile = false;
            // one byte per client every 500 ms: the head would take HEAD.length / 2 seconds to arrive
            for (int round = 0; round < HEAD.length && !allTrue(closed); round++) {
                for (int i = 0; i < slow.size(); i++) {
                    if (!closed[i]) {
                        closed[i] = !sendOneByte(slow.get(i), HEAD[sent[i]]) || closedByServer(slow.get(i));
                        sent[i] += closed[i] ? 0 : 1;
                    }
                }
                if (round == 2) {
                    http.get().uri("/verify").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();
                    servedMeanwhile = true;
                }
                Thread.sleep(500);
            }
            assertThat(closed).as("every slow client is cut off").containsOnly(true);
            for (int count : sent) {
                assertThat(count).as("cut off before its head was complete").isLessThan(HEAD.length);
            }
            assertThat(servedMeanwhile).isTrue();
        }
        finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        // a client that sends its head at once is answered as ever
        http.get().uri("/verify").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aKeptAliveConnectionMustSendItsNextRequestHeadInTimeToo() throws Exception {
        try (Socket socket = new Socket("localhost", PORT)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /.well-known/jwks.json HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 200");
            socket.setSoTimeout(20);
            int sent = 0;
            while (sent < HEAD.length && sendOneByte(socket, HEAD[sent]) && !drainedToTheEnd(socket)) {
                sent++;
                Thread.sleep(500);
            }
            assertThat(sent).as("the second head was cut off before it was complete").isLessThan(HEAD.length);
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void aBodyTrickledInsideTheReadTimeoutIsCutOffAtTheRequestDeadline() throws Exception {
        // each byte well inside the 15 s read timeout; the whole body would take 50 s: cut off at the 3 s deadline
        byte[] head = ("POST /api/v1/verifications HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 100\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("localhost", PORT)) {
            socket.getOutputStream().write(head);
            socket.setSoTimeout(20);
            long start = System.nanoTime();
            int sent = 0;
            while (sent < 100 && sendOneByte(socket, (byte) 'x') && !drainedToTheEnd(socket)) {
                sent++;
                Thread.sleep(500);
            }
            assertThat(sent).as("the body was cut off before it was complete").isLessThan(100);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("cut off by the deadline, not by the read timeout")
                .isLessThan(Duration.ofSeconds(12));
        }
        // a request whose body arrives at once is answered as ever (the deadline of the one before is not left behind)
        http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue("not a credential")
            .exchange().expectStatus().isEqualTo(422).expectBody().jsonPath("$.verdict").isEqualTo("INVALID");
    }

    /** Reads whatever the server sent (the rest of the first answer); true once the server has closed the connection. */
    static boolean drainedToTheEnd(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                if (in.read(buffer) == -1) {
                    return true;
                }
            }
        }
        catch (SocketTimeoutException ex) {
            return false;
        }
        catch (IOException ex) {
            return true;
        }
    }

    static boolean sendOneByte(Socket socket, byte b) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(b);
            out.flush();
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** Whether the server closed the connection (end of stream, or a reset), without waiting more than a moment. */
    static boolean closedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            return in.read() == -1;
        }
        catch (SocketTimeoutException ex) {
            return false;
        }
        catch (IOException ex) {
            return true;
        }
    }

    static boolean allTrue(boolean[] values) {
        for (boolean v : values) {
            if (!v) {
                return false;
            }
        }
        return true;
    }
}
