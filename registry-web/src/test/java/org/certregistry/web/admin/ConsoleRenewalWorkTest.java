package org.certregistry.web.admin;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.HolderVisitor;
import org.certregistry.web.support.MailIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an admin needs to renew holders: the certificate page shows the CEUs the holder submitted and that wait for
 * review; a revoked or lapsed certificate is not said to miss CEUs; the renewals page says which programs wait for an
 * admin and why, and what was just renewed.
 */
class ConsoleRenewalWorkTest extends MailIntegrationTest {

    static final byte[] PDF = "%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes();

    static final String ADMIN = "admin";

    @Autowired
    WebTestClient http;

    @Test
    void theCertificatePageShowsTheHoldersSubmissionsWaitingForReview() {
        String address = "petra.pending." + TestCertificates.uniqueSurname().toLowerCase() + "@example.org";
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusYears(2).plusDays(60);
        String number = TestCertificates.issuing(http).name("Petra Pending").email(address).awardedOn(awarded).issue().number();
        HolderVisitor holder = HolderVisitor.signedIn(http, MAILBOX, BASE_URL, address);
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("_csrf", holder.csrf("/holder"));
        form.part("activity", "Keynote at CX Day");
        form.part("category", "speaking");
        form.part("measure", "ceu");
        form.part("quantity", "5");
        form.part("earnedOn", awarded.plusMonths(3).toString());
        form.part("evidence", new ByteArrayResource(PDF) {
            @Override
            public String getFilename() {
                return "keynote.pdf";
            }
        }).contentType(MediaType.APPLICATION_PDF);
        assertThat(holder.postMultipart("/holder/certificates/" + number + "/ceus", form.build()).getStatus().value()).isEqualTo(303);

        String session = ConsoleSession.signIn(http, ADMIN, "registry-dev-admin");
        String html = ConsoleSession.page(http, session, "/admin/certificates/{n}?lang=en", number).html();
        assertThat(html).contains("id=\"pending-submissions\"", "1 submitted by the holder, waiting for review")
            .containsPattern("href=\"/admin/ceus/[0-9a-f-]{36}\"><bdi>Keynote at CX Day</bdi></a>")
            .contains("href=\"/admin/ceus\"");
        String text = ConsoleWordsTest.visibleText(html);
        assertThat(text).contains("Keynote at CX Day : 5 CEUs, Speaking");

        // a certificate with nothing waiting shows no such section
        String other = TestCertificates.issue(http, "CCXP", "Nina Nothing " + TestCertificates.uniqueSurname()).number();
        assertThat(ConsoleSession.page(http, session, "/admin/certificates/{n}", other).html()).doesNotContain("pending-submissions");
    }

    @Test
    void aRevokedOrLapsedCertificateIsNotSaidToMissCeus() {
        String session = ConsoleSession.signIn(http, ADMIN, "registry-dev-admin");
        String revoked = TestCertificates.issue(http, "CCXP", "Rita Revoked " + TestCertificates.uniqueSurname()).number();
        TestCertificates.revoke(http, revoked);
        String html = ConsoleSession.page(http, session, "/admin/certificates/{n}?lang=en", revoked).html();
        assertThat(html).doesNotContain("class=\"missing\"", "CEUs are still missing")
            .contains("Revoked: renewal does not apply, and no CEUs are missing.");

        // awarded long ago: its window and its 90 days of grace are over
        String lapsed = TestCertificates.issuing(http).name("Lars Lapsed").awardedOn(LocalDate.now(ZoneOffset.UTC).minusYears(3))
            .issue().number();
        String lapsedPage = ConsoleSession.page(http, session, "/admin/certificates/{n}?lang=en", lapsed).html();
        assertThat(lapsedPage).doesNotContain("class=\"missing\"").contains("Lapsed: the grace period for renewal is over");

        String active = TestCertificates.issue(http, "CCXP", "Anna Active " + TestCertificates.uniqueSurname()).number();
        assertThat(ConsoleSession.page(http, session, "/admin/certificates/{n}?lang=en", active).html())
            .contains("class=\"missing\"", "20 CEUs are still missing.");
    }

    @Test
    void theRenewalsPageSaysWhichProgramsWaitForAnAdminAndConfirmsARenewal() {
        String session = ConsoleSession.signIn(http, ADMIN, "registry-dev-admin");
        String text = ConsoleWordsTest.visibleText(ConsoleSession.page(http, session, "/admin/renewals?lang=en").html());
        // both programs of this configuration renew automatically
        assertThat(text).contains("unless their program asks for an admin's approval first",
                "CCXP, CXSP: renewed automatically when the holder asks and the rule is met; their requests never wait here.")
            .doesNotContain("wait here for an admin's approval.");
        String french = ConsoleWordsTest.visibleText(ConsoleSession.page(http, session, "/admin/renewals?lang=fr").html());
        assertThat(french).contains("CCXP, CXSP : renouvelé automatiquement");

        // the answer to an approval (post/redirect/get) names what was renewed; anything else in the address is ignored
        String number = TestCertificates.issue(http, "CXSP", "Rene Renewed " + TestCertificates.uniqueSurname()).number();
        assertThat(ConsoleWordsTest.visibleText(ConsoleSession.page(http, session, "/admin/renewals?lang=en&renewed=" + number).html()))
            .contains("Certificate " + number + " is renewed: the holder is e-mailed the new credential.");
        assertThat(ConsoleSession.page(http, session, "/admin/renewals?renewed=<b>x</b>").html()).doesNotContain("is renewed: the holder");
    }
}
