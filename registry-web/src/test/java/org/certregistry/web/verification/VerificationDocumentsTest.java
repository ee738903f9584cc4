package org.certregistry.web.verification;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;

import javax.imageio.ImageIO;

import org.certregistry.web.support.Documents;
import org.certregistry.web.support.Issuing;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/verifications} with every accepted document: the JWT, the PDF the holder
 * downloads, a photo of its QR code (PNG and JPEG); and the bodies it must refuse.
 */
class VerificationDocumentsTest extends RegistryIntegrationTest {

    static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired
    WebTestClient http;

    @Autowired
    SignatureResults signatures;

    WebTestClient.ResponseSpec verify(MediaType type, byte[] body) {
        return http.post().uri("/api/v1/verifications").contentType(type).bodyValue(body).exchange();
    }

    byte[] pdf(Issuing.Issued issued) {
        return http.get().uri(issued.holderUrl() + "/certificate.pdf").exchange().expectStatus().isOk()
            .expectBody(byte[].class).returnResult().getResponseBody();
    }

    static byte[] image(BufferedImage image, String format) throws Exception {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(rgb, format, out);
        return out.toByteArray();
    }

    @Test
    void theHoldersPdfVerifiesWithTheDocumentCheckFirst() {
        Issuing.Issued issued = Issuing.issue(http, "CCXP", "Émilie du Châtelet");
        verify(MediaType.APPLICATION_PDF, pdf(issued)).expectStatus().isOk().expectBody()
            .jsonPath("$.verdict").isEqualTo("VALID")
            .jsonPath("$.checks[0].check").isEqualTo("document")
            .jsonPath("$.checks[0].outcome").isEqualTo("PASSED")
            .jsonPath("$.credential.certificateNumber").isEqualTo(issued.number());
    }

    @Test
    void aPhotoOfTheQrCodeVerifiesAsPngAndJpeg() throws Exception {
        Issuing.Issued issued = Issuing.issue(http, "CXSP", "Hypatia of Alexandria");
        BufferedImage page = Documents.firstPage(pdf(issued), 300);
        for (String format : new String[] {"png", "jpg"}) {
            verify(format.equals("png") ? MediaType.IMAGE_PNG : MediaType.IMAGE_JPEG, image(page, format))
                .expectStatus().isOk().expectBody()
                .jsonPath("$.verdict").isEqualTo("VALID")
                .jsonPath("$.credential.holderName").isEqualTo("Hypatia of Alexandria");
        }
    }

    @Test
    void aRevokedCertificatesPdfIsRevoked() {
        Issuing.Issued issued = Issuing.issue(http, "CCXP", "Revoked Person");
        byte[] pdf = pdf(issued);
        Issuing.revoke(http, issued.number());
        verify(MediaType.APPLICATION_PDF, pdf).expectStatus().isOk().expectBody().jsonPath("$.verdict").isEqualTo("REVOKED");
    }

    @Test
    void aRepeatedCredentialIsAnsweredFromTheSignatureCacheButItsStatusIsReadAgain() {
        Issuing.Issued issued = Issuing.issue(http, "CCXP", "Repeat Visitor");
        long before = signatures.size();
        verify(MediaType.TEXT_PLAIN, issued.credential().getBytes()).expectBody().jsonPath("$.verdict").isEqualTo("VALID");
        assertThat(signatures.size()).isEqualTo(before + 1);
        verify(MediaType.TEXT_PLAIN, issued.credential().getBytes()).expectBody().jsonPath("$.verdict").isEqualTo("VALID");
        assertThat(signatures.size()).isEqualTo(before + 1);
        Issuing.revoke(http, issued.number());
        verify(MediaType.TEXT_PLAIN, issued.credential().getBytes()).expectBody().jsonPath("$.verdict").isEqualTo("REVOKED");
    }

    @Test
    void junkDocumentsAreUnprocessableWithAReason() throws Exception {
        verify(MediaType.APPLICATION_PDF, "%PDF-1.7 not really".getBytes()).expectStatus().isEqualTo(422).expectBody()
            .jsonPath("$.verdict").isEqualTo("INVALID")
            .jsonPath("$.checks[0].check").isEqualTo("document");
        verify(MediaType.IMAGE_PNG, image(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB), "png"))
            .expectStatus().isEqualTo(422).expectBody().jsonPath("$.checks[0].message").value(m ->
                    assertThat((String) m).contains("No QR code"));
        // a PDF sent as an image is not what it claims
        Issuing.Issued issued = Issuing.issue(http, "CCXP", "Type Confusion");
        verify(MediaType.IMAGE_PNG, pdf(issued)).expectStatus().isEqualTo(422);
    }

    @Test
    void aQrCodeLeadingElsewhereIsUnprocessable() throws Exception {
        BufferedImage qr = com.google.zxing.client.j2se.MatrixToImageWriter.toBufferedImage(
                new com.google.zxing.qrcode.QRCodeWriter().encode("https://evil.example/v/CCXP-AAA-BBB-CCC",
                        com.google.zxing.BarcodeFormat.QR_CODE, 300, 300));
        verify(MediaType.IMAGE_PNG, image(qr, "png")).expectStatus().isEqualTo(422).expectBody()
            .jsonPath("$.checks[0].message").value(m -> assertThat((String) m).contains("does not lead to this registry"));
    }

    @Test
    void unsupportedAndOversizedBodiesAreProblems() {
        verify(MediaType.IMAGE_GIF, new byte[] {'G', 'I', 'F', '8', '9', 'a'}).expectStatus().isEqualTo(415)
            .expectHeader().contentTypeCompatibleWith(PROBLEM);
        verify(MediaType.APPLICATION_PDF, new byte[CredentialVerification.MAX_DOCUMENT_BYTES + 1]).expectStatus().isEqualTo(413)
            .expectHeader().contentTypeCompatibleWith(PROBLEM);
    }

    @Test
    void theCurrentCredentialIsPublishedByNumber() {
        Issuing.Issued issued = Issuing.issue(http, "CCXP", "Current Version");
        http.get().uri("/api/v1/certificates/{n}/credential", issued.number()).exchange()
            .expectStatus().isOk()
            .expectHeader().contentType("application/jwt")
            .expectBody(String.class).isEqualTo(issued.credential());
        http.get().uri("/api/v1/certificates/{n}/credential", "CCXP-000-000-000").exchange().expectStatus().is4xxClientError();
    }
}
