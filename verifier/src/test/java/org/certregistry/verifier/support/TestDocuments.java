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
                // Flate-compressed, as the issuer embeds it
                PDEmbeddedFile file = new PDEmbeddedFile(pdf, new java.io.ByteArrayInputStream(
                        embeddedJwt.getBytes(StandardCharsets.US_ASCII)), org.apache.pdfbox.cos.COSName.FLATE_DECODE);
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

    /**
     * A grid of n x n QR finder patterns (7 x 7 modules: black ring, white ring, black 3 x 3 centre)
     * and nothing else: a few hundred bytes as PNG, and every triple of them is a plausible QR code
     * to zxing's multi-code reader.
     */
    public static BufferedImage finderGrid(int n) {
        int module = 4;
        int pitch = 10 * module;
        int margin = 4 * module;
        int size = 2 * margin + n * pitch;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, size, size);
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                int x = margin + col * pitch;
                int y = margin + row * pitch;
                g.setColor(java.awt.Color.BLACK);
                g.fillRect(x, y, 7 * module, 7 * module);
                g.setColor(java.awt.Color.WHITE);
                g.fillRect(x + module, y + module, 5 * module, 5 * module);
                g.setColor(java.awt.Color.BLACK);
                g.fillRect(x + 2 * module, y + 2 * module, 3 * module, 3 * module);
            }
        }
        g.dispose();
        return image;
    }

    /**
     * A one-page PDF whose page draws a width x height one-bit image of zeros, Flate-compressed:
     * a 40,000 x 40,000 one is about 200 KB on disk and 1.6 gigapixels decoded.
     */
    public static byte[] pdfWithImage(int width, int height) {
        try (PDDocument pdf = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            pdf.addPage(page);
            org.apache.pdfbox.cos.COSStream stream = pdf.getDocument().createCOSStream();
            try (java.io.OutputStream raw = stream.createRawOutputStream();
                 java.util.zip.DeflaterOutputStream out = new java.util.zip.DeflaterOutputStream(raw,
                         new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION), 1 << 16)) {
                byte[] row = new byte[(width + 7) / 8];
                for (int y = 0; y < height; y++) {
                    out.write(row);
                }
            }
            stream.setItem(org.apache.pdfbox.cos.COSName.FILTER, org.apache.pdfbox.cos.COSName.FLATE_DECODE);
            stream.setItem(org.apache.pdfbox.cos.COSName.TYPE, org.apache.pdfbox.cos.COSName.XOBJECT);
            stream.setItem(org.apache.pdfbox.cos.COSName.SUBTYPE, org.apache.pdfbox.cos.COSName.IMAGE);
            stream.setInt(org.apache.pdfbox.cos.COSName.WIDTH, width);
            stream.setInt(org.apache.pdfbox.cos.COSName.HEIGHT, height);
            stream.setInt(org.apache.pdfbox.cos.COSName.BITS_PER_COMPONENT, 1);
            stream.setItem(org.apache.pdfbox.cos.COSName.COLORSPACE, org.apache.pdfbox.cos.COSName.DEVICEGRAY);
            PDImageXObject image = new PDImageXObject(new org.apache.pdfbox.pdmodel.common.PDStream(stream), null);
            try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                content.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
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
