package org.certregistry.web.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.certregistry.issuer.number.CertificateNumber;
import org.certregistry.issuer.number.InvalidCertificateNumberException;
import org.certregistry.web.certificate.CertificateRepository;
import org.certregistry.web.system.InvalidRequestException;
import org.certregistry.web.certificate.PublicRecord;
import org.certregistry.web.certificate.PublicRecords;
import org.certregistry.web.certificate.PublicStatus;
import org.certregistry.web.program.ProgramCatalog;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Searches the public directory: by name (case- and accent-insensitive, partial, typo-tolerant
 * through trigrams, ranked by closeness) among listed holders; by exact certificate number
 * among all.
 */
@Service
public class RegistrySearch {

    public static final int MAX_PAGE_SIZE = 100;

    private final DatabaseClient db;
    private final PublicRecords records;
    private final ProgramCatalog programs;
    private final Clock clock;

    RegistrySearch(DatabaseClient db, PublicRecords records, ProgramCatalog programs, Clock clock) {
        this.db = db;
        this.records = records;
        this.programs = programs;
        this.clock = clock;
    }

    /** One page of results. */
    public record Page(String query, int page, int size, long total, List<PublicRecord> results) {
    }

    public Mono<Page> search(String query, String program, String status, int page, int size) {
        String q = query == null ? "" : query.strip();
        if (q.length() > 200) {
            return Mono.error(InvalidRequestException.of("q", "is longer than 200 characters"));
        }
        if (page < 0) {
            return Mono.error(InvalidRequestException.of("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            return Mono.error(InvalidRequestException.of("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        String programCode = null;
        if (program != null && !program.isBlank()) {
            programCode = programs.find(program).map(p -> p.code()).orElse(null);
            if (programCode == null) {
                return Mono.error(InvalidRequestException.of("program", "unknown program '" + program + "'"));
            }
        }
        PublicStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = PublicStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException ex) {
                return Mono.error(InvalidRequestException.of("status", "must be one of VALID, EXPIRED, SUSPENDED, REVOKED"));
            }
        }
        String number = asNumber(q);
        StringBuilder where = new StringBuilder();
        if (number != null) {
            where.append("number = :number");
        }
        else {
            where.append("listed");
            if (!q.isEmpty()) {
                where.append(" AND (search_name % registry_fold(:q) OR search_name LIKE '%' || registry_fold(:like) || '%')");
            }
        }
        if (programCode != null) {
            where.append(" AND program = :program");
        }
        if (wanted != null) {
            where.append(switch (wanted) {
                case VALID -> " AND state = 'ACTIVE' AND valid_until > :now";
                case EXPIRED -> " AND state = 'ACTIVE' AND valid_until <= :now";
                case SUSPENDED -> " AND state = 'SUSPENDED'";
                case REVOKED -> " AND state = 'REVOKED'";
            });
        }
        String order = number == null && !q.isEmpty()
                ? " ORDER BY similarity(search_name, registry_fold(:q)) DESC, holder_name, number"
                : " ORDER BY holder_name, number";
        Instant now = clock.instant();
        String sql = "SELECT " + columns() + ", count(*) OVER () AS total FROM certificate WHERE " + where + order
                + " LIMIT :limit OFFSET :offset";
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql).bind("limit", size).bind("offset", (long) page * size);
        if (number != null) {
            spec = spec.bind("number", number);
        }
        else if (!q.isEmpty()) {
            spec = spec.bind("q", q).bind("like", q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
        }
        if (programCode != null) {
            spec = spec.bind("program", programCode);
        }
        if (wanted == PublicStatus.VALID || wanted == PublicStatus.EXPIRED) {
            spec = spec.bind("now", now);
        }
        String finalQ = q;
        return spec.map((row, meta) -> new Object[] {records.of(CertificateRepository.certificate(row)),
                row.get("total", Long.class)})
            .all()
            .collectList()
            .map(rows -> new Page(finalQ, page, size, rows.isEmpty() ? 0 : (Long) rows.get(0)[1],
                    rows.stream().map(r -> (PublicRecord) r[0]).toList()));
    }

    private static String columns() {
        return CertificateRepository.COLUMNS;
    }

    private static String asNumber(String q) {
        if (q.isEmpty() || !q.matches(".*\\d.*")) {
            return null;
        }
        try {
            return CertificateNumber.parse(q).value();
        }
        catch (InvalidCertificateNumberException ex) {
            return null;
        }
    }
}
