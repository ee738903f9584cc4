package org.certregistry.issuer.pdf;

import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;

/**
 * The languages the printed certificate is worded in: English (the default), French, Spanish and
 * German, each a file of {@code pdf/certificate*.properties}. A certificate's language is only
 * its language subtag ({@code fr-CA} prints as {@code fr}), so one credential version renders to
 * one of four documents.
 */
public final class CertificateLanguages {

    public static final Locale DEFAULT = Locale.ENGLISH;

    /** Every language with a wording of its own, the default first. */
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("es"),
            Locale.GERMAN);

    private CertificateLanguages() {
    }

    /**
     * The supported language a request names ({@code fr}, {@code FR}, {@code fr-CA}), else the
     * default: an absent, malformed or unsupported tag is English, never an error.
     */
    public static Locale fromTag(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 35) {
            return DEFAULT;
        }
        try {
            Locale requested = new Locale.Builder().setLanguageTag(tag.strip()).build();
            return supported(requested) ? of(requested) : DEFAULT;
        }
        catch (IllformedLocaleException ex) {
            return DEFAULT;
        }
    }

    static boolean supported(Locale locale) {
        return SUPPORTED.stream().anyMatch(language -> language.getLanguage().equals(locale.getLanguage()));
    }

    /** The supported language of {@code locale}, without region or variant; refuses one without a wording. */
    static Locale of(Locale locale) {
        return SUPPORTED.stream()
            .filter(language -> language.getLanguage().equals(locale.getLanguage()))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("The certificate has no wording in '" + locale.toLanguageTag()
                    + "'; it is printed in " + SUPPORTED.stream().map(Locale::getLanguage).toList()));
    }
}
