package org.certregistry.web.i18n;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The languages pages and e-mails speak: English, the base bundle ({@code i18n/messages.properties}), and one
 * more for each {@code i18n/messages_<language>.properties} on the classpath, found at start. Adding a language
 * is adding its bundle (docs/languages.md); nothing here names one but the default.
 */
@Component
public class Languages {

    /** The language of the base bundle, and of everyone whose language is unknown or not offered. */
    public static final Locale DEFAULT = Locale.ENGLISH;

    /** A language tag as people and browsers write it: {@code fr}, {@code pt-BR}, {@code pt_BR}. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8}){0,3}");

    private final List<Locale> offered;

    @Autowired
    Languages(@Value("${spring.messages.basename:i18n/messages}") String basenames) {
        this(discover(StringUtils.commaDelimitedListToStringArray(basenames)[0].strip(),
                new PathMatchingResourcePatternResolver()));
    }

    /** Exactly these languages (tests); {@link #DEFAULT} comes first whether named or not. */
    public Languages(List<Locale> offered) {
        List<Locale> all = new ArrayList<>();
        all.add(DEFAULT);
        offered.stream().filter(l -> !l.equals(DEFAULT)).sorted(Comparator.comparing(Locale::toLanguageTag)).forEach(all::add);
        this.offered = List.copyOf(all);
    }

    /** The languages of the bundles {@code <basename>_<language>.properties}, e.g. fr, es, de, pt-BR. */
    public static List<Locale> discover(String basename, ResourcePatternResolver resolver) {
        String file = basename.substring(basename.lastIndexOf('/') + 1);
        Pattern bundle = Pattern.compile(Pattern.quote(file) + "_([A-Za-z0-9_]+)\\.properties");
        List<Locale> found = new ArrayList<>();
        try {
            for (Resource resource : resolver.getResources("classpath*:" + basename + "_*.properties")) {
                Matcher m = bundle.matcher(String.valueOf(resource.getFilename()));
                if (m.matches()) {
                    Locale locale = StringUtils.parseLocale(m.group(1));
                    if (locale != null && !locale.getLanguage().isEmpty() && !found.contains(locale)) {
                        found.add(locale);
                    }
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot list the message bundles " + basename + "_*.properties", ex);
        }
        return found;
    }

    /** Every language offered, the default first. */
    public List<Locale> offered() {
        return offered;
    }

    /**
     * The offered language {@code tag} names, if any: any case, {@code -} or {@code _}; a regional tag falls back to
     * its language ({@code fr-CA} is French). Anything else, malformed or not offered, is empty, never an error.
     */
    public Optional<Locale> find(String tag) {
        if (tag == null || tag.length() > 35 || !TAG.matcher(tag.strip()).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Locale.lookup(Locale.LanguageRange.parse(tag.strip().replace('_', '-')), offered));
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    /** The offered language that best fits a reader's preferences (an Accept-Language header), else {@link #DEFAULT}. */
    public Locale best(List<Locale.LanguageRange> preferences) {
        Locale match = preferences.isEmpty() ? null : Locale.lookup(preferences, offered);
        return match == null ? DEFAULT : match;
    }

    /** The offered language stored as {@code tag} (a holder's), else {@link #DEFAULT}. */
    public Locale orDefault(String tag) {
        return find(tag).orElse(DEFAULT);
    }
}
