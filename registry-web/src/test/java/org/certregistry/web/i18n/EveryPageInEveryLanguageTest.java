package org.certregistry.web.i18n;

import java.time.LocalDate;
import java.time.ZoneOffset;

import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.ConsoleSession;
import org.certregistry.web.support.PageWords;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.TestCertificates.Issued;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * No page breaks character: every public page, in every state it shows a certificate in, and every verdict of
 * {@code /verify}, in every language, without a missing text ({@code ??key??}) or a code word where a word belongs
 * ({@link PageWords}). The holder's pages are swept signed in, by {@code ceu/HolderPagesInEveryLanguageTest}.
 */
class EveryPageInEveryLanguageTest extends RegistryIntegrationTest {

    static final String[] LANGUAGES = { "en", "fr", "de", "es" };

    @Autowired
    WebTestClient http;

    @Test
    void everyPublicPageAndEveryVerdictReadsAsWordsInEveryLanguage() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        AdminApi admin = new AdminApi(http);
        Issued valid = TestCertificates.issuing(http).issue();
        Issued expired = TestCertificates.issuing(http).awardedOn(today.minusYears(2).minusDays(20)).issue();
        Issued lapsed = TestCertificates.issuing(http).awardedOn(today.minusYears(2).minusDays(200)).issue();
        Issued suspended = TestCertificates.issuing(http).program("CXSP").issue();
        admin.act(suspended.number(), "suspend", "Fee unpaid", null).expectStatus().isOk();
        Issued revoked = TestCertificates.issuing(http).issue();
        TestCertificates.revoke(http, revoked.number());
        Issued renewed = TestCertificates.issuing(http).awardedOn(today.minusYears(1)).issue();
        admin.recordCeus(renewed.number(), "speaking", "ceu", 10, today.minusMonths(6)).expectStatus().isCreated();
        admin.recordCeus(renewed.number(), "program-attendance", "ceu", 10, today.minusMonths(5)).expectStatus().isCreated();
        admin.act(renewed.number(), "renew", null, null).expectStatus().isOk();
        String tampered = valid.credential().substring(0, valid.credential().length() - 4) + "AAAA";

        String[] pages = { "/", "/registry?q=test", "/registry?q=zzzzqqq", "/verify", "/verify/batch", "/issuers/cxpa",
            "/achievements/ccxp", "/holder/sign-in", "/v/" + valid.number(), "/v/" + expired.number(), "/v/" + lapsed.number(),
            "/v/" + suspended.number(), "/v/" + revoked.number(), "/v/" + renewed.number(), "/v/not-a-number",
            valid.holderUrl().substring(BASE_URL.length()), lapsed.holderUrl().substring(BASE_URL.length()) };
        String[] credentials = { valid.credential(), expired.credential(), lapsed.credential(), suspended.credential(),
            revoked.credential(), renewed.credential(), tampered, "not a credential" };
        for (String language : LANGUAGES) {
            for (String page : pages) {
                String body = http.get().uri(page + (page.contains("?") ? "&" : "?") + "lang=" + language).accept(MediaType.TEXT_HTML)
                    .exchange().expectBody(String.class).returnResult().getResponseBody();
                PageWords.assertWords(body, language, page);
            }
            for (String credential : credentials) {
                EntityExchangeResult<String> empty = http.get().uri("/verify?lang=" + language).accept(MediaType.TEXT_HTML).exchange()
                    .expectBody(String.class).returnResult();
                MultipartBodyBuilder form = new MultipartBodyBuilder();
                form.part("_csrf", ConsoleSession.csrfToken(empty.getResponseBody()));
                form.part("credential", credential);
                String verdict = http.post().uri("/verify?lang=" + language).accept(MediaType.TEXT_HTML)
                    .cookie(ConsoleSession.CSRF_COOKIE, empty.getResponseCookies().getFirst(ConsoleSession.CSRF_COOKIE).getValue())
                    .body(BodyInserters.fromMultipartData(form.build())).exchange().expectBody(String.class).returnResult()
                    .getResponseBody();
                PageWords.assertWords(verdict, language, "/verify with " + credential.substring(0, Math.min(20, credential.length())));
            }
        }
    }
}
