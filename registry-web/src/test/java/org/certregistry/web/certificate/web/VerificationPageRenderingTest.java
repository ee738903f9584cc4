package org.certregistry.web.certificate.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import org.certregistry.web.http.RenderedPages;
import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The {@code /v} page reuses its rendering while what it shows is the same, and never shows an
 * older state or another language for it: a revocation is on the next page, a reader in French
 * or German gets their own.
 */
class VerificationPageRenderingTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    MeterRegistry meters;

    @Test
    void theSamePageIsRenderedOnceAndAChangeOrAnotherLanguageIsNeverAnsweredFromAnOlderRendering() {
        AdminApi api = new AdminApi(http);
        String number = api.issue("CCXP", "Rendered Once", java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusMonths(1));

        double renderedBefore = gets("miss");
        double reusedBefore = gets("hit");
        var rendered = answer(number, "en");
        var reused = answer(number, "en");
        String first = rendered.getResponseBody();
        String second = reused.getResponseBody();
        // the reused rendering carries the headers the template set on it
        assertThat(reused.getResponseHeaders().getContentType()).isEqualTo(rendered.getResponseHeaders().getContentType());
        assertThat(reused.getResponseHeaders().getContentLanguage()).isEqualTo(java.util.Locale.ENGLISH)
            .isEqualTo(rendered.getResponseHeaders().getContentLanguage());
        assertThat(first).contains(">VALID<").contains("lang=\"en\"");
        assertThat(second).isEqualTo(first);
        assertThat(gets("miss") - renderedBefore).isEqualTo(1);
        assertThat(gets("hit") - reusedBefore).isEqualTo(1);

        assertThat(page(number, "fr")).contains("lang=\"fr\"").contains("VALIDE").doesNotContain(">VALID<");
        assertThat(page(number, "de")).contains("lang=\"de\"").doesNotContain(">VALID<");

        api.act(number, "revoke", "Revoked in a test", null).expectStatus().isOk();
        assertThat(page(number, "en")).contains(">REVOKED<").doesNotContain(">VALID<");
        assertThat(page(number, "fr")).contains("RÉVOQUÉ");
    }

    private String page(String number, String language) {
        return answer(number, language).getResponseBody();
    }

    private EntityExchangeResult<String> answer(String number, String language) {
        return http.get().uri("/v/{n}", number).accept(MediaType.TEXT_HTML).header(HttpHeaders.ACCEPT_LANGUAGE, language)
            .exchange().expectStatus().isOk()
            .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
            .expectBody(String.class).returnResult();
    }

    private double gets(String result) {
        var counter = meters.find("cache.gets").tags("cache", RenderedPages.CACHE_NAME, "result", result).functionCounter();
        return counter == null ? 0 : counter.count();
    }
}
