package org.certregistry.web.ceu;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.certregistry.web.support.Accessibility;
import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.Browser;
import org.certregistry.web.support.HolderVisitor;
import org.certregistry.web.support.MailIntegrationTest;
import org.certregistry.web.support.PageWords;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The holder's pages, signed in, in every state a certificate can be in and in every language: no missing text, no
 * code word ({@link PageWords}); and on a phone (390 CSS px) the dashboard's tables and the CEU list fit: nothing is
 * clipped or scrolls sideways, and axe-core finds no WCAG 2.2 AA violation there.
 */
class HolderPagesInEveryLanguageTest extends MailIntegrationTest {

    static final byte[] PDF = "%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes();

    @Autowired
    WebTestClient http;

    /** One holder with a certificate in each state, CEUs from both sources, a decided submission and an earlier cycle. */
    private record Holder(HolderVisitor visitor, List<String> numbers, String withCeus) {
    }

    private Holder holderOfEveryState() {
        String address = "every." + TestCertificates.uniqueSurname().toLowerCase(Locale.ROOT) + "@example.org";
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        AdminApi admin = new AdminApi(http);
        LocalDate openAwarded = today.minusYears(2).plusDays(90);
        String open = TestCertificates.issuing(http).email(address).awardedOn(openAwarded).issue().number();
        String grace = TestCertificates.issuing(http).email(address).awardedOn(today.minusYears(2).minusDays(10)).duplicateIntended()
            .issue().number();
        String lapsed = TestCertificates.issuing(http).email(address).awardedOn(today.minusYears(2).minusDays(120)).duplicateIntended()
            .issue().number();
        String suspended = TestCertificates.issuing(http).email(address).duplicateIntended().issue().number();
        admin.act(suspended, "suspend", "Fee unpaid", null).expectStatus().isOk();
        String revoked = TestCertificates.issuing(http).email(address).duplicateIntended().issue().number();
        TestCertificates.revoke(http, revoked);
        String inForce = TestCertificates.issuing(http).program("CXSP").email(address).issue().number();
        // an earlier cycle: recorded, renewed early (the new cycle starts today); then this cycle's units from both sources
        admin.recordCeus(open, "speaking", "ceu", 10, openAwarded.plusMonths(1)).expectStatus().isCreated();
        admin.recordCeus(open, "college-courses", "semester-credit-hour", 1, openAwarded.plusMonths(2)).expectStatus().isCreated();
        admin.act(open, "renew", null, null).expectStatus().isOk();
        admin.recordCeus(open, "cxpa-contributions", "quarter-credit-hour", 1, today).expectStatus().isCreated();
        HolderVisitor visitor = HolderVisitor.signedIn(http, MAILBOX, BASE_URL, address);
        MultipartBodyBuilder form = new MultipartBodyBuilder();
        form.part("_csrf", visitor.csrf("/holder"));
        form.part("activity", "A rather long activity name: Customer Experience Management Summit, Europe, keynote and two workshops");
        form.part("category", "program-attendance");
        form.part("measure", "ceu");
        form.part("quantity", "4");
        form.part("earnedOn", today.toString());
        form.part("evidence", new ByteArrayResource(PDF) {
            @Override
            public String getFilename() {
                return "summit.pdf";
            }
        }).contentType(MediaType.APPLICATION_PDF);
        assertThat(visitor.postMultipart("/holder/certificates/" + open + "/ceus", form.build()).getStatus().value()).isEqualTo(303);
        return new Holder(visitor, List.of(open, grace, lapsed, suspended, revoked, inForce), open);
    }

    @Test
    void everyHolderPageInEveryStateReadsAsWordsInEveryLanguage() {
        Holder holder = holderOfEveryState();
        for (String language : new String[] { "en", "fr", "de", "es" }) {
            PageWords.assertWords(holder.visitor().get("/holder?lang=" + language).getResponseBody(), language, "/holder");
            for (String number : holder.numbers()) {
                String page = "/holder/certificates/" + number + "?lang=" + language;
                PageWords.assertWords(holder.visitor().get(page).getResponseBody(), language, page);
            }
            holder.visitor().cookies.put("lang", language);
            MultipartBodyBuilder wrong = new MultipartBodyBuilder();
            wrong.part("_csrf", holder.visitor().csrf("/holder"));
            wrong.part("activity", "");
            wrong.part("category", "nope");
            wrong.part("quantity", "0");
            wrong.part("earnedOn", "1999-01-01");
            String refused = holder.visitor().postMultipart("/holder/certificates/" + holder.withCeus() + "/ceus", wrong.build())
                .getResponseBody();
            PageWords.assertWords(refused, language, "a refused CEU form");
        }
    }

    @Test
    void onAPhoneTheDashboardAndTheCeuListFitTheScreenAndMeetWcag22AA() {
        Holder holder = holderOfEveryState();
        ChromeDriver browser = Browser.open(1280, 1000);
        try {
            browser.get(BASE_URL + "/holder/sign-in");
            browser.manage().addCookie(new Cookie.Builder("holder_session", holder.visitor().cookies.get("holder_session"))
                .path("/holder").build());
            Browser.emulateWidth(browser, 390);
            for (String page : new String[] { "/holder", "/holder/certificates/" + holder.withCeus() }) {
                for (String language : new String[] { "en", "de" }) {
                    browser.get(BASE_URL + page + "?lang=" + language);
                    new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(20))
                        .until(b -> !b.findElements(By.id("main")).isEmpty());
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> boxes = (List<Map<String, Object>>) browser.executeScript("""
                            return [document.documentElement, ...document.querySelectorAll('table, details, .cert-card, .ceu-form')]
                              .map(e => ({what: e.id || e.className || e.tagName, scroll: e.scrollWidth, client: e.clientWidth}));""");
                    assertThat(boxes).as("the boxes of %s", page).hasSizeGreaterThan(2);
                    assertThat(((Number) boxes.get(0).get("client")).intValue()).as("the page is laid out 390 px wide").isEqualTo(390);
                    for (Map<String, Object> box : boxes) {
                        assertThat(((Number) box.get("scroll")).intValue()).as("%s of %s (%s) scrolls or clips sideways", box.get("what"),
                                page, language).isLessThanOrEqualTo(((Number) box.get("client")).intValue());
                    }
                    Browser.screenshot(browser, "holder-phone-" + page.replaceAll("[^a-z]+", "-") + language);
                    Accessibility.assertNoViolations(browser, page + " at 390 px in " + language);
                }
            }
            assertThat(browser.findElement(By.id("earlier-cycles")).getText()).isNotBlank();
        }
        finally {
            browser.quit();
        }
    }
}
