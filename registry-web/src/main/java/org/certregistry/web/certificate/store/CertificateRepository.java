package org.certregistry.web.certificate.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateAction;
import org.certregistry.web.certificate.CertificateEvent;
import org.certregistry.web.certificate.CertificateFilter;
import org.certregistry.web.certificate.CertificatePage;
import org.certregistry.web.certificate.CertificateState;
import org.certregistry.web.certificate.CertificateWithCredential;
import org.certregistry.web.certificate.CredentialVersion;
import org.certregistry.web.certificate.HolderNames;
import org.certregistry.web.certificate.IssuedCertificate;
import org.certregistry.web.certificate.RevocationCategory;
import org.certregistry.web.certificate.publicrecord.PublicStatusSql;
import org.certregistry.web.program.ProgramCatalog;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Certificates, their signed versions and their history, in PostgreSQL through R2DBC. Over 250
 * lines on purpose: the three tables are written together (one certificate, its first version and
 * its "issued" event; the multi-row batch insert of a cohort) and share one column list and row
 * mapper, which splitting would either duplicate or export.
 */
@Repository
public class CertificateRepository {

    public static final String COLUMNS = "id, number, program, holder_id, holder_name, holder_email, email_salt, listed, "
            + "awarded_at, valid_from, valid_until, state, state_reason, status_list, status_index, version, "
            + "credential_version, created_at, updated_at";

    private static final String COLUMNS_OF_C = "c." + COLUMNS.replace(", ", ", c.");

    private final DatabaseClient db;
    private final ProgramCatalog programs;

    CertificateRepository(DatabaseClient db, ProgramCatalog programs) {
        this.db = db;
        this.programs = programs;
    }

    public Mono<Certificate> findByNumber(String number) {
        return db.sql("SELECT " + COLUMNS + " FROM certificate WHERE number = :number").bind("number", number)
            .map(CertificateRepository::certificate).one();
    }

    /** The certificate with this number and its current signed credential, in one read (what one verification needs). */
    public Mono<CertificateWithCredential> findWithCurrentCredential(String number) {
        return db.sql("SELECT " + COLUMNS_OF_C + ", v.jwt AS current_jwt FROM certificate c LEFT JOIN credential_version v "
                + "ON v.certificate_id = c.id AND v.version = c.credential_version WHERE c.number = :number")
            .bind("number", number)
            .map(row -> new CertificateWithCredential(certificate(row), row.get("current_jwt", String.class)))
            .one();
    }

    public Mono<Certificate> findByHolderTokenHash(byte[] hash) {
        return db.sql("SELECT " + COLUMNS + " FROM certificate WHERE holder_token_hash = :hash").bind("hash", hash)
            .map(CertificateRepository::certificate).one();
    }

