package org.certregistry.issuer.pdf;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.SignedJWT;
import com.openhtmltopdf.extend.FSStream;
import com.openhtmltopdf.extend.FSStreamFactory;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.TextDirection;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Renders a certificate to a one-page A4 landscape PDF/A-3b from the program's XHTML template
 * with openhtmltopdf.
 *
 * <p>Language: the template's fixed wording, the dates and the metadata are in the document's
 * language ({@link CertificateTexts}, {@link CertificateLanguages}), which the PDF also declares
 * ({@code /Lang}, XMP {@code dc:language}). Right-to-left names (Arabic, Hebrew) are laid out by
 * the Unicode bidi algorithm and Arabic is shaped ({@link IcuBidi}); the name's direction is that
 * of its first letter ({@code dir="auto"}).
 *
 * <p>Safety: every value is made printable (control and format characters dropped, characters no
 * bundled font has replaced by U+FFFD) and XML-escaped into the template, so a name containing
 * markup prints as the literal text. The only resources the engine can open are the bundled
 * stylesheets under {@code pdf/templates/} (through the {@code bundled:} scheme) and inline
 * {@code data:} images; every other URI resolves to nothing, and the {@code http}, {@code https},
 * {@code file}, {@code jar} and {@code ftp} schemes are answered with nothing as well.
 *
 * <p>Proof and stability: the signed credential is attached ({@code credential.jwt}), XMP names
 * the certificate, and dates and document id come from the credential, so one credential version
 * always renders to the same bytes. The renderer is thread-safe, synchronous and CPU-bound;
 * callers bound its concurrency.
 *
 * <p>Over 250 lines on purpose: the escaping, the resource resolver that opens nothing but bundled files,
 * and the attachment and metadata writing are the one safety boundary between a holder's name and a
 * document engine; split up, each part would have to trust the others' output.
 */
public final class CertificatePdfRenderer {

    private static final String SCHEME = "bundled:";
    /** {@code {{field}}} for a value of the certificate, {@code {{text.key}}} for a text of the wording. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+(?:\\.[a-zA-Z]+)*)}}");
    private static final String TEXT = "text.";
    private static final Pattern STYLESHEET = Pattern.compile("[a-z0-9-]{1,40}\\.css");
    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    private static final FSStreamFactory NOTHING = url -> null;
    /** Where the rosette sits, in points from the page's top left: centred across, behind the name. */
    private static final float ROSETTE_X = 421f;
    private static final float ROSETTE_Y = 262f;

    private final Map<String, String> templates = new ConcurrentHashMap<>();
    private final BundledFonts fonts = BundledFonts.get();

