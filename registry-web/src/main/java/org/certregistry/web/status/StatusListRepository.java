package org.certregistry.web.status;

import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code status_list} table, which this module alone reads and writes. */
@Repository
class StatusListRepository {

    /** A list's identity: its number, awarding body (null for lists older than V2) and size. */
    record ListRow(int id, String awardingBody, int size) {
    }

    /** A run of {@code count} entries just reserved in a list: counters {@code first} .. first + count - 1. */
    record Reservation(int list, int size, byte[] permutationKey, int first, int count) {
    }

    /** A list's bits as they stand, with the revision that counts their changes. */
    record Bits(ListRow list, long revision, byte[] revoked, byte[] suspended) {
    }

    private final DatabaseClient db;

    StatusListRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<ListRow> find(int id) {
        return db.sql("SELECT id, awarding_body, size FROM status_list WHERE id = :id").bind("id", id)
            .map(row -> new ListRow(row.get("id", Integer.class), row.get("awarding_body", String.class),
                    row.get("size", Integer.class)))
            .one();
    }

    /** A list's stored signature, if any, and the revision of its bits then and now. */
    record Signed(int id, String jwt, String etag, Long signedRevision, long revision) {

        boolean current() {
            return jwt != null && signedRevision != null && signedRevision == revision;
        }
    }

    private static final String SIGNED = "SELECT l.id, l.revision, s.jwt, s.etag, s.revision AS signed_revision "
            + "FROM status_list l LEFT JOIN status_list_signed s ON s.list = l.id AND s.base_url = :base";

    /** List {@code id} with its copy signed for this base URL, if any. */
    Mono<Signed> signed(int id, String baseUrl) {
        return db.sql(SIGNED + " WHERE l.id = :id").bind("base", baseUrl).bind("id", id).map(row -> signed(row)).one();
    }

    Flux<Signed> allSigned(String baseUrl) {
        return db.sql(SIGNED).bind("base", baseUrl).map(row -> signed(row)).all();
    }

    private static Signed signed(io.r2dbc.spi.Readable row) {
        return new Signed(row.get("id", Integer.class), row.get("jwt", String.class), row.get("etag", String.class),
                row.get("signed_revision", Long.class), row.get("revision", Long.class));
    }

    /**
     * Stores a list signed at {@code revision} for this base URL, unless a newer revision is
     * stored already; the same revision only when {@code replace} (its key left the ring).
     */
    Mono<Void> storeSigned(int id, String baseUrl, long revision, String jwt, String etag, boolean replace) {
        return db.sql("INSERT INTO status_list_signed (list, base_url, revision, jwt, etag) "
                + "VALUES (:id, :base, :revision, :jwt, :etag) ON CONFLICT (list, base_url) DO UPDATE "
                + "SET revision = excluded.revision, jwt = excluded.jwt, etag = excluded.etag "
                + "WHERE status_list_signed.revision < excluded.revision "
                + "OR (:replace AND status_list_signed.revision = excluded.revision)")
            .bind("id", id).bind("base", baseUrl).bind("revision", revision).bind("jwt", jwt).bind("etag", etag)
            .bind("replace", replace)
            .then();
    }

    Mono<Bits> bits(int id) {
        return db.sql("SELECT id, awarding_body, size, revision, revoked, suspended FROM status_list WHERE id = :id")
            .bind("id", id)
            .map(row -> new Bits(new ListRow(row.get("id", Integer.class), row.get("awarding_body", String.class),
                    row.get("size", Integer.class)), row.get("revision", Long.class), row.get("revoked", byte[].class),
                    row.get("suspended", byte[].class)))
            .one();
    }

    /**
     * Reserves {@code count} entries of the awarding body's newest list if they fit under
     * {@code limit}; empty when they do not (the caller opens a new list). One UPDATE: the row
     * lock lasts one statement, and no two reservations overlap, on any instance.
     */
    Mono<Reservation> reserve(String awardingBody, int count, double fillLimit) {
        return db.sql("UPDATE status_list SET allocated = allocated + :count WHERE id = (SELECT id FROM status_list "
                + "WHERE awarding_body = :body ORDER BY id DESC LIMIT 1) AND permutation_key IS NOT NULL "
                + "AND allocated + :count <= floor(size * :fill) RETURNING id, size, permutation_key, allocated")
            .bind("count", count).bind("body", awardingBody).bind("fill", fillLimit)
            .map(row -> new Reservation(row.get("id", Integer.class), row.get("size", Integer.class),
                    row.get("permutation_key", byte[].class), row.get("allocated", Integer.class) - count, count))
            .one();
    }

    /** Opens a new, empty list for this awarding body, numbered after every existing list; answers its number. */
    Mono<Integer> create(String awardingBody, int size, byte[] permutationKey, Instant now) {
        return db.sql("INSERT INTO status_list (id, awarding_body, size, created_at, permutation_key, revoked, suspended) "
                + "SELECT coalesce(max(id), 0) + 1, :body, :size, :now, :key, decode(repeat('00', :bytes), 'hex'), "
                + "decode(repeat('00', :bytes), 'hex') FROM status_list RETURNING id")
            .bind("body", awardingBody).bind("size", size).bind("now", now).bind("key", permutationKey)
            .bind("bytes", size / 8)
            .map(row -> row.get("id", Integer.class))
            .one();
    }

    /** Sets or clears one entry's revoked and suspended bits, in the caller's transaction. */
    Mono<Void> mark(int list, int index, boolean revoked, boolean suspended) {
        int bit = (index / 8) * 8 + 7 - index % 8; // PostgreSQL numbers a byte's bits from the right
        return db.sql("UPDATE status_list SET revoked = set_bit(revoked, :bit, :revoked), "
                + "suspended = set_bit(suspended, :bit, :suspended), revision = revision + 1 WHERE id = :id")
            .bind("bit", bit).bind("revoked", revoked ? 1 : 0).bind("suspended", suspended ? 1 : 0).bind("id", list)
            .then();
    }
}