    /**
     * A page of the active certificates a reminder may be due for: those whose window ends by {@code to}, after
     * {@code after} in the order (window end, id), at most {@code limit}. One short query a page, however many are due:
     * one query streaming them all ran past the statement deadline at a million certificates.
     */
    public Flux<Certificate> activeEndingBy(Instant to, ReminderPosition after, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM certificate WHERE state = 'ACTIVE' AND valid_until >= :from "
                + "AND (valid_until, id) > (:from, :afterId) AND valid_until <= :to ORDER BY valid_until, id LIMIT " + limit)
            .bind("from", after.validUntil()).bind("afterId", after.id()).bind("to", to)
            .map(CertificateRepository::certificate).all();
    }

    /**
     * Active certificates changed at or after {@code since} (issued, renewed, reinstated) whose window ends by
     * {@code to}: a page of up to {@code limit}, in order of change then id, after {@code after}.
     */
    public Flux<Certificate> activeChangedSince(Instant since, Instant to, ChangePosition after, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM certificate WHERE updated_at >= :since AND (updated_at, id) > (:at, :afterId) "
                + "AND state = 'ACTIVE' AND valid_until <= :to ORDER BY updated_at, id LIMIT " + limit)
            .bind("since", since).bind("at", after.updatedAt()).bind("afterId", after.id()).bind("to", to)
            .map(CertificateRepository::certificate).all();
    }

    /** Where a page of {@link #activeChangedSince} starts: after this change, and after this id among equal ones. */
    public record ChangePosition(Instant updatedAt, UUID id) {

        /** Before every certificate changed at or after {@code instant}. */
        public static ChangePosition from(Instant instant) {
            return new ChangePosition(instant, new UUID(0L, 0L));
        }

        /** Right after this certificate. */
        public static ChangePosition after(Certificate certificate) {
            return new ChangePosition(certificate.updatedAt(), certificate.id());
        }
    }

    /** Where a page of {@link #activeEndingBy} starts: after this window end, and after this id among equal ends. */
    public record ReminderPosition(Instant validUntil, UUID id) {

        private static final UUID LAST = new UUID(-1L, -1L);

        /** Before every certificate whose window ends after {@code instant}. */
        public static ReminderPosition endingAfter(Instant instant) {
            return new ReminderPosition(instant, LAST);
        }

        /** Right after this certificate. */
        public static ReminderPosition after(Certificate certificate) {
            return new ReminderPosition(certificate.validUntil(), certificate.id());
        }
    }

    public Mono<Void> insertRevocationNotice(UUID certificateId, RevocationCategory category) {
        return db.sql("INSERT INTO revocation_notice (certificate_id, category) VALUES (:id, :category)")
            .bind("id", certificateId).bind("category", category.name()).then();
    }

    /**
     * The number of an ACTIVE certificate of this program already held at this address (as issued, or as the holder
     * now gives it), compared without case; empty when there is none. Read through the indexes of V99 and V81.
     */
    public Mono<String> activeNumberFor(String program, String email) {
        return db.sql("SELECT number FROM certificate WHERE program = :program AND state = 'ACTIVE' "
                + "AND (lower(holder_email) = lower(:email) OR lower(coalesce(contact_email, holder_email)) = lower(:email)) "
                + "ORDER BY created_at LIMIT 1")
            .bind("program", program).bind("email", email)
            .map(row -> row.get("number", String.class)).one();
    }

    /**
     * Serialises the single issuances of one program to one address until the transaction ends, so that two at once
     * cannot both find no certificate there (a transaction-scoped advisory lock on the pair, case-insensitive).
     */
    public Mono<Void> lockAddress(String program, String email) {
        return db.sql("SELECT pg_advisory_xact_lock(hashtextextended('issue:' || :program || ':' || lower(:email), 0))")
            .bind("program", program).bind("email", email).map(row -> Boolean.TRUE).one().then();
    }

    public Mono<Long> count() {
        return db.sql("SELECT count(*) FROM certificate").map(row -> row.get(0, Long.class)).one();
    }

    /** A new certificate; {@code holderLanguage} (null: not known) is where its holder's e-mails take their language. */
    public Mono<Void> insert(Certificate c, byte[] holderTokenHash, Locale holderLanguage) {
        return db.sql("INSERT INTO certificate (" + COLUMNS + ", holder_token_hash, latin_name, holder_language) VALUES (:id, :number, "
                + ":program, :holderId, :holderName, :holderEmail, :emailSalt, :listed, :awardedAt, :validFrom, :validUntil, :state, "
                + ":stateReason, :statusList, :statusIndex, :version, :credentialVersion, :createdAt, :updatedAt, :tokenHash, :latinName, "
                + ":holderLanguage)")
            .bind("id", c.id()).bind("number", c.number()).bind("program", c.programCode()).bind("holderId", c.holderId())
            .bind("holderName", c.holderName()).bind("holderEmail", c.holderEmail()).bind("emailSalt", c.emailSalt())
            .bind("listed", c.listed()).bind("awardedAt", c.awardedAt()).bind("validFrom", c.validFrom())
            .bind("validUntil", c.validUntil()).bind("state", c.state().name())
            .bind("stateReason", Parameter.fromOrEmpty(c.stateReason(), String.class))
            .bind("statusList", c.statusList()).bind("statusIndex", c.statusIndex()).bind("version", c.version())
            .bind("credentialVersion", c.credentialVersion()).bind("createdAt", c.createdAt())
            .bind("updatedAt", c.updatedAt()).bind("tokenHash", holderTokenHash)
            .bind("latinName", Parameter.fromOrEmpty(HolderNames.latinNameToStore(c.holderName()), String.class))
            .bind("holderLanguage", Parameter.fromOrEmpty(holderLanguage == null ? null : holderLanguage.toLanguageTag(), String.class))
            .then();
    }

    /**
     * Writes a changed certificate if nobody changed it since it was read ({@code version}
     * unchanged), bumping the version. Answers the stored copy, or empty when the version moved on.
     */
    public Mono<Certificate> update(Certificate c) {
        return db.sql("UPDATE certificate SET listed = :listed, valid_from = :validFrom, valid_until = :validUntil, "
                + "state = :state, state_reason = :stateReason, credential_version = :credentialVersion, "
                + "updated_at = :updatedAt, version = version + 1 WHERE id = :id AND version = :version RETURNING " + COLUMNS)
            .bind("listed", c.listed()).bind("validFrom", c.validFrom()).bind("validUntil", c.validUntil())
            .bind("state", c.state().name()).bind("stateReason", Parameter.fromOrEmpty(c.stateReason(), String.class))
            .bind("credentialVersion", c.credentialVersion()).bind("updatedAt", c.updatedAt()).bind("id", c.id())
            .bind("version", c.version())
            .map(CertificateRepository::certificate).one();
    }

    public Mono<Void> insertCredential(CredentialVersion v) {
        return db.sql("INSERT INTO credential_version (certificate_id, version, credential_id, jwt, key_id, valid_from, "
                + "valid_until, issued_at, data_integrity) VALUES (:certificateId, :version, :credentialId, :jwt, :keyId, "
                + ":validFrom, :validUntil, :issuedAt, :dataIntegrity)")
            .bind("certificateId", v.certificateId()).bind("version", v.version()).bind("credentialId", v.credentialId())
            .bind("jwt", v.jwt()).bind("keyId", v.keyId()).bind("validFrom", v.validFrom())
            .bind("validUntil", v.validUntil()).bind("issuedAt", v.issuedAt())
            .bind("dataIntegrity", Parameter.fromOrEmpty(v.dataIntegrity(), String.class))
            .then();
    }

    public Mono<CredentialVersion> currentCredential(Certificate c) {
        return db.sql("SELECT certificate_id, version, credential_id, jwt, key_id, valid_from, valid_until, issued_at, "
                + "data_integrity FROM credential_version WHERE certificate_id = :id AND version = :version")
            .bind("id", c.id()).bind("version", c.credentialVersion())
            .map(row -> new CredentialVersion(row.get("certificate_id", UUID.class), row.get("version", Integer.class),
                    row.get("credential_id", String.class), row.get("jwt", String.class), row.get("key_id", String.class),
                    row.get("valid_from", Instant.class), row.get("valid_until", Instant.class),
                    row.get("issued_at", Instant.class), row.get("data_integrity", String.class)))
            .one();
    }

    /** Keeps a twin signed after the version was stored; a twin kept meanwhile (the same bytes) stays. */
    public Mono<Void> keepTwin(UUID certificateId, int version, String twin) {
        return db.sql("UPDATE credential_version SET data_integrity = :twin WHERE certificate_id = :id AND version = :version "
                + "AND data_integrity IS NULL")
            .bind("twin", twin).bind("id", certificateId).bind("version", version)
            .then();
    }

    /** Of the certificates numbered, those whose current version has no twin yet, with its proof time (issuance). */
    public Flux<Map.Entry<Certificate, Instant>> withoutTwin(List<String> numbers) {
        return db.sql("SELECT " + COLUMNS_OF_C + ", v.issued_at AS twin_signed_at FROM certificate c "
                + "JOIN credential_version v ON v.certificate_id = c.id AND v.version = c.credential_version "
                + "WHERE c.number = ANY(:numbers) AND v.data_integrity IS NULL")
            .bind("numbers", numbers.toArray(String[]::new))
            .map(row -> Map.entry(certificate(row), row.get("twin_signed_at", Instant.class)))
            .all();
    }

    /**
     * Current versions issued before {@code before} whose twin was never stored (a cohort's fill cut short by a
     * crash or a restart), of certificates whose window is not over at {@code now}; at most {@code limit}. Read
     * through the partial index of versions without a twin (V102), so the cost follows what is missing.
     */
    public Flux<Map.Entry<Certificate, Instant>> currentWithoutTwin(Instant before, Instant now, int limit) {
        return db.sql("SELECT " + COLUMNS_OF_C + ", v.issued_at AS twin_signed_at FROM credential_version v "
                + "JOIN certificate c ON c.id = v.certificate_id AND v.version = c.credential_version "
                + "WHERE v.data_integrity IS NULL AND v.issued_at < :before AND c.valid_until > :now "
                + "ORDER BY v.issued_at LIMIT " + limit)
            .bind("before", before).bind("now", now)
            .map(row -> Map.entry(certificate(row), row.get("twin_signed_at", Instant.class)))
            .all();
    }

    public Mono<Void> appendEvent(CertificateEvent e) {
        return db.sql("INSERT INTO certificate_event (certificate_id, at, actor, action, reason, before, after) "
                + "VALUES (:certificateId, :at, :actor, :action, :reason, :before, :after)")
            .bind("certificateId", e.certificateId()).bind("at", e.at()).bind("actor", e.actor()).bind("action", e.action().name())
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
                    row.get("actor", String.class), CertificateAction.valueOf(row.get("action", String.class)), row.get("reason", String.class),
                    row.get("before", String.class), row.get("after", String.class)))
            .all();
    }

    /**
     * Stores a batch of new certificates with their first credential and "issued" event: three
     * multi-row INSERTs instead of three per certificate.
     */
    public Mono<Void> insertIssued(List<IssuedCertificate> batch, List<byte[]> tokenHashes, List<CredentialVersion> versions,
            List<CertificateEvent> events) {
        List<Object[]> certificates = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Certificate c = batch.get(i).certificate();
            Locale language = batch.get(i).holderLanguage();
            certificates.add(new Object[] { c.id(), c.number(), c.programCode(), c.holderId(), c.holderName(), c.holderEmail(),
                    c.emailSalt(), c.listed(), c.awardedAt(), c.validFrom(), c.validUntil(), c.state().name(), c.stateReason(),
                    c.statusList(), c.statusIndex(), c.version(), c.credentialVersion(), c.createdAt(), c.updatedAt(),
                    tokenHashes.get(i), HolderNames.latinNameToStore(c.holderName()), language == null ? null : language.toLanguageTag() });
        }
        List<Object[]> credentials = versions.stream().map(v -> new Object[] { v.certificateId(), v.version(),
                v.credentialId(), v.jwt(), v.keyId(), v.validFrom(), v.validUntil(), v.issuedAt(), v.dataIntegrity() }).toList();
        List<Object[]> history = events.stream().map(e -> new Object[] { e.certificateId(), e.at(), e.actor(), e.action().name(),
                e.reason(), e.before() == null ? null : Json.of(e.before()), e.after() == null ? null : Json.of(e.after()) })
            .toList();
        return insertRows("certificate (" + COLUMNS + ", holder_token_hash, latin_name, holder_language)", CERTIFICATE_TYPES, certificates)
            .then(insertRows("credential_version (certificate_id, version, credential_id, jwt, key_id, valid_from, valid_until, "
                    + "issued_at, data_integrity)", CREDENTIAL_TYPES, credentials))
            .then(insertRows("certificate_event (certificate_id, at, actor, action, reason, before, after)", EVENT_TYPES,
                    history));
    }

    private static final Class<?>[] CERTIFICATE_TYPES = { UUID.class, String.class, String.class, UUID.class, String.class,
            String.class, String.class, Boolean.class, Instant.class, Instant.class, Instant.class, String.class, String.class,
            Integer.class, Integer.class, Integer.class, Integer.class, Instant.class, Instant.class, byte[].class, String.class,
            String.class };

    private static final Class<?>[] CREDENTIAL_TYPES = { UUID.class, Integer.class, String.class, String.class, String.class,
            Instant.class, Instant.class, Instant.class, String.class };

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

    /** One page of the admin list, newest first, and how many match in all. */
    public Mono<CertificatePage> search(CertificateFilter filter, Instant now, Duration expiringSoon) {
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> binds = new HashMap<>();
        if (filter.program() != null) {
            where.append(" AND program = :program");
            binds.put("program", filter.program());
        }
        if (filter.status() != null) {
            where.append(" AND ").append(PublicStatusSql.publicStatusIs(filter.status(), programs));
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
            .map(t -> new CertificatePage(t.getT1(), t.getT2(), filter.page(), filter.size()));
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
