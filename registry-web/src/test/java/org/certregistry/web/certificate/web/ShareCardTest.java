package org.certregistry.web.certificate.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.certregistry.web.support.Documents;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A link to a certificate's public page makes a preview card in chat and on social networks: Open Graph and Twitter
 * meta tags in the page's language, with a badge picture the registry serves; and the holder's "Add to LinkedIn" is
 * filled in with the awarding body's LinkedIn organisation id, the certificate's number, dates and address.
 */
class ShareCardTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Test
    void thePublicPageCarriesAPreviewCardInItsLanguageWithABadgeTheRegistryServes() throws Exception {
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusMonths(2);
        TestCertificates.Issued issued = TestCertificates.issuing(http).name("Chloé Partage").awardedOn(awarded).issue();
        Map<String, String> french = meta(http.get().uri(issued.verificationUrl() + "?lang=fr").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody());
        String until = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH).format(awarded.plusYears(2));
        assertThat(french).containsEntry("og:title", "Chloé Partage : Certified Customer Experience Professional (CCXP)")
            .containsEntry("og:url", issued.verificationUrl()).containsEntry("og:type", "website")
            .containsEntry("og:locale", "fr_FR").containsEntry("twitter:card", "summary")
            .containsEntry("og:image", BASE_URL + "/achievements/ccxp/badge.png")
            .containsEntry("twitter:image", BASE_URL + "/achievements/ccxp/badge.png");
        assertThat(french.get("og:description")).isEqualTo(french.get("twitter:description"))
            .contains("Chloé Partage détient le certificat", issued.number(), "Statut : VALIDE", "valide jusqu’au " + until);
        assertThat(french.get("og:image:alt")).isEqualTo("Badge de la certification Certified Customer Experience Professional (CCXP)");

        Map<String, String> german = meta(http.get().uri(issued.verificationUrl() + "?lang=de").exchange().expectBody(String.class)
            .returnResult().getResponseBody());
        assertThat(german.get("og:description")).contains("Status: GÜLTIG").doesNotContain("holds the");

        byte[] png = http.get().uri(french.get("og:image")).exchange().expectStatus().isOk()
            .expectHeader().contentType(MediaType.IMAGE_PNG).expectBody(byte[].class).returnResult().getResponseBody();
        BufferedImage badge = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(badge.getWidth()).isEqualTo(600);
        assertThat(badge.getHeight()).isEqualTo(600);
        http.get().uri("/achievements/nope/badge.png").exchange().expectStatus().isNotFound();
    }

    @Test
    void addToLinkedInNamesTheAwardingBodyByItsOrganisationIdWithTheCertificatesNumberDatesAndAddress() {
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusMonths(2);
        TestCertificates.Issued issued = TestCertificates.issuing(http).awardedOn(awarded).issue();
        String page = http.get().uri(issued.holderUrl()).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
            .getResponseBody();
        Matcher link = Pattern.compile("<a class=\"button linkedin\" href=\"([^\"]+)\"").matcher(page);
        assertThat(link.find()).isTrue();
        var query = UriComponentsBuilder.fromUriString(HtmlUtils.htmlUnescape(link.group(1))).build(true).getQueryParams();
        assertThat(query.getFirst("organizationId")).isEqualTo("1337");
        assertThat(query.getFirst("certId")).isEqualTo(issued.number());
        assertThat(query.getFirst("issueYear")).isEqualTo(String.valueOf(awarded.getYear()));
        assertThat(query.getFirst("issueMonth")).isEqualTo(String.valueOf(awarded.getMonthValue()));
        assertThat(query.getFirst("expirationYear")).isEqualTo(String.valueOf(awarded.plusYears(2).getYear()));
        assertThat(java.net.URLDecoder.decode(query.getFirst("certUrl"), java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo(issued.verificationUrl());

        // a program whose awarding body has no id configured is named only
        TestCertificates.Issued cxsp = TestCertificates.issuing(http).program("CXSP").issue();
        String other = http.get().uri(cxsp.holderUrl()).exchange().expectBody(String.class).returnResult().getResponseBody();
        assertThat(other).contains("organizationName=CX%20Standard").doesNotContain("organizationId");
    }

    @Test
    void theHoldersPagesLinkThePdfInTheirOwnLanguage() throws InterruptedException {
        TestCertificates.Issued issued = TestCertificates.issuing(http).issue();
        for (String[] language : new String[][] { { "fr", "Le présent certificat atteste que" }, { "de", "Hiermit wird bescheinigt, dass" },
            { "es", "Se certifica que" } }) {
            String page = http.get().uri(issued.holderUrl() + "?lang=" + language[0]).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
            Matcher pdf = Pattern.compile("id=\"pdf\" href=\"([^\"]+)\"").matcher(page);
            assertThat(pdf.find()).as("the PDF link in %s", language[0]).isTrue();
            String href = HtmlUtils.htmlUnescape(pdf.group(1));
            assertThat(href).endsWith("lang=" + language[0]);
            byte[] bytes = pdf(href);
            assertThat(Documents.pdfText(bytes)).as("the PDF linked from the %s page", language[0]).contains(language[1]);
        }
    }

    /** The PDF at {@code href}; a render that did not finish in time (503, Retry-After) is asked for again, as a browser would. */
    private byte[] pdf(String href) throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            var answer = http.get().uri(href).exchange().expectBody(byte[].class).returnResult();
            if (answer.getStatus().value() != 503 || attempt == 4) {
                assertThat(answer.getStatus().value()).isEqualTo(200);
                assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
                return answer.getResponseBody();
            }
            Thread.sleep(2000);
        }
    }

    /** The page's meta tags, by property or name. */
    static Map<String, String> meta(String page) {
        Map<String, String> tags = new HashMap<>();
        Matcher m = Pattern.compile("<meta (?:property|name)=\"([^\"]+)\" content=\"([^\"]*)\"").matcher(page);
        while (m.find()) {
            tags.put(m.group(1), HtmlUtils.htmlUnescape(m.group(2)));
        }
        return tags;
    }
}
