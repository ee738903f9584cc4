package org.certregistry.issuer.pdf;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** QR codes for printed certificates: error correction level Q, a four-module quiet zone. */
public final class QrCode {

    private QrCode() {
    }

    /** The QR code of {@code text} as a black-on-white image, {@code size} pixels square. */
    public static BufferedImage image(String text, int size) {
        return MatrixToImageWriter.toBufferedImage(matrix(text, size));
    }

    /** The modules, quiet zone included; {@code size} 0 gives one element per module. */
    private static BitMatrix matrix(String text, int size) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.Q, EncodeHintType.MARGIN, 4,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        }
        catch (WriterException ex) {
            throw new IllegalArgumentException("Cannot encode a QR code: " + ex.getMessage(), ex);
        }
    }

    /**
     * The QR code as a one-bit PNG with {@code pixelsPerModule} pixels per module: a few hundred
     * bytes, quick to make, and sharp at any print size because every module is whole pixels.
     */
    public static byte[] compactPng(String text, int pixelsPerModule) {
        if (pixelsPerModule < 1 || pixelsPerModule > 32) {
            throw new IllegalArgumentException("A QR module is 1 to 32 pixels, not " + pixelsPerModule);
        }
        BitMatrix modules = matrix(text, 0);
        int size = modules.getWidth() * pixelsPerModule;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            g.setColor(Color.BLACK);
            for (int y = 0; y < modules.getHeight(); y++) {
                for (int x = 0; x < modules.getWidth(); x++) {
                    if (modules.get(x, y)) {
                        g.fillRect(x * pixelsPerModule, y * pixelsPerModule, pixelsPerModule, pixelsPerModule);
                    }
                }
            }
        }
        finally {
            g.dispose();
        }
        return write(image);
    }

    /** The QR code as PNG bytes. */
    public static byte[] png(String text, int size) {
        return write(image(text, size));
    }

    private static byte[] write(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }
}
