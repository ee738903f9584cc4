package org.certregistry.web.certificate.publicrecord;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The dictionary words ({@code registry_word}, V6__search_words.sql) that share most trigrams with a query word,
 * closest first: what a search looks for besides the word as typed and the words one typo away. Finding them costs
 * more than anything else in a search for a common first name (4–8 ms at a million certificates: "jose" shares its
 * first trigrams with thousands of words), and people search the same first names again and again, so each list is
 * remembered for {@link #KEPT} on this instance. A word new to the dictionary may be missing from a list for that
 * long; the word as typed and its one-typo neighbours never are, as {@link Directory} looks those up on every search
 * (docs/benchmarks.md, "Search at a million, tuned").
 */
@Component
class SimilarWords {

    /** How long a list is reused: long enough for the names searched all the time, short enough to stay current. */
    static final Duration KEPT = Duration.ofSeconds(10);

    private record Key(String latin, String threshold) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final AsyncCache<Key, List<String>> lists = Caffeine.newBuilder()
        .expireAfterWrite(KEPT)
        .maximumSize(10_000)
        .buildAsync();

    SimilarWords(DatabaseClient db, ReactiveTransactionManager transactions) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
    }

    /**
     * Up to {@link Directory#MAX_CLOSE_WORDS} words whose pg_trgm word similarity to {@code latin} reaches
     * {@code threshold}, closest first, then shortest, then in byte order.
     */
    Mono<List<String>> of(String latin, String threshold) {
        CompletableFuture<List<String>> list = lists.get(new Key(latin, threshold), (key, executor) -> read(key).toFuture());
        return Mono.fromFuture(list, true);
    }

    private Mono<List<String>> read(Key key) {
        Mono<List<String>> words = db.sql("SELECT word FROM registry_word WHERE :w <% word"
                + " ORDER BY :w <<-> word, length(word), word COLLATE \"C\" LIMIT " + Directory.MAX_CLOSE_WORDS)
            .bind("w", key.latin())
            .map(row -> row.get("word", String.class))
            .all()
            .collectList();
        // the threshold is a setting of the transaction; and the planner, misjudging how many words a trigram
        // condition keeps, may otherwise scan the whole dictionary (see Directory#find)
        return db.sql("SELECT set_config('pg_trgm.word_similarity_threshold', '" + key.threshold() + "', true), "
                + "set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)")
            .then()
            .then(words)
            .as(transaction::transactional);
    }
}
