package org.certregistry.web.admin;

import java.util.List;
import java.util.Map;

import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's issue form takes the holder's language, so a holder issued from the console gets their e-mail in it;
 * an auditor who opens a form that changes something, by its address, is refused with a page, not shown the form.
 */
class ConsoleIssueFormTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Test
    void aHolderIssuedFromTheConsoleInFrenchIsWrittenToInFrench() {
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        ConsoleSession.Page form = ConsoleSession.page(http, session, "/admin/certificates/new?lang=en");
        assertThat(form.html()).contains("name=\"language\"", "<option value=\"fr\" lang=\"fr\">Français</option>");
        String email = "francoise." + TestCertificates.uniqueSurname().toLowerCase() + "@example.org";
        MultiValueMap<String, String> issue = new LinkedMultiValueMap<>();
        issue.add("_csrf", form.token());
        issue.add("formKey", ConsoleWordsTest.field(form.html(), "formKey"));
        issue.add("program", "CCXP");
        issue.add("name", "Françoise Langue");
        issue.add("email", email);
        issue.add("language", "fr");
        EntityExchangeResult<String> issued = http.post().uri("/admin/certificates/new").cookie(ConsoleSession.COOKIE, session)
            .cookie(ConsoleSession.CSRF_COOKIE, form.csrfCookie()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData(issue)).exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        String number = issued.getResponseBody().replaceAll("(?s).*<span class=\"number\">([^<]+)</span>.*", "$1");
        assertThat(number).startsWith("CCXP-");

        List<Map<String, Object>> mail = http.get().uri("/api/v1/admin/mail?recipient={r}", email)
            .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).exchange().expectStatus().isOk()
            .expectBodyList(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
            }).returnResult().getResponseBody();
        assertThat(mail).extracting(m -> m.get("subject")).containsExactly("Certificat CCXP " + number + " délivré");
    }

    @Test
    void anAuditorOpeningAFormThatChangesSomethingGetsA403PageNotTheForm() {
        String session = ConsoleSession.signIn(http, AUDITOR, AUDITOR_PASSWORD);
        for (String form : List.of("/admin/certificates/new", "/admin/cohorts", "/admin/tokens")) {
            EntityExchangeResult<String> refused = http.get().uri(form + "?lang=de").cookie(ConsoleSession.COOKIE, session)
                .accept(MediaType.TEXT_HTML).exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML).expectBody(String.class).returnResult();
            assertThat(refused.getResponseBody()).as(form).contains("<html lang=\"de\"", "Kein Zugriff")
                .doesNotContain("<form class=\"stacked\"", "name=\"formKey\"", "name=\"file\"");
        }
        // the pages the auditor may read stay open, without the links to these forms
        String list = ConsoleSession.page(http, session, "/admin/certificates").html();
        assertThat(list).doesNotContain("href=\"/admin/certificates/new\"", "href=\"/admin/cohorts\"");
    }
}
