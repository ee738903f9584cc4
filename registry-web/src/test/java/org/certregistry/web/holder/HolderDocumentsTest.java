package org.certregistry.web.holder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.certregistry.web.support.Documents;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The holder's documents over real HTTP: the PDF and its PNG preview, tagged, cached, and safe. */
class HolderDocumentsTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @BeforeEach
    void allowForAFirstRenderOnABusyMachine() {
        // the first render in a fresh JVM loads the PDF engine and reads the fonts' tables
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Issued(String number, String holderUrl, String credential) {
    }

    private Issued issue(String name) {
        return http.post().uri("/api/v1/admin/certificates")
            .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CXSP", "holder", Map.of("name", name,
                    "email", "holder." + TestCertificates.uniqueSurname().toLowerCase() + "@example.org")))
            .exchange()
            .expectStatus().isCreated()
            .expectBody(Issued.class).returnResult().getResponseBody();
    }

    private EntityExchangeResult<byte[]> download(String url) {
        return http.get().uri(url).exchange()
            .expectStatus().isOk()
            .expectHeader().valueMatches(HttpHeaders.ETAG, "\"[A-Za-z0-9_-]{43}\"")
            .expectHeader().valueMatches(HttpHeaders.CACHE_CONTROL, ".*private.*")
            .expectHeader().valueEquals("X-Robots-Tag", "noindex")
            .expectBody(byte[].class).returnResult();
    }

    @Test
    void thePdfCarriesTheCredentialWhichVerifiesAgainstThePublishedKeysAndItsQrCodeOpensTheVerificationPage() throws Exception {
        Issued issued = issue("Ελένη Παπαδοπούλου");

        EntityExchangeResult<byte[]> result = download(issued.holderUrl() + "/certificate.pdf");

        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        byte[] pdf = result.getResponseBody();
        assertThat(Documents.pageCount(pdf)).isEqualTo(1);
        assertThat(Documents.pdfText(pdf)).contains("Ελένη Παπαδοπούλου", "CX Standard Practitioner", issued.number());
        assertThat(Documents.decodeQr(Documents.firstPage(pdf, 300))).isEqualTo(BASE_URL + "/v/" + issued.number());
        String attached;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDComplexFileSpecification spec = document.getDocumentCatalog().getNames().getEmbeddedFiles().getKids().get(0)
                .getNames().get("credential.jwt");
            assertThat(spec.getEmbeddedFile().getSubtype()).isEqualTo("application/jwt");
            attached = new String(spec.getEmbeddedFile().toByteArray(), StandardCharsets.US_ASCII);
        }
        assertThat(attached).isEqualTo(issued.credential());
        JWKSet keys = JWKSet.parse(http.get().uri("/.well-known/jwks.json").exchange()
            .expectBody(String.class).returnResult().getResponseBody());
        SignedJWT jwt = SignedJWT.parse(attached);
        assertThat(jwt.verify(new ECDSAVerifier((ECKey) keys.getKeyByKeyId(jwt.getHeader().getKeyID())))).isTrue();
    }

    @Test
    void aRepeatedDownloadIsTheSameBytesAndARevalidationWithTheTagIsNotModified() {
        Issued issued = issue("Zoë Kowalczyk-Ørsted");
        String url = issued.holderUrl() + "/certificate.pdf";

        EntityExchangeResult<byte[]> first = download(url);
        EntityExchangeResult<byte[]> again = download(url);

        String etag = first.getResponseHeaders().getETag();
        assertThat(again.getResponseHeaders().getETag()).isEqualTo(etag);
        assertThat(again.getResponseBody()).isEqualTo(first.getResponseBody());
        http.get().uri(url).header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
            .expectStatus().isNotModified()
            .expectHeader().valueEquals(HttpHeaders.ETAG, etag)
            .expectBody().isEmpty();
        http.get().uri(url).header(HttpHeaders.IF_NONE_MATCH, "\"another-version\"").exchange()
            .expectStatus().isOk();
    }

    @Test
    void theLangParameterWordsThePdfInThatLanguageAndAnyOtherValueInEnglish() throws IOException {
        Issued issued = issue("Zoë Kowalczyk-Ørsted");
        String url = issued.holderUrl() + "/certificate.pdf";

        EntityExchangeResult<byte[]> french = download(url + "?lang=fr");
        EntityExchangeResult<byte[]> english = download(url);

        byte[] pdf = french.getResponseBody();
        assertThat(Documents.pageCount(pdf)).isEqualTo(1);
        assertThat(Documents.pdfText(pdf)).contains("Zoë Kowalczyk-Ørsted", issued.number(), "CERTIFICAT",
                "Le présent certificat atteste que", "de certification de praticien", "CX Standard Practitioner")
            .containsPattern("\\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \\d{4}")
            .doesNotContain("This is to certify that");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("fr");
        }
        assertThat(Documents.pdfText(english.getResponseBody())).contains("This is to certify that");
        String englishTag = english.getResponseHeaders().getETag();
        assertThat(french.getResponseHeaders().getETag()).isNotEqualTo(englishTag);
        http.get().uri(url + "?lang=fr").header(HttpHeaders.IF_NONE_MATCH, french.getResponseHeaders().getETag()).exchange()
            .expectStatus().isNotModified();
        for (String other : new String[] {"en", "pt", "zz-!!", "", "FR-ca"}) {
            String tag = download(url + "?lang=" + other).getResponseHeaders().getETag();
            assertThat(tag).as("lang=" + other).isEqualTo(other.equals("FR-ca") ? french.getResponseHeaders().getETag() : englishTag);
        }
    }

    @Test
    void thePreviewIsAPictureOfTheCertificateWhoseQrCodeScans() throws IOException {
        Issued issued = issue("Иван Петрович Сидоров");
        String url = issued.holderUrl() + "/certificate.png";

        EntityExchangeResult<byte[]> result = download(url);

        assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
        var image = ImageIO.read(new ByteArrayInputStream(result.getResponseBody()));
        assertThat(image.getWidth()).isGreaterThan(image.getHeight()).isGreaterThan(1000);
        assertThat(Documents.decodeQr(image)).isEqualTo(BASE_URL + "/v/" + issued.number());
        http.get().uri(url).header(HttpHeaders.IF_NONE_MATCH, result.getResponseHeaders().getETag()).exchange()
            .expectStatus().isNotModified();
    }

    @Test
    void anUnknownLinkGetsNeitherDocument() {
        for (String document : new String[] {"certificate.pdf", "certificate.png"}) {
            http.get().uri("/h/{token}/{document}", "A".repeat(43), document).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void aNameWithMarkupAndUrlsPrintsAsTextAndMakesTheServerFetchNothing() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer trap = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        trap.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(HttpStatus.OK.value(), -1);
            exchange.close();
        });
        trap.start();
        try {
            String name = "Eve <img src=\"http://127.0.0.1:" + trap.getAddress().getPort() + "/x.png\"/> file:///etc/passwd";
            Issued issued = issue(name);

            byte[] pdf = download(issued.holderUrl() + "/certificate.pdf").getResponseBody();
            download(issued.holderUrl() + "/certificate.png");

            assertThat(Documents.pdfText(pdf).replaceAll("\\s", "")).contains(name.replaceAll("\\s", ""));
            assertThat(requests).hasValue(0);
        }
        finally {
            trap.stop(0);
        }
    }
}
