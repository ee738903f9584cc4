package org.certregistry.web.faults;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.certregistry.web.support.HostileImages;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.OwnPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile pictures fill the document decoder (one thread, one place in the queue, the verifier's
 * caps lifted so each one costs its full deadline): more are refused at once with 503 and
 * Retry-After (a problem for the API, a page for a browser), while signing, which runs on its own
 * scheduler, still issues certificates and a pasted credential is still verified.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
class DecoderSaturationTest {

    static final int PORT = OwnPort.free();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        OwnPort.register(registry, PORT);
        registry.add("registry.verification.decoder-threads", () -> 1);
        registry.add("registry.verification.decoder-queue", () -> 1);
        registry.add("registry.verification.decoder-deadline", () -> "60s");
        // without the caps a 20 x 20 grid costs zxing tens of seconds: the decoder stays full for the whole test
        registry.add("registry.verification.max-finder-candidates", () -> 1_000_000);
        registry.add("registry.verification.max-qr-attempts", () -> 1_000_000_000);
        registry.add("registry.rate-limit.enabled", () -> false);
    }

    @Autowired
    WebTestClient http;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void signingAndPastedCredentialsStillWorkWhileHostileImagesFillTheDecoder() throws Exception {
        byte[] hostile = HostileImages.finderGrid(20);
        WebClient client = WebClient.create("http://localhost:" + PORT);
        Queue<Integer> answered = new ConcurrentLinkedQueue<>();
        List<Disposable> inFlight = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inFlight.add(client.post().uri("/api/v1/verifications").contentType(MediaType.IMAGE_PNG).bodyValue(hostile)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                .subscribe(answered::add));
        }
        try {
            // two are taken (one read, one queued); the other two are refused at once
            while (answered.size() < 2) {
                Thread.sleep(20);
            }
            assertThat(answered).containsExactly(503, 503);

            http.post().uri("/api/v1/verifications").contentType(MediaType.IMAGE_PNG).bodyValue(hostile).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://certregistry.org/problems/verifier-busy");

            TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Signed While Busy");
            assertThat(issued.credential()).isNotBlank();
            http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue(issued.credential()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.verdict").isEqualTo("VALID");

            String page = uploadThroughThePage(hostile);
            assertThat(page).contains("try again in 5 seconds");
            assertThat(answered).as("the hostile pictures taken are still being read").hasSize(2);
        }
        finally {
            inFlight.forEach(Disposable::dispose);
        }
    }

    /** Uploads a picture on /verify as a browser does (session cookie and CSRF token from the form) and answers the page. */
    String uploadThroughThePage(byte[] picture) {
        EntityExchangeResult<String> form = http.get().uri("/verify").accept(MediaType.TEXT_HTML).exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.getResponseBody());
        assertThat(csrf.find()).as("the form carries a CSRF token").isTrue();
        // written by hand: the client's own multipart writer draws its boundary from SecureRandom on an event loop
        String boundary = "fault-test-boundary";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf.group(1) + "\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"qr.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        body.writeBytes(picture);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        WebTestClient.RequestBodySpec post = http.post().uri("/verify").accept(MediaType.TEXT_HTML)
            .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary));
        for (List<ResponseCookie> cookies : form.getResponseCookies().values()) {
            cookies.forEach(c -> post.cookie(c.getName(), c.getValue()));
        }
        return post.bodyValue(body.toByteArray()).exchange()
            .expectStatus().isEqualTo(503)
            .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
            .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
            .expectBody(String.class).returnResult().getResponseBody();
    }
}
