package org.certregistry.web.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates.Issued;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The public pages speak the reader's language: a {@code lang} link (remembered in a cookie), else the cookie, else
 * the browser's Accept-Language, else English; a language the registry does not offer changes nothing.
 */
class ReadersLanguageTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    private EntityExchangeResult<String> get(String uri, String acceptLanguage, String langCookie) {
        return http.get().uri(uri)
            .headers(h -> {
                if (acceptLanguage != null) {
                    h.set(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
                }
            })
            .cookies(c -> {
                if (langCookie != null) {
                    c.add("lang", langCookie);
                }
            })
            .exchange().expectStatus().isOk().expectBody(String.class).returnResult();
    }

    @Test
    void aFrenchBrowserReadsTheHomePageInFrench() {
        String page = get("/", "fr-CA,fr;q=0.9,en;q=0.5", null).getResponseBody();
        assertThat(page).contains("<html lang=\"fr\"", "Vérifier une certification", "Rechercher dans le registre")
            .doesNotContain("Check a certification");
        // the switcher names each language in its own words, links to this page in it, and marks the reader's
        assertThat(page).contains("href=\"/?lang=de\"", ">Deutsch<", ">Español<", ">English<")
            .containsPattern("href=\"/\\?lang=fr\"[^>]*aria-current=\"true\"[^>]*>Français<");
        assertThat(page).doesNotContainPattern("href=\"/\\?lang=de\"[^>]*aria-current");
    }

    @Test
    void withoutAnyPreferenceOrWithAnUnofferedOneThePageIsEnglish() {
        assertThat(get("/", null, null).getResponseBody()).contains("<html lang=\"en\"", "Check a certification");
        assertThat(get("/", "ja-JP, zh;q=0.8", null).getResponseBody()).contains("<html lang=\"en\"", "Check a certification");
        assertThat(get("/", "en-GB", null).getResponseBody()).contains("<html lang=\"en\"");
        // a header that is not a language list at all is no reason to fail the page
        assertThat(get("/", "@@@;q=x,,", null).getResponseBody()).contains("<html lang=\"en\"");
    }

    @Test
    void aLanguageLinkIsRememberedInACookieAndLaterPagesStayInIt() {
        EntityExchangeResult<String> german = get("/registry?q=&lang=de", "fr", null);
        assertThat(german.getResponseBody()).contains("<html lang=\"de\"", "Im Register suchen");
        ResponseCookie cookie = german.getResponseCookies().getFirst("lang");
        assertThat(cookie).isNotNull();
        assertThat(cookie.getValue()).isEqualTo("de");
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
        assertThat(cookie.getMaxAge()).isEqualTo(Duration.ofDays(365));
        // the switcher keeps the rest of the query and drops the old choice
        assertThat(german.getResponseBody()).contains("href=\"/registry?q=&amp;lang=fr\"");

        // later: no lang in the address, a French browser, the cookie: German
        EntityExchangeResult<String> later = get("/verify", "fr", cookie.getValue());
        assertThat(later.getResponseBody()).contains("<html lang=\"de\"", "Dokument prüfen");
        assertThat(later.getResponseCookies().getFirst("lang")).as("set once, not on every page").isNull();
    }

    @Test
    void aLanguageTheRegistryDoesNotOfferIsIgnoredAndNeverEchoed() {
        EntityExchangeResult<String> page = get("/verify?lang=qq-Zqxwv%3Cb%3E", "es", null);
        assertThat(page.getResponseCookies().getFirst("lang")).isNull();
        assertThat(page.getResponseBody()).contains("<html lang=\"es\"", "Verificar un documento").doesNotContain("Zqxwv", "qq-");
        // nor does a forged cookie
        EntityExchangeResult<String> forged = get("/", null, "zz-forged");
        assertThat(forged.getResponseBody()).contains("<html lang=\"en\"").doesNotContain("forged");
        assertThat(get("/", null, "tlh").getResponseBody()).contains("<html lang=\"en\"");
    }

    @Test
    void theQrPageGivesItsDatesInTheReadersLanguage() {
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusMonths(3);
        Issued issued = TestCertificates.issuing(http).program("CCXP").name("Greta Datum " + TestCertificates.uniqueSurname())
            .awardedOn(awarded).issue();
        String german = http.get().uri(issued.verificationUrl() + "?lang=de").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        // "3. März 2025": the German way, as the JDK writes a long German date
        assertThat(german).contains("<html lang=\"de\"", longDate(awarded, Locale.GERMAN), longDate(awarded.plusYears(2), Locale.GERMAN),
                "GÜLTIG", "Erstmals verliehen");
        assertThat(german).doesNotContain(awarded.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)));
        String spanish = get(issued.verificationUrl(), "es", null).getResponseBody();
        assertThat(spanish).contains(longDate(awarded, Locale.forLanguageTag("es")), "VÁLIDO");
        String english = get(issued.verificationUrl(), null, null).getResponseBody();
        assertThat(english).contains(awarded.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)),
                "This certificate is genuine and in force.");
    }

    private static String longDate(LocalDate date, Locale language) {
        return date.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(language));
    }

    @Test
    void everyPublicAndHolderPageHasEveryTextInEveryLanguage() {
        Issued issued = TestCertificates.issue(http, "CCXP", "Sweep " + TestCertificates.uniqueSurname());
        String revoked = TestCertificates.issue(http, "CXSP", "Revoked Sweep").number();
        TestCertificates.revoke(http, revoked);
        String number = issued.number();
        String mistyped = number.substring(0, 5) + (number.charAt(5) == '7' ? '8' : '7') + number.substring(6);
        String[] pages = { "/", "/registry?q=" + mistyped, "/registry?q=a", "/registry?q=sweep", "/verify", "/verify/batch",
            "/v/" + number, "/v/" + revoked, "/v/not-a-number", "/v/" + mistyped, "/issuers/cxpa", "/achievements/ccxp", "/holder/sign-in",
            issued.holderUrl().substring(BASE_URL.length()) };
        for (String language : new String[] { "en", "fr", "es", "de" }) {
            for (String page : pages) {
                String body = http.get().uri(page).header(HttpHeaders.ACCEPT_LANGUAGE, language).accept(MediaType.TEXT_HTML).exchange()
                    .expectBody(String.class).returnResult().getResponseBody();
                // Thymeleaf writes ??key_xx?? for a key no bundle has
                assertThat(body).as(language + " " + page).contains("<html lang=\"" + language + "\"").doesNotContain("??");
            }
        }
    }

    @Test
    void aHolderNameOrdersItselfWhateverItsScript() {
        Issued issued = TestCertificates.issue(http, "CXSP", "مريم الحسيني " + TestCertificates.uniqueSurname());
        String page = get(issued.verificationUrl(), "fr", null).getResponseBody();
        assertThat(page).containsPattern("class=\"holder-name\" dir=\"auto\">مريم الحسيني");
    }
}
