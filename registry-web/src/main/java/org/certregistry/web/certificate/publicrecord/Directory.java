package org.certregistry.web.certificate.publicrecord;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.HolderNames;
import org.certregistry.web.certificate.PublicStatus;
import org.certregistry.web.certificate.store.CertificateRepository;
import org.certregistry.web.program.ProgramCatalog;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The public directory's queries over certificates: by number, or by name words matched
 * typo-tolerantly against the word dictionary ({@code registry_word}, V6__search_words.sql, kept
 * by a trigger on this module's table). The registry module decides what to look for and how to
 * present it; the SQL on the certificate table lives here, with its owner.
 */
@Component
public class Directory {

    /** Matches counted and ranked per query; pages reach no further. */
    public static final int MAX_MATCHES = 500;
    /**
     * How close a query word must be to a word of the name (pg_trgm word similarity, 0 to 1): loose
     * enough for one wrong letter in words of {@link #TYPO_TOLERANT_LENGTH} letters or more; pg_trgm's
     * default for shorter ones, where a loose threshold matches a large part of the directory.
     */
    static final String WORD_SIMILARITY = "0.45";
    static final String SHORT_WORD_SIMILARITY = "0.6";
    static final int TYPO_TOLERANT_LENGTH = 5;
    /** Dictionary words a query word stands for, closest first (see {@link #closeWords}). */
    static final int MAX_CLOSE_WORDS = 100;
    /**
     * The same for each word of a query of several words, whose close words all go into one GIN scan: the scan costs
     * per word looked up, and past the words one typo away and the closest few, the rest (words sharing a syllable)
     * add cost and no name anyone meant (docs/benchmarks.md, "Search at a million, tuned").
     */
    static final int MAX_CLOSE_WORDS_EACH = 30;
    /** Query words shorter than this (a trigram) match the dictionary words they start. */
    static final int PREFIX_LENGTH = 3;

    /**
     * What to find: one number (canonical), or listed holders whose names hold a word close to
     * each of {@code words} (longest first), or every listed holder; optionally of one program
     * and one public status.
     */
    public record Lookup(String number, List<QueryWord> words, String program, PublicStatus status, int page, int size) {
    }

    /**
     * A word of a name query: {@code latin}, the word as typed in lower-case Latin letters (see {@link HolderNames}),
     * and {@code typoKeys}, the keys of {@code registry_word_deletion} (V73) under which the words a single typo away
     * from it are filed: the word and its one-letter deletions (empty for short words, which would match too much).
     */
    public record QueryWord(String latin, List<String> typoKeys) {

        public QueryWord {
            typoKeys = List.copyOf(typoKeys);
        }
    }

    /** One page of certificates and how many matched, counted up to {@link #MAX_MATCHES} + 1. */
    public record Matches(List<Certificate> certificates, long counted) {
    }

    private final DatabaseClient db;
    private final Clock clock;
    private final TransactionalOperator transaction;

    private final ProgramCatalog programs;
    private final SimilarWords similarWords;

    Directory(DatabaseClient db, Clock clock, ReactiveTransactionManager transactions, ProgramCatalog programs,
            SimilarWords similarWords) {
        this.programs = programs;
        this.similarWords = similarWords;
        this.db = db;
        this.clock = clock;
        this.transaction = TransactionalOperator.create(transactions);
        HolderNames.load();
    }

    public Mono<Matches> find(Lookup query) {
        List<QueryWord> words = query.number() == null ? query.words() : List.of();
        // a single wrong letter in an eight-letter word leaves a word similarity of 0.5, below pg_trgm's default of 0.6
        String threshold = words.stream().allMatch(w -> w.latin().length() >= TYPO_TOLERANT_LENGTH) ? WORD_SIMILARITY
                : SHORT_WORD_SIMILARITY;
        return Flux.fromIterable(words)
            .concatMap(word -> isPrefix(word) ? Mono.just(List.<String>of()) : similarWords.of(word.latin(), threshold))
            .collectList()
            .flatMap(similar -> find(query, words, similar));
    }

    /** The query, once the words sharing most trigrams with each query word ({@code similar}, in order) are known. */
    private Mono<Matches> find(Lookup query, List<QueryWord> words, List<List<String>> similar) {
        String number = query.number();
        StringBuilder filters = new StringBuilder();
        if (query.program() != null) {
            filters.append(" AND program = :program");
        }
        if (query.status() != null) {
            filters.append(" AND ").append(PublicStatusSql.publicStatusIs(query.status(), programs));
        }
        String columns = CertificateRepository.COLUMNS;
        String ranking = " ORDER BY " + closeness(words.size()) + " DESC, holder_name, number LIMIT :limit OFFSET :offset";
        String sql;
        if (words.size() == 1) {
            // rank only the first MAX_MATCHES candidates, taken word by word, closest first (see closeWords): a broad
            // word stops early; a name holding two words close to the query word comes twice
            sql = "SELECT " + columns + ", count(*) OVER () AS total FROM (SELECT DISTINCT ON (id) * FROM (SELECT c.*"
                    + " FROM (" + closeWords(0, words.get(0), MAX_CLOSE_WORDS) + ") close CROSS JOIN LATERAL (SELECT " + columns
                    + ", search_name, latin_name, search_words FROM certificate WHERE listed AND search_words @> ARRAY[close.word]" + filters
                    + ") c LIMIT " + (MAX_MATCHES + 1) + ") candidates) c" + ranking;
        }
        else if (words.size() > 1) {
            // Names holding every word as typed first, then names holding a close word of each, in one GIN scan each.
            // Looking the certificates up close word by close word, as for one word, made PostgreSQL rebuild the other
            // words' union of close words once per close word of the first: 6.4 s for "tomas novak" at a million rows,
            // where each has a hundred close words; this costs one union per word (docs/benchmarks.md, "Search").
            String exact = IntStream.range(0, words.size()).mapToObj(i -> ":w" + i + "::text")
                .collect(Collectors.joining(", ", "ARRAY[", "]"));
            String close = IntStream.range(0, words.size())
                .mapToObj(i -> " AND search_words && ARRAY(" + closeWords(i, words.get(i), MAX_CLOSE_WORDS_EACH) + ")")
                .collect(Collectors.joining());
            String candidate = "SELECT " + columns + ", search_name, latin_name, search_words FROM certificate WHERE listed";
            // the two parts share no row (the second leaves out names holding every word), so no name comes twice
            sql = "SELECT " + columns + ", count(*) OVER () AS total FROM ("
                    + "(" + candidate + " AND search_words @> " + exact + filters + " LIMIT " + (MAX_MATCHES + 1) + ")"
                    + " UNION ALL (" + candidate + close + " AND NOT search_words @> " + exact + filters + " LIMIT "
                    + (MAX_MATCHES + 1) + ")"
                    + " LIMIT " + (MAX_MATCHES + 1) + ") c" + ranking;
        }
        else {
            String where = (number != null ? "number = :number" : "listed") + filters;
            sql = "SELECT " + columns + ", (SELECT count(*) FROM (SELECT 1 FROM certificate WHERE " + where + " LIMIT "
                    + (MAX_MATCHES + 1) + ") n) AS total FROM certificate WHERE " + where
                    + " ORDER BY holder_name, number LIMIT :limit OFFSET :offset";
        }
        boolean ranked = !words.isEmpty();
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("limit", query.size())
            .bind("offset", (long) query.page() * query.size());
        if (number != null) {
            spec = spec.bind("number", number);
        }
        for (int i = 0; i < words.size(); i++) {
            spec = spec.bind("w" + i, words.get(i).latin());
            if (!isPrefix(words.get(i))) {
                int limit = words.size() == 1 ? MAX_CLOSE_WORDS : MAX_CLOSE_WORDS_EACH;
                List<String> closest = similar.get(i);
                spec = spec.bind("t" + i, closest.subList(0, Math.min(limit, closest.size())).toArray(String[]::new));
            }
            if (!words.get(i).typoKeys().isEmpty()) {
                spec = spec.bind("e" + i, words.get(i).typoKeys().toArray(String[]::new));
            }
        }
        if (query.program() != null) {
            spec = spec.bind("program", query.program());
        }
        if (query.status() == PublicStatus.VALID || query.status() == PublicStatus.EXPIRED
                || query.status() == PublicStatus.LAPSED) {
            spec = spec.bind("now", clock.instant());
        }
        record Row(Certificate certificate, long total) {
        }
        Mono<List<Row>> rows = spec
            .map((row, meta) -> new Row(CertificateRepository.certificate(row), row.get("total", Long.class)))
            .all()
            .collectList();
        if (ranked) {
            // For this transaction only: the planner, misjudging how many rows an array condition keeps, may prefer a
            // sequential scan of the dictionary or of the certificates to the GIN indexes
            // (docs/benchmarks.md, "Search"). Nor does it run in parallel: starting the workers for a lookup of a few
            // dictionary keys cost more than the lookup (22 ms against 11 ms for a whole query at a million rows).
            // And it plans for the words given: the statement is prepared, and a plan made for any words (PostgreSQL's
            // generic plan, chosen after five runs) took twice as long.
            rows = db.sql("SELECT set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true), "
                    + "set_config('plan_cache_mode', 'force_custom_plan', true)")
                .then().then(rows)
                .as(transaction::transactional);
        }
        return rows.map(found -> new Matches(found.stream().map(Row::certificate).toList(),
                found.isEmpty() ? 0 : found.get(0).total()));
    }

    /**
     * The dictionary words (V6__search_words.sql) close to a query word, closest first: matched by trigram word
     * similarity, so partly and with a typo, against {@code registry_word}, which holds each distinct folded word once
     * and is far smaller than the certificates. Every word of the query must be close to a word of the name ("zoe
     * angstrom" finds "Zoë Maria Ångström"): a query of one word looks the certificates up word by word, closest first,
     * so a broad query stops after {@link #MAX_MATCHES} candidates; in a query of several, each word must meet one of its
     * close words in one GIN index scan. At most {@code limit} words a query word ({@link #MAX_CLOSE_WORDS} alone,
     * {@link #MAX_CLOSE_WORDS_EACH} in a query of several): a GIN scan over thousands of words ("ma") takes seconds. A
     * word shorter than a trigram is a prefix: its words are a range of the {@code registry_word_prefix} index, shortest
     * first, which spares computing the similarity of thousands of them (docs/benchmarks.md, "Search").
     */
    private static String closeWords(int i, QueryWord queryWord, int limit) {
        String word = ":w" + i;
        if (isPrefix(queryWord)) {
            return "SELECT word FROM registry_word WHERE word ~>=~ " + word + " AND word ~<~ (" + word + " || chr(1114111))"
                    + " ORDER BY length(word), word COLLATE \"C\" LIMIT " + limit;
        }
        // the words sharing most trigrams, found by SimilarWords and bound in their order (at most the limit)
        String similar = "SELECT word, n AS distance FROM unnest(:t" + i + "::text[]) WITH ORDINALITY AS trigram_close(word, n)";
        if (queryWord.typoKeys().isEmpty()) {
            return "SELECT word FROM (" + similar + ") near ORDER BY distance";
        }
        // A typo can leave few trigrams in common ("emlie", "emilie"), so the words one edit away are looked up
        // exactly (a few primary-key probes, V73) and come first, after the word itself.
        return "SELECT word FROM (SELECT DISTINCT word, CASE WHEN word = " + word + " THEN -2 ELSE -1 END AS distance"
                + " FROM registry_word_deletion WHERE variant = ANY(:e" + i + ") AND registry_one_edit(" + word + ", word)"
                + " UNION ALL " + similar + ") found"
                + " GROUP BY word ORDER BY min(distance), length(word), word COLLATE \"C\" LIMIT " + limit;
    }

    /** A query word shorter than a trigram, which stands for the dictionary words it starts. */
    private static boolean isPrefix(QueryWord queryWord) {
        return queryWord.latin().codePointCount(0, queryWord.latin().length()) < PREFIX_LENGTH;
    }

    /**
     * How close a name is to the query: the sum of each query word's word similarity to the name (in both its forms). A
     * word the name holds as it is has similarity 1 and needs no trigrams computed: that spares most of the ranking's
     * cost, as most candidates of a full name hold its words as typed.
     */
    private static String closeness(int words) {
        return IntStream.range(0, words)
            .mapToObj(i -> "CASE WHEN search_words @> ARRAY[:w" + i + "::text] THEN 1"
                    + " ELSE word_similarity(:w" + i + ", search_name || coalesce(' ' || latin_name, '')) END")
            .collect(Collectors.joining(" + ", "(", ")"));
    }
}
