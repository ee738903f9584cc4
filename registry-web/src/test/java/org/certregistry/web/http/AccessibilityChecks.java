package org.certregistry.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.certregistry.web.certificate.Lifecycle;
import org.certregistry.web.support.Accessibility;
import org.certregistry.web.support.Browser;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What the accessibility checks share: a real headless Chromium, axe-core against WCAG 2.2 A and AA
 * ({@link Accessibility}), reflow at a narrow width, and the failures gathered so one run names
 * every failing page (kept as {@code target/screenshots/a11y-*.png}). Two classes use it, the
 * public pages and the holder's and console's, so the suite's two JVMs can run them side by side.
 */
abstract class AccessibilityChecks extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    Lifecycle lifecycle;

    ChromeDriver browser;

    /** Each page's violations, gathered so that one run names every failing page. */
    final List<String> failures = new ArrayList<>();

    /** Where above 0, pages are checked laid out this wide too, and must reflow to it. */
    int reflowWidth;
    /**
     * Audit only at {@link #reflowWidth}: for a page already audited at both widths in another language, what a language
     * changes (its {@code lang}, longer words that stop fitting) shows at the narrow width; the colours and structure do
     * not change with it.
     */
    boolean narrowOnly;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    void press(Keys key) {
        new Actions(browser).sendKeys(key).perform();
    }

    WebElement focused() {
        return browser.switchTo().activeElement();
    }

    /** Presses TAB until the focused element matches {@code css}, every stop on the way showing its focus. */
    void tabTo(String css, int atMost) {
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
    void assertFocusVisible() {
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

    void check(String path, String page) {
        browser.get(BASE_URL + path);
        audit(page);
    }

    /** axe's verdict on the page as shown, and where {@link #reflowWidth} is set, laid out that narrow too. */
    void audit(String page) {
        if (!narrowOnly) {
            axe(page);
        }
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

    void axe(String page) {
        try {
            Accessibility.assertNoViolations(browser, page);
        }
        catch (AssertionError ex) {
            failures.add(ex.getMessage());
        }
    }

    /** WCAG 1.4.10: the page needs no sideways scrolling (a wide table may scroll in its own box). */
    void reflows(String page) {
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

    void assertClean() {
        assertThat(failures).as("pages that break WCAG 2.2 AA").isEmpty();
    }

    /** The link of the sign-in e-mail, read from the development mailbox as an admin (no SMTP server in this context). */
    String signInLink(String email) {
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

    void signIn(String user, String password) {
        browser.get(BASE_URL + "/admin/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        submit("main form button");
    }

    void submit(String css) {
        try {
            navigates(browser.findElement(By.cssSelector(css))::click);
        }
        catch (RuntimeException ex) {
            Browser.screenshot(browser, "a11y-failed-submit");
            throw ex;
        }
    }

    /** Runs {@code action} and waits until a new, fully loaded document has replaced the current one. */
    void navigates(Runnable action) {
        browser.executeScript("window.oldPage = true");
        action.run();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(b -> Boolean.TRUE.equals(((ChromeDriver) b)
            .executeScript("return window.oldPage === undefined && document.readyState === 'complete'")));
    }
}
