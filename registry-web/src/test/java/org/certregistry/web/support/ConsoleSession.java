package org.certregistry.web.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signs in to the console through its login form, as a browser does, for HTTP-level console
 * tests. The console session is the {@value #COOKIE} cookie; a form's CSRF token goes with the
 * {@value #CSRF_COOKIE} cookie of the page that carried it (double submit, nothing on the server).
 */
public final class ConsoleSession {

    public static final String COOKIE = "CONSOLE_SESSION";

    public static final String CSRF_COOKIE = "XSRF-TOKEN";

    /** A console page as fetched, with the CSRF cookie set with it (if any). */
    public record Page(String html, String csrfCookie) {

        /** The CSRF token of this page's forms. */
        public String token() {
            return csrfToken(html);
        }
    }

    private ConsoleSession() {
    }

    /** Answers the session cookie of a signed-in console session. */
    public static String signIn(WebTestClient http, String user, String password) {
        EntityExchangeResult<String> page = http.get().uri("/admin/login").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult();
        assertThat(page.getResponseCookies().getFirst("SESSION")).as("no server session for an anonymous visitor").isNull();
        ResponseCookie csrf = page.getResponseCookies().getFirst(CSRF_COOKIE);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", password);
        form.add("_csrf", csrfToken(page.getResponseBody()));
        EntityExchangeResult<byte[]> login = http.post().uri("/admin/login").cookie(CSRF_COOKIE, csrf.getValue())
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form))
            .exchange().expectStatus().isFound().expectBody().returnResult();
        assertThat(login.getResponseHeaders().getLocation()).hasToString("/admin/certificates");
        return login.getResponseCookies().getFirst(COOKIE).getValue();
    }

    /** A console page fetched in a signed-in session, with the CSRF cookie its forms need. */
    public static Page page(WebTestClient http, String session, String uri, Object... variables) {
        EntityExchangeResult<String> page = http.get().uri(uri, variables).cookie(COOKIE, session).exchange()
            .expectStatus().isOk().expectBody(String.class).returnResult();
        ResponseCookie csrf = page.getResponseCookies().getFirst(CSRF_COOKIE);
        return new Page(page.getResponseBody(), csrf == null ? null : csrf.getValue());
    }

    /** The CSRF token of a page's forms. */
    public static String csrfToken(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the page has a CSRF field").isTrue();
        return m.group(1);
    }
}
