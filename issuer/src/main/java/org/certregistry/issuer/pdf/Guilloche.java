package org.certregistry.issuer.pdf;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * The fine-line rosette printed behind the text, as on banknotes and diplomas: two wave rings,
 * each drawn once as a vector form and repeated turned a little, so the pattern costs a few
 * kilobytes and stays sharp at any size. A template asks for it, in its colour, with
 * {@code <meta name="certificate-guilloche" content="#e7dcc2"/>}.
 */
final class Guilloche {

    private static final Pattern META = Pattern.compile(
            "<meta\\s+name=\"certificate-guilloche\"\\s+content=\"#([0-9a-fA-F]{6})\"\\s*/>");

    private Guilloche() {
    }

    /** The colour the template asks for, or {@code null} for none. */
    static Color requestedBy(String template) {
        Matcher matcher = META.matcher(template);
        return matcher.find() ? new Color(Integer.parseInt(matcher.group(1), 16)) : null;
    }

    /** Draws the rosette behind everything on {@code page}, centred at ({@code x}, {@code y}) from the top left, in points. */
    static void drawBehind(PDDocument document, PDPage page, Color color, float x, float y) throws IOException {
        float cx = x;
        float cy = page.getMediaBox().getHeight() - y;
        PDFormXObject outer = ring(document, color, 150, 14, 18, 0.35f);
        PDFormXObject inner = rose(document, color, 100, 7, 0.3f);
        try (PDPageContentStream content = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.PREPEND,
                true)) {
            // decoration, not content: a screen reader skips it (PDF/UA 7.1)
            content.beginMarkedContent(COSName.ARTIFACT);
            for (int i = 0; i < 20; i++) {
                place(content, outer, cx, cy, (float) (i * 2 * Math.PI / 18 / 20));
            }
            for (int i = 0; i < 14; i++) {
                place(content, inner, cx, cy, (float) (i * 2 * Math.PI / 7 / 14));
            }
            content.endMarkedContent();
        }
    }

    private static void place(PDPageContentStream content, PDFormXObject form, float cx, float cy, float angle)
            throws IOException {
        content.saveGraphicsState();
        content.transform(Matrix.getTranslateInstance(cx, cy));
        content.transform(Matrix.getRotateInstance(angle, 0, 0));
        content.drawForm(form);
        content.restoreGraphicsState();
    }

    /** A circle of radius {@code radius} rippled by {@code waves} waves of {@code amplitude}. */
    private static PDFormXObject ring(PDDocument document, Color color, float radius, float amplitude, int waves, float line)
            throws IOException {
        return form(document, color, radius + amplitude, line, 720,
                theta -> radius + amplitude * Math.sin(waves * theta));
    }

    /** A rose of {@code petals} petals out to {@code radius}, lifted off the centre. */
    private static PDFormXObject rose(PDDocument document, Color color, float radius, int petals, float line) throws IOException {
        return form(document, color, radius, line, 720,
                theta -> radius * (0.55 + 0.45 * Math.abs(Math.cos(petals * theta / 2))));
    }

    private interface Polar {
        double radius(double theta);
    }

    private static PDFormXObject form(PDDocument document, Color color, float extent, float line, int steps, Polar shape)
            throws IOException {
        PDFormXObject form = new PDFormXObject(document);
        form.setBBox(new PDRectangle(-extent - 2, -extent - 2, 2 * extent + 4, 2 * extent + 4));
        form.setResources(new PDResources());
        float[] rgb = color.getRGBColorComponents(null);
        StringBuilder path = new StringBuilder(steps * 16);
        path.append(String.format(Locale.ROOT, "%.3f %.3f %.3f RG %.2f w%n", rgb[0], rgb[1], rgb[2], line));
        for (int i = 0; i <= steps; i++) {
            double theta = i * 2 * Math.PI / steps;
            double r = shape.radius(theta);
            path.append(String.format(Locale.ROOT, "%.2f %.2f %s%n", r * Math.cos(theta), r * Math.sin(theta), i == 0 ? "m" : "l"));
        }
        path.append("s\n");
        // written compressed by hand: PDFBox's content stream writer leaves form streams uncompressed
        try (OutputStream out = form.getCOSObject().createOutputStream(COSName.FLATE_DECODE)) {
            out.write(path.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return form;
    }
}
