package org.certregistry.issuer.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * Renders a certificate to PDF from the program's XHTML template with openhtmltopdf.
 *
 * <p>Every value is XML-escaped into the template, so a name containing markup prints as the
 * literal text. The renderer resolves no URI at all: fonts are bundled and handed over as
 * streams, the QR code is an inline {@code data:} image, and any other reference is refused. It
 * is synchronous and CPU-bound; callers bound its concurrency.
 */
public final class CertificatePdfRenderer {

    private static final String BASE = "org/certregistry/issuer/pdf/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    private static final String[][] FONTS = {
        {"fonts/DejaVuSerif.ttf", "Certificate Serif", "400", "NORMAL"},
        {"fonts/DejaVuSerif-Bold.ttf", "Certificate Serif", "700", "NORMAL"},
        {"fonts/DejaVuSerif-Italic.ttf", "Certificate Serif", "400", "ITALIC"},
        {"fonts/DejaVuSans.ttf", "Certificate Sans", "400", "NORMAL"},
        {"fonts/DejaVuSans-Bold.ttf", "Certificate Sans", "700", "NORMAL"},
    };

    private final Map<String, String> templates = new ConcurrentHashMap<>();

    /** Renders the certificate as PDF bytes. */
    public byte[] render(CertificateDocument document) {
        String html = html(document);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            // No network, no files: every URI the document might name resolves to nothing.
            builder.useUriResolver((base, uri) -> uri != null && uri.startsWith("data:") ? uri : null);
            for (String[] font : FONTS) {
                builder.useFont(() -> resource(font[0]), font[1], Integer.parseInt(font[2]), FontStyle.valueOf(font[3]), true);
            }
            builder.withProducer("Certificate registry");
            builder.toStream(out);
            builder.run();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("PDF rendering failed", ex);
        }
        return out.toByteArray();
    }

    /** The filled-in XHTML of the certificate (escaped), as given to the PDF engine. */
    public String html(CertificateDocument document) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("holderName", document.holderName());
        values.put("programName", document.programName());
        values.put("programCode", document.programCode());
        values.put("awardingBody", document.awardingBody());
        values.put("number", document.certificateNumber());
        values.put("awardedOn", DATE.format(document.awardedOn()));
        values.put("validFrom", DATE.format(document.validFrom()));
        values.put("validUntil", DATE.format(document.validUntil()));
        values.put("verificationUrl", document.verificationUrl());
        values.put("nameSize", nameSize(document.holderName()));
        String qr = "data:image/png;base64," + Base64.getEncoder().encodeToString(QrCode.png(document.verificationUrl(), 400));
        values.put("qrCode", qr);
        String template = templates.computeIfAbsent(document.template(), t -> text("templates/" + t + ".xhtml"));
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder html = new StringBuilder(template.length() + 1024);
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("Template " + document.template() + " names unknown field " + matcher.group(1));
            }
            matcher.appendReplacement(html, Matcher.quoteReplacement(escapeXml(value)));
        }
        matcher.appendTail(html);
        return html.toString();
    }

    /** Long names get a smaller type size so they stay inside the page (and wrap if still too long). */
    private static String nameSize(String name) {
        int length = name.codePointCount(0, name.length());
        if (length <= 28) {
            return "34pt";
        }
        if (length <= 45) {
            return "26pt";
        }
        if (length <= 70) {
            return "19pt";
        }
        return "13pt";
    }

    static String escapeXml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        value.codePoints().forEach(cp -> {
            switch (cp) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // XML 1.0 forbids most control characters; drop them rather than break the parse
                    if (cp >= 0x20 || cp == '\t' || cp == '\n' || cp == '\r') {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }

    private static InputStream resource(String path) {
        InputStream in = CertificatePdfRenderer.class.getClassLoader().getResourceAsStream(BASE + path);
        if (in == null) {
            throw new IllegalStateException("Missing bundled resource " + path);
        }
        return in;
    }

    private static String text(String path) {
        try (InputStream in = resource(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
