package org.certregistry.web.certificate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Certificates, their signed versions and their history, in PostgreSQL through R2DBC. */
@Repository
public class CertificateRepository {

    public static final String COLUMNS = "id, number, program, holder_id, holder_name, holder_email, email_salt, listed, "
            + "awarded_at, valid_from, valid_until, state, state_reason, status_list, status_index, version, "
            + "credential_version, created_at, updated_at";

    private final DatabaseClient db;

    CertificateRepository(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Certificate> findByNumber(String number) {
        return db.sql("SELECT " + COLUMNS + " FROM certificate WHERE number = :number").bind("number", number)
            .map(CertificateRepository::certificate).one();
    }

    public Mono<Certificate> findByHolderTokenHash(byte[] hash) {
        return db.sql("SELECT " + COLUMNS + " FROM certificate WHERE holder_token_hash = :hash").bind("hash", hash)
            .map(CertificateRepository::certificate).one();
    }

    public Mono<Certificate> findByStatusIndex(int list, int index) {
        return db.sql("SELECT " + COLUMNS + " FROM certificate WHERE status_list = :list AND status_index = :index")
            .bind("list", list).bind("index", index).map(CertificateRepository::certificate).one();
    }

    public Mono<Long> count() {
        return db.sql("SELECT count(*) FROM certificate").map(row -> row.get(0, Long.class)).one();
    }

    Mono<Void> insert(Certificate c, byte[] holderTokenHash) {
        return db.sql("INSERT INTO certificate (" + COLUMNS + ", holder_token_hash) VALUES (:id, :number, :program, "
                + ":holderId, :holderName, :holderEmail, :emailSalt, :listed, :awardedAt, :validFrom, :validUntil, :state, "
                + ":stateReason, :statusList, :statusIndex, :version, :credentialVersion, :createdAt, :updatedAt, :tokenHash)")
            .bind("id", c.id()).bind("number", c.number()).bind("program", c.programCode()).bind("holderId", c.holderId())
            .bind("holderName", c.holderName()).bind("holderEmail", c.holderEmail()).bind("emailSalt", c.emailSalt())
            .bind("listed", c.listed()).bind("awardedAt", c.awardedAt()).bind("validFrom", c.validFrom())
            .bind("validUntil", c.validUntil()).bind("state", c.state().name())
            .bind("stateReason", Parameter.fromOrEmpty(c.stateReason(), String.class))
            .bind("statusList", c.statusList()).bind("statusIndex", c.statusIndex()).bind("version", c.version())
            .bind("credentialVersion", c.credentialVersion()).bind("createdAt", c.createdAt())
            .bind("updatedAt", c.updatedAt()).bind("tokenHash", holderTokenHash)
            .then();
    }

    /**
     * Writes a changed certificate if nobody changed it since it was read ({@code version}
     * unchanged), bumping the version. Answers the stored copy, or empty when the version moved on.
     */
    Mono<Certificate> update(Certificate c) {
        return db.sql("UPDATE certificate SET listed = :listed, valid_from = :validFrom, valid_until = :validUntil, "
                + "state = :state, state_reason = :stateReason, credential_version = :credentialVersion, "
                + "updated_at = :updatedAt, version = version + 1 WHERE id = :id AND version = :version RETURNING " + COLUMNS)
            .bind("listed", c.listed()).bind("validFrom", c.validFrom()).bind("validUntil", c.validUntil())
            .bind("state", c.state().name()).bind("stateReason", Parameter.fromOrEmpty(c.stateReason(), String.class))
            .bind("credentialVersion", c.credentialVersion()).bind("updatedAt", c.updatedAt()).bind("id", c.id())
            .bind("version", c.version())
            .map(CertificateRepository::certificate).one();
    }

    Mono<Void> insertCredential(CredentialVersion v) {
        return db.sql("INSERT INTO credential_version (certificate_id, version, credential_id, jwt, key_id, valid_from, "
                + "valid_until, issued_at) VALUES (:certificateId, :version, :credentialId, :jwt, :keyId, :validFrom, "
                + ":validUntil, :issuedAt)")
            .bind("certificateId", v.certificateId()).bind("version", v.version()).bind("credentialId", v.credentialId())
            .bind("jwt", v.jwt()).bind("keyId", v.keyId()).bind("validFrom", v.validFrom())
            .bind("validUntil", v.validUntil()).bind("issuedAt", v.issuedAt())
            .then();
    }

    public Mono<CredentialVersion> currentCredential(Certificate c) {
        return db.sql("SELECT certificate_id, version, credential_id, jwt, key_id, valid_from, valid_until, issued_at "
                + "FROM credential_version WHERE certificate_id = :id AND version = :version")
            .bind("id", c.id()).bind("version", c.credentialVersion())
            .map(row -> new CredentialVersion(row.get("certificate_id", UUID.class), row.get("version", Integer.class),
                    row.get("credential_id", String.class), row.get("jwt", String.class), row.get("key_id", String.class),
                    row.get("valid_from", Instant.class), row.get("valid_until", Instant.class),
                    row.get("issued_at", Instant.class)))
            .one();
    }

    Mono<Void> appendEvent(CertificateEvent e) {
        return db.sql("INSERT INTO certificate_event (certificate_id, at, actor, action, reason, before, after) "
                + "VALUES (:certificateId, :at, :actor, :action, :reason, :before, :after)")
            .bind("certificateId", e.certificateId()).bind("at", e.at()).bind("actor", e.actor()).bind("action", e.action())
            .bind("reason", Parameter.fromOrEmpty(e.reason(), String.class))
            .bind("before", Parameter.fromOrEmpty(e.before() == null ? null : Json.of(e.before()), Json.class))
            .bind("after", Parameter.fromOrEmpty(e.after() == null ? null : Json.of(e.after()), Json.class))
            .then();
    }

    public Flux<CertificateEvent> history(UUID certificateId) {
        return db.sql("SELECT certificate_id, at, actor, action, reason, before::text AS before, after::text AS after "
                + "FROM certificate_event WHERE certificate_id = :id ORDER BY id")
            .bind("id", certificateId)
            .map(row -> new CertificateEvent(row.get("certificate_id", UUID.class), row.get("at", Instant.class),
                    row.get("actor", String.class), row.get("action", String.class), row.get("reason", String.class),
                    row.get("before", String.class), row.get("after", String.class)))
            .all();
    }

    /** Status indexes already taken in a list, so bulk issuance can draw free ones. */
    Mono<BitSet> usedStatusIndexes(int list) {
        return db.sql("SELECT status_index FROM certificate WHERE status_list = :list").bind("list", list)
            .map(row -> row.get(0, Integer.class))
            .all()
            .collect(BitSet::new, BitSet::set);
    }

    /**
     * Stores a batch of new certificates with their first credential and "issued" event: three
     * multi-row INSERTs instead of three per certificate.
     */
    Mono<Void> insertIssued(List<Certificate> batch, List<byte[]> tokenHashes, List<CredentialVersion> versions,
            List<CertificateEvent> events) {
        List<Object[]> certificates = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Certificate c = batch.get(i);
            certificates.add(new Object[] { c.id(), c.number(), c.programCode(), c.holderId(), c.holderName(), c.holderEmail(),
                    c.emailSalt(), c.listed(), c.awardedAt(), c.validFrom(), c.validUntil(), c.state().name(), c.stateReason(),
                    c.statusList(), c.statusIndex(), c.version(), c.credentialVersion(), c.createdAt(), c.updatedAt(),
                    tokenHashes.get(i) });
        }
        List<Object[]> credentials = versions.stream().map(v -> new Object[] { v.certificateId(), v.version(),
                v.credentialId(), v.jwt(), v.keyId(), v.validFrom(), v.validUntil(), v.issuedAt() }).toList();
        List<Object[]> history = events.stream().map(e -> new Object[] { e.certificateId(), e.at(), e.actor(), e.action(),
                e.reason(), e.before() == null ? null : Json.of(e.before()), e.after() == null ? null : Json.of(e.after()) })
            .toList();
        return insertRows("certificate (" + COLUMNS + ", holder_token_hash)", CERTIFICATE_TYPES, certificates)
            .then(insertRows("credential_version (certificate_id, version, credential_id, jwt, key_id, valid_from, valid_until, "
                    + "issued_at)", CREDENTIAL_TYPES, credentials))
            .then(insertRows("certificate_event (certificate_id, at, actor, action, reason, before, after)", EVENT_TYPES,
                    history));
    }

