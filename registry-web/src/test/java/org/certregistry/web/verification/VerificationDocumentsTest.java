package org.certregistry.web.verification;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;

import javax.imageio.ImageIO;

import org.certregistry.web.support.Documents;
import org.certregistry.web.support.HostileImages;
import org.certregistry.web.support.TestCertificates;
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

    byte[] pdf(TestCertificates.Issued issued) {
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
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Émilie du Châtelet");
        verify(MediaType.APPLICATION_PDF, pdf(issued)).expectStatus().isOk().expectBody()
            .jsonPath("$.verdict").isEqualTo("VALID")
            .jsonPath("$.checks[0].check").isEqualTo("document")
            .jsonPath("$.checks[0].outcome").isEqualTo("PASSED")
            .jsonPath("$.credential.certificateNumber").isEqualTo(issued.number());
    }

    @Test
    void aPhotoOfTheQrCodeVerifiesAsPngAndJpeg() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CXSP", "Hypatia of Alexandria");
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
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Revoked Person");
        byte[] pdf = pdf(issued);
        TestCertificates.revoke(http, issued.number());
        verify(MediaType.APPLICATION_PDF, pdf).expectStatus().isOk().expectBody().jsonPath("$.verdict").isEqualTo("REVOKED");
    }

    @Test
    void aRepeatedCredentialIsAnsweredFromTheSignatureCacheButItsStatusIsReadAgain() {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Repeat Visitor");
        long before = signatures.size();
        verify(MediaType.TEXT_PLAIN, issued.credential().getBytes()).expectBody().jsonPath("$.verdict").isEqualTo("VALID");
        assertThat(signatures.size()).isEqualTo(before + 1);
        verify(MediaType.TEXT_PLAIN, issued.credential().getBytes()).expectBody().jsonPath("$.verdict").isEqualTo("VALID");
        assertThat(signatures.size()).isEqualTo(before + 1);
        TestCertificates.revoke(http, issued.number());
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
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Type Confusion");
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
    void theCurrentCredentialIsPublishedByNumber() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CCXP", "Current Version");
        String published = http.get().uri("/api/v1/certificates/{n}/credential", issued.number()).exchange()
            .expectStatus().isOk()
            .expectHeader().contentType("application/jwt")
            .expectBody(String.class).returnResult().getResponseBody();
        // the public copy: the same credential without the holder's hashed e-mail (PublicCredentialTest)
        var claims = com.nimbusds.jwt.SignedJWT.parse(published).getJWTClaimsSet();
        var original = com.nimbusds.jwt.SignedJWT.parse(issued.credential()).getJWTClaimsSet();
        assertThat(claims.getJWTID()).isEqualTo(original.getJWTID());
        assertThat(claims.getNotBeforeTime()).isEqualTo(original.getNotBeforeTime());
        assertThat(claims.getExpirationTime()).isEqualTo(original.getExpirationTime());
        assertThat(claims.getClaim("credentialStatus")).isEqualTo(original.getClaim("credentialStatus"));
        http.get().uri("/api/v1/certificates/{n}/credential", "CCXP-000-000-000").exchange().expectStatus().is4xxClientError();
    }

    @Test
    void aPictureTooCostlyToReadIsUndeterminedWithTheReasonNotInvalid() {
        // 15 x 15 QR finder patterns: zxing's multi-code reader would try every triple; the decoder refuses it first
        verify(MediaType.IMAGE_PNG, HostileImages.finderGrid(15)).expectStatus().isOk().expectBody()
            .jsonPath("$.verdict").isEqualTo("UNDETERMINED")
            .jsonPath("$.checks[0].check").isEqualTo("document")
            .jsonPath("$.checks[0].outcome").isEqualTo("UNAVAILABLE")
            .jsonPath("$.checks[0].message").value(m -> assertThat((String) m).contains("QR finder patterns"));
    }
}
