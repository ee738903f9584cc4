package org.certregistry.web.mail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL of the outbox table {@code mail_message}. */
@Repository
class OutboxRepository {

    private static final String COLUMNS = "id, kind, recipient, language, subject, text_body, html_body, certificate_number, "
            + "status, attempts, next_attempt_at, last_error, created_at, sent_at, sealed_link";

    private final DatabaseClient db;

    OutboxRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A message to store, with the key that keeps it unique (or null). */
    record NewMessage(MailMessage message, String dedupKey) {
    }

    /** Stores new messages in one statement; one whose dedup key exists already is dropped. Answers how many were stored. */
    Mono<Long> insertAll(List<NewMessage> news) {
        List<MailMessage> messages = news.stream().map(NewMessage::message).toList();
        if (news.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("INSERT INTO mail_message (id, kind, recipient, language, subject, text_body, html_body, "
                + "certificate_number, dedup_key, next_attempt_at, created_at, status, sealed_link, priority) "
                + "SELECT * FROM unnest(:ids::uuid[], :kinds::text[], :recipients::text[], :languages::text[], :subjects::text[], "
                + ":texts::text[], :htmls::text[], :numbers::text[], :keys::text[], :dues::timestamptz[], :created::timestamptz[], "
                + ":statuses::text[], :sealed::text[], :priorities::smallint[]) "
                + "ON CONFLICT (dedup_key) DO NOTHING")
            .bind("ids", messages.stream().map(MailMessage::id).toArray(UUID[]::new))
            .bind("kinds", messages.stream().map(m -> m.kind().name()).toArray(String[]::new))
            .bind("recipients", messages.stream().map(MailMessage::recipient).toArray(String[]::new))
            .bind("languages", messages.stream().map(MailMessage::language).toArray(String[]::new))
            .bind("subjects", messages.stream().map(MailMessage::subject).toArray(String[]::new))
            .bind("texts", messages.stream().map(MailMessage::textBody).toArray(String[]::new))
            .bind("htmls", messages.stream().map(MailMessage::htmlBody).toArray(String[]::new))
            .bind("numbers", messages.stream().map(MailMessage::certificateNumber).toArray(String[]::new))
            .bind("keys", news.stream().map(NewMessage::dedupKey).toArray(String[]::new))
            .bind("dues", messages.stream().map(MailMessage::nextAttemptAt).toArray(Instant[]::new))
            .bind("created", messages.stream().map(MailMessage::createdAt).toArray(Instant[]::new))
            .bind("statuses", messages.stream().map(m -> m.status().name()).toArray(String[]::new))
            .bind("sealed", messages.stream().map(MailMessage::sealedLink).toArray(String[]::new))
            .bind("priorities", messages.stream().map(m -> (short) m.kind().priority()).toArray(Short[]::new))
            .fetch().rowsUpdated();
    }

    /**
     * Claims up to {@code limit} due messages for this instance: rows another instance is claiming
     * at the same moment are skipped ({@code FOR UPDATE SKIP LOCKED}), and the claimed ones are
     * left alone by everyone until {@code leaseEnds}, so each message goes out once. Due messages are claimed in
     * the order of {@link MailKind#priority()}, then oldest first (V96__mail_priority_by_kind.sql).
     */
    Flux<MailMessage> claimDue(Instant now, int limit, Instant leaseEnds, int maxPriority) {
        return db.sql("WITH due AS (SELECT id FROM mail_message WHERE status = 'PENDING' AND next_attempt_at <= :now "
                + "AND priority <= :maxPriority ORDER BY priority, next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED) "
                + "UPDATE mail_message m SET attempts = m.attempts + 1, next_attempt_at = :leaseEnds FROM due "
                + "WHERE m.id = due.id RETURNING " + prefixed("m."))
            .bind("now", now).bind("limit", limit).bind("leaseEnds", leaseEnds).bind("maxPriority", maxPriority)
            .map(OutboxRepository::message).all();
    }

    /**
     * Records a message as sent and forgets its sealed private link: once the holder has the e-mail,
     * no table holds even the sealed form of a link that opens their certificate.
     */
    Mono<Void> markSent(UUID id, Instant at) {
        return db.sql("UPDATE mail_message SET status = 'SENT', sent_at = :at, last_error = NULL, sealed_link = NULL "
                + "WHERE id = :id")
            .bind("id", id).bind("at", at).then();
    }

    /** Records a failed attempt: tried again at {@code next}, or given up on when {@code giveUp}. */
    Mono<Void> markFailed(UUID id, String why, Instant next, boolean giveUp) {
        return db.sql("UPDATE mail_message SET status = :status, last_error = :why, next_attempt_at = :next WHERE id = :id")
            .bind("id", id).bind("status", giveUp ? MailStatus.FAILED.name() : MailStatus.PENDING.name())
            .bind("why", why).bind("next", next).then();
    }

    /** Puts a failed message back in the queue, due at once, with its attempts counted afresh. */
    Mono<Boolean> requeue(UUID id, Instant now) {
        return db.sql("UPDATE mail_message SET status = 'PENDING', attempts = 0, next_attempt_at = :now "
                + "WHERE id = :id AND status = 'FAILED'")
            .bind("id", id).bind("now", now).fetch().rowsUpdated().map(n -> n > 0);
    }

    Mono<MailMessage> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM mail_message WHERE id = :id").bind("id", id)
            .map(OutboxRepository::message).one();
    }

    /** The newest messages, optionally of one status, to one recipient, or about one certificate. */
    Flux<MailMessage> recent(MailStatus status, String recipient, String number, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM mail_message WHERE (:status::text IS NULL OR status = :status) "
                + "AND (:recipient::text IS NULL OR lower(recipient) = lower(:recipient)) "
                + "AND (:number::text IS NULL OR certificate_number = :number) ORDER BY created_at DESC, id LIMIT :limit")
            .bind("status", Parameter.fromOrEmpty(status == null ? null : status.name(), String.class))
            .bind("recipient", Parameter.fromOrEmpty(recipient, String.class))
            .bind("number", Parameter.fromOrEmpty(number, String.class))
            .bind("limit", limit)
            .map(OutboxRepository::message).all();
    }

    private static String prefixed(String alias) {
        return alias + COLUMNS.replace(", ", ", " + alias);
    }

    private static MailMessage message(Readable row) {
        return new MailMessage(row.get("id", UUID.class), MailKind.valueOf(row.get("kind", String.class)),
                row.get("recipient", String.class), row.get("language", String.class), row.get("subject", String.class),
                row.get("text_body", String.class), row.get("html_body", String.class),
                row.get("certificate_number", String.class), MailStatus.valueOf(row.get("status", String.class)),
                row.get("attempts", Integer.class), row.get("next_attempt_at", Instant.class), row.get("last_error", String.class),
                row.get("created_at", Instant.class), row.get("sent_at", Instant.class), row.get("sealed_link", String.class));
    }
}
