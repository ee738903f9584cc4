package org.certregistry.web.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.DevMailbox;
import org.certregistry.web.support.HolderVisitor;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With no SMTP server configured (the embedded default), nothing is sent: messages are kept, and a
 * signed-in admin reads them on the development mailbox as their recipients would. No table holds
 * a usable private link, and no one but the recipient (the mailbox stands in for them) reads one:
 * an auditor who asks a holder's sign-in link and reads the outbox finds only a note.
 */
class DevMailboxTest extends RegistryIntegrationTest {

    private static final String LINKS = "(/h/|/holder/sign-in/|/holder/address/)[A-Za-z0-9_-]{20,}";

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Test
    void withoutSmtpAnIssuanceMailIsKeptAndShownToAnAdminOnTheDevelopmentMailboxAndInTheConsole() {
        String number = new AdminApi(http).issue("CCXP", "Dora Devbox", null);
        String admin = ConsoleSession.signIn(http, ADMIN, ADMIN_PASSWORD);

        String mailbox = http.get().uri("/admin/dev/mailbox").cookie(ConsoleSession.COOKIE, admin).exchange()
            .expectStatus().isOk()
            .expectHeader().valueEquals("X-Robots-Tag", "noindex")
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(mailbox).contains("CCXP certificate " + number + " issued").contains("doradevbox@example.org");
        String messagePath = mailbox.replaceAll("(?s).*href=\"(/admin/dev/mailbox/[0-9a-f-]+)\">CCXP certificate " + number + ".*",
                "$1");
        assertThat(http.get().uri(messagePath).cookie(ConsoleSession.COOKIE, admin).exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody()).contains("Dear Dora Devbox,").contains(BASE_URL + "/h/");

        String auditor = ConsoleSession.signIn(http, AUDITOR, AUDITOR_PASSWORD);
        assertThat(http.get().uri("/admin/mail?recipient=doradevbox@example.org").cookie(ConsoleSession.COOKIE, auditor).exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
            .contains("No SMTP server is configured").contains("CCXP certificate " + number + " issued").contains("waiting to be sent");
    }

    @Test
    void theDevelopmentMailboxIsForAdminsOnly() {
        // its old address sends a stranger to sign in, not to the messages
        http.get().uri("/dev/mailbox").accept(MediaType.TEXT_HTML).exchange().expectStatus().is3xxRedirection()
            .expectHeader().valueEquals("Location", "/admin/dev/mailbox");
        http.get().uri("/admin/dev/mailbox").accept(MediaType.TEXT_HTML).exchange().expectStatus().is3xxRedirection()
            .expectHeader().valueEquals("Location", "/admin/login");
        http.get().uri("/admin/dev/mailbox").exchange().expectStatus().isUnauthorized();
        String auditor = ConsoleSession.signIn(http, AUDITOR, AUDITOR_PASSWORD);
        http.get().uri("/admin/dev/mailbox").cookie(ConsoleSession.COOKIE, auditor).exchange().expectStatus().isForbidden();
    }

    @Test
    void anAuditorWhoAsksForAHoldersSignInLinkCannotReadItAnywhere() {
        String surname = TestCertificates.uniqueSurname();
        String address = "vera." + surname.toLowerCase(java.util.Locale.ROOT) + "@example.org";
        TestCertificates.Issued issued = TestCertificates.issuing(http).program("CCXP").name("Vera " + surname).email(address)
            .issue();
        new HolderVisitor(http).post("/holder/sign-in", "/holder/sign-in", Map.of("email", address));

        String id = DevMailbox.awaitNewest(db, address, "SIGN_IN").toString();
        String api = http.get().uri("/api/v1/admin/mail/{id}", id).headers(h -> h.setBasicAuth(AUDITOR, AUDITOR_PASSWORD))
            .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(api).contains("Your sign-in link").contains("only the recipient receives it").doesNotContainPattern(LINKS);
        String auditor = ConsoleSession.signIn(http, AUDITOR, AUDITOR_PASSWORD);
        assertThat(ConsoleSession.page(http, auditor, "/admin/mail/{id}", id).html())
            .contains("only the recipient receives it").doesNotContainPattern(LINKS);

        // the recipient's stand-in still reads a link that works
        String link = DevMailbox.link(DevMailbox.newest(http, db, address, "SIGN_IN"), BASE_URL, "/holder/sign-in/");
        HolderVisitor holder = new HolderVisitor(http);
        holder.post(link, link, Map.of());
        assertThat(holder.get("/holder").getResponseBody()).contains(issued.number());
    }

    @Test
    void noTableHoldsAPrivateLinkInAnyState() {
        String number = new AdminApi(http).issue("CXSP", "Rita Rest", null);
        new HolderVisitor(http).post("/holder/sign-in", "/holder/sign-in", Map.of("email", "ritarest@example.org"));
        DevMailbox.awaitNewest(db, "ritarest@example.org", "SIGN_IN");

        List<Map<String, Object>> rows = db.sql("SELECT status, text_body, html_body, coalesce(sealed_link, '') AS sealed "
                + "FROM mail_message").fetch().all().collectList().block();
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat((String) row.get("text_body")).doesNotContainPattern(LINKS);
            assertThat((String) row.get("html_body")).doesNotContainPattern(LINKS);
            assertThat((String) row.get("sealed")).doesNotContainPattern(LINKS).doesNotContain("http");
        });
        assertThat(rows).anySatisfy(row -> assertThat((String) row.get("sealed")).startsWith("s1."));
        assertThat(number).isNotBlank();
    }

    @Test
    void aStatusFilterTheOutboxDoesNotKnowIsRefusedClearly() {
        http.get().uri("/api/v1/admin/mail?status=lost").headers(h -> h.setBasicAuth(AUDITOR, AUDITOR_PASSWORD)).exchange()
            .expectStatus().isBadRequest().expectBody(String.class)
            .value(body -> assertThat(body).contains("must be pending, sent or failed"));
    }
}
