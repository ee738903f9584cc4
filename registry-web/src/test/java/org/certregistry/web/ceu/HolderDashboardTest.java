package org.certregistry.web.ceu;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.HolderVisitor;
import org.certregistry.web.support.MailIntegrationTest;
import org.certregistry.web.support.Mailbox;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signed-in holder's dashboard ({@code /holder}) leads them: each certificate's state in words, the days left
 * (never negative), what comes next once it has expired or lapsed, progress against the rule by category while renewal
 * is open, and one action to log a CEU and one to renew, disabled with its reason beside it until the rule is met.
 */
class HolderDashboardTest extends MailIntegrationTest {

    static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    static final DateTimeFormatter FR = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);

    @Autowired
    WebTestClient http;

    @Test
    void theDashboardSaysWhereEachCertificateStandsAndWhatToDoNextInTheReadersLanguage() {
        String address = "dash." + TestCertificates.uniqueSurname().toLowerCase(Locale.ROOT) + "@example.org";
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate openAwarded = today.minusYears(2).plusDays(60);
        String open = TestCertificates.issuing(http).email(address).name("Dana Dash").awardedOn(openAwarded).issue().number();
        LocalDate graceAwarded = today.minusYears(2).minusDays(30);
        String grace = TestCertificates.issuing(http).email(address).name("Dana Dash").awardedOn(graceAwarded)
            .duplicateIntended().issue().number();
        String lapsed = TestCertificates.issuing(http).email(address).name("Dana Dash").awardedOn(today.minusYears(2).minusDays(100))
            .duplicateIntended().issue().number();
        String inForce = TestCertificates.issuing(http).program("CXSP").email(address).name("Dana Dash").issue().number();
        AdminApi admin = new AdminApi(http);
        admin.recordCeus(open, "speaking", "ceu", 12, openAwarded.plusMonths(2)).expectStatus().isCreated();
        admin.recordCeus(open, "program-attendance", "ceu", 4, openAwarded.plusMonths(3)).expectStatus().isCreated();

        HolderVisitor holder = HolderVisitor.signedIn(http, MAILBOX, BASE_URL, address);
        String page = holder.get("/holder?lang=en").getResponseBody();

        String openCard = card(page, open);
        assertThat(openCard).contains("data-phase=\"RENEWAL_OPEN\"", "60 days left (valid until " + EN.format(openAwarded.plusYears(2)) + ")",
                "Renewal is open")
            // progress by category, capped at 10: 12 speaking count as 10
            .contains("<strong>14</strong> of <strong>20</strong> CEUs count in this cycle.")
            .containsPattern("data-category=\"speaking\">\\s*<th scope=\"row\"[^>]*>speaking</th>\\s*<td[^>]*>10</td>")
            .contains("6 CEUs are missing: 14 of the required 20 count in this cycle.")
            .contains("Already at the limit of their category: speaking")
            // what still counts, in words, not codes
            .contains("data-category=\"program-attendance\">program attendance: up to 6 more")
            .contains("CXPA contributions: up to 10 more").doesNotContain(">cxpa-contributions")
            .contains("href=\"/holder/certificates/" + open + "#submit-activity\"", "Log a CEU activity");
        // the renewal action is there, disabled, and says why beside it
        assertThat(tag(openCard, "renew-button")).contains("disabled=\"disabled\"", "aria-describedby=\"renew-why-" + open + "\"");
        assertThat(openCard).contains("id=\"renew-why-" + open + "\">Not yet: the renewal rule is not met.");

        assertThat(card(page, grace)).contains("data-phase=\"GRACE\"", "EXPIRED",
                "Expired on " + EN.format(graceAwarded.plusYears(2)) + ". You can still renew it within the grace period, until "
                        + EN.format(graceAwarded.plusYears(2).plusDays(90)))
            .doesNotContain("days left").doesNotContain("-30");
        assertThat(card(page, lapsed)).contains("data-phase=\"LAPSED\"", "LAPSED", "It can no longer be renewed: to hold it again, earn it again")
            .doesNotContain("Log a CEU activity").doesNotContain("renew-button");
        assertThat(card(page, inForce)).contains("data-phase=\"IN_FORCE\"", "days left (valid until", "Renewal opens on")
            .doesNotContain("renew-button");
        assertThat(page).doesNotContain("??").doesNotContain("-1 days").doesNotContainPattern(">-\\d+ ");

        // the rule met: the action is enabled, without a reason
        admin.recordCeus(open, "cxpa-contributions", "ceu", 6, openAwarded.plusMonths(4)).expectStatus().isCreated();
        String met = card(holder.get("/holder").getResponseBody(), open);
        assertThat(tag(met, "renew-button")).doesNotContain("disabled").doesNotContain("aria-describedby");
        assertThat(met).contains("<strong>20</strong> of <strong>20</strong>")
            .doesNotContain("renew-why-").doesNotContain("CEUs are missing");

        // in French: the states, dates, the next step and the categories are French
        String french = holder.get("/holder?lang=fr").getResponseBody();
        assertThat(card(french, grace)).contains("EXPIRÉ", "Expiré le " + FR.format(graceAwarded.plusYears(2)),
                "jusqu’au " + FR.format(graceAwarded.plusYears(2).plusDays(90)));
        assertThat(card(french, open)).contains("interventions", "Déclarer une activité (CEU)", "Renouveler mon certificat");
        assertThat(french).contains("<html lang=\"fr\"").doesNotContain("??").doesNotContain("Renewal is open");
        assertThat(holder.get("/holder?lang=de").getResponseBody()).contains("Abgelaufen am").doesNotContain("??");
        assertThat(holder.get("/holder?lang=es").getResponseBody()).contains("Caducó el").doesNotContain("??");

        // the renewal action does what it says, once: post/redirect/get
        holder.get("/holder?lang=en");
        var renewed = holder.post("/holder/certificates/" + open + "/renewal", "/holder", Map.of());
        assertThat(renewed.getStatus().value()).isEqualTo(303);
        assertThat(card(holder.get("/holder?lang=en").getResponseBody(), open)).contains("data-phase=\"IN_FORCE\"");
        // the renewal mail links the holder area it mentions, and writes its date as the pages do
        Mailbox.Mail mail = MAILBOX.await(address, s -> s.endsWith(open + " renewed"));
        assertThat(mail.text()).contains("valid until " + EN.format(openAwarded.plusYears(4)), "in your holder area")
            .containsPattern(Pattern.quote(BASE_URL + "/holder") + "\\s");
        assertThat(mail.html()).contains("href=\"" + BASE_URL + "/holder\"");
    }

    @Test
    void theHoldersPrivatePageLeadsToTheDashboard() {
        TestCertificates.Issued issued = TestCertificates.issuing(http).issue();
        String page = http.get().uri(issued.holderUrl()).exchange().expectStatus().isOk().expectBody(String.class)
            .returnResult().getResponseBody();
        assertThat(page).contains("<a href=\"/holder\" id=\"dashboard-link\">Sign in to your dashboard");
    }

    /** The opening tag of the element with {@code cssClass}. */
    static String tag(String html, String cssClass) {
        Matcher m = Pattern.compile("<[a-z]+ [^>]*class=\"[^\"]*\\b" + cssClass + "\\b[^>]*>").matcher(html);
        assertThat(m.find()).as("an element of class %s in\n%s", cssClass, html).isTrue();
        return m.group();
    }

    /** The dashboard's section of one certificate. */
    static String card(String page, String number) {
        Matcher m = Pattern.compile("<section class=\"cert-card\"[^>]*data-number=\"" + Pattern.quote(number) + "\".*?</section>",
                Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("a card for %s in\n%s", number, page).isTrue();
        return m.group();
    }
}
