package org.certregistry.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.certregistry.web.i18n.Languages;
import org.certregistry.web.i18n.Messages;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An error reaches a browser as a page in the reader's language, with its status; API clients (the API's paths, or
 * a client that asks for JSON) get the same error as RFC 9457 problem details.
 */
class ErrorPagesTest extends RegistryIntegrationTest {

    /** What Firefox and Chromium send when following a link. */
    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Autowired
    WebTestClient http;

    @Autowired
    Languages languages;

    @Autowired
    Messages messages;

    private EntityExchangeResult<String> get(String uri, String accept, Locale language) {
        return http.get().uri(uri).header(HttpHeaders.ACCEPT, accept).cookie("lang", language.toLanguageTag())
            .exchange().expectBody(String.class).returnResult();
    }

    @Test
    void anUnknownPageAnswersABrowserWithA404PageInTheReadersLanguage() {
        for (Locale language : languages.offered()) {
            EntityExchangeResult<String> answer = get("/no-such-page", BROWSER, language);
            assertThat(answer.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(answer.getResponseHeaders().getContentType()).isNotNull()
                .matches(type -> type.isCompatibleWith(MediaType.TEXT_HTML), "HTML");
            assertThat(answer.getResponseBody()).as("in %s", language)
                .startsWith("<!DOCTYPE html>")
                .contains("<html lang=\"" + language.toLanguageTag() + "\"", messages.in(language, "error.404.title"),
                        "href=\"/registry\"", "class=\"languages\"")
                .doesNotContain("??", "\"type\"", "problems/", "NoResourceFound");
        }
    }

    @Test
    void aMistypedHolderLinkAnswersABrowserWithAPageThatSaysWhatToDo() {
        for (Locale language : languages.offered()) {
            EntityExchangeResult<String> answer = get("/h/not-a-token", BROWSER, language);
            assertThat(answer.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(answer.getResponseHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
            assertThat(answer.getResponseBody()).as("in %s", language)
                .contains("<html lang=\"" + language.toLanguageTag() + "\"", messages.in(language, "error.holder-link"),
                        "href=\"/holder\"")
                .doesNotContain("??", "\"type\"", "Certificate not found");
        }
    }

    @Test
    void apiClientsKeepProblemDetailsWhateverTheLanguage() {
        for (Locale language : languages.offered()) {
            for (String accept : new String[] { "application/json", "application/problem+json", "*/*",
                    "application/json, text/html" }) {
                EntityExchangeResult<String> answer = get("/no-such-page", accept, language);
                assertThat(answer.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
                assertThat(answer.getResponseHeaders().getContentType()).as(accept).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                assertThat(answer.getResponseBody()).contains("\"status\":404").doesNotContain("<html");
            }
            EntityExchangeResult<String> holder = get("/h/not-a-token", "application/problem+json", language);
            assertThat(holder.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(holder.getResponseBody()).contains("https://certregistry.org/problems/not-found");
            // the API's paths answer JSON even to a browser
            EntityExchangeResult<String> api = get("/api/v1/certificates/not-a-number", BROWSER, language);
            assertThat(api.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(api.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            EntityExchangeResult<String> unknownApi = get("/api/v1/no-such-thing", BROWSER, language);
            assertThat(unknownApi.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(unknownApi.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        // no Accept at all: JSON
        http.get().uri("/no-such-page").exchange().expectStatus().isNotFound()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
