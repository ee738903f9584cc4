package org.certregistry.web.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The message bundles a translator works on: every language has exactly the English keys (a missing one would
 * show English in the middle of a page, an extra one is a typo), each text is one MessageFormat can read, and
 * every key a page template names exists.
 */
class MessageBundlesTest {

    private static final PathMatchingResourcePatternResolver RESOURCES = new PathMatchingResourcePatternResolver();

    private static Properties bundle(String name) throws IOException {
        Resource resource = RESOURCES.getResource("classpath:i18n/" + name);
        assertThat(resource.exists()).as(name).isTrue();
        Properties properties = new Properties();
        try (Reader reader = new StringReader(resource.getContentAsString(StandardCharsets.UTF_8))) {
            properties.load(reader);
        }
        return properties;
    }

    private static List<Locale> translations() {
        return Languages.discover("i18n/messages", RESOURCES);
    }

    @Test
    void frenchSpanishAndGermanAreFoundBesideEnglish() {
        assertThat(translations()).extracting(Locale::toLanguageTag).contains("fr", "es", "de");
        assertThat(new Languages(translations()).offered().get(0)).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void everyLanguageHasExactlyTheEnglishKeys() throws IOException {
        Set<String> english = new TreeSet<>(bundle("messages.properties").stringPropertyNames());
        assertThat(english).hasSizeGreaterThan(100);
        for (Locale language : translations()) {
            String file = "messages_" + language.toString() + ".properties";
            Set<String> keys = new TreeSet<>(bundle(file).stringPropertyNames());
            Set<String> missing = new TreeSet<>(english);
            missing.removeAll(keys);
            Set<String> extra = new TreeSet<>(keys);
            extra.removeAll(english);
            assertThat(missing).as("keys of messages.properties missing from " + file).isEmpty();
            assertThat(extra).as("keys of " + file + " that messages.properties does not have").isEmpty();
        }
    }

    @Test
    void everyTextReadsAsItShould() throws IOException {
        List<String> bundles = new ArrayList<>(List.of("messages.properties"));
        translations().forEach(l -> bundles.add("messages_" + l + ".properties"));
        for (String file : bundles) {
            Locale language = file.equals("messages.properties") ? Locale.ENGLISH
                    : Locale.forLanguageTag(file.substring("messages_".length(), file.indexOf('.')).replace('_', '-'));
            Properties texts = bundle(file);
            for (String key : texts.stringPropertyNames()) {
                String text = texts.getProperty(key);
                assertThat(text).as(file + " " + key).isNotBlank();
                if (key.startsWith("format.")) {
                    DateTimeFormatter.ofPattern(text, language);
                }
                else if (text.matches("(?s).*\\{\\d.*")) {
                    // a text with values goes through MessageFormat, where a lone apostrophe starts a quote and hides
                    // the rest of the sentence's values: it must be doubled
                    assertThat(text.replace("''", "")).as(file + " " + key + ": write an apostrophe as '' here").doesNotContain("'");
                    MessageFormat format = new MessageFormat(text, language);
                    // a number where the text formats one ({0,number}, {0,choice,...}), else a word
                    java.text.Format[] formats = format.getFormatsByArgumentIndex();
                    Object[] values = new Object[formats.length];
                    for (int i = 0; i < formats.length; i++) {
                        values[i] = formats[i] instanceof java.text.NumberFormat ? (Object) 2 : "a";
                    }
                    assertThat(format.format(values)).as(file + " " + key).doesNotContain("{");
                }
            }
        }
    }

    @Test
    void everyKeyAPageNamesIsInTheEnglishBundle() throws IOException {
        Set<String> english = bundle("messages.properties").stringPropertyNames();
        Pattern key = Pattern.compile("#\\{([A-Za-z0-9.-]+)");
        Set<String> unknown = new TreeSet<>();
        for (Resource template : RESOURCES.getResources("classpath*:templates/**/*.*")) {
            Matcher m = key.matcher(template.getContentAsString(StandardCharsets.UTF_8));
            while (m.find()) {
                String name = m.group(1);
                // the mail templates' notice names its sentence by the kind of message (mail.<kind>.body)
                if (!english.contains(name) && !name.equals("mail.")) {
                    unknown.add(template.getFilename() + ": " + name);
                }
            }
        }
        assertThat(unknown).isEmpty();
    }
}
