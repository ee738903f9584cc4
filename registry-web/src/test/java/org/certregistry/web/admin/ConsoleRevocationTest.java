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

/** Revoking from the console cannot be undone, so it takes a second step that says so; the first changes nothing. */
class ConsoleRevocationTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Test
    void revokeForGoodFirstShowsWhatWillHappenAndRevokesOnlyOnceConfirmed() {
        String number = TestCertificates.issue(http, "CCXP", "Rory Revoked " + TestCertificates.uniqueSurname()).number();
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        ConsoleSession.Page page = ConsoleSession.page(http, session, "/admin/certificates/{n}", number);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("_csrf", page.token());
        form.add("version", "0");
        form.add("reason", "Exam taken by someone else");
        form.add("publicReason", "misconduct");

        EntityExchangeResult<String> step = revoke(session, page, number, form);
        assertThat(step.getStatus().value()).isEqualTo(200);
        assertThat(step.getResponseBody())
            .contains("Revoke certificate " + number + ": this cannot be undone. The holder is e-mailed; "
                    + "the public page will say revoked.")
            .contains("Exam taken by someone else", "misconduct", "name=\"confirm\" value=\"yes\"")
            .contains("href=\"/admin/certificates/" + number + "\"");
        assertThat(state(number)).isEqualTo("ACTIVE");
        assertThat(history(number)).hasSize(1);

        form.add("confirm", "yes");
        EntityExchangeResult<String> done = revoke(session, page, number, form);
        assertThat(done.getStatus().value()).isEqualTo(303);
        assertThat(done.getResponseHeaders().getLocation()).hasToString("/admin/certificates/" + number + "?done=revoked");
        assertThat(state(number)).isEqualTo("REVOKED");
        assertThat(http.get().uri("/api/v1/certificates/{n}", number).exchange().expectBody(Map.class).returnResult()
            .getResponseBody()).containsEntry("status", "REVOKED");
    }

    @Test
    void theConfirmationStepIsInTheAdminsLanguage() {
        String number = TestCertificates.issue(http, "CXSP", "Rosa Révoquée " + TestCertificates.uniqueSurname()).number();
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        ConsoleSession.Page page = ConsoleSession.page(http, session, "/admin/certificates/{n}", number);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("_csrf", page.token());
        form.add("reason", "Fraude");
        String html = http.post().uri("/admin/certificates/{n}/revoke", number).header("Accept-Language", "fr")
            .cookie(ConsoleSession.COOKIE, session).cookie(ConsoleSession.CSRF_COOKIE, page.csrfCookie())
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form)).exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(html).contains("Révoquer le certificat " + number + " : c’est irréversible.");
        assertThat(state(number)).isEqualTo("ACTIVE");
    }

    @Test
    void aRevocationWithoutAReasonIsRefusedAtOnceWithoutTheSecondStep() {
        String number = TestCertificates.issue(http, "CCXP", "Nora Noreason " + TestCertificates.uniqueSurname()).number();
        String session = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);
        ConsoleSession.Page page = ConsoleSession.page(http, session, "/admin/certificates/{n}", number);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("_csrf", page.token());
        form.add("reason", " ");
        EntityExchangeResult<String> refused = revoke(session, page, number, form);
        assertThat(refused.getStatus().value()).isEqualTo(400);
        assertThat(refused.getResponseBody()).contains("say why the certificate is revoked").doesNotContain("confirm");
        assertThat(state(number)).isEqualTo("ACTIVE");
    }

    private EntityExchangeResult<String> revoke(String session, ConsoleSession.Page page, String number,
            MultiValueMap<String, String> form) {
        return http.post().uri("/admin/certificates/{n}/revoke", number).cookie(ConsoleSession.COOKIE, session)
            .cookie(ConsoleSession.CSRF_COOKIE, page.csrfCookie()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(BodyInserters.fromFormData(new LinkedMultiValueMap<>(form))).exchange().expectBody(String.class).returnResult();
    }

    private String state(String number) {
        return (String) http.get().uri("/api/v1/admin/certificates/{n}", number)
            .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).exchange().expectBody(Map.class).returnResult()
            .getResponseBody().get("state");
    }

    @SuppressWarnings("unchecked")
    private List<Object> history(String number) {
        return http.get().uri("/api/v1/admin/certificates/{n}/history", number)
            .headers(h -> h.setBasicAuth(ADMIN, ADMIN_PASSWORD)).exchange().expectBody(List.class).returnResult()
            .getResponseBody();
    }
}