    private static final Class<?>[] CERTIFICATE_TYPES = { UUID.class, String.class, String.class, UUID.class, String.class,
            String.class, String.class, Boolean.class, Instant.class, Instant.class, Instant.class, String.class, String.class,
            Integer.class, Integer.class, Integer.class, Integer.class, Instant.class, Instant.class, byte[].class };

    private static final Class<?>[] CREDENTIAL_TYPES = { UUID.class, Integer.class, String.class, String.class, String.class,
            Instant.class, Instant.class, Instant.class };

    private static final Class<?>[] EVENT_TYPES = { UUID.class, Instant.class, String.class, String.class, String.class,
            Json.class, Json.class };

    private Mono<Void> insertRows(String into, Class<?>[] types, List<Object[]> rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(into).append(" VALUES ");
        int marker = 1;
        for (int r = 0; r < rows.size(); r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int c = 0; c < types.length; c++) {
                sql.append(c == 0 ? "$" : ", $").append(marker++);
            }
            sql.append(')');
        }
        // straight on the R2DBC statement: DatabaseClient copies its bindings on every bind, quadratic for thousands
        return db.inConnection(connection -> {
            Statement statement = connection.createStatement(sql.toString());
            int index = 0;
            for (Object[] row : rows) {
                for (int c = 0; c < types.length; c++, index++) {
                    if (row[c] == null) {
                        statement.bindNull(index, types[c]);
                    }
                    else {
                        statement.bind(index, row[c]);
                    }
                }
            }
            return Flux.from(statement.execute()).flatMap(Result::getRowsUpdated).then();
        });
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