    /** Renders the certificate as PDF bytes: one page, PDF/A-3b, the credential attached. */
    public byte[] render(CertificateDocument document) {
        Filled filled = fill(document);
        ByteArrayOutputStream out = new ByteArrayOutputStream(96 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useUnicodeBidiSplitter(IcuBidi.SPLITTERS);
        builder.useUnicodeBidiReorderer(new IcuBidi.Reorderer());
        builder.defaultTextDirection(TextDirection.LTR);
        builder.usePdfAConformance(PdfAConformance.PDFA_3_B);
        builder.usePdfUaAccessibility(true);
        builder.useColorProfile(SRGB);
        builder.withHtmlContent(filled.html(), SCHEME + "templates/");
        builder.useUriResolver(CertificatePdfRenderer::resolve);
        builder.useProtocolsStreamImplementation(CertificatePdfRenderer::bundled, "bundled");
        builder.useProtocolsStreamImplementation(NOTHING, "http", "https", "file", "jar", "ftp");
        PDDocument target = new PDDocument();
        builder.usePDDocument(target);
        for (BundledFonts.Face face : BundledFonts.FACES) {
            if (!face.family().startsWith("Fallback") || filled.fallbacks().contains(face.family())) {
                builder.useFont(new PDFontSupplier(font(target, face)), face.family(), face.weight(),
                        face.italic() ? FontStyle.ITALIC : FontStyle.NORMAL, true);
            }
        }
        builder.withProducer(EmbeddedProof.PRODUCER);
        try (target; PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
            renderer.layout();
            renderer.createPDFWithoutClosing();
            PDDocument pdf = renderer.getPdfDocument();
            if (pdf.getNumberOfPages() != 1) {
                throw new IllegalStateException("Template " + document.template() + " laid the certificate out on "
                        + pdf.getNumberOfPages() + " pages instead of one");
            }
            if (filled.guilloche() != null) {
                Guilloche.drawBehind(pdf, pdf.getPage(0), filled.guilloche(), ROSETTE_X, ROSETTE_Y);
            }
            EmbeddedProof.apply(pdf, filled.facts());
            // without object streams: PDFBox 3.0 then writes a trailer /Size one past the highest object, as qpdf checks
            pdf.save(out, CompressParameters.NO_COMPRESSION);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("PDF rendering failed", ex);
        }
        return out.toByteArray();
    }

    /** A bundled font for one document, subset on save, from this thread's parsed copy. */
    private static PDFont font(PDDocument document, BundledFonts.Face face) {
        try {
            return PDType0Font.load(document, BundledFonts.parsed(face.file()), true);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot load bundled font " + face.file(), ex);
        }
    }

    private record Filled(String html, Set<String> fallbacks, java.awt.Color guilloche, EmbeddedProof.Facts facts) {
    }

    private Filled fill(CertificateDocument document) {
        CertificateTexts texts = CertificateTexts.of(document.locale());
        DateTimeFormatter dates = texts.dates();
        NameFit name = NameFit.of(printable(document.holderName()), fonts);
        String programName = printable(document.programName());
        String number = printable(document.certificateNumber());
        String awardingBody = printable(document.awardingBody());
        String programCode = printable(document.programCode());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("lang", document.locale().toLanguageTag());
        values.put("holderName", name.text());
        values.put("nameSize", name.size());
        values.put("programName", programName);
        values.put("programCode", programCode);
        values.put("awardingBody", awardingBody);
        values.put("number", number);
        values.put("awardedOn", dates.format(document.awardedOn()));
        values.put("validFrom", dates.format(document.validFrom()));
        values.put("validUntil", dates.format(document.validUntil()));
        values.put("verificationUrl", printable(document.verificationUrl()));
        String qrCode = "data:image/png;base64," + Base64.getEncoder().encodeToString(QrCode.compactPng(document.verificationUrl(), 4));
        String template = templates.computeIfAbsent(document.template(), t -> text("templates/" + t + ".xhtml"));
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder html = new StringBuilder(template.length() + 1024);
        StringBuilder printed = new StringBuilder(512);
        while (matcher.find()) {
            String field = matcher.group(1);
            String value = field.equals("qrCode") ? qrCode
                    : field.startsWith(TEXT) ? texts.text(field.substring(TEXT.length()), values) : values.get(field);
            if (value == null) {
                throw new IllegalStateException("Template " + document.template() + " names unknown field " + field);
            }
            if (!field.equals("qrCode")) {
                printed.append(value).append(' ');
            }
            // a text's line break: a <br/> in the page, a space inside an attribute
            String escaped = escapeXml(value).replace("\n", insideTag(template, matcher.start()) ? " " : "<br/>");
            matcher.appendReplacement(html, Matcher.quoteReplacement(escaped));
        }
        matcher.appendTail(html);
        // the fallback families are named, and loaded, only when the text needs them
        Set<String> fallbacks = fonts.fallbacksFor(printed.toString());
        if (!fallbacks.isEmpty()) {
            int head = html.indexOf("</head>");
            html.insert(head < 0 ? 0 : head, fallbackStyle(fallbacks));
        }
        EmbeddedProof.Facts facts = new EmbeddedProof.Facts(texts.text("metadata.title", values),
                texts.text("metadata.subject", values), name.text(), number, awardingBody, programName,
                values.get("lang"), texts.text("metadata.attachment", values), document.credentialJwt(), issued(document));
        return new Filled(html.toString(), fallbacks, Guilloche.requestedBy(template), facts);
    }

    /** Whether {@code index} of the template lies inside a tag (an attribute value), not in an element's text. */
    private static boolean insideTag(String template, int index) {
        return template.lastIndexOf('<', index) > template.lastIndexOf('>', index);
    }

    /** The fallback families after the document's own, for text the DejaVu faces lack. */
    private static String fallbackStyle(Set<String> families) {
        StringBuilder list = new StringBuilder();
        families.forEach(family -> list.append(", '").append(family).append('\''));
        return "<style>body { font-family: 'Certificate Serif'" + list + "; } .sans { font-family: 'Certificate Sans'"
                + list + "; }</style>\n";
    }

    /**
     * The date the document states as created and modified: when the credential took effect
     * ({@code nbf}), else the start of the validity window; never the time of rendering.
     */
    private static Calendar issued(CertificateDocument document) {
        Instant instant = document.validFrom().atStartOfDay(ZoneOffset.UTC).toInstant();
        try {
            java.util.Date notBefore = SignedJWT.parse(document.credentialJwt()).getJWTClaimsSet().getNotBeforeTime();
            if (notBefore != null) {
                instant = notBefore.toInstant();
            }
        }
        catch (ParseException | RuntimeException ex) {
            // not a JWT we can read: the window's start is just as stable
        }
        Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        calendar.setTimeInMillis(instant.toEpochMilli() / 1000 * 1000);
        return calendar;
    }

    /**
     * The text as it can be printed: NFC; line breaks and exotic spaces become spaces; control,
     * format (bidi marks, joiners) and variation-selector characters are dropped; characters no
     * bundled font can draw become U+FFFD rather than an empty box.
     */
    String printable(String value) {
        String normalized = Normalizer.normalize(value, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(normalized.length());
        normalized.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            }
            else if (type == Character.CONTROL || type == Character.FORMAT || isInvisibleModifier(cp)) {
                // invisible: drops cleanly
            }
            else if (type != Character.SURROGATE && type != Character.PRIVATE_USE && type != Character.UNASSIGNED
                    && fonts.drawable(cp)) {
                out.appendCodePoint(cp);
            }
            else {
                out.append('\uFFFD');
            }
        });
        return out.toString().strip();
    }

    /** Variation selectors and emoji skin-tone modifiers: they adjust the glyph before them, and print nothing alone. */
    private static boolean isInvisibleModifier(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) || (cp >= 0x1F3FB && cp <= 0x1F3FF);
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

    /** Only bundled stylesheets and inline images resolve; anything else is nothing. */
    private static String resolve(String base, String uri) {
        if (uri == null) {
            return null;
        }
        if (uri.startsWith("data:image/png;base64,")) {
            return uri;
        }
        if (STYLESHEET.matcher(uri).matches()) {
            return SCHEME + "templates/" + uri;
        }
        String bundledTemplates = SCHEME + "templates/";
        if (uri.startsWith(bundledTemplates) && STYLESHEET.matcher(uri.substring(bundledTemplates.length())).matches()) {
            return uri;
        }
        return null;
    }

    private static FSStream bundled(String url) {
        String path = url.substring(SCHEME.length());
        return new FSStream() {
            @Override
            public InputStream getStream() {
                return BundledFonts.open(path);
            }

            @Override
            public Reader getReader() {
                return new InputStreamReader(getStream(), StandardCharsets.UTF_8);
            }
        };
    }

    private static String text(String path) {
        try (InputStream in = BundledFonts.open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The holder's name and the type size it is set in: as large as fits on one line (up to
     * 36 pt); below 22 pt it wraps instead, down to 9 pt; a name too long even for that (far past
     * what the API accepts) is shortened with an ellipsis, so it never leaves its box or the page.
     */
    record NameFit(String text, String size) {

        /** The name's box, in points, as laid out by the templates (less a margin for word breaks). */
        static final double WIDTH = 600;
        static final double HEIGHT = 100;
        static final double LINE = 1.18;

        static NameFit of(String name, BundledFonts fonts) {
            double em = Math.max(fonts.nameWidthEm(name), 0.01);
            double oneLine = WIDTH * 0.96 / em;
            if (oneLine >= 22) {
                return new NameFit(name, points(Math.min(36, oneLine)));
            }
            for (double size = 21; size >= 9; size -= 1) {
                if (lines(em, size) * size * LINE <= HEIGHT) {
                    return new NameFit(name, points(size));
                }
            }
            int maxLines = (int) Math.floor(HEIGHT / (9 * LINE));
            double capacity = maxLines * WIDTH * 0.85 / 9 - 1;
            StringBuilder shortened = new StringBuilder();
            double used = 0;
            for (int i = 0; i < name.length(); ) {
                int cp = name.codePointAt(i);
                double w = fonts.nameWidthEm(new String(Character.toChars(cp)));
                if (used + w > capacity) {
                    break;
                }
                used += w;
                shortened.appendCodePoint(cp);
                i += Character.charCount(cp);
            }
            return new NameFit(shortened.toString().strip() + "\u2026", points(9));
        }

        private static double lines(double em, double size) {
            return Math.ceil(em * size / (WIDTH * 0.85));
        }

        private static String points(double size) {
            return String.format(Locale.ROOT, "%.1fpt", Math.floor(size * 2) / 2);
        }
    }
}
