package org.certregistry.web.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.function.Supplier;

import org.certregistry.web.problem.InvalidRequestException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Requests made safe to retry by an {@code Idempotency-Key}: the first answer is stored under
 * key + actor in the same transaction as the work, and a retry gets it back without doing the
 * work again. A concurrent retry waits on the key's row until the first commits (or rolls back,
 * and then does the work itself).
 * <p>What is stored is the answer's {@code storedBody}: the answer without its secrets (a holder's
 * private link is shown once, in the first answer, and kept nowhere). Keys live for {@link #TTL}:
 * after that the same key is a new request, and expired rows are purged every few minutes.
 */
@Component
public class IdempotentRequests implements DisposableBean {

    /** How long a key is remembered: long enough for any client's retries, short enough to keep nothing for good. */
    public static final Duration TTL = Duration.ofHours(24);

    /**
     * An answer; {@code storedBody} is what a retry gets back (the body without secrets);
     * {@code replayed} when this is the answer to an earlier request.
     */
    public record Answer(int status, String location, String body, String storedBody, boolean replayed) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Clock clock;
    private final Disposable purging;

    IdempotentRequests(DatabaseClient db, ReactiveTransactionManager transactions, Clock clock) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.clock = clock;
        this.purging = Flux.interval(Duration.ofMinutes(1), Duration.ofMinutes(10))
            .onBackpressureDrop()
            .concatMap(tick -> purgeExpired().onErrorResume(ex -> Mono.empty()))
            .subscribe();
    }

    /** Deletes the keys older than {@link #TTL}; answers how many. */
    public Mono<Long> purgeExpired() {
        return db.sql("DELETE FROM idempotent_request WHERE created_at < :cutoff")
            .bind("cutoff", clock.instant().minus(TTL)).fetch().rowsUpdated();
    }

    @Override
    public void destroy() {
        purging.dispose();
    }

    /**
     * Does {@code work} once per key and actor. {@code request} is a canonical form of the
     * request: the same key with a different request is refused.
     */
    public Mono<Answer> once(String actor, String key, String request, Supplier<Mono<Answer>> work) {
        if (key == null || key.isEmpty() || key.length() > 200 || !key.matches("[\\x21-\\x7E]+")) {
            return Mono.error(InvalidRequestException.of("Idempotency-Key",
                    "must be 1 to 200 visible ASCII characters (a UUID is a good choice)"));
        }
        String hash = sha256(request);
        Instant now = clock.instant();
        // a new key, or one whose row has expired (not yet purged), starts afresh
        return db.sql("INSERT INTO idempotent_request (actor, key, request_hash, status, body, created_at) "
                + "VALUES (:actor, :key, :hash, 0, '', :now) ON CONFLICT (actor, key) DO UPDATE "
                + "SET request_hash = EXCLUDED.request_hash, status = 0, location = NULL, body = '', created_at = EXCLUDED.created_at "
                + "WHERE idempotent_request.created_at < :cutoff")
            .bind("actor", actor).bind("key", key).bind("hash", hash).bind("now", now).bind("cutoff", now.minus(TTL))
            .fetch().rowsUpdated()
            .flatMap(inserted -> inserted == 1 ? work.get().flatMap(answer -> store(actor, key, answer))
                    : stored(actor, key, hash))
            .as(transaction::transactional);
    }

    private Mono<Answer> store(String actor, String key, Answer answer) {
        return db.sql("UPDATE idempotent_request SET status = :status, location = :location, body = :body "
                + "WHERE actor = :actor AND key = :key")
            .bind("status", answer.status()).bind("location", Parameter.fromOrEmpty(answer.location(), String.class))
            .bind("body", answer.storedBody()).bind("actor", actor).bind("key", key)
            .then().thenReturn(answer);
    }

    private Mono<Answer> stored(String actor, String key, String hash) {
        return db.sql("SELECT request_hash, status, location, body FROM idempotent_request WHERE actor = :actor AND key = :key")
            .bind("actor", actor).bind("key", key)
            .map(row -> {
                if (!hash.equals(row.get("request_hash", String.class))) {
                    throw new IdempotencyKeyReusedException(key);
                }
                String body = row.get("body", String.class);
                return new Answer(row.get("status", Integer.class), row.get("location", String.class), body, body, true);
            })
            .one();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
