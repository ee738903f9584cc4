package org.certregistry.web.holder.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.ceu.Evidence;
import org.certregistry.web.i18n.Messages;
import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.program.RenewalPolicy;

/**
 * The CEU form as the holder typed it, kept to show again after an error, and its check: each wrong field with a
 * sentence in the page's language, shown beside that field. {@code CeuSubmissions} checks the same again (in English,
 * for every other caller); this is what a person reads.
 */
record CeuForm(String activity, String category, String measure, String quantity, String earnedOn) {

    static final int MAX_QUANTITY = 1000;

    static final CeuForm EMPTY = new CeuForm("", null, RenewalPolicy.CEU, "", "");

    /** What the holder sent with the form's file: its bytes, none, or more than may be sent. */
    record Upload(byte[] bytes, String filename, boolean tooLarge) {
    }

    /**
     * The form checked: each wrong field (by its form name) and why, in the page's language; and the evidence, when it
     * is a PDF or a picture.
     */
    record Checked(Map<String, String> problems, Evidence evidence) {

        boolean accepted() {
            return problems.isEmpty();
        }
    }

    Integer quantityValue() {
        try {
            return quantity == null || quantity.isBlank() ? null : Integer.valueOf(quantity.strip());
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }

    LocalDate earnedOnValue() {
        try {
            return earnedOn == null || earnedOn.isBlank() ? null : LocalDate.parse(earnedOn.strip());
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    /** Checks the form as {@code CeuSubmissions} will, saying what is wrong in {@code language}. */
    Checked check(Certificate certificate, RenewalPolicy policy, Upload upload, long maxEvidenceMb, LocalDate today,
            Messages messages, Locale language) {
        Map<String, String> problems = new LinkedHashMap<>();
        Evidence evidence = null;
        if (activity == null || activity.isBlank() || activity.strip().length() > 500) {
            problems.put("activity", messages.in(language, "holder-ceu.error.activity"));
        }
        if (category == null || !policy.knowsCategory(category.strip())) {
            problems.put("category", messages.in(language, "holder-ceu.error.category"));
        }
        if (measure != null && !measure.isBlank() && policy.units(measure.strip(), 1).isEmpty()) {
            problems.put("measure", messages.in(language, "holder-ceu.error.measure"));
        }
        Integer q = quantityValue();
        if (q == null || q < 1 || q > MAX_QUANTITY) {
            problems.put("quantity", messages.in(language, "holder-ceu.error.quantity", MAX_QUANTITY));
        }
        LocalDate date = earnedOnValue();
        LocalDate cycleStart = LocalDate.ofInstant(certificate.validFrom(), ZoneOffset.UTC);
        if (date == null) {
            problems.put("earnedOn", messages.in(language, "holder-ceu.error.earned-on"));
        }
        else if (date.isBefore(cycleStart)) {
            String written = DateTimeFormatter.ofPattern(messages.in(language, "format.date"), language).format(cycleStart);
            problems.put("earnedOn", messages.in(language, "holder-ceu.error.earned-on-before", written));
        }
        else if (date.isAfter(today)) {
            problems.put("earnedOn", messages.in(language, "holder-ceu.error.earned-on-future"));
        }
        if (upload == null || (!upload.tooLarge() && upload.bytes().length == 0)) {
            problems.put("evidence", messages.in(language, "holder-ceu.error.evidence"));
        }
        else if (upload.tooLarge()) {
            problems.put("evidence", messages.in(language, "holder-ceu.error.evidence-size", maxEvidenceMb));
        }
        else {
            try {
                evidence = Evidence.of(upload.bytes(), upload.filename());
            }
            catch (InvalidRequestException ex) {
                problems.put("evidence", messages.in(language, "holder-ceu.error.evidence-type"));
            }
        }
        return new Checked(problems, evidence);
    }
}
