package org.certregistry.web.admin;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.certregistry.web.certificate.IssueCertificate;
import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.program.ProgramCatalog;

/**
 * A cohort CSV, every row validated before anything is issued: the good rows as issuance
 * commands, and every bad row with its line number and the reason.
 *
 * <p>Columns (header required, any order, case-insensitive): {@code program, name, email,
 * awarded_on, listed}. {@code listed} is yes/no (empty: yes).
 */
public record CohortFile(List<Row> rows, List<BadRow> badRows) {

    public static final int MAX_ROWS = 50_000;

    static final List<String> COLUMNS = List.of("program", "name", "email", "awarded_on", "listed");

    /** A good row: its line in the file and what it issues. */
    public record Row(long line, IssueCertificate command) {
    }

    /**
     * A bad row: its line in the file, the person it names (name and e-mail as given, null for a
     * fault of the whole file) and everything wrong with it, each wrong value quoted.
     */
    public record BadRow(long line, String name, String email, String reason) {

        /** A fault of the file, not of one person's row. */
        public BadRow(long line, String reason) {
            this(line, null, null, reason);
        }
    }

    public boolean hasErrors() {
        return !badRows.isEmpty();
    }

    /** Reads and validates a whole file; never throws for bad content, only reports it. */
    public static CohortFile parse(byte[] bytes, ProgramCatalog programs, Instant now) {
        List<Row> rows = new ArrayList<>();
        List<BadRow> bad = new ArrayList<>();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        }
        catch (CharacterCodingException ex) {
            return new CohortFile(rows, List.of(new BadRow(1, "the file is not UTF-8 text (save it as \"CSV UTF-8\")")));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
            .setTrim(true).setAllowMissingColumnNames(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Map<String, Integer> header = new HashMap<>();
            parser.getHeaderMap().forEach((name, index) -> header.put(column(name), index));
            List<String> missing = COLUMNS.stream().filter(c -> !header.containsKey(c)).toList();
            if (missing.isEmpty() == false) {
                return new CohortFile(rows, List.of(new BadRow(1, "the header lacks the column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + " (expected: " + String.join(", ", COLUMNS) + ")")));
            }
            Map<String, Long> seen = new HashMap<>();
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber() + 1;
                if (rows.size() + bad.size() >= MAX_ROWS) {
                    bad.add(new BadRow(line, "the file has more than " + MAX_ROWS + " rows; split it"));
                    break;
                }
                row(record, line, header, programs, now, seen, rows, bad);
            }
        }
        catch (IOException | UncheckedIOException | IllegalStateException ex) {
            bad.add(new BadRow(rows.size() + bad.size() + 2, "the file is not well-formed CSV here ("
                    + (ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage()) + ")"));
        }
        if (rows.isEmpty() && bad.isEmpty()) {
            bad.add(new BadRow(2, "the file has a header but no rows"));
        }
        return new CohortFile(List.copyOf(rows), List.copyOf(bad));
    }

    private static void row(CSVRecord record, long line, Map<String, Integer> header, ProgramCatalog programs, Instant now,
            Map<String, Long> seen, List<Row> rows, List<BadRow> bad) {
        if (record.size() != header.size()) {
            bad.add(new BadRow(line, "has " + record.size() + " columns, the header has " + header.size()));
            return;
        }
        List<String> problems = new ArrayList<>();
        Instant awarded = null;
        String awardedText = record.get(header.get("awarded_on"));
        if (!awardedText.isEmpty()) {
            try {
                awarded = LocalDate.parse(awardedText).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            catch (DateTimeParseException ex) {
                problems.add("awarded_on '" + shorten(awardedText) + "' is not a date (YYYY-MM-DD)");
            }
        }
        Boolean listed = null;
        String listedText = record.get(header.get("listed")).toLowerCase(Locale.ROOT);
        switch (listedText) {
            case "", "yes", "y", "true", "1" -> listed = true;
            case "no", "n", "false", "0" -> listed = false;
            default -> problems.add("listed '" + shorten(listedText) + "' is not yes or no");
        }
        IssueCertificate command = null;
        try {
            command = IssueCertificate.of(programs, record.get(header.get("program")), record.get(header.get("name")),
                    record.get(header.get("email")), listed, awarded, now);
        }
        catch (InvalidRequestException ex) {
            Map<String, String> given = Map.of("program", record.get(header.get("program")), "name",
                    record.get(header.get("name")), "email", record.get(header.get("email")));
            problems.addAll(ex.problems().stream().map(p -> {
                String value = given.getOrDefault(column(p.field()), "");
                boolean quoted = value.isBlank() || p.message().contains("'" + shorten(value) + "'");
                return column(p.field()) + (quoted ? "" : " '" + shorten(value) + "'") + ": " + p.message();
            }).toList());
        }
        if (command != null && problems.isEmpty()) {
            String holder = command.program().code() + "\n" + command.holderEmail().toLowerCase(Locale.ROOT);
            Long earlier = seen.putIfAbsent(holder, line);
            if (earlier != null) {
                problems.add("same e-mail and program as line " + earlier);
            }
        }
        if (problems.isEmpty()) {
            rows.add(new Row(line, command));
        }
        else {
            bad.add(new BadRow(line, record.get(header.get("name")), record.get(header.get("email")),
                    problems.stream().collect(Collectors.joining("; "))));
        }
    }

    private static String column(String name) {
        String c = name == null ? "" : name.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        return switch (c) {
            case "holder.name", "holder_name" -> "name";
            case "holder.email", "e_mail", "holder_email" -> "email";
            case "awarded", "awarded_date", "awardedon" -> "awarded_on";
            default -> c;
        };
    }

    private static String shorten(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "…" : s;
    }
}
