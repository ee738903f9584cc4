package org.certregistry.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.support.Browser;
import org.certregistry.web.support.TestCertificates.Issued;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every page a holder or a console user can reach, in a real headless Chromium, checked against
 * WCAG 2.2 A and AA by axe-core, in the states that change what a page shows, in every language.
 */
class ConsoleAccessibilityBrowserTest extends AccessibilityChecks {

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

        navigates(browser.findElement(By.id("wallet"))::click);
        audit("holder area, wallet offer");
        submit("main form button[type=submit]");
        assertThat(browser.findElements(By.cssSelector("img.wallet-qr"))).hasSize(1);
        audit("holder area, wallet offer with its QR code");

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
        narrowOnly = true;
        signIn(ADMIN, ADMIN_PASSWORD);
        for (String language : List.of("fr", "es", "de")) {
            browser.get(BASE_URL + "/admin/certificates?lang=" + language); // remembered in the cookie from here on
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
            audit(language + ": certificates");
            check("/admin", language + ": home");
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
            .until(b -> "DONE".equals(b.findElement(By.id("progress-stage")).getAttribute("data-stage")));
        audit("cohort, issued");

        check("/admin", "home, work waiting");
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
}
