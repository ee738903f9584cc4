package org.certregistry.web.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.openqa.selenium.chrome.ChromeDriver;

/**
 * WCAG 2.2 level A and AA, as far as a machine can tell, checked by axe-core inside the page the
 * browser shows. axe's script comes from the test classpath and is injected with WebDriver (no
 * {@code <script>} element, so the pages' own "no script" assertions still hold); a page with any
 * violation fails the test with the rule, its impact, the offending elements and axe's help.
 */
public final class Accessibility {

    /** axe.min.js as Deque publishes it on Maven Central (registry-web/pom.xml says which version). */
    private static final String AXE_RESOURCE = "axe.min.js";

    /** The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA; axe's best practices are left out. */
    public static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private static final String AXE = load();

    /** Runs axe and answers each violation as one flat map, built in the page so WebDriver carries plain values. */
    private static final String RUN = """
            const tags = arguments[0], done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
              .then(r => done({ version: axe.version, violations: r.violations.map(v => ({
                  id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
                  nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' ')) })) }))
              .catch(e => done({ error: String(e) }));
            """;

    /** One rule broken somewhere on the page. */
    public record Violation(String rule, String impact, String help, String helpUrl, List<String> nodes) {

        @Override
        public String toString() {
            return rule + " [" + impact + "] " + help + " (" + helpUrl + ")"
                    + nodes.stream().map(n -> "\n      at " + n).collect(Collectors.joining());
        }
    }

    private Accessibility() {
    }

    /** Fails, naming every violation, unless the page now shown passes WCAG 2.2 AA as axe checks it. */
    public static void assertNoViolations(ChromeDriver browser, String page) {
        List<Violation> found = violations(browser);
        if (!found.isEmpty()) {
            Browser.screenshot(browser, "a11y-" + page.replaceAll("[^A-Za-z0-9]+", "-"));
            throw new AssertionError(found.size() + " WCAG 2.2 AA violation(s) on " + page + " (" + browser.getCurrentUrl()
                    + "):" + found.stream().map(v -> "\n  - " + v).collect(Collectors.joining()));
        }
    }

    /** The WCAG 2.2 AA violations axe finds on the page now shown. */
    @SuppressWarnings("unchecked")
    public static List<Violation> violations(ChromeDriver browser) {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        if (!Boolean.TRUE.equals(browser.executeScript("return typeof window.axe === 'object'"))) {
            browser.executeScript(AXE);
        }
        Map<String, Object> result = (Map<String, Object>) browser.executeAsyncScript(RUN, WCAG_22_AA);
        if (result.containsKey("error")) {
            throw new IllegalStateException("axe could not run on " + browser.getCurrentUrl() + ": " + result.get("error"));
        }
        return ((List<Map<String, Object>>) result.get("violations")).stream()
            .map(v -> new Violation((String) v.get("id"), (String) v.get("impact"), (String) v.get("help"),
                    (String) v.get("helpUrl"), (List<String>) v.get("nodes")))
            .toList();
    }

    private static String load() {
        try (InputStream in = Accessibility.class.getClassLoader().getResourceAsStream(AXE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(AXE_RESOURCE + " is not on the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
