package org.certregistry.web.certificate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.certregistry.web.system.InvalidRequestException;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;

/**
 * A validated request to issue one certificate.
 *
 * @param awardedAt when the certification was earned; the first window starts then
 */
public record IssueCertificate(Program program, String holderName, String holderEmail, boolean listed, Instant awardedAt) {

    static final int MAX_NAME = 300;

    /**
     * Validates raw input, collecting every problem at once.
     *
     * @throws InvalidRequestException naming each wrong field
     */
    public static IssueCertificate of(ProgramCatalog programs, String programCode, String name, String email, Boolean listed,
            Instant awardedAt, Instant now) {
        List<InvalidRequestException.FieldProblem> problems = new ArrayList<>();
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
        String cleanEmail = email == null ? "" : email.strip();
        if (cleanEmail.isEmpty()) {
            problems.add(new InvalidRequestException.FieldProblem("holder.email", "is required"));
        }
        else if (cleanEmail.length() > 254 || !cleanEmail.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add(new InvalidRequestException.FieldProblem("holder.email", "is not an e-mail address"));
        }
        if (awardedAt != null && awardedAt.isAfter(now)) {
            problems.add(new InvalidRequestException.FieldProblem("awardedOn", "cannot be in the future"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new IssueCertificate(program, cleanName, cleanEmail, listed == null || listed, awardedAt == null ? now : awardedAt);
    }

    private static String codes(ProgramCatalog programs) {
        return String.join(", ", programs.all().stream().map(Program::code).toList());
    }

    private static String truncate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
