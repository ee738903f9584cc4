package org.certregistry.web.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tables {@code cohort}, {@code cohort_bad_row} and {@code cohort_issued}: uploads, their
 * reports and progress, shared by every instance. The instance issuing a cohort holds its lease.
 */
@Repository
class CohortRepository {

    private static final String COLUMNS = "id, owner, file_name, uploaded_at, good_rows, stage, issued, started_at, "
            + "finished_at, error";

    private final DatabaseClient db;

    CohortRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(UUID id, String owner, String fileName, byte[] csv, Instant uploadedAt, CohortFile file) {
        Mono<Void> cohort = db.sql("INSERT INTO cohort (id, owner, file_name, csv, uploaded_at, good_rows, stage) "
                + "VALUES (:id, :owner, :file, :csv, :at, :good, 'VALIDATED')")
            .bind("id", id).bind("owner", owner).bind("file", fileName).bind("csv", csv).bind("at", uploadedAt)
            .bind("good", file.rows().size())
            .then();
        if (file.badRows().isEmpty()) {
            return cohort;
        }
        // one statement for any number of rows: arrays unnested
        Mono<Void> bad = db.sql("INSERT INTO cohort_bad_row (cohort, line, reason, name, email) "
                + "SELECT :id, line, reason, name, email FROM unnest(:lines::bigint[], :reasons::text[], :names::text[], "
                + ":emails::text[]) AS r (line, reason, name, email)")
            .bind("id", id)
            .bind("lines", file.badRows().stream().map(CohortFile.BadRow::line).toArray(Long[]::new))
            .bind("names", file.badRows().stream().map(CohortFile.BadRow::name).toArray(String[]::new))
            .bind("emails", file.badRows().stream().map(CohortFile.BadRow::email).toArray(String[]::new))
            .bind("reasons", file.badRows().stream().map(CohortFile.BadRow::reason).toArray(String[]::new))
            .then();
        return cohort.then(bad);
    }

    Mono<Cohort> find(UUID id, String owner) {
        return db.sql("SELECT " + COLUMNS + " FROM cohort WHERE id = :id AND owner = :owner")
            .bind("id", id).bind("owner", owner)
            .map(row -> row(row))
            .one()
            .flatMap(row -> db.sql("SELECT line, name, email, reason FROM cohort_bad_row WHERE cohort = :id ORDER BY line")
                .bind("id", id)
                .map(r -> new CohortFile.BadRow(r.get("line", Long.class), r.get("name", String.class),
                        r.get("email", String.class), r.get("reason", String.class)))
                .all()
                .collectList()
                .map(bad -> row.with(bad)));
    }

    /** The progress alone, for a page that follows it. */
    Mono<Cohort.Progress> progress(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM cohort WHERE id = :id").bind("id", id).map(row -> row(row).progress())
            .one();
    }

    Mono<byte[]> csv(UUID id) {
        return db.sql("SELECT csv FROM cohort WHERE id = :id").bind("id", id).map(row -> row.get("csv", byte[].class)).one();
    }

    /** Moves a validated cohort to ISSUING under this instance's lease; false when it was started already. */
    Mono<Boolean> start(UUID id, String instance, Instant now, Duration lease) {
        return db.sql("UPDATE cohort SET stage = 'ISSUING', started_at = :now, lease_owner = :instance, "
                + "lease_until = :until WHERE id = :id AND stage = 'VALIDATED'")
            .bind("now", now).bind("instance", instance).bind("until", now.plus(lease)).bind("id", id)
            .fetch().rowsUpdated().map(count -> count == 1);
    }

    /**
     * Records a batch, in its issuance's transaction, and renews the lease. An instance that no longer holds the
     * lease (its cohort was marked failed meanwhile) gets {@link LeaseLostException}: the batch is rolled back.
     */
    Mono<Void> issued(UUID id, String instance, List<Cohort.Issued> batch, Instant leaseUntil) {
        Mono<Void> rows = db.sql("INSERT INTO cohort_issued (cohort, line, program, name, email, number, holder_url, "
                + "verification_url) SELECT :id, * FROM unnest(:lines::bigint[], :programs::text[], :names::text[], "
                + ":emails::text[], :numbers::text[], :holders::text[], :verifications::text[])")
            .bind("id", id)
            .bind("lines", batch.stream().map(Cohort.Issued::line).toArray(Long[]::new))
            .bind("programs", batch.stream().map(Cohort.Issued::program).toArray(String[]::new))
            .bind("names", batch.stream().map(Cohort.Issued::name).toArray(String[]::new))
            .bind("emails", batch.stream().map(Cohort.Issued::email).toArray(String[]::new))
            .bind("numbers", batch.stream().map(Cohort.Issued::number).toArray(String[]::new))
            .bind("holders", batch.stream().map(Cohort.Issued::holderUrl).toArray(String[]::new))
            .bind("verifications", batch.stream().map(Cohort.Issued::verificationUrl).toArray(String[]::new))
            .then();
        return rows.then(db.sql("UPDATE cohort SET issued = issued + :count, lease_until = :until "
                + "WHERE id = :id AND lease_owner = :instance AND stage = 'ISSUING'")
            .bind("count", batch.size()).bind("until", leaseUntil).bind("id", id).bind("instance", instance)
            .fetch().rowsUpdated()
            .flatMap(updated -> updated == 1 ? Mono.<Void>empty() : Mono.error(new LeaseLostException(id))));
    }

