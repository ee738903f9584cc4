package org.certregistry.web.certificate.ceu;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Continuing-education entries ({@code ceu_record}), in PostgreSQL through R2DBC. */
@Repository
class CeuRepository {

    private final DatabaseClient db;

    CeuRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insertCeu(CeuRecord r) {
        return db.sql("INSERT INTO ceu_record (certificate_id, cycle, category, measure, quantity, units, earned_on, "
                + "description, recorded_by, recorded_at) VALUES (:certificateId, :cycle, :category, :measure, :quantity, "
                + ":units, :earnedOn, :description, :recordedBy, :recordedAt)")
            .bind("certificateId", r.certificateId()).bind("cycle", r.cycle()).bind("category", r.category())
            .bind("measure", r.measure()).bind("quantity", r.quantity()).bind("units", r.units())
            .bind("earnedOn", r.earnedOn()).bind("description", Parameter.fromOrEmpty(r.description(), String.class))
            .bind("recordedBy", r.recordedBy()).bind("recordedAt", r.recordedAt())
            .then();
    }

    /** Every CEU entry of a certificate, all cycles, oldest first. */
    public Flux<CeuRecord> ceus(UUID certificateId) {
        return db.sql("SELECT certificate_id, cycle, category, measure, quantity, units, earned_on, description, recorded_by, "
                + "recorded_at FROM ceu_record WHERE certificate_id = :id ORDER BY id")
            .bind("id", certificateId)
            .map(row -> new CeuRecord(row.get("certificate_id", UUID.class), row.get("cycle", Integer.class),
                    row.get("category", String.class), row.get("measure", String.class), row.get("quantity", Integer.class),
                    row.get("units", Integer.class), row.get("earned_on", LocalDate.class), row.get("description", String.class),
                    row.get("recorded_by", String.class), row.get("recorded_at", Instant.class)))
            .all();
    }
}
