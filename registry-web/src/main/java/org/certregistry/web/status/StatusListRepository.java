package org.certregistry.web.status;

import java.time.Instant;
import java.util.BitSet;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Status lists and the revoked entries of each, in PostgreSQL through R2DBC. */
@Repository
class StatusListRepository {

    /** A list's row: its number, awarding body (null for lists older than V2), size and entries in use. */
    record ListRow(int id, String awardingBody, int size, long used) {
    }

    private final DatabaseClient db;

    StatusListRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<ListRow> find(int id) {
        return db.sql("SELECT l.id, coalesce(l.awarding_body, '') AS awarding_body, l.size, "
                + "(SELECT count(*) FROM certificate c WHERE c.status_list = l.id) AS used FROM status_list l WHERE l.id = :id")
            .bind("id", id)
            .map(row -> new ListRow(row.get("id", Integer.class), emptyToNull(row.get("awarding_body", String.class)),
                    row.get("size", Integer.class), row.get("used", Long.class)))
            .one();
    }

    /** The newest list of this awarding body, with how many entries it uses. */
    Mono<ListRow> newest(String awardingBody) {
        return db.sql("SELECT l.id, l.awarding_body, l.size, (SELECT count(*) FROM certificate c WHERE c.status_list = l.id) "
                + "AS used FROM status_list l WHERE l.awarding_body = :body ORDER BY l.id DESC LIMIT 1")
            .bind("body", awardingBody)
            .map(row -> new ListRow(row.get("id", Integer.class), row.get("awarding_body", String.class),
                    row.get("size", Integer.class), row.get("used", Long.class)))
            .one();
    }

    /** Opens a new list for this awarding body, numbered after every existing list. */
    Mono<ListRow> create(String awardingBody, int size, Instant now) {
        return db.sql("INSERT INTO status_list (id, awarding_body, size, created_at) "
                + "SELECT coalesce(max(id), 0) + 1, :body, :size, :now FROM status_list RETURNING id")
            .bind("body", awardingBody).bind("size", size).bind("now", now)
            .map(row -> new ListRow(row.get("id", Integer.class), awardingBody, size, 0))
            .one();
    }

    /** The revoked entries of a list: its set bits. */
    Mono<BitSet> revoked(int id) {
        return db.sql("SELECT status_index FROM certificate WHERE status_list = :id AND state = 'REVOKED'")
            .bind("id", id)
            .map(row -> row.get("status_index", Integer.class))
            .all()
            .collect(BitSet::new, BitSet::set);
    }

    /** The program of some certificate in a list made before lists had an awarding body. */
    Mono<String> anyProgram(int id) {
        return db.sql("SELECT min(program) AS program FROM certificate WHERE status_list = :id")
            .bind("id", id)
            .map(row -> row.get("program", String.class))
            .one();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
