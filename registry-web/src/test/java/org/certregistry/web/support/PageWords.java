package org.certregistry.web.support;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a reader sees of a page, checked for broken characters: a text no bundle has (Thymeleaf writes {@code ??key_xx??})
 * or a code word where a word belongs (an enum constant, a configured category or measure). Only the text is checked,
 * not attributes, so {@code data-phase="GRACE"} and {@code value="program-attendance"} stay allowed.
 */
public final class PageWords {

    /** Configuration codes of the default programs that must reach a reader as words. */
    private static final List<String> CONFIG_CODES = List.of("program-attendance", "college-courses", "cxpa-contributions",
            "semester-credit-hour", "quarter-credit-hour");

    /** The registry's state words in English: on a page in another language they are a missing translation. */
    private static final Pattern ENGLISH_STATES = Pattern.compile(
            "\\b(VALID|EXPIRED|LAPSED|SUSPENDED|REVOKED|SUPERSEDED|INVALID|UNDETERMINED|UNKNOWN|PENDING|APPROVED|REJECTED)\\b");

    /** An enum constant with an underscore (IN_FORCE, NOT_YET_VALID, AWARDING_BODY) standing alone in the text. */
    private static final Pattern ENUM_CODE = Pattern.compile("(?<![\\w-])[A-Z]{2,}(?:_[A-Z]{2,})+(?![\\w-])");

    private PageWords() {
    }

    /** The text of {@code html} as a reader sees it: no tags, scripts, styles or comments; entities decoded. */
    public static String text(String html) {
        String text = html.replaceAll("(?s)<script.*?</script>", " ").replaceAll("(?s)<style.*?</style>", " ")
            .replaceAll("(?s)<!--.*?-->", " ").replaceAll("(?s)<[^>]*>", " ");
        return HtmlUtils.htmlUnescape(text).replaceAll("\\s+", " ");
    }

    /** Fails when {@code html}, a page in {@code language}, shows a missing text or a code word. */
    public static void assertWords(String html, String language, String what) {
        assertThat(html).as("%s (%s): a missing message key", what, language).doesNotContain("??");
        // what the page marks as English on purpose (the verifier library's own messages, languages.md) is not checked
        String text = text(html.replaceAll("(?s)<(?!html\\b)(\\w+)(?=[^>]*\\slang=\"en\")[^>]*>.*?</\\1>", " "));
        for (String code : CONFIG_CODES) {
            assertThat(text).as("%s (%s): the code %s shown as a word", what, language, code).doesNotContain(code);
        }
        Matcher enumCode = ENUM_CODE.matcher(text);
        assertThat(enumCode.find()).as("%s (%s): an enum code in the text: %s", what, language,
                enumCode.find(0) ? enumCode.group() : "").isFalse();
        if (!language.equals("en")) {
            Matcher english = ENGLISH_STATES.matcher(text);
            assertThat(english.find()).as("%s (%s): an English state word in the text: %s", what, language,
                    english.find(0) ? text.substring(Math.max(0, english.start() - 60), Math.min(text.length(), english.end() + 60)) : "")
                .isFalse();
        }
    }
}
