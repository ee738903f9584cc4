package org.certregistry.web.registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.issuer.number.InvalidCertificateNumberException;
import org.certregistry.web.certificate.CertificateRepository;
import org.certregistry.web.certificate.PublicRecord;
import org.certregistry.web.certificate.PublicRecords;
import org.certregistry.web.certificate.PublicStatus;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.system.InvalidRequestException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Searches the public directory. A query that parses as a certificate number finds that
 * certificate, listed or not; any other query searches the names of listed holders only, case-
 * and accent-insensitive, partial and typo-tolerant (each query word is close, in trigram word
 * similarity, to a word of {@code registry_fold(holder_name)}), closest first.
 * <p>
 * To stay fast over a million certificates, query words are matched against a dictionary of
 * distinct words and names are then found by exact words (see {@link #closeWords}); a name search
 * ranks at most {@link #MAX_MATCHES} candidates, taken closest word first: a broader query is
 * answered with its closest matches among those and told to narrow down (see docs/benchmarks.md,
 * "Search").
 */
@Service
public class RegistrySearch {

    public static final int MAX_PAGE_SIZE = 100;
    /** Matches counted and ranked per query; pages reach no further. */
    public static final int MAX_MATCHES = 500;
    static final int MIN_NAME_LENGTH = 2;
    static final int MAX_WORDS = 4;
    /**
     * How close a query word must be to a word of the name (pg_trgm word similarity, 0 to 1): loose
     * enough for one wrong letter in words of {@link #TYPO_TOLERANT_LENGTH} letters or more; pg_trgm's
     * default for shorter ones, where a loose threshold matches a large part of the directory.
     */
    static final String WORD_SIMILARITY = "0.45";
    static final String SHORT_WORD_SIMILARITY = "0.6";
    static final int TYPO_TOLERANT_LENGTH = 5;
    static final int MAX_QUERY_LENGTH = 200;
    /** Dictionary words a query word stands for, closest first (see {@link #closeWords}). */
    static final int MAX_CLOSE_WORDS = 100;
    /** Query words shorter than this (a trigram) match the dictionary words they start. */
    static final int PREFIX_LENGTH = 3;

    private final DatabaseClient db;
    private final PublicRecords records;
    private final ProgramCatalog programs;
    private final Clock clock;
    private final TransactionalOperator transaction;

    RegistrySearch(DatabaseClient db, PublicRecords records, ProgramCatalog programs, Clock clock,
            ReactiveTransactionManager transactions) {
        this.db = db;
        this.transaction = TransactionalOperator.create(transactions);
        this.records = records;
        this.programs = programs;
        this.clock = clock;
    }

    /** What was searched for. {@code program} and {@code status} are optional filters (null for any). */
    public record Query(String text, String program, PublicStatus status, int page, int size) {
    }

    /**
     * One page of results.
     *
     * @param total matches, counted up to {@link #MAX_MATCHES}
     * @param more whether there are more than {@code total} matches (the query is too broad to count them all)
     * @param hint a sentence for the searcher (a mistyped number, a query too short), or null
     */
    public record Page(String query, String program, String status, int page, int size, long total, boolean more,
            int pages, String hint, List<PublicRecord> results) {
    }

    public Mono<Page> search(String query, String program, String status, int page, int size) {
        return Mono.defer(() -> search(validate(query, program, status, page, size)));
    }

    private Query validate(String query, String program, String status, int page, int size) {
        String q = query == null ? "" : query.strip().replaceAll("\\s+", " ");
        List<InvalidRequestException.FieldProblem> problems = new ArrayList<>();
        if (q.length() > MAX_QUERY_LENGTH) {
            problems.add(new InvalidRequestException.FieldProblem("q", "is longer than " + MAX_QUERY_LENGTH + " characters"));
        }
        if (page < 0) {
            problems.add(new InvalidRequestException.FieldProblem("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            problems.add(new InvalidRequestException.FieldProblem("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        else if ((long) page * size >= MAX_MATCHES) {
            problems.add(new InvalidRequestException.FieldProblem("page",
                    "reaches past the first " + MAX_MATCHES + " matches: narrow the search instead"));
        }
        String programCode = null;
        if (program != null && !program.isBlank()) {
            programCode = programs.find(program.strip()).map(p -> p.code()).orElse(null);
            if (programCode == null) {
                problems.add(new InvalidRequestException.FieldProblem("program", "is not a program of this registry"));
            }
        }
        PublicStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = PublicStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException ex) {
                problems.add(new InvalidRequestException.FieldProblem("status", "must be one of VALID, EXPIRED, SUSPENDED, REVOKED"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new Query(q, programCode, wanted, page, size);
    }

    private Mono<Page> search(Query query) {
        String q = query.text();
        String number = null;
        if (looksLikeNumber(q)) {
            try {
                number = CertificateNumber.parse(q).value();
            }
            catch (InvalidCertificateNumberException ex) {
                String hint = ex.reason() == InvalidCertificateNumberException.Reason.CHECK_FAILED
                        ? "No certificate has the number " + q + ": its check character does not add up, so one character "
                                + "is probably mistyped or misread. Compare it with the printed certificate."
                        : "“" + q + "” is not a certificate number (they look like CCXP-7K3-M9Q-XT4).";
                return Mono.just(empty(query, hint));
            }
        }
        else if (!q.isEmpty() && (q.codePointCount(0, q.length()) < MIN_NAME_LENGTH || words(q).isEmpty())) {
            return Mono.just(empty(query, "Type at least " + MIN_NAME_LENGTH + " letters of a name."));
        }
        List<String> words = number == null && !q.isEmpty() ? words(q) : List.of();
        StringBuilder where = new StringBuilder(number != null ? "number = :number"
                : words.isEmpty() ? "listed" : "listed AND search_words @> ARRAY[close.word]");
        for (int i = 1; i < words.size(); i++) {
            where.append(" AND search_words && ARRAY(").append(closeWords(i, words.get(i))).append(")");
        }
        if (query.program() != null) {
            where.append(" AND program = :program");
        }
        if (query.status() != null) {
            where.append(switch (query.status()) {
                case VALID -> " AND state = 'ACTIVE' AND valid_until > :now";
                case EXPIRED -> " AND state = 'ACTIVE' AND valid_until <= :now";
                case SUSPENDED -> " AND state = 'SUSPENDED'";
                case REVOKED -> " AND state = 'REVOKED'";
            });
        }
        boolean ranked = number == null && !q.isEmpty();
        String columns = CertificateRepository.COLUMNS;
        String sql = ranked
                // rank only the first MAX_MATCHES candidates, taken word by word (see the class comment); a name holding
                // two words close to the first query word comes twice
                ? "SELECT " + columns + ", count(*) OVER () AS total FROM (SELECT DISTINCT ON (id) * FROM (SELECT c.*"
                        + " FROM (" + closeWords(0, words.get(0)) + ") close CROSS JOIN LATERAL (SELECT " + columns
                        + ", search_name FROM certificate WHERE " + where + ") c LIMIT " + (MAX_MATCHES + 1) + ") candidates) c"
                        + " ORDER BY " + closeness(words.size()) + " DESC, holder_name, number"
                        + " LIMIT :limit OFFSET :offset"
                : "SELECT " + columns + ", (SELECT count(*) FROM (SELECT 1 FROM certificate WHERE " + where + " LIMIT "
                        + (MAX_MATCHES + 1) + ") n) AS total FROM certificate WHERE " + where
                        + " ORDER BY holder_name, number LIMIT :limit OFFSET :offset";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("limit", query.size())
            .bind("offset", (long) query.page() * query.size());
        if (number != null) {
            spec = spec.bind("number", number);
        }
        for (int i = 0; i < words.size(); i++) {
            spec = spec.bind("w" + i, words.get(i));
        }
        if (query.program() != null) {
            spec = spec.bind("program", query.program());
        }
        if (query.status() == PublicStatus.VALID || query.status() == PublicStatus.EXPIRED) {
            spec = spec.bind("now", clock.instant());
        }
        record Row(PublicRecord record, long total) {
        }
        Mono<List<Row>> rows = spec
            .map((row, meta) -> new Row(records.of(CertificateRepository.certificate(row)), row.get("total", Long.class)))
            .all()
            .collectList();
        if (ranked) {
            // For this transaction only: a single wrong letter in an eight-letter word leaves a word similarity of 0.5,
            // below pg_trgm's default of 0.6; and the planner, misjudging how many rows a trigram or array condition
            // keeps, may prefer a sequential scan of the dictionary or of the certificates to the GIN indexes
            // (docs/benchmarks.md, "Search").
            String threshold = words.stream().allMatch(w -> w.length() >= TYPO_TOLERANT_LENGTH) ? WORD_SIMILARITY
                    : SHORT_WORD_SIMILARITY;
            rows = db.sql("SELECT set_config('pg_trgm.word_similarity_threshold', '" + threshold + "', true), "
                    + "set_config('enable_seqscan', 'off', true)").then().then(rows)
                .as(transaction::transactional);
        }
        return rows
            .map(found -> found.isEmpty()
                    ? empty(query, query.page() > 0 ? "This page is past the last match." : null)
                    : page(query, found.get(0).total(), null, found.stream().map(Row::record).toList()));
    }

    /**
     * The words of a query (at most {@link #MAX_WORDS}), split where {@code registry_words} splits names: at anything
     * but letters and digits ("angstrom-smith" is two words). Longest first: the first word leads the search (see
     * {@link #closeWords}), and a long word is usually the rarest.
     */
    static List<String> words(String q) {
        return Arrays.stream(q.split("[^\\p{L}\\p{M}\\p{N}]+"))
            .filter(w -> !w.isEmpty())
            .limit(MAX_WORDS)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    }

    /**
     * The dictionary words (V6__search_words.sql) close to a query word, closest first: matched by trigram word
     * similarity, so partly and with a typo, against {@code registry_word}, which holds each distinct folded word once
     * and is far smaller than the certificates. Every word of the query must be close to a word of the name ("zoe
     * angstrom" finds "Zoë Maria Ångström"): for the first query word the certificates are looked up word by word, closest
     * first, so a broad query stops after {@link #MAX_MATCHES} candidates; each other query word must meet one of its
     * close words in the same GIN index scan. At most {@link #MAX_CLOSE_WORDS} words a query word: a GIN scan over
     * thousands of words ("ma") takes seconds. A word shorter than a trigram is a prefix: its words are a range of the
     * {@code registry_word_prefix} index, shortest first, which spares computing the similarity of thousands of them
     * (docs/benchmarks.md, "Search").
     */
    private static String closeWords(int i, String queryWord) {
        String word = "registry_fold(:w" + i + ")";
        String close = queryWord.codePointCount(0, queryWord.length()) < PREFIX_LENGTH
                ? "word ~>=~ " + word + " AND word ~<~ (" + word + " || chr(1114111)) ORDER BY"
                : word + " <% word ORDER BY " + word + " <<-> word,";
        return "SELECT word FROM registry_word WHERE " + close + " length(word), word COLLATE \"C\" LIMIT " + MAX_CLOSE_WORDS;
    }

    private static String closeness(int words) {
        return IntStream.range(0, words)
            .mapToObj(i -> "word_similarity(registry_fold(:w" + i + "), search_name)")
            .collect(Collectors.joining(" + ", "(", ")"));
    }

    private static boolean looksLikeNumber(String q) {
        return q.chars().anyMatch(Character::isDigit);
    }

    private static Page empty(Query query, String hint) {
        return page(query, 0, hint, List.of());
    }

    private static Page page(Query query, long counted, String hint, List<PublicRecord> results) {
        boolean more = counted > MAX_MATCHES;
        long total = Math.min(counted, MAX_MATCHES);
        int pages = (int) ((total + query.size() - 1) / query.size());
        String note = hint != null ? hint
                : more ? "More than " + MAX_MATCHES + " certificates match: add more of the name, or a filter, to narrow it down."
                        : null;
        return new Page(query.text(), query.program(), query.status() == null ? null : query.status().name(), query.page(),
                query.size(), total, more, pages, note, results);
    }
}
