package org.certregistry.web.holder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.certregistry.web.support.Accessibility;
import org.certregistry.web.support.Browser;
import org.certregistry.web.support.Documents;
import org.certregistry.web.support.MailIntegrationTest;
import org.certregistry.web.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One holder through a whole cycle in a real Chromium, every e-mail read back from the SMTP
 * server: the issuance mail, signing in by e-mailed link, submitting CEU activities with evidence,
 * an admin approving them in the console, the decision mails, the renewal request, the renewal
 * mail and the new PDF. Screenshots land in target/screenshots; the pages only this flow reaches
 * (the rule met, the renewal done) are checked against WCAG 2.2 AA too.
 */
class RecertificationBrowserTest extends MailIntegrationTest {

    static final String HOLDER = "bea.browser@example.org";
    static final DateTimeFormatter PDF_DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    @Autowired
    WebTestClient http;

    @Test
    void aHolderSignsInSubmitsCeusGetsThemApprovedRenewsAndDownloadsTheNewPdf() throws Exception {
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusYears(2).plusDays(45);
        String number = issue(awarded);
        Mailbox.Mail issued = MAILBOX.await(HOLDER, s -> s.contains(number + " issued"));
        assertThat(issued.link(BASE_URL + "/h/")).isNotBlank();

        Path evidence = Files.createTempFile("attendance", ".pdf");
        Files.write(evidence, "%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".getBytes());
        ChromeDriver browser = Browser.open(1280, 1100);
        try {
            // ask for a sign-in link and use it
            browser.get(BASE_URL + "/holder");
            assertThat(browser.getCurrentUrl()).endsWith("/holder/sign-in");
            browser.findElement(By.id("email")).sendKeys(HOLDER);
            submit(browser, "form.sign-in button");
            assertThat(browser.findElement(By.id("sent")).getText()).contains("a sign-in link is on its way");
            Browser.screenshot(browser, "recert-01-link-sent");
            String link = MAILBOX.await(HOLDER, s -> s.equals("Your sign-in link")).link(BASE_URL + "/holder/sign-in/");
            browser.get(link);
            submit(browser, "#sign-in");
            assertThat(browser.findElement(By.id("signed-in-as")).getText()).isEqualTo(HOLDER);
            Browser.screenshot(browser, "recert-02-holder-area");

            // two activities with evidence
            navigates(browser, browser.findElement(By.linkText(number))::click);
            assertThat(browser.findElement(By.id("progress")).getText()).isEqualTo("0 of 20 CEUs count in this cycle.");
            LocalDate earned = awarded.plusMonths(2);
            submitActivity(browser, "Keynote at CX Day", "speaking", 10, earned, evidence);
            submitActivity(browser, "CX Summit 2025", "program-attendance", 10, earned, evidence);
            assertThat(browser.findElement(By.id("submissions")).getText()).contains("Keynote at CX Day", "pending");
            Browser.screenshot(browser, "recert-03-submitted");
            String holderPage = browser.getCurrentUrl().replaceAll("\\?.*", "");

            // an admin approves both in the console
            browser.get(BASE_URL + "/admin/login");
            browser.findElement(By.id("username")).sendKeys(ADMIN_USER);
            browser.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
            submit(browser, "main form button");
            for (String activity : new String[] {"Keynote at CX Day", "CX Summit 2025"}) {
                browser.get(BASE_URL + "/admin/ceus?program=CCXP");
                navigates(browser, browser.findElement(By.linkText(activity))::click);
                assertThat(browser.findElement(By.id("evidence")).getText()).contains("application/pdf");
                Browser.screenshot(browser, "recert-04-review");
                submit(browser, "#approve");
            }
            // both decisions, however far apart the SMTP server receives them
            MAILBOX.await(HOLDER, s -> s.endsWith("CEU submission approved")
                    && MAILBOX.to(HOLDER).stream().filter(m -> m.subject().endsWith("CEU submission approved")).count() >= 2);
            assertThat(MAILBOX.to(HOLDER)).filteredOn(m -> m.subject().endsWith("CEU submission approved")).hasSize(2)
                .allSatisfy(m -> assertThat(m.text()).contains("counts towards your renewal"));

            // the holder sees 20 of 20 and renews
            browser.get(holderPage);
            assertThat(browser.findElement(By.id("progress")).getText()).isEqualTo("20 of 20 CEUs count in this cycle.");
            Accessibility.assertNoViolations(browser, "holder certificate, rule met");
            submit(browser, "#request-renewal");
            assertThat(browser.findElement(By.id("renewed")).getText()).contains("Renewed");
            LocalDate newEnd = awarded.plusYears(4);
            assertThat(browser.findElement(By.id("valid-until")).getText()).isEqualTo(PDF_DATE.format(newEnd));
            Browser.screenshot(browser, "recert-05-renewed");
            Accessibility.assertNoViolations(browser, "holder certificate, renewed");
            Mailbox.Mail renewed = MAILBOX.await(HOLDER, s -> s.endsWith(number + " renewed"));
            assertThat(renewed.html()).contains("now valid until");

            // the new PDF, fetched with the holder's session as the browser holds it
            String session = browser.manage().getCookieNamed("holder_session").getValue();
            byte[] pdf = http.get().uri("/holder/certificates/{n}/certificate.pdf", number).cookie("holder_session", session)
                .exchange().expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectBody(byte[].class).returnResult().getResponseBody();
            assertThat(Documents.pdfText(pdf)).contains(number).contains(PDF_DATE.format(newEnd));
        }
        finally {
            browser.quit();
        }
        assertThat(MAILBOX.to(HOLDER)).extracting(Mailbox.Mail::subject).contains("Your sign-in link",
                "CCXP certificate " + number + " renewed");
    }

    private static final String ADMIN_USER = "admin";

    private void submitActivity(ChromeDriver browser, String activity, String category, int units, LocalDate earned, Path file) {
        browser.findElement(By.id("activity")).sendKeys(activity);
        new Select(browser.findElement(By.id("category"))).selectByValue(category);
        new Select(browser.findElement(By.id("measure"))).selectByValue("ceu");
        browser.findElement(By.id("quantity")).sendKeys(String.valueOf(units));
        WebElement date = browser.findElement(By.id("earned-on"));
        browser.executeScript("arguments[0].value = arguments[1]", date, earned.toString());
        browser.findElement(By.id("evidence")).sendKeys(file.toAbsolutePath().toString());
        submit(browser, "#submit-ceu");
        assertThat(browser.findElements(By.id("problem"))).isEmpty();
    }

    private String issue(LocalDate awarded) {
        @SuppressWarnings("unchecked")
        Map<String, Object> issued = http.post().uri("/api/v1/admin/certificates")
            .headers(h -> h.setBasicAuth("admin", ADMIN_PASSWORD))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("program", "CCXP", "holder", Map.of("name", "Bea Browser", "email", HOLDER),
                    "awardedOn", awarded.toString()))
            .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return (String) issued.get("number");
    }

    static final String ADMIN_PASSWORD = "registry-dev-admin";

    private static void submit(ChromeDriver browser, String css) {
        navigates(browser, browser.findElement(By.cssSelector(css))::click);
    }

    /** Runs {@code action} and waits until a new, fully loaded document has replaced the current one. */
    private static void navigates(ChromeDriver browser, Runnable action) {
        browser.executeScript("window.oldPage = true");
        action.run();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> Boolean.TRUE.equals(((ChromeDriver) b)
            .executeScript("return window.oldPage === undefined && document.readyState === 'complete'")));
    }
}
