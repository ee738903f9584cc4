package org.certregistry.web.mail;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * How far each reminder day has been swept ({@code reminder_sweep}), shared by every instance, so a
 * run of {@link ExpiryReminders} reads only what became due since the last one.
 */
@Repository
class ReminderSweeps {

    /**
     * A reminder day's sweep: certificates ending by {@code sweptUntil} have been read for it, and those changed
     * before {@code changedFrom} have been read once they ended within the furthest day.
     */
    record Sweep(Instant sweptUntil, Instant changedFrom) {
    }

    private final DatabaseClient db;

    ReminderSweeps(DatabaseClient db) {
        this.db = db;
    }

    Mono<Map<Integer, Sweep>> all() {
        return db.sql("SELECT reminder_day, swept_until, changed_from FROM reminder_sweep")
            .map(row -> Map.entry(row.get("reminder_day", Integer.class),
                    new Sweep(row.get("swept_until", Instant.class), row.get("changed_from", Instant.class))))
            .all().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Records a sweep; never moves one back (another instance may have swept further meanwhile). */
    Mono<Void> record(int day, Sweep sweep) {
        return db.sql("INSERT INTO reminder_sweep (reminder_day, swept_until, changed_from) VALUES (:day, :until, :changed) "
                + "ON CONFLICT (reminder_day) DO UPDATE SET swept_until = GREATEST(reminder_sweep.swept_until, EXCLUDED.swept_until), "
                + "changed_from = GREATEST(reminder_sweep.changed_from, EXCLUDED.changed_from)")
            .bind("day", day).bind("until", sweep.sweptUntil()).bind("changed", sweep.changedFrom()).then();
    }
}
