package org.certregistry.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.Lifecycle;
import org.certregistry.web.support.Accessibility;
import org.certregistry.web.support.Browser;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates.Issued;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every page a visitor, a holder or a console user can reach, in a real headless Chromium, checked
 * against WCAG 2.2 A and AA by axe-core ({@link Accessibility}), in the states that change what a
 * page shows (results, verdicts, refusals, notices); and a walk through search and verification
 * with the keyboard alone. Pages that fail are kept as {@code target/screenshots/a11y-*.png}.
 */
class AccessibilityBrowserTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    Lifecycle lifecycle;

    ChromeDriver browser;

    /** Each page's violations, gathered so that one run names every failing page. */
    final List<String> failures = new ArrayList<>();

    /** Where above 0, pages are checked laid out this wide too, and must reflow to it. */
    int reflowWidth;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theCheckFindsViolations() {
        browser = Browser.open(1280, 800);
        browser.get(BASE_URL + "/");
        assertThat(Accessibility.violations(browser)).isEmpty();
        // a picture without a text, pale text and a field without a label: three rules of WCAG 2.x A and AA
        // (styled through the DOM: the pages' Content-Security-Policy refuses inline style attributes)
        browser.executeScript("""
                const main = document.getElementById('main');
                main.append(document.createElement('img'), document.createElement('input'));
                const pale = main.appendChild(document.createElement('p'));
                pale.textContent = 'pale';
                pale.style.color = '#bbb';
                """);
        assertThat(Accessibility.violations(browser)).extracting(Accessibility.Violation::rule)
            .contains("image-alt", "color-contrast", "label");
        assertThatThrownBy(() -> Accessibility.assertNoViolations(browser, "home, spoilt"))
            .hasMessageContaining("on home, spoilt (" + BASE_URL + "/)")
            .hasMessageContaining("color-contrast [serious] Elements must meet minimum color contrast ratio thresholds")
            .hasMessageContaining("insufficient color contrast of 1.79 (foreground color: #bbbbbb")
            .hasMessageContaining("https://dequeuniversity.com/rules/axe/");
    }

    @Test
    void everyPublicPageMeetsWcag22AA() throws Exception {
        String surname = TestCertificates.uniqueSurname();
        Issued valid = TestCertificates.issue(http, "CCXP", "Zoë Ångström-" + surname);
        Issued expired = TestCertificates.issue(http, "CCXP", "Expired " + surname, true, LocalDate.now().minusYears(2).minusDays(30));
        Issued suspended = TestCertificates.issue(http, "CXSP", "Suspended " + surname);
        lifecycle.suspend(CertificateNumber.parse(suspended.number()), null, "CEU audit pending", "test").block();
        Issued revoked = TestCertificates.issue(http, "CXSP", "Revoked " + surname);
        TestCertificates.revoke(http, revoked.number(), "Certificate obtained by misrepresentation");
        browser = Browser.open(390, 1100);
        reflowWidth = 320;

        check("/", "home");
        check("/registry", "search, empty");
        check("/registry?q=" + surname, "search with results");
        assertThat(browser.findElements(By.cssSelector(".result-name"))).hasSize(4);
        check("/registry?q=nobody-" + surname, "search without results");
        assertThat(browser.findElement(By.cssSelector(".result-count")).getText()).startsWith("0 ");
        String number = valid.number();
        check("/registry?q=" + number.substring(0, 5) + (number.charAt(5) == '7' ? '8' : '7') + number.substring(6),
                "search, mistyped number");
        assertThat(browser.findElements(By.cssSelector(".hint"))).isNotEmpty();
        check("/registry?q=" + surname + "&status=nonsense", "search, refused");
        assertThat(browser.findElements(By.cssSelector(".problem"))).isNotEmpty();
        String crowd = TestCertificates.uniqueSurname();
        for (int i = 0; i < 21; i++) {
            TestCertificates.issue(http, "CXSP", "Page " + i + " " + crowd);
        }
        check("/registry?q=" + crowd + "&page=1", "search, second page of two");
        assertThat(browser.findElements(By.cssSelector("nav.pagination a"))).isNotEmpty();
        for (Issued issued : List.of(valid, expired, suspended, revoked)) {
            browser.get(issued.verificationUrl());
            audit("verdict " + browser.findElement(By.cssSelector(".verdict-word")).getText());
        }
        check("/v/not-a-number", "unknown, malformed number");
        check("/v/" + CertificateNumber.random("CCXP").value(), "unknown number");
        assertThat(browser.findElement(By.cssSelector(".verdict-word")).getText()).isEqualTo("NOT FOUND");

        check("/verify", "verify, empty");
        browser.findElement(By.id("credential")).sendKeys(valid.credential());
        submit(".verify-form button[type=submit]");
        assertThat(browser.findElement(By.cssSelector(".verdict-word")).getText()).isEqualTo("VALID");
        audit("verify, verdict");
        byte[] pdf = http.get().uri(valid.holderUrl() + "/certificate.pdf").exchange().expectStatus().isOk()
            .expectBody(byte[].class).returnResult().getResponseBody();
        Path certificate = Files.createTempFile("certificate", ".pdf");
        Files.write(certificate, pdf);
        browser.findElement(By.id("document")).sendKeys(certificate.toAbsolutePath().toString());
        submit(".verify-form button[type=submit]");
        assertThat(browser.findElement(By.cssSelector(".verdict-word")).getText()).isEqualTo("VALID");
        audit("verify, uploaded PDF's verdict");
        Path notes = Files.createTempFile("notes", ".txt");
        Files.writeString(notes, "just some notes, not a certificate");
        browser.findElement(By.id("document")).sendKeys(notes.toAbsolutePath().toString());
        submit(".verify-form button[type=submit]");
        assertThat(browser.findElements(By.cssSelector(".refusal"))).isNotEmpty();
        audit("verify, refusal");

        check("/verify/batch", "batch, empty");
        Path csv = Files.createTempFile("batch", ".csv");
        Files.writeString(csv, valid.number() + ",Zoe Angstrom-" + surname + "\n" + revoked.number() + "\nCCXP-7K3-M9Q-XT4\n");
        browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        submit(".verify-form button[type=submit]");
        assertThat(browser.findElements(By.cssSelector("table.batch tbody tr"))).hasSize(3);
        audit("batch, results");
        // the wide table scrolls in its own box, where axe cannot see all its text, and stays a table
        assertThat(browser.findElement(By.cssSelector("table.batch")).getAriaRole()).isEqualTo("table");
        Browser.emulateWidth(browser, 1280);
        axe("batch, results, wide screen");
        Browser.emulateWidth(browser, 0);

        check("/issuers/cxpa", "awarding body");
        check("/achievements/ccxp", "program");

        browser.get(valid.holderUrl());
        audit("holder's private page");
        submit("form.listing button");
        audit("holder's private page, saved");

        Files.delete(certificate);
        Files.delete(notes);
        Files.delete(csv);
        assertClean();
    }

    @Test
    void thePublicPagesMeetWcag22AAInFrenchSpanishAndGermanToo() {
        String surname = TestCertificates.uniqueSurname();
        Issued valid = TestCertificates.issue(http, "CCXP", "Zoë Ångström-" + surname);
        Issued suspended = TestCertificates.issue(http, "CXSP", "Suspended " + surname);
        lifecycle.suspend(CertificateNumber.parse(suspended.number()), null, "CEU audit pending", "test").block();
        browser = Browser.open(390, 1100);
        // longer words (German above all) are where a page first stops fitting 320 px
        reflowWidth = 320;
        for (String language : List.of("fr", "es", "de")) {
            browser.get(BASE_URL + "/?lang=" + language); // remembered in the cookie from here on
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
            audit(language + ": home");
            check("/registry", language + ": search, empty");
            check("/registry?q=" + surname, language + ": search with results");
            check("/registry?q=nobody-" + surname, language + ": search without results");
            browser.get(valid.verificationUrl());
            audit(language + ": verdict valid");
            browser.get(suspended.verificationUrl());
            audit(language + ": verdict suspended");
            check("/v/" + CertificateNumber.random("CCXP").value(), language + ": unknown number");
            check("/verify", language + ": verify, empty");
            browser.findElement(By.id("credential")).sendKeys(valid.credential());
            submit(".verify-form button[type=submit]");
            audit(language + ": verify, verdict");
            check("/verify/batch", language + ": batch, empty");
            check("/issuers/cxpa", language + ": awarding body");
            check("/achievements/ccxp", language + ": program");
            browser.get(valid.holderUrl());
            audit(language + ": holder's private page");
            check("/holder/sign-in", language + ": holder sign-in");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
        }
        assertClean();
    }

    @Test
    void everyHolderPageAndItsReviewInTheConsoleMeetWcag22AA() throws Exception {
        String surname = TestCertificates.uniqueSurname();
        String email = "a11y-" + surname.toLowerCase() + "@example.org";
        String activity = "Keynote at CX Day " + surname;
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusYears(2).plusDays(45);
        String number = TestCertificates.issuing(http).program("CCXP").email(email).awardedOn(awarded).issue().number();
        browser = Browser.open(1280, 1100);
        reflowWidth = 320;

        check("/holder/sign-in", "holder sign-in");
        browser.findElement(By.id("email")).sendKeys("not an address");
        browser.executeScript("document.querySelector('form.sign-in').noValidate = true");
        submit("form.sign-in button");
        assertThat(browser.findElements(By.cssSelector(".notice.bad"))).isNotEmpty();
        audit("holder sign-in, refused");
        browser.findElement(By.id("email")).clear();
        browser.findElement(By.id("email")).sendKeys(email);
        submit("form.sign-in button");
        assertThat(browser.findElement(By.id("sent")).getText()).contains("on its way");
        audit("holder sign-in, link sent");

        String link = signInLink(email);
        browser.get(link);
        audit("holder sign-in, confirm");
        submit("#sign-in");
        assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo(email);
        audit("holder area");

        navigates(browser.findElement(By.linkText(number))::click);
        audit("holder certificate and CEUs");
        Path evidence = Files.createTempFile("attendance", ".pdf");
        Files.write(evidence, "%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes());
        browser.findElement(By.id("activity")).sendKeys(activity);
        new Select(browser.findElement(By.id("category"))).selectByValue("speaking");
        new Select(browser.findElement(By.id("measure"))).selectByValue("ceu");
        browser.findElement(By.id("quantity")).sendKeys("5");
        browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id("earned-on")),
                awarded.plusMonths(2).toString());
        browser.findElement(By.id("evidence")).sendKeys(evidence.toAbsolutePath().toString());
        submit("#submit-ceu");
        assertThat(browser.findElement(By.id("submissions")).getText()).contains(activity);
        audit("holder certificate, submitted");

        browser.get(BASE_URL + "/holder");
        submit("form.sign-out button");
        audit("holder signed out");

        // the console's side of it: the review queue with the submission, the submission, the decision
        signIn(ADMIN, ADMIN_PASSWORD);
        check("/admin/ceus?program=CCXP", "CEU review queue with a submission");
        navigates(browser.findElement(By.linkText(activity))::click);
        audit("CEU submission, pending");
        String submission = browser.getCurrentUrl();
        submit("#approve");
        audit("CEU review queue, approved");
        browser.get(submission);
        audit("CEU submission, decided");
        Files.delete(evidence);
        assertClean();
    }

    @Test
    void theConsoleMeetsWcag22AAInFrenchSpanishAndGermanToo() {
        Issued issued = TestCertificates.issue(http, "CCXP", "Console Langue " + TestCertificates.uniqueSurname());
        browser = Browser.open(1280, 1000);
        reflowWidth = 320;
        signIn(ADMIN, ADMIN_PASSWORD);
        for (String language : List.of("fr", "es", "de")) {
            browser.get(BASE_URL + "/admin/certificates?lang=" + language); // remembered in the cookie from here on
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
            audit(language + ": certificates");
            check("/admin/certificates/new", language + ": issue");
            check("/admin/certificates/" + issued.number(), language + ": certificate");
            check("/admin/cohorts", language + ": cohorts");
            check("/admin/ceus", language + ": CEU review queue");
            check("/admin/renewals", language + ": renewal requests");
            check("/admin/tokens", language + ": API tokens");
            check("/admin/mail", language + ": mail");
            check("/admin/verifications", language + ": verifications");
            check("/admin/dev/mailbox", language + ": development mailbox");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
        }
        assertClean();
    }

    @Test
    void everyConsolePageMeetsWcag22AA() throws Exception {
        browser = Browser.open(1280, 1000);
        reflowWidth = 320;
        check("/admin/login", "console sign-in");
        signIn(ADMIN, "not-the-password");
        assertThat(browser.findElements(By.cssSelector(".notice.bad"))).isNotEmpty();
        audit("console sign-in, refused");
        signIn(ADMIN, ADMIN_PASSWORD);
        audit("certificates");

        check("/admin/certificates/new", "issue");
        browser.executeScript("document.getElementById('issue').noValidate = true");
        submit("#issue button");
        assertThat(browser.findElements(By.cssSelector(".notice.bad"))).isNotEmpty();
        audit("issue, refused");
        browser.get(BASE_URL + "/admin/certificates/new");
        String surname = TestCertificates.uniqueSurname();
        browser.findElement(By.id("name")).sendKeys("Ada Console " + surname);
        browser.findElement(By.id("email")).sendKeys("ada.console@example.org");
        browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id("awardedOn")),
                LocalDate.now(ZoneOffset.UTC).minusYears(2).minusDays(20).toString());
        submit("#issue button");
        audit("issued");
        String number = browser.findElement(By.cssSelector("h1 .number")).getText();
        check("/admin/certificates?q=" + surname + "&program=CCXP", "certificates, filtered");
        assertThat(browser.findElement(By.cssSelector("table.results")).getText()).contains(number);
        navigates(browser.findElement(By.linkText(number))::click);
        audit("certificate");
        new Select(browser.findElement(By.name("category"))).selectByIndex(0);
        browser.findElement(By.name("quantity")).sendKeys("5");
        browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.name("earnedOn")),
                LocalDate.now(ZoneOffset.UTC).minusMonths(3).toString());
        submit("#ceus button");
        audit("certificate, CEUs recorded");
        submit("#renew button");
        assertThat(browser.findElements(By.cssSelector(".notice.bad"))).isNotEmpty();
        audit("certificate, renewal refused");
        browser.findElement(By.id("revoke-reason")).sendKeys("Issued in error");
        submit("#revoke button");
        audit("certificate, revocation to confirm");
        submit("#revoke-confirm button");
        audit("certificate, revoked with history");
        check("/admin/certificates/" + CertificateNumber.random("CCXP").value(), "certificate not found");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("No such certificate");

        check("/admin/cohorts", "cohorts");
        Path csv = Files.createTempFile("cohort", ".csv");
        Files.writeString(csv, "program,name,email,awarded_on,listed\nCCXP,A11y Cohort,a11y@example.org,2026-01-05,yes\n"
                + "CCXQ,Wrong Program,wp@example.org,2026-01-05,yes\n");
        browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
        submit("#cohort-upload button");
        audit("cohort, checked");
        browser.findElement(By.name("goodRowsOnly")).click();
        submit("#cohort-issue button");
        new WebDriverWait(browser, Duration.ofSeconds(60))
            .until(b -> "DONE".equals(b.findElement(By.id("progress-stage")).getText()));
        audit("cohort, issued");

        check("/admin/ceus", "CEU review queue");
        check("/admin/renewals", "renewal requests");
        check("/admin/tokens", "API tokens");
        browser.findElement(By.id("name")).sendKeys("a11y check");
        browser.findElement(By.id("expiresInDays")).clear();
        browser.findElement(By.id("expiresInDays")).sendKeys("30");
        submit("#token-create button");
        assertThat(browser.findElements(By.id("new-token"))).isNotEmpty();
        audit("API tokens, created");
        check("/admin/mail", "e-mail outbox");
        navigates(browser.findElement(By.cssSelector("table.results td a"))::click);
        audit("e-mail message");
        check("/admin/verifications", "verifications");

        submit("form.signout button");
        audit("console sign-in, signed out");
        signIn(AUDITOR, AUDITOR_PASSWORD);
        check("/admin/certificates/" + number, "certificate, auditor");
        Files.delete(csv);
        assertClean();
    }

    @Test
    void theKeyboardAloneSearchesOpensTheVerdictAndVerifiesADocument() {
        String surname = TestCertificates.uniqueSurname();
        Issued issued = TestCertificates.issue(http, "CCXP", "Keyboard " + surname);
        browser = Browser.open(1280, 1000);

        // the first stop on a page is the skip link, shown when focused; it skips the site's header
        browser.get(BASE_URL + "/");
        press(Keys.TAB);
        assertThat(focused().getAttribute("class")).isEqualTo("skip-link");
        assertFocusVisible();
        assertThat(focused().getRect().getX()).as("the focused skip link is on screen").isNotNegative();
        press(Keys.ENTER);
        press(Keys.TAB);
        assertThat(focused().getAttribute("id")).as("after the skip link, the search field").isEqualTo("q");
        assertFocusVisible();
        focused().sendKeys("keyboard " + surname);
        press(Keys.TAB);
        assertThat(focused().getText()).isEqualTo("Search");
        assertFocusVisible();
        navigates(() -> press(Keys.ENTER));

        // the results: tab to the first one, open it, and the verdict is there
        assertThat(browser.getCurrentUrl()).contains("/registry?q=");
        tabTo("a.result-name", 25);
        assertThat(focused().getText()).isEqualTo("Keyboard " + surname);
        navigates(() -> press(Keys.ENTER));
        assertThat(browser.getCurrentUrl()).isEqualTo(issued.verificationUrl());
        assertThat(browser.findElement(By.cssSelector(".verdict-word")).getText()).isEqualTo("VALID");
        press(Keys.TAB);
        press(Keys.ENTER);
        press(Keys.TAB);
        assertThat(focused().getAttribute("href")).as("after the skip link, the first link below the verdict").endsWith("/verify");
        assertFocusVisible();

        // verify: the file control, then the paste field, then the button
        navigates(() -> press(Keys.ENTER));
        assertThat(browser.getCurrentUrl()).isEqualTo(BASE_URL + "/verify");
        press(Keys.TAB);
        press(Keys.ENTER);
        press(Keys.TAB);
        assertThat(focused().getAttribute("id")).isEqualTo("document");
        assertFocusVisible();
        press(Keys.TAB);
        assertThat(focused().getAttribute("id")).isEqualTo("credential");
        assertFocusVisible();
        focused().sendKeys(issued.credential());
        press(Keys.TAB);
        assertThat(focused().getText()).isEqualTo("Verify");
        assertFocusVisible();
        navigates(() -> press(Keys.ENTER));
        assertThat(browser.findElement(By.cssSelector(".verdict-word")).getText()).isEqualTo("VALID");
        assertThat(browser.findElements(By.cssSelector("ol.checks .outcome-passed"))).isNotEmpty();
    }

    private void press(Keys key) {
        new Actions(browser).sendKeys(key).perform();
    }

    private WebElement focused() {
        return browser.switchTo().activeElement();
    }

    /** Presses TAB until the focused element matches {@code css}, every stop on the way showing its focus. */
    private void tabTo(String css, int atMost) {
        for (int i = 0; i < atMost; i++) {
            press(Keys.TAB);
            assertFocusVisible();
            if (Boolean.TRUE.equals(browser.executeScript("return document.activeElement.matches(arguments[0])", css))) {
                return;
            }
        }
        throw new AssertionError(atMost + " presses of TAB did not reach " + css);
    }

    /**
     * The focused element matches :focus-visible and wears the registry's own outline (WCAG 2.4.7): at least
     * 2px, so a stylesheet that drops it, leaving Chromium's 1px ring or nothing, fails.
     */
    @SuppressWarnings("unchecked")
    private void assertFocusVisible() {
        Map<String, Object> focus = (Map<String, Object>) browser.executeScript("""
                const e = document.activeElement, s = getComputedStyle(e);
                return { element: e.outerHTML.slice(0, 120), visible: e.matches(':focus-visible'),
                         style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
                """);
        assertThat(focus.get("visible")).as("%s matches :focus-visible", focus.get("element")).isEqualTo(true);
        assertThat(focus.get("style")).as("outline style of %s", focus.get("element")).isNotEqualTo("none");
        assertThat(((Number) focus.get("width")).doubleValue()).as("outline width of %s", focus.get("element"))
            .isGreaterThanOrEqualTo(2);
    }

    private void check(String path, String page) {
        browser.get(BASE_URL + path);
        audit(page);
    }

    /** axe's verdict on the page as shown, and where {@link #reflowWidth} is set, laid out that narrow too. */
    private void audit(String page) {
        axe(page);
        if (reflowWidth > 0) {
            Browser.emulateWidth(browser, reflowWidth);
            try {
                axe(page + " at " + reflowWidth + " px");
                reflows(page);
            }
            finally {
                Browser.emulateWidth(browser, 0);
            }
        }
    }

    private void axe(String page) {
        try {
            Accessibility.assertNoViolations(browser, page);
        }
        catch (AssertionError ex) {
            failures.add(ex.getMessage());
        }
    }

    /** WCAG 1.4.10: the page needs no sideways scrolling (a wide table may scroll in its own box). */
    private void reflows(String page) {
        Object overflow = browser.executeScript("""
                const root = document.documentElement;
                if (root.scrollWidth <= root.clientWidth) return null;
                const wide = [...document.body.querySelectorAll('*')]
                  .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
                  .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')
                      + ' right=' + Math.round(e.getBoundingClientRect().right));
                return root.scrollWidth + 'px wide: ' + wide.join(', ');
                """);
        if (overflow != null) {
            Browser.screenshot(browser, "a11y-reflow-" + page.replaceAll("[^A-Za-z0-9]+", "-"));
            failures.add(page + " (" + browser.getCurrentUrl() + ") scrolls sideways at " + reflowWidth + " px: " + overflow);
        }
    }

    private void assertClean() {
        assertThat(failures).as("pages that break WCAG 2.2 AA").isEmpty();
    }

    /** The link of the sign-in e-mail, read from the development mailbox as an admin (no SMTP server in this context). */
    private String signInLink(String email) {
        signIn(ADMIN, ADMIN_PASSWORD);
        browser.get(BASE_URL + "/admin/dev/mailbox");
        audit("development mailbox");
        WebElement row = browser.findElements(By.cssSelector("table.results tbody tr")).stream()
            .filter(r -> r.getText().contains(email) && r.getText().contains("Your sign-in link")).findFirst().orElseThrow();
        navigates(row.findElement(By.tagName("a"))::click);
        audit("development mailbox, message");
        Matcher link = Pattern.compile(Pattern.quote(BASE_URL) + "/holder/sign-in/\\S+")
            .matcher(browser.findElement(By.cssSelector(".mail-body")).getText());
        assertThat(link.find()).as("the message carries a sign-in link").isTrue();
        return link.group();
    }

    private void signIn(String user, String password) {
        browser.get(BASE_URL + "/admin/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        submit("main form button");
    }

    private void submit(String css) {
        try {
            navigates(browser.findElement(By.cssSelector(css))::click);
        }
        catch (RuntimeException ex) {
            Browser.screenshot(browser, "a11y-failed-submit");
            throw ex;
        }
    }

    /** Runs {@code action} and waits until a new, fully loaded document has replaced the current one. */
    private void navigates(Runnable action) {
        browser.executeScript("window.oldPage = true");
        action.run();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> Boolean.TRUE.equals(((ChromeDriver) b)
            .executeScript("return window.oldPage === undefined && document.readyState === 'complete'")));
    }
}
