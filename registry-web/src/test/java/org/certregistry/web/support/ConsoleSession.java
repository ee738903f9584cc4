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

/** Signs in to the console through its login form, as a browser does, for HTTP-level console tests. */
public final class ConsoleSession {

    private ConsoleSession() {
    }

    /** Answers the session cookie of a signed-in console session. */
    public static String signIn(WebTestClient http, String user, String password) {
        EntityExchangeResult<String> page = http.get().uri("/admin/login").exchange().expectStatus().isOk()
            .expectBody(String.class).returnResult();
        ResponseCookie anonymous = page.getResponseCookies().getFirst("SESSION");
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", password);
        form.add("_csrf", csrfToken(page.getResponseBody()));
        EntityExchangeResult<byte[]> login = http.post().uri("/admin/login").cookie("SESSION", anonymous.getValue())
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form))
            .exchange().expectStatus().isFound().expectBody().returnResult();
        assertThat(login.getResponseHeaders().getLocation()).hasToString("/admin/certificates");
        return login.getResponseCookies().getFirst("SESSION").getValue();
    }

    /** The CSRF token of a page's forms. */
    public static String csrfToken(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the page has a CSRF field").isTrue();
        return m.group(1);
    }
}
