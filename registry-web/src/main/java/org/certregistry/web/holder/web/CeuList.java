package org.certregistry.web.holder.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.certregistry.web.certificate.ceu.CeuRecord;
import org.certregistry.web.ceu.CeuSubmission;

/**
 * The CEUs of a certificate as its holder reads them: each activity with where it came from (submitted by the holder,
 * or recorded by the awarding body) and what became of it, the current cycle apart from the earlier ones.
 */
record CeuList(List<Row> current, Map<Integer, List<Row>> earlier) {

    /** Where a row came from. */
    enum Source {
        /** The holder submitted it with evidence. */
        HOLDER,
        /** The awarding body recorded it. */
        AWARDING_BODY
    }

    /**
     * One activity.
     *
     * @param decision the message key of what became of it ({@code submission.PENDING}, ..., {@code holder-ceu.recorded})
     */
    record Row(int cycle, String activity, String category, String measure, int quantity, int units, LocalDate earnedOn,
            Source source, String decision, String reason) {

        public boolean converted() {
            return !"ceu".equals(measure);
        }
    }

    /** An approved submission is recorded with this at the end of its description; it is listed once, as submitted. */
    private static final Pattern FROM_SUBMISSION = Pattern.compile(".*\\(submission [0-9a-f-]{36}\\)$");

    static CeuList of(int currentCycle, List<CeuSubmission> submissions, List<CeuRecord> records) {
        List<Row> rows = new ArrayList<>();
        for (CeuSubmission s : submissions) {
            rows.add(new Row(s.cycle(), s.activity(), s.category(), s.measure(), s.quantity(), s.units(), s.earnedOn(),
                    Source.HOLDER, "submission." + s.status().name(), s.decisionReason()));
        }
        for (CeuRecord r : records) {
            if (r.description() != null && FROM_SUBMISSION.matcher(r.description()).matches()) {
                continue;
            }
            rows.add(new Row(r.cycle(), r.description(), r.category(), r.measure(), r.quantity(), r.units(), r.earnedOn(),
                    Source.AWARDING_BODY, "holder-ceu.recorded", null));
        }
        rows.sort(Comparator.comparing(Row::earnedOn).reversed());
        Map<Integer, List<Row>> earlier = new TreeMap<>(Comparator.reverseOrder());
        List<Row> current = new ArrayList<>();
        for (Row row : rows) {
            if (row.cycle() == currentCycle) {
                current.add(row);
            }
            else {
                earlier.computeIfAbsent(row.cycle(), c -> new ArrayList<>()).add(row);
            }
        }
        return new CeuList(List.copyOf(current), earlier);
    }
}
