package org.certregistry.web.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.certregistry.web.support.Accessibility;
import org.certregistry.web.support.Browser;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's main flows in a real headless Chromium: sign in, issue, suspend, reinstate,
 * revoke, record CEUs and renew, upload a cohort and watch it issue, and the auditor's
 * read-only view. Screenshots land in target/screenshots; the states only this flow reaches are
 * checked against WCAG 2.2 AA too (the other console pages: system/AccessibilityBrowserTest).
 */
class AdminConsoleBrowserTest extends RegistryIntegrationTest {

    static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    @Test
    void anAdminRunsTheWholeLifecycleFromTheConsole() throws Exception {
        ChromeDriver browser = Browser.open(1280, 1000);
        try {
            // sign in (a wrong password first)
            browser.get(BASE_URL + "/admin/certificates");
            assertThat(browser.getCurrentUrl()).endsWith("/admin/login");
            signIn(browser, ADMIN, "not-the-password");
            assertThat(text(browser, ".notice.bad")).contains("Wrong user name or password");
            Browser.screenshot(browser, "admin-01-login-error");
            signIn(browser, ADMIN, ADMIN_PASSWORD);
            assertThat(browser.getCurrentUrl()).endsWith("/admin/certificates");

            // issue one certificate
            String number = issue(browser, "CXSP", "Þóra Sigurðardóttir", "thora@example.org", null);
            Browser.screenshot(browser, "admin-02-issued");
            assertThat(browser.findElement(By.cssSelector(".holder-link")).getText()).startsWith(BASE_URL + "/h/");
            follow(browser, "Open the certificate");
            assertThat(text(browser, "h1")).contains(number, "Valid");

            // suspend, reinstate, revoke
            act(browser, "suspend", "Complaint under investigation");
            assertThat(text(browser, ".notice.ok")).contains("suspended");
            assertThat(text(browser, "h1")).contains("Suspended");
            assertThat(browser.findElements(By.id("suspend"))).isEmpty();
            Browser.screenshot(browser, "admin-03-suspended");
            Accessibility.assertNoViolations(browser, "console certificate, suspended");
            act(browser, "reinstate", "Complaint dismissed");
            assertThat(text(browser, "h1")).contains("Valid");
            act(browser, "revoke", "Certificate obtained by fraud");
            // revoking cannot be undone: a second step says what will happen, and nothing has changed yet
            assertThat(text(browser, "#revoke-consequences")).isEqualTo("Revoke certificate " + number
                    + ": this cannot be undone. The holder is e-mailed; the public page will say revoked.");
            Browser.screenshot(browser, "admin-04-revoke-confirm");
            submit(browser, "#revoke-confirm button");
            assertThat(text(browser, "h1")).contains("Revoked");
            assertThat(browser.findElements(By.cssSelector("section.actions"))).isEmpty();
            assertThat(browser.findElements(By.cssSelector("td.event-action")).stream().map(WebElement::getText))
                .containsExactly("Issued", "Suspended", "Reinstated", "Revoked");
            Browser.screenshot(browser, "admin-04-revoked-with-history");

            // a CCXP in its grace period: CEUs, a refused renewal, then the renewal
            LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusYears(2).minusDays(20);
            String renewing = issue(browser, "CCXP", "Giulia Rinnovo", "giulia@example.org", awarded);
            follow(browser, "Open the certificate");
            assertThat(text(browser, "h1")).contains(renewing, "Expired");
            recordCeus(browser, "speaking", "ceu", "10", awarded.plusMonths(2));
            assertThat(text(browser, ".counted")).isEqualTo("10 of 20 CEUs count");
            submit(browser, "#renew button");
            assertThat(text(browser, ".notice.bad")).contains("10 CEUs are missing");
            Browser.screenshot(browser, "admin-05-renewal-refused");
            recordCeus(browser, "college-courses", "quarter-credit-hour", "1", awarded.plusMonths(5));
            assertThat(text(browser, ".met")).contains("rule is met");
            submit(browser, "#renew button");
            assertThat(text(browser, ".notice.ok")).contains("renewed");
            assertThat(text(browser, "h1")).contains("Valid");
            assertThat(text(browser, ".credential-version")).isEqualTo("2");
            // the console writes dates the reader's way (format.date): "3 March 2028" in English
            assertThat(text(browser, ".valid-until")).isEqualTo(LONG_DATE.format(awarded.plusYears(4)));
            assertThat(text(browser, ".valid-from")).isEqualTo(LONG_DATE.format(awarded.plusYears(2)));
            Browser.screenshot(browser, "admin-06-renewed");
            Accessibility.assertNoViolations(browser, "console certificate, renewed");

            // the list filters
            browser.get(BASE_URL + "/admin/certificates?q=Giulia");
            assertThat(text(browser, "table.results")).contains(renewing).doesNotContain(number);
            Browser.screenshot(browser, "admin-07-list");

            // a cohort with a bad row: reported, then the good rows issued with live progress
            Path csv = Files.createTempFile("cohort", ".csv");
            StringBuilder rows = new StringBuilder("program,name,email,awarded_on,listed\n");
            for (int i = 0; i < 40; i++) {
                rows.append("CCXP,Browser Cohort ").append(i).append(",bc").append(i).append("@example.org,2026-01-05,yes\n");
            }
            rows.append("CCXQ,Wrong Program,wp@example.org,2026-01-05,yes\n");
            Files.writeString(csv, rows);
            browser.get(BASE_URL + "/admin/cohorts");
            browser.findElement(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
            submit(browser, "#cohort-upload button");
            assertThat(text(browser, ".summary")).contains("40 good rows", "1 bad rows");
            assertThat(text(browser, ".bad-rows-table")).contains("42", "unknown program 'CCXQ'");
            Browser.screenshot(browser, "admin-08-cohort-checked");
            browser.findElement(By.name("goodRowsOnly")).click();
            submit(browser, "#cohort-issue button");
            new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(b -> "DONE".equals(b.findElement(By.id("progress-stage")).getAttribute("data-stage")));
            assertThat(text(browser, "#progress-issued")).isEqualTo("40");
            assertThat(browser.findElement(By.id("result-link")).getAttribute("href")).endsWith("/result.csv");
            Browser.screenshot(browser, "admin-09-cohort-done");

            // sign out; the auditor sees the same certificate without any action
            submit(browser, "form.signout button");
            assertThat(text(browser, ".notice.ok")).contains("signed out");
            signIn(browser, AUDITOR, AUDITOR_PASSWORD);
            browser.get(BASE_URL + "/admin/certificates/" + renewing);
            assertThat(text(browser, ".who")).isEqualTo("Signed in as auditor, read-only");
            assertThat(browser.findElements(By.cssSelector("form.action, form.ceu-entry"))).isEmpty();
            assertThat(browser.findElements(By.cssSelector("td.event-action")).stream().map(WebElement::getText))
                .containsExactly("Issued", "CEUs recorded", "CEUs recorded", "Renewed");
            Browser.screenshot(browser, "admin-10-auditor-read-only");
        }
        catch (RuntimeException | AssertionError ex) {
            Browser.screenshot(browser, "admin-failed-here");
            throw ex;
        }
        finally {
            browser.quit();
        }
    }

    /** Clicks a submit button and waits for the next page to replace this one. */
    private static void submit(ChromeDriver browser, String css) {
        WebElement button = browser.findElement(By.cssSelector(css));
        navigates(browser, button::click);
    }

    private static void follow(ChromeDriver browser, String link) {
        WebElement anchor = browser.findElement(By.linkText(link));
        navigates(browser, anchor::click);
    }

    /** Runs {@code action} and waits until a new, fully loaded document has replaced the current one. */
    private static void navigates(ChromeDriver browser, Runnable action) {
        browser.executeScript("window.oldPage = true");
        action.run();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> Boolean.TRUE.equals(((ChromeDriver) b)
            .executeScript("return window.oldPage === undefined && document.readyState === 'complete'")));
    }

