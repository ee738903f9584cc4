package org.certregistry.issuer.pdf;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificatePreviewTest {

    @Test
    void thePreviewIsALandscapePictureOfThePageWhoseQrCodeStillScans() throws Exception {
        byte[] pdf = new CertificatePdfRenderer().render(TestCertificates.ccxp("Zoë Kowalczyk-Ørsted"));

        BufferedImage preview = ImageIO.read(new ByteArrayInputStream(CertificatePreview.png(pdf, 144)));

        assertThat(preview.getWidth()).isEqualTo(1683);
        assertThat(preview.getHeight()).isEqualTo(1190);
        assertThat(PdfReading.qrCode(preview)).isEqualTo(TestCertificates.VERIFICATION_URL);
    }

    @Test
    void anAbsurdResolutionIsRefused() {
        assertThatThrownBy(() -> CertificatePreview.png(new byte[0], 2000)).hasMessageContaining("2000");
    }
}
