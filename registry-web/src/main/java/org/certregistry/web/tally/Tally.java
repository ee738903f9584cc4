package org.certregistry.web.tally;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Counts verifications per certificate, channel and month (table {@code verification_tally}, V72), without
 * anything about who verified. Off the request path: {@link #count} only adds to a counter in memory; the
 * counters are written every {@code registry.tally.flush-interval} (10 s by default) in one statement, and at
 * shutdown. A crash loses at most one interval of counts, which a statistic can afford.
 */
@Service
public class Tally {

    private static final Logger log = LoggerFactory.getLogger(Tally.class);

    private record Key(UUID certificateId, String program, Channel channel, LocalDate month) {
    }

    private final DatabaseClient db;
    private final Clock clock;
    // merge() and remove() are atomic per key: a count made while its key is being written lands in a new entry
    private final ConcurrentHashMap<Key, Long> pending = new ConcurrentHashMap<>();
    private final Disposable flushing;

    Tally(DatabaseClient db, Clock clock, @Value("${registry.tally.flush-interval:10s}") Duration interval) {
        this.db = db;
        this.clock = clock;
        this.flushing = Flux.interval(interval, interval)
            .onBackpressureDrop()
            .concatMap(tick -> flush().onErrorResume(ex -> {
                log.warn("Verification counts not written yet, retrying at the next interval: {}", ex.toString());
                return Mono.empty();
            }))
            .subscribe();
    }

    /** Counts one verification of a certificate the registry holds. Never blocks, never fails. */
    public void count(UUID certificateId, String program, Channel channel) {
        LocalDate month = YearMonth.now(clock.withZone(ZoneOffset.UTC)).atDay(1);
        pending.merge(new Key(certificateId, program, channel, month), 1L, Long::sum);
    }

    /** Writes the counts gathered since the last write. Counts that fail to be written are kept for the next one. */
    public Mono<Void> flush() {
        return Mono.defer(() -> {
            List<Key> keys = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            for (Key key : List.copyOf(pending.keySet())) {
                Long count = pending.remove(key);
                if (count != null) {
                    keys.add(key);
                    counts.add(count);
                }
            }
            if (keys.isEmpty()) {
                return Mono.empty();
            }
            return db.sql("INSERT INTO verification_tally (certificate_id, channel, month, program, count) "
                    + "SELECT * FROM unnest(:ids::uuid[], :channels::text[], :months::date[], :programs::text[], :counts::bigint[]) "
                    + "ON CONFLICT (certificate_id, channel, month) DO UPDATE SET count = verification_tally.count + EXCLUDED.count")
                // as text, cast in SQL: the driver's array codecs do not cover every element type
                .bind("ids", keys.stream().map(k -> k.certificateId().toString()).toArray(String[]::new))
                .bind("channels", keys.stream().map(k -> k.channel().name()).toArray(String[]::new))
                .bind("months", keys.stream().map(k -> k.month().toString()).toArray(String[]::new))
                .bind("programs", keys.stream().map(Key::program).toArray(String[]::new))
                .bind("counts", counts.toArray(Long[]::new))
                .then()
                .onErrorResume(ex -> {
                    for (int i = 0; i < keys.size(); i++) {
                        pending.merge(keys.get(i), counts.get(i), Long::sum);
                    }
                    return Mono.error(ex);
                });
        });
    }

    /** One certificate's verifications, newest month first. */
    public Mono<TallyReport> ofCertificate(UUID certificateId) {
        return report(db.sql("SELECT month, channel, count AS n FROM verification_tally WHERE certificate_id = :id")
            .bind("id", certificateId));
    }

    /** All verifications of a program's certificates, newest month first. */
    public Mono<TallyReport> ofProgram(String program) {
        return report(db.sql("SELECT month, channel, sum(count) AS n FROM verification_tally WHERE program = :program "
                + "GROUP BY month, channel").bind("program", program));
    }

    private static Mono<TallyReport> report(DatabaseClient.GenericExecuteSpec spec) {
        record Row(YearMonth month, Channel channel, long count) {
        }
        return spec.map((row, meta) -> new Row(YearMonth.from(row.get("month", LocalDate.class)),
                Channel.valueOf(row.get("channel", String.class)), row.get("n", Number.class).longValue()))
            .all()
            .collectList()
            .map(rows -> {
                Map<YearMonth, Map<Channel, Long>> byMonth = new TreeMap<>(Comparator.reverseOrder());
                for (Row r : rows) {
                    byMonth.computeIfAbsent(r.month(), m -> new EnumMap<>(Channel.class)).merge(r.channel(), r.count(), Long::sum);
                }
                return new TallyReport(byMonth.entrySet().stream().map(e -> new TallyReport.Month(e.getKey(), e.getValue())).toList());
            });
    }

    @PreDestroy
    void close() {
        flushing.dispose();
        flush().onErrorResume(ex -> Mono.empty()).block(Duration.ofSeconds(5));
    }
}
