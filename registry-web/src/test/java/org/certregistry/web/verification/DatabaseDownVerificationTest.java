package org.certregistry.web.verification;

import org.certregistry.web.certificate.store.CertificateRepository;
import org.certregistry.web.support.Documents;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.OwnPort;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doReturn;

/**
 * When the database cannot be read, verification cannot vouch for status: the verdict is
 * UNDETERMINED (200, with the failing checks named), never VALID, and a forgery is still INVALID.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
class DatabaseDownVerificationTest {

    static final int PORT = OwnPort.free();

    @DynamicPropertySource
    static void ownPort(DynamicPropertyRegistry registry) {
        OwnPort.register(registry, PORT);
    }

    @Autowired
    WebTestClient http;

    @MockitoSpyBean
    CertificateRepository certificates;

    @Test
    void aGenuineCredentialIsUndeterminedWhileTheDatabaseIsDownAndAForgeryStillInvalid() {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Database Outage");
        byte[] pdf = http.get().uri(issued.holderUrl() + "/certificate.pdf").exchange().expectBody(byte[].class)
            .returnResult().getResponseBody();
        doReturn(Mono.error(new DataAccessResourceFailureException("connection refused")))
            .when(certificates).findWithCurrentCredential(anyString());

        http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue(issued.credential()).exchange()
            .expectStatus().isOk().expectBody()
            .jsonPath("$.verdict").isEqualTo("UNDETERMINED")
            .jsonPath("$.checks[?(@.check == 'signature')].outcome").isEqualTo("PASSED")
            .jsonPath("$.checks[?(@.check == 'status')].outcome").isEqualTo("UNAVAILABLE")
            .jsonPath("$.checks[?(@.check == 'registry')].outcome").isEqualTo("UNAVAILABLE");

        // a QR code alone needs the database for the current credential: undetermined too
        http.post().uri("/api/v1/verifications").contentType(MediaType.IMAGE_PNG)
            .bodyValue(png(Documents.firstPage(pdf, 150))).exchange()
            .expectStatus().isOk().expectBody().jsonPath("$.verdict").isEqualTo("UNDETERMINED");

        String[] parts = issued.credential().split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];
        http.post().uri("/api/v1/verifications").contentType(MediaType.TEXT_PLAIN).bodyValue(tampered).exchange()
            .expectBody().jsonPath("$.verdict").isEqualTo("INVALID");
    }

    static byte[] png(java.awt.image.BufferedImage image) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        return out.toByteArray();
    }
}
