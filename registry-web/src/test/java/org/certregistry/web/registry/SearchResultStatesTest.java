package org.certregistry.web.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.certregistry.web.certificate.PublicStatus;
import org.certregistry.web.i18n.Languages;
import org.certregistry.web.i18n.Messages;
import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.Stylesheet;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A search result says what became of a certificate that is not in force, in words and in its own colour and mark:
 * only a valid one shows "Valid from – until".
 */
class SearchResultStatesTest extends RegistryIntegrationTest {

    private static final Pattern RESULT = Pattern.compile("(?s)<li class=\"result\">(.*?)</li>");
    private static final Pattern NUMBER = Pattern.compile("<span class=\"result-number number\">([^<]+)</span>");
    private static final Pattern WINDOW = Pattern.compile("(?s)<span class=\"result-window\">(.*?)</span>");

    @Autowired
    WebTestClient http;

    @Autowired
    Languages languages;

    @Autowired
    Messages messages;

    @Test
    void eachResultNotInForceSaysWhatBecameOfItInsteadOfItsValidityWindowInEveryLanguage() {
        AdminApi admin = new AdminApi(http);
        String surname = TestCertificates.uniqueSurname();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, PublicStatus> issued = new HashMap<>();
        issued.put(admin.issue("CCXP", "Vera " + surname, today.minusDays(10)), PublicStatus.VALID);
        // CCXP: two years, then 90 days of grace
        issued.put(admin.issue("CCXP", "Eddie " + surname, today.minusYears(2).minusDays(10)), PublicStatus.EXPIRED);
        issued.put(admin.issue("CCXP", "Lana " + surname, today.minusYears(2).minusDays(100)), PublicStatus.LAPSED);
        String revoked = admin.issue("CCXP", "Rex " + surname, today.minusDays(10));
        TestCertificates.revoke(http, revoked);
        issued.put(revoked, PublicStatus.REVOKED);
        String suspended = admin.issue("CCXP", "Sue " + surname, today.minusDays(10));
        admin.act(suspended, "suspend", "paperwork", null).expectStatus().isOk();
        issued.put(suspended, PublicStatus.SUSPENDED);

        for (Locale language : languages.offered()) {
            String page = http.get().uri("/registry?q={q}", surname).cookie("lang", language.toLanguageTag())
                .accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
            assertThat(page).as("in %s", language).doesNotContain("??");
            Map<String, String> results = new HashMap<>();
            Matcher result = RESULT.matcher(page);
            while (result.find()) {
                Matcher number = NUMBER.matcher(result.group(1));
                assertThat(number.find()).isTrue();
                results.put(number.group(1), result.group(1));
            }
            assertThat(results).as("in %s", language).containsOnlyKeys(issued.keySet());
            issued.forEach((number, status) -> {
                String shown = results.get(number);
                String name = status.name().toLowerCase(Locale.ROOT);
                assertThat(shown).as("%s in %s", status, language)
                    .contains("class=\"status status-" + name + "\"", "<svg class=\"mark\"",
                            messages.in(language, "status." + status.name()));
                Matcher window = WINDOW.matcher(shown);
                assertThat(window.find()).isTrue();
                String words = window.group(1).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").strip();
                String valid = messages.in(language, "registry.valid");
                if (status == PublicStatus.VALID) {
                    assertThat(words).startsWith(valid + " ").contains(" – ");
                }
                else {
                    String sentence = messages.in(language, "registry.window." + status.name(), "\u0000");
                    assertThat(words).as("%s in %s", status, language)
                        .startsWith(sentence.substring(0, sentence.indexOf('\u0000') < 0 ? sentence.length() : sentence.indexOf('\u0000')))
                        .doesNotStartWith(valid + " ").doesNotContain(" – ");
                }
            });
        }
    }

    @Test
    void everyPublicStatusHasItsOwnColour() {
        Stylesheet css = new Stylesheet(http.get().uri("/css/registry.css").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody());
        for (PublicStatus status : PublicStatus.values()) {
            assertThat(css.colours(".status-" + status.name().toLowerCase(Locale.ROOT))).as(status.name()).isTrue();
        }
    }
}