    private static void signIn(ChromeDriver browser, String user, String password) {
        browser.get(BASE_URL + "/admin/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        submit(browser, "main form button");
    }

    private static String issue(ChromeDriver browser, String program, String name, String email, LocalDate awarded) {
        browser.get(BASE_URL + "/admin/certificates/new");
        new Select(browser.findElement(By.id("program"))).selectByValue(program);
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("email")).sendKeys(email);
        if (awarded != null) {
            setDate(browser, browser.findElement(By.id("awardedOn")), awarded);
        }
        submit(browser, "#issue button");
        return browser.findElement(By.cssSelector("h1 .number")).getText();
    }

    private static void act(ChromeDriver browser, String action, String reason) {
        browser.findElement(By.id(action + "-reason")).sendKeys(reason);
        submit(browser, "#" + action + " button");
    }

    private static void recordCeus(ChromeDriver browser, String category, String measure, String quantity, LocalDate earned) {
        new Select(browser.findElement(By.name("category"))).selectByValue(category);
        new Select(browser.findElement(By.name("measure"))).selectByValue(measure);
        browser.findElement(By.name("quantity")).sendKeys(quantity);
        setDate(browser, browser.findElement(By.name("earnedOn")), earned);
        submit(browser, "#ceus button");
    }

    /** Date inputs take typed text in the browser's locale; setting the value is locale-proof. */
    private static void setDate(ChromeDriver browser, WebElement input, LocalDate date) {
        browser.executeScript("arguments[0].value = arguments[1]", input, date.toString());
    }

    private static String text(ChromeDriver browser, String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }
}
