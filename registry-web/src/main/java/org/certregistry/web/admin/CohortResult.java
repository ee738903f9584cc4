package org.certregistry.web.admin;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A cohort's result as CSV: every line of the file with what became of it. Holder links are the
 * holders' private links, to be passed on to each holder; the file is shown only to its admin.
 */
final class CohortResult {

    private CohortResult() {
    }

    /** The result as CSV; no cell can start a spreadsheet formula ({@link SpreadsheetCells}). */
    static String csv(Cohort cohort, CohortFile file, List<Cohort.Issued> issued) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
            .setHeader("line", "outcome", "program", "name", "email", "number", "holder_link", "verification_url", "reason")
            .get())) {
            Set<Long> doneLines = new HashSet<>();
            for (Cohort.Issued i : issued) {
                csv.printRecord(SpreadsheetCells.row(i.line(), "issued", i.program(), i.name(), i.email(), i.number(), i.holderUrl(),
                        i.verificationUrl(), ""));
                doneLines.add(i.line());
            }
            String notIssued = cohort.stage() == Cohort.Stage.FAILED ? cohort.progress().error()
                    : cohort.stage() == Cohort.Stage.VALIDATED ? "not started" : "not issued yet";
            for (CohortFile.Row row : file.rows()) {
                if (!doneLines.contains(row.line())) {
                    csv.printRecord(SpreadsheetCells.row(row.line(), "not issued", row.command().program().code(), row.command().holderName(),
                            row.command().holderEmail(), "", "", "", notIssued));
                }
            }
            for (CohortFile.BadRow bad : file.badRows()) {
                csv.printRecord(SpreadsheetCells.row(bad.line(), "rejected", "", bad.name() == null ? "" : bad.name(),
                        bad.email() == null ? "" : bad.email(), "", "", "", bad.reason()));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }
}
