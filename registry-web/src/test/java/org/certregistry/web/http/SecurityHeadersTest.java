package org.certregistry.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

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

/** Security headers on every answer, and pages that need no inline script or style to work. */
class SecurityHeadersTest extends RegistryIntegrationTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_STYLE = Pattern.compile("<style|\\sstyle=|\\son[a-z]+=", Pattern.CASE_INSENSITIVE);

    @Autowired
    WebTestClient http;

    @Test
    void everyPageAndApiAnswerCarriesTheSecurityHeadersAndNoInlineCode() {
        Issued issued = TestCertificates.issue(http, "CCXP", "Headers " + TestCertificates.uniqueSurname());
        List<String> pages = List.of("/", "/registry?q=headers", "/v/" + issued.number(), "/v/nonsense", "/verify",
                issued.holderUrl(), "/api/v1/registry?q=headers", "/api/v1/certificates/" + issued.number());
        for (String page : pages) {
            EntityExchangeResult<String> result = http.get().uri(page).accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON)
                .exchange().expectBody(String.class).returnResult();
            HttpHeaders headers = result.getResponseHeaders();
            String csp = headers.getFirst("Content-Security-Policy");
            assertThat(csp).as(page).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                    "frame-ancestors 'none'", "object-src 'none'").doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(headers.getFirst("X-Content-Type-Options")).as(page).isEqualTo("nosniff");
            assertThat(headers.getFirst("Referrer-Policy")).as(page)
                .isEqualTo(page.equals(issued.holderUrl()) ? "no-referrer" : "strict-origin-when-cross-origin");
            assertThat(headers.getFirst("X-Frame-Options")).as(page).isEqualTo("DENY");
            // plain http here: HSTS would be meaningless and is left out
            assertThat(headers.getFirst("Strict-Transport-Security")).as(page).isNull();
            String body = result.getResponseBody();
            if (body != null && body.startsWith("<!DOCTYPE html>")) {
                assertThat(INLINE_SCRIPT.matcher(body).find()).as(page + " has inline script").isFalse();
                assertThat(INLINE_STYLE.matcher(body).find()).as(page + " has inline style or handlers").isFalse();
                assertThat(body).as(page).contains("<html lang=\"en\"", "<h1");
            }
        }
    }

    @Test
    void everyAnswerUnderAHoldersPrivateLinkSendsNoReferrerAsItsPageSays() {
        Issued issued = TestCertificates.issue(http, "CCXP", "Referrer " + TestCertificates.uniqueSurname());
        String page = http.get().uri(issued.holderUrl()).exchange().expectStatus().isOk()
            .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
            .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<meta name=\"referrer\" content=\"no-referrer\"");
        for (String path : List.of("/credential.jwt", "/certificate.pdf", "/no-such-download")) {
            http.get().uri(issued.holderUrl() + path).exchange().expectHeader().valueEquals("Referrer-Policy", "no-referrer");
        }
        http.get().uri("/h/not-a-token").exchange().expectHeader().valueEquals("Referrer-Policy", "no-referrer");
        http.get().uri("/v/" + issued.number()).exchange()
            .expectHeader().valueEquals("Referrer-Policy", "strict-origin-when-cross-origin");
    }

    @Test
    void theHolderAreasCsrfCookieIsSameSiteLaxLikeEveryOther() {
        ResponseCookie holder = http.get().uri("/holder/sign-in").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(holder).as("the sign-in form sets the CSRF cookie").isNotNull();
        assertThat(holder.getSameSite()).isEqualTo("Lax");
        assertThat(holder.isHttpOnly()).isTrue();
        ResponseCookie console = http.get().uri("/admin/login").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(holder.getPath()).isEqualTo(console.getPath());
    }

    @Test
    void aClaimedHttpsSchemeFromAnUntrustedHeaderGetsNoStrictTransportSecurity() {
        // forwarded headers are not trusted unless server.forward-headers-strategy says so: the scheme stays http
        http.get().uri("/").header("X-Forwarded-Proto", "https").exchange()
            .expectHeader().doesNotExist("Strict-Transport-Security");
    }
}
