package org.certregistry.issuer.pdf;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The certificate's fixed wording in one language, from {@code pdf/certificate*.properties}
 * (UTF-8): labels, the templates' sentences, the metadata's title and subject, and the date
 * pattern. A text names the values it takes as {@code {field}} (the template's field names); a
 * line break in a text is {@code \n}.
 *
 * <p>The bundles are looked up without the JVM's default locale as a fallback, so an English
 * certificate is English on a server running in German: the same input, the same bytes.
 */
final class CertificateTexts {

    static final String BUNDLE = "org.certregistry.issuer.pdf.certificate";
    private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Pattern FIELD = Pattern.compile("\\{([a-zA-Z]+)}");

    private final ResourceBundle bundle;
    private final DateTimeFormatter dates;

    private CertificateTexts(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.dates = DateTimeFormatter.ofPattern(bundle.getString("date.pattern"), locale);
    }

    static CertificateTexts of(Locale locale) {
        return new CertificateTexts(bundle(locale), locale);
    }

    /** The bundle of exactly this language (else the English base), never one chosen by the default locale. */
    static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale, CertificateTexts.class.getClassLoader(), NO_DEFAULT_LOCALE);
    }

    DateTimeFormatter dates() {
        return dates;
    }

    /**
     * The text under {@code key} with its {@code {field}}s filled from {@code values} in one pass,
     * so a value that itself reads like {@code {number}} is printed as written.
     */
    String text(String key, Map<String, String> values) {
        String text;
        try {
            text = bundle.getString(key);
        }
        catch (MissingResourceException ex) {
            throw new IllegalStateException("The certificate wording has no text '" + key + "'", ex);
        }
        Matcher matcher = FIELD.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("The certificate text '" + key + "' names unknown field " + matcher.group(1));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
