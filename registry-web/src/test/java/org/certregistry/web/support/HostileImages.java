package org.certregistry.web.support;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Pictures that are cheap to send and costly to read (after verifier's {@code TestDocuments}). */
public final class HostileImages {

    private HostileImages() {
    }

    /**
     * A PNG of n x n QR finder patterns and nothing else: about a kilobyte, and every triple of
     * them is a plausible QR code to zxing's multi-code reader (cubic work without the verifier's caps).
     */
    public static byte[] finderGrid(int n) {
        int module = 4;
        int pitch = 10 * module;
        int margin = 4 * module;
        int size = 2 * margin + n * pitch;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                int x = margin + col * pitch;
                int y = margin + row * pitch;
                g.setColor(Color.BLACK);
                g.fillRect(x, y, 7 * module, 7 * module);
                g.setColor(Color.WHITE);
                g.fillRect(x + module, y + module, 5 * module, 5 * module);
                g.setColor(Color.BLACK);
                g.fillRect(x + 2 * module, y + 2 * module, 3 * module, 3 * module);
            }
        }
        g.dispose();
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
