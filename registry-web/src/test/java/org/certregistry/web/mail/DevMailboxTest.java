package org.certregistry.web.mail;

import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no SMTP server configured (the embedded default), nothing is sent: messages are kept, and
 * a newcomer reads them on the development mailbox page; admins see them in the console.
 */
class DevMailboxTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Test
    void withoutSmtpAnIssuanceMailIsKeptAndShownOnTheDevelopmentMailboxAndInTheConsole() {
        String number = new AdminApi(http).issue("CCXP", "Dora Devbox", null);

        String mailbox = http.get().uri("/dev/mailbox").exchange().expectStatus().isOk()
            .expectHeader().valueEquals("X-Robots-Tag", "noindex")
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(mailbox).contains("CCXP certificate " + number + " issued").contains("doradevbox@example.org");
        String messagePath = mailbox.replaceAll("(?s).*href=\"(/dev/mailbox/[0-9a-f-]+)\">CCXP certificate " + number + ".*", "$1");
        assertThat(http.get().uri(messagePath).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
            .getResponseBody()).contains("Dear Dora Devbox,").contains(BASE_URL + "/h/");

        String session = ConsoleSession.signIn(http, AUDITOR, AUDITOR_PASSWORD);
        assertThat(http.get().uri("/admin/mail?recipient=doradevbox@example.org").cookie(ConsoleSession.COOKIE, session).exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
            .contains("No SMTP server is configured").contains("CCXP certificate " + number + " issued").contains("pending");
    }

    @Test
    void aStatusFilterTheOutboxDoesNotKnowIsRefusedClearly() {
        http.get().uri("/api/v1/admin/mail?status=lost").headers(h -> h.setBasicAuth(AUDITOR, AUDITOR_PASSWORD)).exchange()
            .expectStatus().isBadRequest().expectBody(String.class)
            .value(body -> assertThat(body).contains("must be pending, sent or failed"));
    }
}
