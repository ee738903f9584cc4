package org.certregistry.web.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One uploaded cohort file as stored (any instance reads it): its validation report, then (once an
 * admin starts it) the progress and outcome of issuing its good rows.
 */
public record Cohort(UUID id, String owner, String fileName, Instant uploadedAt, int goodRows,
        List<CohortFile.BadRow> badRows, Progress progress) {

    /** Where a cohort stands. */
    public enum Stage {
        /** Validated; nothing issued yet. */
        VALIDATED,
        /** Issuing. */
        ISSUING,
        /** Every good row issued. */
        DONE,
        /** Stopped by a fault, or its instance stopped; the rows issued before stay issued (see the result). */
        FAILED;

        /** Nothing more will happen to the cohort. */
        public boolean finished() {
            return this == DONE || this == FAILED;
        }
    }

    /** A snapshot of progress, as the page shows it live. */
    public record Progress(Stage stage, int issued, int total, Long millis, String error) {
    }

    /** One issued row, as the result file lists it; {@code holderUrl} is sealed while it is stored. */
    public record Issued(long line, String program, String name, String email, String number, String holderUrl,
            String verificationUrl) {

        Issued withHolderUrl(String url) {
            return new Issued(line, program, name, email, number, url, verificationUrl);
        }
    }

    public Cohort {
        badRows = List.copyOf(badRows);
    }

    public boolean hasErrors() {
        return !badRows.isEmpty();
    }

    public Stage stage() {
        return progress.stage();
    }
}
