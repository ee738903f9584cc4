package org.certregistry.web.i18n;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.web.server.ServerWebExchange;

/**
 * The language switcher of the shared header: each offered language named in its own words, a link to the page
 * being read in it ({@code ?lang=xx} on the same path, the rest of the query kept), the reader's own marked.
 *
 * @param path the page's path as requested (still URL-encoded)
 * @param query the rest of its query (encoded, without {@code lang}), or empty
 */
public record LanguageMenu(List<Option> options, String path, String query) {

    /** One language: its tag ({@code fr}), its own name ({@code Français}), and whether the page is in it. */
    public record Option(String tag, String name, boolean current) {
    }

    /** The switcher for the page this exchange answers, in the reader's language. */
    public static LanguageMenu of(Languages languages, ServerWebExchange exchange) {
        var uri = exchange.getRequest().getURI();
        return of(languages, exchange.getLocaleContext().getLocale(), uri.getRawPath(), uri.getRawQuery());
    }

    static LanguageMenu of(Languages languages, Locale current, String path, String rawQuery) {
        List<Option> options = languages.offered().stream()
            .map(l -> new Option(l.toLanguageTag(), ownName(l), l.equals(current))).toList();
        return new LanguageMenu(options, path, withoutLanguage(rawQuery));
    }

    /**
     * The link to this page in {@code tag}. A page answering a form (a POST) names the page to go back to in
     * {@code page}, since its own path may take no GET; null otherwise.
     */
    public String href(String tag, String page) {
        if (page != null) {
            return page + "?lang=" + tag;
        }
        return path + "?" + (query.isEmpty() ? "" : query + "&") + "lang=" + tag;
    }

    /** "Français", "Español", "Deutsch": the JDK's name of the language in itself, capitalised as a menu entry is. */
    static String ownName(Locale language) {
        String name = language.getDisplayName(language);
        return name.isEmpty() ? language.toLanguageTag() : name.substring(0, 1).toUpperCase(language) + name.substring(1);
    }

    private static String withoutLanguage(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty() && !pair.equals(LanguageResolver.PARAMETER)
                    && !pair.startsWith(LanguageResolver.PARAMETER + "=")) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }
}
