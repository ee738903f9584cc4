package org.certregistry.issuer.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arabic and Hebrew names print as a reader of those scripts expects: right to left, Arabic
 * letters joined, and a text extractor (PDFBox, poppler's pdftotext) reads the name back in its
 * logical order. Without the bidi and shaping hooks (IcuBidi) the page shows the letters in
 * typing order, left to right, each in its isolated form.
 */
class RightToLeftNamesTest {

    private static final String ARABIC = "محمد عبد الله";
    private static final String HEBREW = "שרה לוי";

    private final CertificatePdfRenderer renderer = new CertificatePdfRenderer();

    @Test
    void anArabicNameIsDrawnRightToLeftInItsJoinedForms() {
        byte[] pdf = renderer.render(TestCertificates.ccxp(ARABIC));

        // the glyphs as they stand on the page, left to right, by the characters they were chosen for:
        // الله (alef isolated, lam initial, lam medial, heh final), عبد (ain initial, beh medial, dal final),
        // محمد (meem initial, hah medial, meem medial, dal final), each word reversed and the last word leftmost
        assertThat(drawnLeftToRight(pdf, RightToLeftNamesTest::isRightToLeft)).isEqualTo(
                "\uFEEA\uFEE0\uFEDF\uFE8D" + "\uFEAA\uFE92\uFECB" + "\uFEAA\uFEE4\uFEA4\uFEE3");
        assertThat(PdfReading.text(pdf)).contains(ARABIC);
        assertThat(PdfA.violationsOf3b(pdf)).isEmpty();
        assertThat(PdfA.violationsOfUa1(pdf)).isEmpty();
    }

    @Test
    void aHebrewNameIsDrawnRightToLeft() {
        byte[] pdf = renderer.render(TestCertificates.ccxp(HEBREW));

        assertThat(drawnLeftToRight(pdf, RightToLeftNamesTest::isRightToLeft)).isEqualTo("יול" + "הרש");
        assertThat(PdfReading.text(pdf)).contains(HEBREW);
        assertThat(PdfA.violationsOf3b(pdf)).isEmpty();
    }

    @Test
    void aNameThatBeginsInArabicIsSetRightToLeftAsAWhole() {
        // dir="auto" on the name: its first letter makes it right to left, so a Latin suffix ends it on the left
        byte[] pdf = renderer.render(TestCertificates.ccxp(ARABIC + " Jr"));

        List<TextPosition> arabic = drawn(pdf, RightToLeftNamesTest::isRightToLeft);
        List<TextPosition> suffix = drawn(pdf, codePoint -> codePoint == 'J');
        assertThat(suffix).hasSize(1);
        assertThat(suffix.get(0).getXDirAdj()).isLessThan(arabic.get(0).getXDirAdj());
        assertThat(PdfReading.text(pdf)).contains(ARABIC);
    }

    @Test
    void anRtlNameInAFrenchCertificateStaysRightToLeftBesideTheFrenchWording() {
        byte[] pdf = renderer.render(TestCertificates.ccxp(ARABIC).in(Locale.FRENCH));

        assertThat(PdfReading.text(pdf)).contains(ARABIC, "Le présent certificat atteste que", "1 mars 2026");
    }

    @Test
    void popplersPdftotextReadsTheNamesInTheirLogicalOrder(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("pdftotext"), "pdftotext is not installed (Debian package poppler-utils)");
        for (String name : List.of(ARABIC, HEBREW)) {
            Path pdf = dir.resolve("certificate.pdf");
            Files.write(pdf, renderer.render(TestCertificates.ccxp(name)));
            Process pdftotext = new ProcessBuilder("pdftotext", "-enc", "UTF-8", pdf.toString(), "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String text = new String(pdftotext.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(pdftotext.waitFor()).isZero();

            // poppler gives the characters drawn (presentation forms, the letters' joined shapes) in logical order,
            // wrapped in bidi embedding marks; compatibility normalisation maps the shapes back to the letters
            String read = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\u202A-\u202E]", "");
            assertThat(read).as(text).contains(name);
        }
    }

    /** The characters whose glyphs {@code pdf} draws, for those {@code wanted}, ordered by where they stand from the left. */
    private static String drawnLeftToRight(byte[] pdf, IntPredicate wanted) {
        return drawn(pdf, wanted).stream().map(TextPosition::getUnicode).collect(Collectors.joining());
    }

    /** The glyphs {@code pdf} draws for the {@code wanted} characters, from the left of the page. */
    private static List<TextPosition> drawn(byte[] pdf, IntPredicate wanted) {
        List<TextPosition> drawn = new ArrayList<>();
        try (PDDocument document = PdfReading.load(pdf)) {
            new PDFTextStripper() {
                @Override
                protected void processTextPosition(TextPosition glyph) {
                    if (glyph.getUnicode().codePoints().allMatch(wanted)) {
                        drawn.add(glyph);
                    }
                }
            }.getText(document);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        drawn.sort(Comparator.comparingDouble(TextPosition::getXDirAdj));
        return drawn;
    }

    /** Hebrew, Arabic and their presentation forms. */
    private static boolean isRightToLeft(int codePoint) {
        return (codePoint >= 0x0590 && codePoint <= 0x06FF) || (codePoint >= 0xFB1D && codePoint <= 0xFDFF)
                || (codePoint >= 0xFE70 && codePoint <= 0xFEFF);
    }

    private static boolean onPath(String command) {
        return java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
            .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
    }
}
