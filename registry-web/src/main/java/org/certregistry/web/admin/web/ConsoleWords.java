package org.certregistry.web.admin.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.certregistry.web.admin.AdminCertificates;
import org.certregistry.web.certificate.PublicStatus;
import org.certregistry.web.problem.InvalidRequestException;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * What the registry stores as codes, said in the console reader's words: a history row's change as
 * a sentence with its dates in the reader's form, the CEUs a renewal counted by category name, and
 * an invalid form's problems by the field's label and the value that was given (not the API's
 * field path). The texts are the {@code console.*} keys of the message bundles.
 *
 * <p>A category or measure without a text of its own is shown as its code made into words
 * ({@code college-courses}: "College courses"), since programs are configuration and may add
 * categories no bundle knows.
 */
@Component
class ConsoleWords {

    /** How {@code Lifecycle.renew} records what counted: "20 CEUs counted {speaking=10, college-courses=10}". */
    private static final Pattern RENEWAL_REASON = Pattern.compile("(\\d+) CEUs counted \\{(.*)}");

    private final MessageSource messages;

    ConsoleWords(MessageSource messages) {
        this.messages = messages;
    }

    /** One history row as a page shows it. */
    record HistoryRow(Instant at, String actor, String action, String why, String change) {
    }

    String text(Locale locale, String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private String textOr(Locale locale, String key, String fallback, Object... args) {
        return messages.getMessage(key, args, fallback, locale);
    }

    String category(String code, Locale locale) {
        return textOr(locale, "console.category." + code, spelledOut(code));
    }

    String measure(String code, Locale locale) {
        return textOr(locale, "console.measure." + code, code == null ? "" : code.replace('-', ' '));
    }

    /** A code in words: {@code college-courses} is "College courses". */
    static String spelledOut(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String words = code.strip().replace('-', ' ').replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    List<HistoryRow> history(List<AdminCertificates.HistoryEntry> entries, Locale locale) {
        return entries.stream().map(e -> new HistoryRow(e.at(), e.actor(),
                text(locale, "console.event." + e.action().name()), why(e, locale), change(e, locale))).toList();
    }

    /** The reason as given, except a renewal's record of what counted, which is said by category name. */
    private String why(AdminCertificates.HistoryEntry e, Locale locale) {
        if (e.reason() == null) {
            return null;
        }
        Matcher m = RENEWAL_REASON.matcher(e.reason());
        if (!m.matches()) {
            return e.reason();
        }
        String byCategory = Arrays.stream(m.group(2).split(",\\s*")).filter(s -> s.contains("=")).map(s -> {
            String[] pair = s.split("=", 2);
            return category(pair[0].strip(), locale) + " " + pair[1].strip();
        }).collect(Collectors.joining(", "));
        return text(locale, "console.history.renewal-ceus", Integer.valueOf(m.group(1)), byCategory);
    }

    private String change(AdminCertificates.HistoryEntry e, Locale locale) {
        Map<String, Object> after = e.after();
        if (after != null && after.containsKey("units")) {
            String measure = String.valueOf(after.get("measure"));
            String amount = "ceu".equals(measure) ? "" : text(locale, "console.history.ceus-as",
                    after.get("quantity"), measure(measure, locale));
            return text(locale, "console.history.ceus", after.get("units"), category(String.valueOf(after.get("category")), locale),
                    after.get("cycle")) + amount;
        }
        List<String> parts = new ArrayList<>();
        if (e.before() != null) {
            parts.add(window(locale, "console.history.before", e.before()));
        }
        if (after != null) {
            parts.add(window(locale, "console.history.after", after));
        }
        return String.join(" ", parts);
    }

    private String window(Locale locale, String key, Map<String, Object> snapshot) {
        Object state = snapshot.get("state");
        String stateWords = state == null ? "" : textOr(locale, "console.state." + state, spelledOut(String.valueOf(state)));
        return text(locale, key, stateWords, date(String.valueOf(snapshot.get("validUntil")), locale));
    }

    /** A stored instant or date as the reader writes a date (UTC). */
    String date(String stored, Locale locale) {
        try {
            LocalDate day = stored.length() > 10 ? LocalDate.ofInstant(Instant.parse(stored), ZoneOffset.UTC)
                    : LocalDate.parse(stored);
            return DateTimeFormatter.ofPattern(text(locale, "format.date"), locale).format(day);
        }
        catch (DateTimeParseException | NoSuchMessageException ex) {
            return stored;
        }
    }

    /** Every status in words, for "choose one of". */
    String statuses(Locale locale) {
        return Arrays.stream(PublicStatus.values()).map(s -> text(locale, "console.status." + s.name()))
            .collect(Collectors.joining(", "));
    }

    /**
     * An invalid form's problems in the reader's words: the field's label, the value given (when
     * there was one) and what is wrong with it. A problem this console has no words for keeps the
     * registry's English sentence after the label.
     */
    List<String> problems(InvalidRequestException invalid, Map<String, String> given, Locale locale) {
        return invalid.problems().stream().map(p -> problem(p, given.get(p.field()), locale)).toList();
    }

    private String problem(InvalidRequestException.FieldProblem p, String value, Locale locale) {
        String label = textOr(locale, "console.field." + p.field(), spelledOut(p.field()));
        String what = what(p.message(), locale);
        if (value == null || value.isBlank()) {
            return text(locale, "console.problem.without-value", label, what);
        }
        String shown = value.strip();
        if (shown.length() > 60) {
            shown = shown.substring(0, 60) + "…";
        }
        return text(locale, "console.problem.with-value", label, shown, what);
    }

    /** The problem's English sentence, as the registry writes it, in the reader's words where known. */
    private String what(String message, Locale locale) {
        if (message.startsWith("is required: say why the certificate is ")) {
            return text(locale, "console.problem.reason-required."
                    + message.substring("is required: say why the certificate is ".length()));
        }
        if (message.startsWith("is required")) {
            return text(locale, "console.problem.required");
        }
        if (message.equals("is not an e-mail address")) {
            return text(locale, "console.problem.not-email");
        }
        if (message.equals("cannot be in the future")) {
            return text(locale, "console.problem.future");
        }
        if (message.startsWith("unknown program")) {
            return text(locale, "console.problem.unknown-program");
        }
        if (message.equals("contains control characters") || message.startsWith("contains the invisible")) {
            return text(locale, "console.problem.invisible");
        }
        Matcher longer = Pattern.compile("is (?:longer than |\\d+ characters long; at most )(\\d+) .*").matcher(message);
        if (longer.matches()) {
            return text(locale, "console.problem.too-long", Integer.valueOf(longer.group(1)));
        }
        Matcher quantity = Pattern.compile("must be a whole number from 1 to (\\d+)").matcher(message);
        if (quantity.matches()) {
            return text(locale, "console.problem.quantity", Integer.valueOf(quantity.group(1)));
        }
        Matcher before = Pattern.compile("is before the current cycle began on (\\d{4}-\\d{2}-\\d{2}).*").matcher(message);
        if (before.matches()) {
            return text(locale, "console.problem.before-cycle", date(before.group(1), locale));
        }
        return message;
    }
}
