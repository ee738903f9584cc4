package org.certregistry.verifier.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/** PDFs and QR-code images made as the registry makes them (contract: {@code credential.jwt}, {@code application/jwt}). */
public final class TestDocuments {

    private TestDocuments() {
    }

    public static BufferedImage qr(String text, int size) {
        try {
            return MatrixToImageWriter.toBufferedImage(new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q, EncodeHintType.MARGIN, 4)));
        }
        catch (WriterException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    public static byte[] jpeg(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(rgb, "jpg", out);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /** An A4 landscape PDF with the QR code (if any) on page 1 and the JWT (if any) embedded as credential.jwt. */
    public static byte[] pdf(String qrText, String embeddedJwt) {
        return pdf(qrText, embeddedJwt, new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()));
    }

    /** The same on a page of any size. */
    public static byte[] pdf(String qrText, String embeddedJwt, PDRectangle size) {
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(size);
            pdf.addPage(page);
            if (qrText != null) {
                PDImageXObject image = LosslessFactory.createFromImage(pdf, qr(qrText, 300));
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.drawImage(image, 620, 60, 150, 150);
                }
            }
            if (embeddedJwt != null) {
                PDEmbeddedFile file = new PDEmbeddedFile(pdf, new java.io.ByteArrayInputStream(
                        embeddedJwt.getBytes(StandardCharsets.US_ASCII)));
                file.setSubtype("application/jwt");
                PDComplexFileSpecification spec = new PDComplexFileSpecification();
                spec.setFile("credential.jwt");
                spec.setFileUnicode("credential.jwt");
                spec.setEmbeddedFile(file);
                spec.setEmbeddedFileUnicode(file);
                PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
                tree.setNames(Map.of("credential.jwt", spec));
                PDDocumentNameDictionary names = new PDDocumentNameDictionary(pdf.getDocumentCatalog());
                names.setEmbeddedFiles(tree);
                pdf.getDocumentCatalog().setNames(names);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