    /** One page of the admin list, newest first, and how many match in all. */
    public Mono<Page> search(CertificateFilter filter, Instant now, Duration expiringSoon) {
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> binds = new HashMap<>();
        if (filter.program() != null) {
            where.append(" AND program = :program");
            binds.put("program", filter.program());
        }
        if (filter.status() != null) {
            switch (filter.status()) {
                case VALID -> where.append(" AND state = 'ACTIVE' AND valid_until > :now");
                case EXPIRED -> where.append(" AND state = 'ACTIVE' AND valid_until <= :now");
                case SUSPENDED -> where.append(" AND state = 'SUSPENDED'");
                case REVOKED -> where.append(" AND state = 'REVOKED'");
            }
        }
        if (filter.expiringSoon()) {
            where.append(" AND state = 'ACTIVE' AND valid_until > :now AND valid_until < :horizon");
            binds.put("horizon", now.plus(expiringSoon));
        }
        if (where.indexOf(":now") >= 0) {
            binds.put("now", now);
        }
        if (filter.text() != null) {
            where.append(" AND (upper(replace(number, '-', '')) = upper(replace(:exact, '-', '')) OR lower(holder_email) = lower(:exact)"
                    + " OR search_name LIKE '%' || registry_fold(:pattern) || '%')");
            binds.put("exact", filter.text());
            binds.put("pattern", filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
        }
        DatabaseClient.GenericExecuteSpec rows = db.sql("SELECT " + COLUMNS + " FROM certificate" + where
                + " ORDER BY created_at DESC, number LIMIT :limit OFFSET :offset")
            .bind("limit", filter.size()).bind("offset", (long) filter.page() * filter.size());
        DatabaseClient.GenericExecuteSpec count = db.sql("SELECT count(*) FROM certificate" + where);
        for (Map.Entry<String, Object> b : binds.entrySet()) {
            rows = rows.bind(b.getKey(), b.getValue());
            count = count.bind(b.getKey(), b.getValue());
        }
        return Mono.zip(rows.map(CertificateRepository::certificate).all().collectList(),
                count.map(row -> row.get(0, Long.class)).one())
            .map(t -> new Page(t.getT1(), t.getT2(), filter.page(), filter.size()));
    }

    /** One page of certificates and the number of all that match. */
    public record Page(List<Certificate> certificates, long total, int page, int size) {

        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }
    }

    public static Certificate certificate(Readable row) {
        return new Certificate(row.get("id", UUID.class), row.get("number", String.class), row.get("program", String.class),
                row.get("holder_id", UUID.class), row.get("holder_name", String.class), row.get("holder_email", String.class),
                row.get("email_salt", String.class), Boolean.TRUE.equals(row.get("listed", Boolean.class)),
                row.get("awarded_at", Instant.class), row.get("valid_from", Instant.class),
                row.get("valid_until", Instant.class), CertificateState.valueOf(row.get("state", String.class)),
                row.get("state_reason", String.class), row.get("status_list", Integer.class),
                row.get("status_index", Integer.class), row.get("version", Integer.class),
                row.get("credential_version", Integer.class), row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
