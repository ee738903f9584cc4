package org.certregistry.web.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.web.certificate.Lifecycle;
import org.certregistry.web.support.Browser;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.TestCertificates.Issued;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public pages and the holder's page in a real headless Chromium at phone size, with
 * screenshots under {@code target/screenshots/}.
 */
class PublicPagesBrowserTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    Lifecycle lifecycle;

    ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(390, 1100);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void search(String query) {
        browser.get(BASE_URL + "/registry");
        WebElement box = browser.findElement(By.id("q"));
        box.clear();
        box.sendKeys(query);
        // on a loaded machine keystrokes can still be arriving: submit only the whole query
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> query.equals(box.getDomProperty("value")));
        submit("form.search button[type=submit]", ".results-section", ".problem");
    }

    /** Clicks a submit button and waits for the next page: the old one gone, one of {@code expected} there. */
    private void submit(String button, String... expected) {
        WebElement old = browser.findElement(By.tagName("html"));
        browser.findElement(By.cssSelector(button)).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.until(ExpectedConditions.stalenessOf(old));
        wait.until(driver -> Arrays.stream(expected).anyMatch(selector -> !driver.findElements(By.cssSelector(selector)).isEmpty()));
    }

    private List<String> resultNames() {
        return browser.findElements(By.cssSelector(".result-name")).stream().map(WebElement::getText).toList();
    }

    @Test
    void aSearchWithoutAccentsFindsAnAccentedName() {
        String surname = TestCertificates.uniqueSurname();
        TestCertificates.issue(http, "CCXP", "Zoë Ångström-" + surname);
        search("zoe angstrom " + surname);
        assertThat(resultNames()).containsExactly("Zoë Ångström-" + surname);
        assertThat(browser.findElement(By.cssSelector(".result .status")).getText()).isEqualTo("VALID");
        assertThat(browser.findElement(By.cssSelector(".result-count")).getText()).isEqualTo("1 certificate found");
        assertThat(browser.getPageSource()).doesNotContain("@example.org");
        Browser.screenshot(browser, "search-accents");
    }

    @Test
    void anUnlistedHolderIsNotFoundByNameButIsByNumber() {
        String surname = TestCertificates.uniqueSurname();
        Issued issued = TestCertificates.issue(http, "CXSP", "Private " + surname, false, null);
        search("private " + surname);
        assertThat(resultNames()).isEmpty();
        assertThat(browser.findElement(By.cssSelector(".result-count")).getText()).isEqualTo("0 certificates found");
        search(issued.number());
        assertThat(resultNames()).containsExactly("Private " + surname);
        Browser.screenshot(browser, "search-unlisted-by-number");
    }

    @Test
    void aMistypedNumberIsExplainedOnTheSearchPage() {
        Issued issued = TestCertificates.issue(http, "CCXP", "Typo " + TestCertificates.uniqueSurname());
        String number = issued.number();
        search(number.substring(0, 5) + (number.charAt(5) == '7' ? '8' : '7') + number.substring(6));
        assertThat(browser.findElement(By.cssSelector(".hint")).getText()).contains("one character is probably mistyped");
        Browser.screenshot(browser, "search-number-typo");
    }

    @Test
    void theLandingPageShowsEachStateInWordsIconAndColour() {
        String surname = TestCertificates.uniqueSurname();
        Issued valid = TestCertificates.issue(http, "CCXP", "Valid " + surname);
        Issued expired = TestCertificates.issue(http, "CCXP", "Expired " + surname, true, LocalDate.now().minusYears(2).minusDays(30));
        Issued suspended = TestCertificates.issue(http, "CXSP", "Suspended " + surname);
        lifecycle.suspend(CertificateNumber.parse(suspended.number()), null, "CEU audit pending", "test").block();
        Issued revoked = TestCertificates.issue(http, "CXSP", "Revoked " + surname);
        TestCertificates.revoke(http, revoked.number(), "Certificate obtained by misrepresentation");

        for (Issued issued : List.of(valid, expired, suspended, revoked)) {
            browser.get(issued.verificationUrl());
            String state = browser.findElement(By.cssSelector(".holder-name")).getText().split(" ")[0].toUpperCase();
            WebElement verdict = browser.findElement(By.cssSelector(".verdict"));
            assertThat(browser.findElement(By.cssSelector(".verdict-word")).getText()).isEqualTo(state);
            assertThat(verdict.getAttribute("class")).contains("verdict-" + state.toLowerCase());
            // the icon is drawn, not a glyph a font may lack (the suspended one used to be an empty box), and says its state
            WebElement icon = browser.findElement(By.cssSelector(".verdict-icon svg"));
            assertThat(icon.getAttribute("aria-label")).isEqualToIgnoringCase(state);
            assertThat(icon.getSize().getWidth()).isGreaterThan(10);
            assertThat(browser.findElement(By.cssSelector(".verdict-line")).getText()).contains(switch (state) {
                case "VALID" -> "genuine and in force";
                case "EXPIRED" -> "validity ended on";
                case "SUSPENDED" -> "suspended";
                default -> "revoked";
            });
            assertThat(browser.findElements(By.tagName("script"))).isEmpty();
            Browser.screenshot(browser, "landing-" + state.toLowerCase());
        }
        // the colours differ by state (and never stand alone: the word and icon say it too)
        browser.get(valid.verificationUrl());
        String green = browser.findElement(By.cssSelector(".verdict")).getCssValue("background-color");
        browser.get(revoked.verificationUrl());
        assertThat(browser.findElement(By.cssSelector(".verdict")).getCssValue("background-color")).isNotEqualTo(green);
    }

    @Test
    void anUnknownNumberGetsAHelpfulPage() {
        browser.get(BASE_URL + "/v/not-a-number");
        assertThat(browser.findElement(By.cssSelector(".verdict-word")).getText()).isEqualTo("NOT FOUND");
        assertThat(browser.findElement(By.cssSelector(".hint")).getText()).contains("not the shape of a certificate number");
        Browser.screenshot(browser, "landing-malformed");
    }

    @Test
    void aPastedCredentialGetsAFullReportAndAPdfItsAnswer() throws Exception {
        Issued issued = TestCertificates.issue(http, "CCXP", "Verified " + TestCertificates.uniqueSurname());
        browser.get(BASE_URL + "/verify");
        browser.findElement(By.id("credential")).sendKeys(issued.credential());
        submit(".verify-form button[type=submit]", ".refusal", ".report");
        assertThat(browser.findElement(By.cssSelector(".verdict-word")).getText()).isEqualTo("VALID");
        List<String> checks = browser.findElements(By.cssSelector("ol.checks li .check-name")).stream()
            .map(WebElement::getText).toList();
        assertThat(checks).contains("Signature", "Issuer's public key", "Validity window", "Revocation list", "Registry record");
        assertThat(browser.findElements(By.cssSelector("ol.checks .outcome-passed"))).hasSameSizeAs(checks);
        Browser.screenshot(browser, "verify-pasted-credential");

        byte[] pdf = http.get().uri(issued.holderUrl() + "/certificate.pdf").exchange().expectStatus().isOk()
            .expectBody(byte[].class).returnResult().getResponseBody();
        Path file = Files.createTempFile("certificate", ".pdf");
        Files.write(file, pdf);
        browser.get(BASE_URL + "/verify");
        browser.findElement(By.id("document")).sendKeys(file.toAbsolutePath().toString());
        submit(".verify-form button[type=submit]", ".refusal", ".report");
        Browser.screenshot(browser, "verify-uploaded-pdf");
        assertThat(browser.findElement(By.cssSelector(".verdict-word")).getText()).isEqualTo("VALID");
        assertThat(browser.findElements(By.cssSelector("ol.checks li"))).isNotEmpty();
        Files.delete(file);
    }

    @Test
    void aFileOfAnotherTypeIsRefusedInPlainWords() throws Exception {
        Path file = Files.createTempFile("notes", ".txt");
        Files.writeString(file, "just some notes, not a certificate");
        browser.get(BASE_URL + "/verify");
        browser.findElement(By.id("document")).sendKeys(file.toAbsolutePath().toString());
        submit(".verify-form button[type=submit]", ".refusal", ".report");
        assertThat(browser.findElement(By.cssSelector(".refusal")).getText()).contains("is not a PDF, a PNG or JPEG picture");
        Files.delete(file);
    }

    @Test
    void theHolderTogglesListingAndTheSearchFollowsAtOnce() {
        String surname = TestCertificates.uniqueSurname();
        Issued issued = TestCertificates.issue(http, "CCXP", "Holder " + surname);
        browser.get(issued.holderUrl());
        assertThat(browser.findElement(By.cssSelector("img.preview")).getAttribute("alt")).contains("Holder " + surname);
        assertThat(browser.findElement(By.id("share-link")).getAttribute("value")).isEqualTo(issued.verificationUrl());
        String linkedIn = browser.findElement(By.cssSelector("a.linkedin")).getAttribute("href");
        assertThat(linkedIn).startsWith("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME")
            .contains("certId=" + issued.number(), "organizationName=Customer%20Experience", "expirationYear=");
        Browser.screenshot(browser, "holder-listed");

        submit("form.listing button", ".saved");
        assertThat(browser.findElement(By.cssSelector(".saved")).getText()).contains("no longer listed");
        Browser.screenshot(browser, "holder-unlisted");
        search("holder " + surname);
        assertThat(resultNames()).isEmpty();

        browser.get(issued.holderUrl());
        submit("form.listing button", ".saved");
        assertThat(browser.findElement(By.cssSelector(".saved")).getText()).contains("now listed");
        search("holder " + surname);
        assertThat(resultNames()).containsExactly("Holder " + surname);
    }

    @Test
    void aNameWithMarkupIsShownAsPlainText() {
        String surname = TestCertificates.uniqueSurname();
        String name = "<b>Bold</b> <script>alert(1)</script> " + surname;
        Issued issued = TestCertificates.issue(http, "CCXP", name);
        browser.get(issued.verificationUrl());
        assertThat(browser.findElement(By.cssSelector(".holder-name")).getText()).isEqualTo(name);
        assertThat(browser.findElements(By.cssSelector(".holder-name b"))).isEmpty();
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        search(surname);
        assertThat(resultNames()).containsExactly(name);
        Browser.screenshot(browser, "search-markup-name");
    }
}