    /** The cohort is no longer this instance's to issue. */
    static final class LeaseLostException extends RuntimeException {

        LeaseLostException(UUID id) {
            super("cohort " + id + " is no longer held by this instance (marked failed after its lease ran out)");
        }
    }

    Mono<Void> renewLease(UUID id, String instance, Instant until) {
        return db.sql("UPDATE cohort SET lease_until = :until WHERE id = :id AND lease_owner = :instance AND stage = 'ISSUING'")
            .bind("until", until).bind("id", id).bind("instance", instance).then();
    }

    /**
     * Ends the cohort: DONE only when every good row is recorded as issued (batches and progress are written in one
     * transaction, so recorded is stored); otherwise FAILED, with {@code error} or how far it got.
     */
    Mono<Void> finish(UUID id, String instance, Instant now, String error) {
        DatabaseClient.GenericExecuteSpec update = db.sql("UPDATE cohort SET "
                + "stage = CASE WHEN :error::text IS NULL AND issued = good_rows THEN 'DONE' ELSE 'FAILED' END, "
                + "error = CASE WHEN :error::text IS NOT NULL THEN :error::text WHEN issued = good_rows THEN NULL "
                + "ELSE 'issuance ended after ' || issued || ' of ' || good_rows || ' certificates; the rest were not issued' END, "
                + "finished_at = :now, lease_owner = NULL, lease_until = NULL "
                + "WHERE id = :id AND lease_owner = :instance AND stage = 'ISSUING'")
            .bind("now", now).bind("id", id).bind("instance", instance);
        return (error == null ? update.bindNull("error", String.class) : update.bind("error", error)).then();
    }

    /** Cohorts whose issuing instance stopped renewing its lease: marked failed, with how far they got. */
    Flux<UUID> failAbandoned(Instant now) {
        return db.sql("UPDATE cohort SET stage = 'FAILED', finished_at = :now, lease_owner = NULL, lease_until = NULL, "
                + "error = 'the instance issuing this cohort stopped after ' || issued || ' certificates; "
                + "rows listed as not issued were not' "
                + "WHERE stage = 'ISSUING' AND lease_until < :now RETURNING id")
            .bind("now", now).map(row -> row.get("id", UUID.class)).all();
    }

    /** The owner's cohorts still kept, newest first, without their bad rows. */
    Flux<Cohort> recent(String owner, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM cohort WHERE owner = :owner ORDER BY uploaded_at DESC LIMIT :limit")
            .bind("owner", owner).bind("limit", limit)
            .map(row -> row(row).with(List.of())).all();
    }

    Mono<Long> deleteUploadedBefore(Instant cutoff) {
        return db.sql("DELETE FROM cohort WHERE uploaded_at < :cutoff AND stage <> 'ISSUING'").bind("cutoff", cutoff)
            .fetch().rowsUpdated();
    }

    Flux<Cohort.Issued> issuedRows(UUID id) {
        return db.sql("SELECT line, program, name, email, number, holder_url, verification_url FROM cohort_issued "
                + "WHERE cohort = :id ORDER BY line")
            .bind("id", id)
            .map(row -> new Cohort.Issued(row.get("line", Long.class), row.get("program", String.class),
                    row.get("name", String.class), row.get("email", String.class), row.get("number", String.class),
                    row.get("holder_url", String.class), row.get("verification_url", String.class)))
            .all();
    }

    /** A cohort row, its bad rows still to be read. */
    private record Row(UUID id, String owner, String fileName, Instant uploadedAt, int goodRows, Cohort.Progress progress) {

        Cohort with(List<CohortFile.BadRow> badRows) {
            return new Cohort(id, owner, fileName, uploadedAt, goodRows, badRows, progress);
        }
    }

    private static Row row(Readable row) {
        Instant started = row.get("started_at", Instant.class);
        Instant finished = row.get("finished_at", Instant.class);
        int good = row.get("good_rows", Integer.class);
        Cohort.Progress progress = new Cohort.Progress(Cohort.Stage.valueOf(row.get("stage", String.class)),
                row.get("issued", Integer.class), good,
                started == null || finished == null ? null : Duration.between(started, finished).toMillis(),
                row.get("error", String.class));
        return new Row(row.get("id", UUID.class), row.get("owner", String.class), row.get("file_name", String.class),
                row.get("uploaded_at", Instant.class), good, progress);
    }
}
