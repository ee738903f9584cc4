package org.certregistry.issuer.pdf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever a holder's name contains, the certificate is one correct, conforming page that loads
 * nothing: a local HTTP server stands ready to be called and must see no request.
 */
class HostileNamesTest {

    private static final AtomicInteger requests = new AtomicInteger();
    private static HttpServer server;
    private static String url;

    private final CertificatePdfRenderer renderer = new CertificatePdfRenderer();

    @BeforeAll
    static void startATrap() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "p { color: red }".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopTheTrap() {
        server.stop(0);
    }

    static Stream<Arguments> hostileNames() {
        return Stream.of(
                Arguments.of("an image from the network", "Eve <img src=\"" + url + "/x.png\"/> Mallory",
                        "Eve <img src=\"" + url + "/x.png\"/> Mallory"),
                Arguments.of("a file URL", "<img src=\"file:///etc/passwd\"/> file:///etc/passwd",
                        "<img src=\"file:///etc/passwd\"/> file:///etc/passwd"),
                Arguments.of("a stylesheet link and CSS url()",
                        "</td></tr></table><link rel=\"stylesheet\" href=\"" + url + "/s.css\"/><div style=\"background: url(" + url + "/b.png)\">x</div>",
                        "<link rel=\"stylesheet\" href=\"" + url + "/s.css\"/>"),
                Arguments.of("an http URL as text", url + "/plain", url + "/plain"),
                Arguments.of("XML entities and CDATA", "&amp; &Uuml; <![CDATA[x]]> <!-- c --> &#x26;", "&amp; &Uuml; <![CDATA[x]]>"),
                Arguments.of("right-to-left marks and overrides", "\u200FJohn\u202E Smith\u202C\u200E", "John Smith"),
                Arguments.of("emoji with joiners and modifiers", "Ana 😀 👍🏽 👩‍💻 ❤️", "Ana 😀 👍 👩💻 ❤"),
                Arguments.of("Chinese", "王小明", "王小明"),
                Arguments.of("control characters", "Bad\u0000\u0007\u001B[31mName", "Bad[31mName"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileNames")
    void aHostileNamePrintsAsLiteralTextOnOneConformingPageAndLoadsNothing(String what, String name, String printed) {
        byte[] pdf = renderer.render(TestCertificates.ccxp(name));

        assertThat(pageCount(pdf)).isEqualTo(1);
        // a long name wraps, so compare without the line breaks
        assertThat(PdfReading.text(pdf).replaceAll("\\s", "")).contains(printed.replaceAll("\\s", ""), TestCertificates.NUMBER);
        assertThat(PdfA.violationsOf3b(pdf)).isEmpty();
        assertThat(requests.get()).as("requests to the local server").isZero();
    }

    @Test
    void aTenThousandCharacterNameIsShortenedToFitOnOnePage() {
        String name = "Bartholomew " + "Abcdefghij".repeat(999);
        byte[] pdf = renderer.render(TestCertificates.ccxp(name));

        assertThat(pageCount(pdf)).isEqualTo(1);
        String text = PdfReading.text(pdf).replaceAll("\\s", "");
        assertThat(text).contains("BartholomewAbcdefghijAbcdefghij", "\u2026", TestCertificates.NUMBER,
                TestCertificates.VERIFICATION_URL);
        assertThat(PdfReading.qrCode(PdfReading.page(pdf, 150))).isEqualTo(TestCertificates.VERIFICATION_URL);
        assertThat(PdfA.violationsOf3b(pdf)).isEmpty();
    }

    @Test
    void aCharacterNoBundledFontHasPrintsAsAReplacementMarkNotAnEmptyBox() {
        // Hangul syllables are in none of the bundled fonts
        byte[] pdf = renderer.render(TestCertificates.ccxp("Kim 김민준"));

        assertThat(PdfReading.text(pdf)).contains("Kim \uFFFD\uFFFD\uFFFD");
        assertThat(PdfA.violationsOf3b(pdf)).as("PDF/A forbids the .notdef glyph").isEmpty();
    }

    @Test
    void latinGreekAndCyrillicWithEveryDiacriticPrintAsWritten() {
        String name = "ÀÁÂÃÄÅĀĂĄǍ àáâãäåāăąǎ Çćĉċč Ďđ ÈÉÊËĒĔĖĘĚ Ğ Ħ ÌÍÎÏĨĪĬĮİı Ĳ Ĵ Ķ ĹĻĽĿŁ ÑŃŅŇŉ ÒÓÔÕÖØŌŎŐ Œ ŔŖŘ ŚŜŞŠș ŢŤŦț "
                + "ÙÚÛÜŨŪŬŮŰŲ Ŵ ÝŸŶ ŹŻŽ ß Þ ð ǅ ẞ Ελληνικά ΆΈΉΊΌΎΏ ΐΰ Кириллица Ёё Ђђ Љљ Њњ Ћћ Џџ Ґґ Єє Її Ўў";
        byte[] pdf = renderer.render(TestCertificates.ccxp(name));

        assertThat(PdfReading.text(pdf).replaceAll("\\s+", " ")).contains(name.replaceAll("\\s+", " ").substring(0, 60),
                "Ελληνικά ΆΈΉΊΌΎΏ", "Кириллица Ёё Ђђ");
        assertThat(PdfA.violationsOf3b(pdf)).isEmpty();
    }

    private static int pageCount(byte[] pdf) {
        try (PDDocument document = PdfReading.load(pdf)) {
            return document.getNumberOfPages();
        }
        catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }
}
