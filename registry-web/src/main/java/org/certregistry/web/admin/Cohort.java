package org.certregistry.web.admin;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * One uploaded cohort file: its validation report, then (once an admin starts it) the progress
 * and the result of issuing its good rows.
 */
public final class Cohort {

    /** Where a cohort stands. */
    public enum Stage {
        /** Validated; nothing issued yet. */
        VALIDATED,
        /** Issuing. */
        ISSUING,
        /** Every good row issued. */
        DONE,
        /** Stopped by a fault; the rows issued before it stay issued (see the result). */
        FAILED
    }

    /** A snapshot of progress, as the page shows it live. */
    public record Progress(Stage stage, int issued, int total, Long millis, String error) {
    }

    /** One issued row, as the result file lists it. */
    public record Issued(long line, String program, String name, String email, String number, String holderUrl,
            String verificationUrl) {
    }

    private final UUID id = UUID.randomUUID();
    private final String owner;
    private final String fileName;
    private final CohortFile file;
    private final Instant uploadedAt;
    private final AtomicReference<Stage> stage = new AtomicReference<>(Stage.VALIDATED);
    private final AtomicInteger issuedCount = new AtomicInteger();
    private final List<Issued> issued = Collections.synchronizedList(new ArrayList<>());
    private final Sinks.Many<Progress> progress = Sinks.many().replay().latest();
    private volatile Instant startedAt;
    private volatile Duration took;
    private volatile String error;

    Cohort(String owner, String fileName, CohortFile file, Instant uploadedAt) {
        this.owner = owner;
        this.fileName = fileName;
        this.file = file;
        this.uploadedAt = uploadedAt;
        progress.tryEmitNext(snapshot());
    }

    public UUID id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    public String fileName() {
        return fileName;
    }

    public CohortFile file() {
        return file;
    }

    public Instant uploadedAt() {
        return uploadedAt;
    }

    public Stage stage() {
        return stage.get();
    }

    public Progress snapshot() {
        return new Progress(stage.get(), issuedCount.get(), file.rows().size(), took == null ? null : took.toMillis(), error);
    }

    /** Progress from now on, ending when issuance ends. */
    public Flux<Progress> progress() {
        return progress.asFlux();
    }

    boolean start(Instant now) {
        if (!stage.compareAndSet(Stage.VALIDATED, Stage.ISSUING)) {
            return false;
        }
        startedAt = now;
        progress.tryEmitNext(snapshot());
        return true;
    }

    synchronized void issued(List<Issued> batch) {
        issued.addAll(batch);
        issuedCount.addAndGet(batch.size());
        progress.tryEmitNext(snapshot());
    }

    synchronized void finished(Instant now, String failure) {
        took = Duration.between(startedAt, now);
        error = failure;
        stage.set(failure == null ? Stage.DONE : Stage.FAILED);
        progress.tryEmitNext(snapshot());
        progress.tryEmitComplete();
    }

    /**
     * The result as CSV: every line of the file with what became of it. Holder links are the
     * holders' private links, to be passed on to each holder; the file is shown only to its admin.
     */
    public String resultCsv() {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
            .setHeader("line", "outcome", "program", "name", "email", "number", "holder_link", "verification_url", "reason")
            .get())) {
            List<Issued> done;
            synchronized (this) {
                done = new ArrayList<>(issued);
            }
            java.util.Set<Long> doneLines = new java.util.HashSet<>();
            for (Issued i : done) {
                csv.printRecord(i.line(), "issued", i.program(), i.name(), i.email(), i.number(), i.holderUrl(),
                        i.verificationUrl(), "");
                doneLines.add(i.line());
            }
            for (CohortFile.Row row : file.rows()) {
                if (!doneLines.contains(row.line())) {
                    csv.printRecord(row.line(), "not issued", row.command().program().code(), row.command().holderName(),
                            row.command().holderEmail(), "", "", "", stage.get() == Stage.FAILED ? error : "not started");
                }
            }
            for (CohortFile.BadRow bad : file.badRows()) {
                csv.printRecord(bad.line(), "rejected", "", "", "", "", "", "", bad.reason());
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }
}
