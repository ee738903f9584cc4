package org.certregistry.web.certificate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.certregistry.web.i18n.Languages;
import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;

/**
 * A validated request to issue one certificate.
 *
 * @param awardedAt when the certification was earned; the first window starts then
 * @param language the language the holder reads (their e-mails are written in it), or null when not known
 */
public record IssueCertificate(Program program, String holderName, String holderEmail, boolean listed, Instant awardedAt,
        Locale language) {

    static final int MAX_NAME = 300;

    /**
     * Validates raw input, collecting every problem at once.
     *
     * @throws InvalidRequestException naming each wrong field
     */
    public static IssueCertificate of(ProgramCatalog programs, String programCode, String name, String email, Boolean listed,
            Instant awardedAt, Instant now) {
        return of(programs, programCode, name, email, listed, awardedAt, null, null, now);
    }

    /**
     * Validates raw input with the holder's language: blank is not known, else one of the offered languages.
     *
     * @throws InvalidRequestException naming each wrong field
     */
    public static IssueCertificate of(ProgramCatalog programs, String programCode, String name, String email, Boolean listed,
            Instant awardedAt, String language, Languages languages, Instant now) {
        List<InvalidRequestException.FieldProblem> problems = new ArrayList<>();
        Locale holderLanguage = null;
        if (language != null && !language.isBlank()) {
            holderLanguage = languages.find(language).orElse(null);
            if (holderLanguage == null) {
                problems.add(new InvalidRequestException.FieldProblem("language", "is not one of the offered languages ("
                        + String.join(", ", languages.offered().stream().map(Locale::toLanguageTag).toList()) + ")"));
            }
        }
        Program program = null;
        if (programCode == null || programCode.isBlank()) {
            problems.add(new InvalidRequestException.FieldProblem("program", "is required (one of " + codes(programs) + ")"));
        }
        else {
            program = programs.find(programCode.strip()).orElse(null);
            if (program == null) {
                problems.add(new InvalidRequestException.FieldProblem("program",
                        "unknown program '" + truncate(programCode) + "' (one of " + codes(programs) + ")"));
            }
        }
        String cleanName = name == null ? "" : name.strip().replaceAll("\\s+", " ");
        if (cleanName.isEmpty()) {
            problems.add(new InvalidRequestException.FieldProblem("holder.name", "is required"));
        }
        else if (cleanName.codePointCount(0, cleanName.length()) > MAX_NAME) {
            problems.add(new InvalidRequestException.FieldProblem("holder.name", "is longer than " + MAX_NAME + " characters"));
        }
        else if (cleanName.codePoints().anyMatch(cp -> Character.isISOControl(cp))) {
            problems.add(new InvalidRequestException.FieldProblem("holder.name", "contains control characters"));
        }
        else {
            InvisibleCharacters.first(cleanName).ifPresent(cp -> problems.add(new InvalidRequestException.FieldProblem(
                    "holder.name", InvisibleCharacters.refusal(cp))));
        }
        String cleanEmail = email == null ? "" : email.strip();
        if (cleanEmail.isEmpty()) {
            problems.add(new InvalidRequestException.FieldProblem("holder.email", "is required"));
        }
        else if (cleanEmail.length() > 254 || !cleanEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add(new InvalidRequestException.FieldProblem("holder.email", "is not an e-mail address"));
        }
        else {
            InvisibleCharacters.first(cleanEmail).ifPresent(cp -> problems.add(new InvalidRequestException.FieldProblem(
                    "holder.email", InvisibleCharacters.refusal(cp))));
        }
        if (awardedAt != null && awardedAt.isAfter(now)) {
            problems.add(new InvalidRequestException.FieldProblem("awardedOn", "cannot be in the future"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new IssueCertificate(program, cleanName, cleanEmail, listed == null || listed, awardedAt == null ? now : awardedAt,
                holderLanguage);
    }

    private static String codes(ProgramCatalog programs) {
        return String.join(", ", programs.all().stream().map(Program::code).toList());
    }

    private static String truncate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
