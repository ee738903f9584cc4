package org.certregistry.web.i18n;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;

/**
 * Puts the language switcher ({@link LanguageMenu}) in every page's model as {@code languages}. Asking for the
 * language here, before the handler runs, also sets the {@code lang} cookie while the response is still open.
 * The JSON API, keys and status lists speak no language and are left alone (their caching stays as it is).
 */
@ControllerAdvice
class LanguageMenuAdvice {

    private final Languages languages;

    LanguageMenuAdvice(Languages languages) {
        this.languages = languages;
    }

    @ModelAttribute("languages")
    LanguageMenu languages(ServerWebExchange exchange) {
        var uri = exchange.getRequest().getURI();
        String path = uri.getRawPath();
        if (path.startsWith("/api/") || path.startsWith("/.well-known/") || path.startsWith("/keys/")
                || path.startsWith("/status/")) {
            return null;
        }
        // the same address answers in several languages: shared caches must keep them apart
        exchange.getResponse().getHeaders().addAll(HttpHeaders.VARY, List.of(HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.COOKIE));
        return LanguageMenu.of(languages, exchange.getLocaleContext().getLocale(), path, uri.getRawQuery());
    }
}
