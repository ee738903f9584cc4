package org.certregistry.web.issuers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.imageio.ImageIO;

import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.system.BlockingWork;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Each program's badge as a PNG, for the preview cards that links to a certificate get in chat and on social networks
 * ({@code og:image}): drawn once per program from its code, name and awarding body, on {@link BlockingWork} (image
 * encoding blocks), then served from memory. 600 by 600 pixels: a square is what a "summary" card and LinkedIn show.
 */
@Service
public class Badges {

    public static final int SIZE = 600;

    private final ProgramCatalog programs;
    private final BlockingWork blocking;
    private final Map<String, byte[]> drawn = new ConcurrentHashMap<>();

    Badges(ProgramCatalog programs, BlockingWork blocking) {
        this.programs = programs;
        this.blocking = blocking;
    }

    /** The badge of the program with {@code code}, or empty for a program the registry does not have. */
    public Mono<byte[]> png(String code) {
        return Mono.justOrEmpty(programs.find(code)).flatMap(program -> {
            byte[] cached = drawn.get(program.code());
            return cached != null ? Mono.just(cached)
                    : blocking.run(() -> drawn.computeIfAbsent(program.code(), c -> draw(program)));
        });
    }

    static byte[] draw(Program program) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0xf6f7f9));
            g.fillRect(0, 0, SIZE, SIZE);
            Color brand = new Color(0x1f3a5f);
            Color gold = new Color(0xf2b705);
            g.setColor(brand);
            g.fillOval(40, 40, SIZE - 80, SIZE - 80);
            g.setColor(gold);
            g.setStroke(new BasicStroke(14));
            g.drawOval(62, 62, SIZE - 124, SIZE - 124);
            g.setColor(Color.WHITE);
            Font bold = font("DejaVuSans-Bold.ttf");
            centred(g, program.code(), bold.deriveFont(120f), 300);
            Font small = font("DejaVuSans.ttf").deriveFont(26f);
            int y = 370;
            for (String line : lines(program.name(), g.getFontMetrics(small), 380)) {
                centred(g, line, small, y);
                y += 34;
            }
            g.setColor(gold);
            centred(g, program.awardingBody().id().toUpperCase(java.util.Locale.ROOT), bold.deriveFont(28f), 200);
        }
        finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot encode the badge of " + program.code(), ex);
        }
        return out.toByteArray();
    }

    /** One of the fonts the PDF embeds, so that the badge looks the same on a server with no fonts installed. */
    private static Font font(String file) {
        try (var in = Badges.class.getResourceAsStream("/org/certregistry/issuer/pdf/fonts/" + file)) {
            if (in == null) {
                throw new IllegalStateException("The bundled font " + file + " is missing");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in);
        }
        catch (IOException | java.awt.FontFormatException ex) {
            throw new IllegalStateException("Cannot read the bundled font " + file, ex);
        }
    }

    private static void centred(Graphics2D g, String text, Font font, int baseline) {
        g.setFont(font);
        g.drawString(text, (SIZE - g.getFontMetrics().stringWidth(text)) / 2, baseline);
    }

    /** {@code text} in lines at most {@code width} wide, at most three. */
    private static List<String> lines(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String tried = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(tried) > width && !line.isEmpty()) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            }
            else {
                line = new StringBuilder(tried);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines.subList(0, Math.min(3, lines.size()));
    }
}
