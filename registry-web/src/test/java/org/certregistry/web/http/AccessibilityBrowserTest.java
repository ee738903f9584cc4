package org.certregistry.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.support.Accessibility;
import org.certregistry.web.support.Browser;
import org.certregistry.web.support.TestCertificates.Issued;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Every page a visitor can reach, in a real headless Chromium, checked against WCAG 2.2 A and AA by
 * axe-core, in the states that change what a page shows (results, verdicts, refusals, notices),
 * in every language; and a walk through search and verification with the keyboard alone.
 */
class AccessibilityBrowserTest extends AccessibilityChecks {

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
        browser.get(valid.holderUrl() + "/wallet");
        audit("wallet offer, before");
        submit("main form button[type=submit]");
        assertThat(browser.findElements(By.cssSelector("img.wallet-qr"))).hasSize(1);
        audit("wallet offer, QR code");
        browser.get(revoked.holderUrl() + "/wallet");
        audit("wallet offer, not offerable");

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
        narrowOnly = true;
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
            browser.get(valid.holderUrl() + "/wallet");
            audit(language + ": wallet offer");
            check("/holder/sign-in", language + ": holder sign-in");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
        }
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
}
