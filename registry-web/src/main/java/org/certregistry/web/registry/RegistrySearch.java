package org.certregistry.web.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.issuer.number.InvalidCertificateNumberException;
import org.certregistry.web.certificate.publicrecord.Directory;
import org.certregistry.web.certificate.HolderNames;
import org.certregistry.web.certificate.publicrecord.PublicRecord;
import org.certregistry.web.certificate.publicrecord.PublicRecords;
import org.certregistry.web.certificate.PublicStatus;
import org.certregistry.web.problem.InvalidRequestException;
import org.certregistry.web.program.ProgramCatalog;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Searches the public directory. A query that parses as a certificate number finds that
 * certificate, listed or not; any other query searches the names of listed holders only, case-
 * and accent-insensitive, partial and typo-tolerant (each query word is close, in trigram word
 * similarity, to a word of {@code registry_fold(holder_name)}, or one typo away from it: see {@link Typos}), closest
 * first, and across scripts: the query and every name are compared in Latin letters ({@link HolderNames}).
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
    public static final int MAX_MATCHES = Directory.MAX_MATCHES;
    static final int MIN_NAME_LENGTH = 2;
    static final int MAX_WORDS = 4;
    static final int MAX_QUERY_LENGTH = 200;
    private final Directory directory;
    private final PublicRecords records;
    private final ProgramCatalog programs;

    RegistrySearch(Directory directory, PublicRecords records, ProgramCatalog programs) {
        this.directory = directory;
        this.records = records;
        this.programs = programs;
    }

    /** What was searched for. {@code program} and {@code status} are optional filters (null for any). */
    public record Query(String text, String program, PublicStatus status, int page, int size) {
    }

    /**
     * One page of results.
     *
     * @param total matches, counted up to {@link #MAX_MATCHES}
     * @param more whether there are more than {@code total} matches (the query is too broad to count them all)
     * @param hint a sentence for the searcher (a mistyped number, a query too short), or null; in English
     * @param hintKind which sentence it is, for pages that say it in the reader's language ({@code registry.hint.*})
     */
    public record Page(String query, String program, String status, int page, int size, long total, boolean more,
            int pages, String hint, @JsonIgnore Hint hintKind, List<PublicRecord> results) {
    }

    /** The sentences a search may add for the searcher. */
    public enum Hint { MISTYPED_NUMBER, NOT_A_NUMBER, TOO_SHORT, PAST_LAST_PAGE, TOO_MANY }

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
        try {
            wanted = PublicStatus.parse(status);
        }
        catch (InvalidRequestException ex) {
            problems.addAll(ex.problems());
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
                boolean mistyped = ex.reason() == InvalidCertificateNumberException.Reason.CHECK_FAILED;
                String hint = mistyped
                        ? "No certificate has the number " + q + ": its check character does not add up, so one character "
                                + "is probably mistyped or misread. Compare it with the printed certificate."
                        : "“" + q + "” is not a certificate number (they look like CCXP-7K3-M9Q-XT4).";
                return Mono.just(empty(query, hint, mistyped ? Hint.MISTYPED_NUMBER : Hint.NOT_A_NUMBER));
            }
        }
        else if (!q.isEmpty() && (q.codePointCount(0, q.length()) < MIN_NAME_LENGTH || words(q).isEmpty())) {
            return Mono.just(empty(query, "Type at least " + MIN_NAME_LENGTH + " letters of a name.", Hint.TOO_SHORT));
        }
        List<Directory.QueryWord> words = number == null && !q.isEmpty()
                ? words(q).stream().map(w -> new Directory.QueryWord(w, Typos.keys(w))).toList()
                : List.of();
        return directory.find(new Directory.Lookup(number, words, query.program(), query.status(), query.page(), query.size()))
            .map(found -> found.certificates().isEmpty()
                    ? query.page() > 0 ? empty(query, "This page is past the last match.", Hint.PAST_LAST_PAGE) : empty(query, null, null)
                    : page(query, found.counted(), null, null, found.certificates().stream()
                        // a certificate of a program no longer configured is left out rather than failing the page
                        .filter(c -> programs.find(c.programCode()).isPresent()).map(records::of).toList()));
    }
    /**
     * The words of a query in Latin letters (at most {@link #MAX_WORDS}): "Светлана" is looked for as "svetlana", which
     * the Latin form of every name holds (see {@link HolderNames}); split where {@code registry_words} splits names: at
     * anything but letters and digits ("angstrom-smith" is two words). Longest first: the first word leads the search
     * (see {@link #closeWords}), and a long word is usually the rarest.
     */
    static List<String> words(String q) {
        return Arrays.stream(HolderNames.latin(q).split("[^\\p{L}\\p{M}\\p{N}]+"))
            .filter(w -> !w.isEmpty())
            .limit(MAX_WORDS)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .toList();
    }

    private static boolean looksLikeNumber(String q) {
        // a number may hold no digit at all (CCXP-ABC-DEF-GHK): its shape says so too
        return q.chars().anyMatch(Character::isDigit) || q.matches("[A-Za-z]{2,10}(-[A-Za-z0-9]{3}){3}");
    }

    private static Page empty(Query query, String hint, Hint kind) {
        return page(query, 0, hint, kind, List.of());
    }

    private static Page page(Query query, long counted, String hint, Hint kind, List<PublicRecord> results) {
        boolean more = counted > MAX_MATCHES;
        long total = Math.min(counted, MAX_MATCHES);
        int pages = (int) ((total + query.size() - 1) / query.size());
        boolean tooMany = hint == null && more;
        String note = hint != null ? hint
                : tooMany ? "More than " + MAX_MATCHES + " certificates match: add more of the name, or a filter, to narrow it down."
                        : null;
        return new Page(query.text(), query.program(), query.status() == null ? null : query.status().name(), query.page(),
                query.size(), total, more, pages, note, tooMany ? Hint.TOO_MANY : kind, results);
    }
}
