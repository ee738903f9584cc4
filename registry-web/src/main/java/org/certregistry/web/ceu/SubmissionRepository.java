package org.certregistry.web.ceu;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL of {@code ceu_submission}; reads join the certificate for its number, program and holder. */
@Repository
class SubmissionRepository {

    private static final String SELECT = "SELECT s.id, s.certificate_id, c.number, c.program, c.holder_name, s.cycle, s.category, "
            + "s.measure, s.quantity, s.units, s.earned_on, s.activity, s.evidence_type, s.evidence_name, s.status, s.audit, "
            + "s.submitted_at, s.decided_at, s.decided_by, s.decision_reason FROM ceu_submission s "
            + "JOIN certificate c ON c.id = s.certificate_id ";

    private final DatabaseClient db;

    SubmissionRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(CeuSubmission s, byte[] evidence) {
        return db.sql("INSERT INTO ceu_submission (id, certificate_id, cycle, category, measure, quantity, units, earned_on, "
                + "activity, evidence, evidence_type, evidence_name, audit, submitted_at) VALUES (:id, :certificateId, :cycle, "
                + ":category, :measure, :quantity, :units, :earnedOn, :activity, :evidence, :type, :name, :audit, :at)")
            .bind("id", s.id()).bind("certificateId", s.certificateId()).bind("cycle", s.cycle())
            .bind("category", s.category()).bind("measure", s.measure()).bind("quantity", s.quantity())
            .bind("units", s.units()).bind("earnedOn", s.earnedOn()).bind("activity", s.activity())
            .bind("evidence", evidence).bind("type", s.evidenceType())
            .bind("name", Parameter.fromOrEmpty(s.evidenceName(), String.class)).bind("audit", s.audit())
            .bind("at", s.submittedAt())
            .then();
    }

    /** What a certificate has waiting for review: submissions and their evidence's bytes. */
    record Pending(long submissions, long evidenceBytes) {
    }

    /**
     * Holds, until the transaction ends, the right to add a submission to this certificate: two uploads at
     * the same moment are counted one after the other, so neither passes a limit the other has reached.
     */
    Mono<Void> lockForSubmission(UUID certificateId) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtextextended('ceu_submission:' || :id::text, 0))")
            .bind("id", certificateId).fetch().first().then();
    }

    Mono<Pending> pending(UUID certificateId) {
        // octet_length of a bytea reads its stored length, not the evidence itself
        return db.sql("SELECT count(*) AS n, coalesce(sum(octet_length(evidence)), 0) AS bytes FROM ceu_submission "
                + "WHERE certificate_id = :id AND status = 'PENDING'")
            .bind("id", certificateId)
            .map(row -> new Pending(row.get("n", Long.class), row.get("bytes", Number.class).longValue()))
            .one();
    }

    Flux<CeuSubmission> ofCertificate(UUID certificateId) {
        return db.sql(SELECT + "WHERE s.certificate_id = :id ORDER BY s.submitted_at DESC").bind("id", certificateId)
            .map(SubmissionRepository::submission).all();
    }

    Flux<CeuSubmission> queue(CeuSubmission.Status status, String program, Instant submittedBefore) {
        return db.sql(SELECT + "WHERE s.status = :status AND (:program::text IS NULL OR c.program = upper(:program)) "
                + "AND (:before::timestamptz IS NULL OR s.submitted_at <= :before) ORDER BY s.submitted_at LIMIT 500")
            .bind("status", status.name())
            .bind("program", Parameter.fromOrEmpty(program == null || program.isBlank() ? null : program, String.class))
            .bind("before", Parameter.fromOrEmpty(submittedBefore, Instant.class))
            .map(SubmissionRepository::submission).all();
    }

    Mono<CeuSubmission> find(UUID id) {
        return db.sql(SELECT + "WHERE s.id = :id").bind("id", id).map(SubmissionRepository::submission).one();
    }

    Mono<Evidence> evidence(UUID id) {
        return db.sql("SELECT evidence, evidence_type, evidence_name FROM ceu_submission WHERE id = :id").bind("id", id)
            .map(row -> new Evidence(row.get("evidence", byte[].class), row.get("evidence_type", String.class),
                    row.get("evidence_name", String.class)))
            .one();
    }

    /** Decides a pending submission; empty if it was decided already (by someone else, maybe at the same moment). */
    Mono<CeuSubmission> decide(UUID id, CeuSubmission.Status decision, String reason, String actor, Instant at) {
        return db.sql("UPDATE ceu_submission SET status = :status, decision_reason = :reason, decided_by = :actor, "
                + "decided_at = :at WHERE id = :id AND status = 'PENDING'")
            .bind("id", id).bind("status", decision.name()).bind("reason", Parameter.fromOrEmpty(reason, String.class))
            .bind("actor", actor).bind("at", at)
            .fetch().rowsUpdated()
            .flatMap(n -> n == 0 ? Mono.empty() : find(id));
    }

    private static CeuSubmission submission(Readable row) {
        return new CeuSubmission(row.get("id", UUID.class), row.get("certificate_id", UUID.class), row.get("number", String.class),
                row.get("program", String.class), row.get("holder_name", String.class), row.get("cycle", Integer.class),
                row.get("category", String.class), row.get("measure", String.class), row.get("quantity", Integer.class),
                row.get("units", Integer.class), row.get("earned_on", LocalDate.class), row.get("activity", String.class),
                row.get("evidence_type", String.class), row.get("evidence_name", String.class),
                CeuSubmission.Status.valueOf(row.get("status", String.class)), row.get("audit", Boolean.class),
                row.get("submitted_at", Instant.class), row.get("decided_at", Instant.class), row.get("decided_by", String.class),
                row.get("decision_reason", String.class));
    }
}
