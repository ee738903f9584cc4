package org.certregistry.web.certificate.ceu;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.program.RenewalPolicy;

/**
 * A validated request to record CEUs: a known category and measure, a positive quantity, a date.
 * Whether the date lies inside the current cycle is checked against the certificate.
 */
public record RecordCeus(String category, String measure, int quantity, int units, LocalDate earnedOn, String description) {

    static final int MAX_QUANTITY = 1000;

    /** @throws InvalidRequestException naming each wrong field */
    public static RecordCeus of(RenewalPolicy policy, String category, String measure, Integer quantity, LocalDate earnedOn,
            String description) {
        List<InvalidRequestException.FieldProblem> problems = new ArrayList<>();
        String cleanCategory = category == null ? "" : category.strip();
        if (cleanCategory.isEmpty()) {
            problems.add(new InvalidRequestException.FieldProblem("category", "is required" + oneOf(policy.categories())));
        }
        else if (!policy.knowsCategory(cleanCategory)) {
            problems.add(new InvalidRequestException.FieldProblem("category", "unknown category" + oneOf(policy.categories())));
        }
        String cleanMeasure = measure == null || measure.isBlank() ? RenewalPolicy.CEU : measure.strip();
        if (policy.units(cleanMeasure, 1).isEmpty()) {
            problems.add(new InvalidRequestException.FieldProblem("measure", "unknown measure" + oneOf(policy.measures())));
        }
        if (quantity == null || quantity < 1 || quantity > MAX_QUANTITY) {
            problems.add(new InvalidRequestException.FieldProblem("quantity", "must be a whole number from 1 to " + MAX_QUANTITY));
        }
        if (earnedOn == null) {
            problems.add(new InvalidRequestException.FieldProblem("earnedOn", "is required (YYYY-MM-DD)"));
        }
        String cleanDescription = description == null || description.isBlank() ? null : description.strip();
        if (cleanDescription != null && cleanDescription.length() > 500) {
            problems.add(new InvalidRequestException.FieldProblem("description", "is longer than 500 characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new RecordCeus(cleanCategory, cleanMeasure, quantity, policy.units(cleanMeasure, quantity).orElseThrow(),
                earnedOn, cleanDescription);
    }

    private static String oneOf(List<String> values) {
        return values.isEmpty() ? "" : " (one of " + String.join(", ", values) + ")";
    }
}
