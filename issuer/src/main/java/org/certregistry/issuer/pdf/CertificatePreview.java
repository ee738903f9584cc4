package org.certregistry.issuer.pdf;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/** A picture of the printed certificate, for screens: its PDF page rasterised by PDFBox. */
public final class CertificatePreview {

    private CertificatePreview() {
    }

    /** The first page of {@code pdf} as a PNG at {@code dpi} (144 gives a 1683 x 1190 picture of A4 landscape). */
    public static byte[] png(byte[] pdf, int dpi) {
        if (dpi < 24 || dpi > 300) {
            throw new IllegalArgumentException("A preview is drawn at 24 to 300 dpi, not " + dpi);
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, dpi, ImageType.RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot draw the certificate preview", ex);
        }
    }
}
