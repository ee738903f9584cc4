package org.certregistry.web.verification;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.issuer.number.InvalidCertificateNumberException;
import org.certregistry.web.problem.InvalidRequestException;

/**
 * The CSV of a bulk verification: in, one certificate number a line and optionally the candidate's
 * name in the next column (a header line is recognised and skipped); out, a verdict a line. Cells
 * written out that a spreadsheet would run as a formula (starting with {@code = + - @}, a tab or a
 * carriage return) are prefixed with an apostrophe (OWASP "CSV injection").
 */
public final class BatchCsv {

    public static final String[] HEADER = { "row", "input", "number", "holder_name", "outcome", "status", "name", "detail" };

    private BatchCsv() {
    }

    /** The rows of an uploaded CSV; more than {@link BatchVerification#MAX_ROWS} or a malformed file is refused. */
    public static List<BatchInput> parse(String text) {
        List<BatchInput> rows = new ArrayList<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(true).get()
            .parse(new StringReader(body))) {
            for (CSVRecord record : parser) {
                String number = record.get(0);
                String name = record.size() > 1 && !record.get(1).isBlank() ? record.get(1) : null;
                if (record.getRecordNumber() == 1 && isHeader(number)) {
                    continue;
                }
                if (number.isBlank()) {
                    continue;
                }
                if (rows.size() == BatchVerification.MAX_ROWS) {
                    throw InvalidRequestException.of("rows", "are more than " + BatchVerification.MAX_ROWS
                            + ": split the file into batches of at most " + BatchVerification.MAX_ROWS);
                }
                rows.add(new BatchInput.Number((int) record.getRecordNumber(), number, name));
            }
        }
        catch (IOException | IllegalStateException | UncheckedIOException ex) {
            throw InvalidRequestException.of("file", "is not a readable CSV file: " + ex.getMessage());
        }
        if (rows.isEmpty()) {
            throw InvalidRequestException.of("file", "holds no certificate number: one a line, optionally followed by the name");
        }
        return rows;
    }

    /**
     * A first cell that names the column ("number", "Certificate No."): no digit, and not a certificate number.
     * A number may be all letters (CXSP-ABC-DEF-GHK), so the digit test alone would skip a real first row.
     */
    static boolean isHeader(String firstCell) {
        if (firstCell.chars().anyMatch(Character::isDigit)) {
            return false;
        }
        try {
            CertificateNumber.parse(firstCell);
            return false;
        }
        catch (InvalidCertificateNumberException ex) {
            return true;
        }
    }

    /** The verdicts as CSV, header first. */
    public static String write(BatchResult result) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
            printer.printRecord((Object[]) HEADER);
            for (BatchResult.Row r : result.rows()) {
                printer.printRecord(r.row(), safe(r.input()), safe(r.number()), safe(r.holderName()), r.outcome(),
                        r.status() == null ? "" : r.status(), r.name(), safe(r.detail()));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    /** A cell a spreadsheet shows as text, never runs. */
    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + cell : cell;
    }
}
