package org.certregistry.issuer.pdf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameFitTest {

    private final BundledFonts fonts = BundledFonts.get();

    @Test
    void aShortNameIsSetLargeOnOneLine() {
        assertThat(CertificatePdfRenderer.NameFit.of("Zoë Kowalczyk-Ørsted", fonts).size()).isEqualTo("36.0pt");
    }

    @Test
    void aLongerNameShrinksBeforeItWraps() {
        CertificatePdfRenderer.NameFit fit = CertificatePdfRenderer.NameFit.of("Maria Auxiliadora Fernández de Córdoba", fonts);

        assertThat(points(fit)).isBetween(22.0, 35.5);
        assertThat(fit.text()).isEqualTo("Maria Auxiliadora Fernández de Córdoba");
    }

    @Test
    void aVeryLongNameWrapsAtAReadableSizeWithoutLosingAWord() {
        String name = "Maria Auxiliadora Fernández de Córdoba y Ñúñez-Łukasiewicz Παπαδοπούλου Александровна "
                .repeat(3).strip();
        CertificatePdfRenderer.NameFit fit = CertificatePdfRenderer.NameFit.of(name, fonts);

        assertThat(points(fit)).isBetween(9.0, 21.0);
        assertThat(fit.text()).isEqualTo(name);
    }

    @Test
    void aNameBeyondAnyReadableSizeIsShortenedWithAnEllipsis() {
        CertificatePdfRenderer.NameFit fit = CertificatePdfRenderer.NameFit.of("W".repeat(10_000), fonts);

        assertThat(points(fit)).isEqualTo(9.0);
        assertThat(fit.text()).endsWith("\u2026").hasSizeLessThan(1_000);
    }

    private static double points(CertificatePdfRenderer.NameFit fit) {
        return Double.parseDouble(fit.size().replace("pt", ""));
    }
}
