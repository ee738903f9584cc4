package org.certregistry.web.i18n;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The texts of {@code i18n/messages*.properties} for Java code: a sentence a controller puts on a page, in the
 * reader's language, or the English one the JSON API answers with. Templates use {@code #{...}} instead.
 */
@Component
public class Messages {

    private final MessageSource source;

    Messages(MessageSource source) {
        this.source = source;
    }

    /** The text in {@code language} (English where the language's bundle lacks it). */
    public String in(Locale language, String key, Object... args) {
        return source.getMessage(key, args, language);
    }

    /** The text in the language of the page being answered. */
    public String forReader(ServerWebExchange exchange, String key, Object... args) {
        return in(exchange.getLocaleContext().getLocale(), key, args);
    }

    /** The English text: what the JSON API says. */
    public String english(String key, Object... args) {
        return in(Languages.DEFAULT, key, args);
    }
}
