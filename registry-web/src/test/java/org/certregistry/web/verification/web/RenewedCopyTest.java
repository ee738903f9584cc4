package org.certregistry.web.verification.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An older copy of a certificate renewed since, checked on {@code /verify}, points calmly to the current certificate
 * ("renewed; certified until ...") instead of an alarming banner; the API's verdict stays SUPERSEDED.
 */
class RenewedCopyTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Test
    void anOlderCopyOfARenewedCertificateSaysItWasRenewedAndUntilWhenItIsCertified() {
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusYears(1);
        TestCertificates.Issued issued = TestCertificates.issuing(http).awardedOn(awarded).issue();
        AdminApi admin = new AdminApi(http);
        admin.recordCeus(issued.number(), "speaking", "ceu", 10, awarded.plusMonths(3)).expectStatus().isCreated();
        admin.recordCeus(issued.number(), "program-attendance", "ceu", 10, awarded.plusMonths(4)).expectStatus().isCreated();
        admin.act(issued.number(), "renew", null, null).expectStatus().isOk();
        LocalDate newEnd = awarded.plusYears(4);

        String english = verify(issued.credential(), "en");
        assertThat(english).contains("id=\"renewed\"", ">RENEWED<",
                "the certificate was renewed and is certified until " + DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(newEnd),
                "href=\"" + issued.verificationUrl() + "\"").doesNotContain("verdict verdict-superseded");
        String french = verify(issued.credential(), "fr");
        assertThat(french).contains(">RENOUVELÉ<", "certifié jusqu’au " + DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH)
            .format(newEnd)).doesNotContain("??");

        http.post().uri("/api/v1/verifications").contentType(MediaType.parseMediaType("application/jwt")).bodyValue(issued.credential())
            .exchange().expectStatus().isOk().expectBody().jsonPath("$.verdict").isEqualTo("SUPERSEDED");

        // once the current certificate is revoked, the older copy is no longer shown calmly
        TestCertificates.revoke(http, issued.number());
        assertThat(verify(issued.credential(), "en")).doesNotContain("id=\"renewed\"");
    }

    private String verify(String credential, String language) {
        EntityExchangeResult<String> empty = http.get().uri("/verify?lang=" + language).accept(MediaType.TEXT_HTML).exchange()
            .expectBody(String.class).returnResult();
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("_csrf", ConsoleSession.csrfToken(empty.getResponseBody()));
        form.part("credential", credential);
        return http.post().uri("/verify?lang=" + language).accept(MediaType.TEXT_HTML)
            .cookie(ConsoleSession.CSRF_COOKIE, empty.getResponseCookies().getFirst(ConsoleSession.CSRF_COOKIE).getValue())
            .body(BodyInserters.fromMultipartData(form.build())).exchange().expectStatus().isOk().expectBody(String.class)
            .returnResult().getResponseBody();
    }
}
