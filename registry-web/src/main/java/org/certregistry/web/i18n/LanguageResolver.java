package org.certregistry.web.i18n;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.certregistry.web.system.RegistryUrls;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * The reader's language, in this order: a {@code lang} query parameter naming an offered language (the language
 * switcher's links; it is then remembered in the {@code lang} cookie for a year), the {@code lang} cookie, the best
 * offered match of Accept-Language, else English. A value that names no offered language is ignored: never an
 * error, never echoed. The console and the development mailbox follow the same rule. Replaces Spring Boot's fixed
 * resolver by its bean name.
 */
@Component(WebHttpHandlerBuilder.LOCALE_CONTEXT_RESOLVER_BEAN_NAME)
class LanguageResolver implements LocaleContextResolver {

    static final String PARAMETER = "lang";
    static final String COOKIE = "lang";
    static final Duration REMEMBERED = Duration.ofDays(365);

    /** The language chosen for this exchange: resolved once, however often asked. */
    private static final String CHOSEN = LanguageResolver.class.getName() + ".chosen";

    private final Languages languages;
    private final boolean secure;

    LanguageResolver(Languages languages, RegistryUrls urls) {
        this.languages = languages;
        this.secure = urls.base().startsWith("https://");
    }

    @Override
    public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
        Locale chosen = exchange.getAttribute(CHOSEN);
        if (chosen == null) {
            chosen = choose(exchange);
            exchange.getAttributes().put(CHOSEN, chosen);
        }
        return new SimpleLocaleContext(chosen);
    }

    private Locale choose(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        ServerHttpResponse response = exchange.getResponse();
        Optional<Locale> asked = languages.find(request.getQueryParams().getFirst(PARAMETER));
        if (asked.isPresent()) {
            remember(response, asked.get());
            return asked.get();
        }
        HttpCookie cookie = request.getCookies().getFirst(COOKIE);
        Optional<Locale> kept = cookie == null ? Optional.empty() : languages.find(cookie.getValue());
        return kept.orElseGet(() -> languages.best(preferences(request)));
    }

    /** Accept-Language as ranges; a malformed header counts as none. */
    private static List<Locale.LanguageRange> preferences(ServerHttpRequest request) {
        try {
            return request.getHeaders().getAcceptLanguage();
        }
        catch (IllegalArgumentException ex) {
            return List.of();
        }
    }

    @Override
    public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
        Locale locale = localeContext == null ? null : localeContext.getLocale();
        Optional<Locale> offered = locale == null ? Optional.empty() : languages.find(locale.toLanguageTag());
        offered.ifPresent(l -> {
            exchange.getAttributes().put(CHOSEN, l);
            remember(exchange.getResponse(), l);
        });
    }

    /** The cookie: sent on every path, with top-level navigation from elsewhere (Lax); script may read it. */
    private void remember(ServerHttpResponse response, Locale language) {
        if (!response.isCommitted()) {
            response.addCookie(ResponseCookie.from(COOKIE, language.toLanguageTag()).path("/").maxAge(REMEMBERED)
                .sameSite("Lax").secure(secure).build());
        }
    }
}
