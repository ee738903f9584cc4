package org.certregistry.issuer.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The certificate's wording in each language: complete, used, dated in the language, and never chosen by the JVM's locale. */
class CertificateTextsTest {

    private static final String DIRECTORY = "org/certregistry/issuer/pdf/";

    @Test
    void everyLanguageHasExactlyTheEnglishKeys() {
        Set<String> english = keys("certificate.properties");

        assertThat(english).contains("date.pattern", "title", "metadata.title");
        for (Locale language : CertificateLanguages.SUPPORTED.subList(1, CertificateLanguages.SUPPORTED.size())) {
            assertThat(keys("certificate_" + language.getLanguage() + ".properties")).as(language.toLanguageTag())
                .isEqualTo(english);
        }
    }

    @Test
    void eachLanguageFileIsASupportedLanguageAndEachSupportedLanguageHasAFile() throws Exception {
        Path directory = Path.of(getClass().getClassLoader().getResource(DIRECTORY + "certificate.properties").toURI()).getParent();
        Set<String> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.map(path -> path.getFileName().toString())
                .filter(name -> name.matches("certificate(_.*)?\\.properties"))
                .collect(Collectors.toCollection(TreeSet::new));
        }

        assertThat(files).containsExactlyInAnyOrderElementsOf(CertificateLanguages.SUPPORTED.stream()
            .map(language -> language.equals(CertificateLanguages.DEFAULT) ? "certificate.properties"
                    : "certificate_" + language.getLanguage() + ".properties")
            .toList());
    }

    @Test
    void everyTextATemplateNamesIsInTheWording() throws IOException, URISyntaxException {
        Set<String> english = keys("certificate.properties");
        Path templates = Path.of(getClass().getClassLoader().getResource(DIRECTORY + "templates/certificate.xhtml").toURI()).getParent();
        Pattern text = Pattern.compile("\\{\\{text\\.([a-zA-Z.]+)}}");
        try (Stream<Path> listing = Files.list(templates)) {
            for (Path template : listing.filter(path -> path.toString().endsWith(".xhtml")).toList()) {
                Matcher named = text.matcher(Files.readString(template));
                int count = 0;
                while (named.find()) {
                    assertThat(english).as(template.getFileName() + " names text " + named.group(1)).contains(named.group(1));
                    count++;
                }
                assertThat(count).as(template.getFileName() + " takes its wording from the bundle").isGreaterThan(10);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"en, 1 March 2026", "fr, 1 mars 2026", "es, 1 de marzo de 2026", "de, 1. März 2026"})
    void datesAreWrittenInTheLanguage(String language, String written) {
        assertThat(CertificateTexts.of(Locale.forLanguageTag(language)).dates().format(LocalDate.of(2026, 3, 1)))
            .isEqualTo(written);
    }

    @Test
    void fieldsAreFilledInOnePassSoAValueIsPrintedAsWritten() {
        String text = CertificateTexts.of(Locale.ENGLISH).text("metadata.title",
                Map.of("programName", "CCXP", "number", "CCXP-7KD-M2Q-X9F", "holderName", "{number} $1 \\"));

        assertThat(text).isEqualTo("CCXP certificate CCXP-7KD-M2Q-X9F of {number} $1 \\");
    }

    @Test
    void anEnglishCertificateIsEnglishOnAServerRunningInAnotherLanguage() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMAN);
            assertThat(CertificateTexts.of(Locale.ENGLISH).text("title", Map.of())).isEqualTo("Certificate");
            assertThat(CertificateTexts.of(Locale.ENGLISH).dates().format(LocalDate.of(2026, 3, 12))).isEqualTo("12 March 2026");
        }
        finally {
            Locale.setDefault(before);
        }
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"fr, fr", "FR, fr", "fr-CA, fr", "es-419, es", "de-DE-u-co-phonebk, de", "en-GB, en",
            "pt, en", "ar, en", "'', en", "null, en", "'!!', en", "'fr;q=0.9', en", "' de ', de"})
    void aRequestedLanguageIsASupportedOneOrEnglish(String tag, String language) {
        assertThat(CertificateLanguages.fromTag(tag)).isEqualTo(Locale.forLanguageTag(language));
    }

    @Test
    void aDocumentIsInALanguageWithoutItsRegionAndNeverInOneWithoutAWording() {
        CertificateDocument english = TestCertificates.ccxp("Zoë Kowalczyk-Ørsted");

        assertThat(english.locale()).isEqualTo(Locale.ENGLISH);
        assertThat(english.in(Locale.CANADA_FRENCH).locale()).isEqualTo(Locale.FRENCH);
        assertThatThrownBy(() -> english.in(Locale.JAPANESE)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("ja");
    }

    /** The keys of one properties file, read as UTF-8 and without the English base behind it. */
    private static Set<String> keys(String file) {
        try (InputStream in = CertificateTextsTest.class.getClassLoader().getResourceAsStream(DIRECTORY + file)) {
            assertThat(in).as(file).isNotNull();
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new TreeSet<>(properties.stringPropertyNames());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
