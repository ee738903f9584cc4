package org.certregistry.web.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The hourly reminder job reads what became due since its last run, not every certificate ending
 * within 180 days (a quarter of the registry at a million): a certificate well inside the window
 * that has not crossed a reminder day since is not read again; the day it crosses one, it is, and
 * its reminder is written. Runs here on a clock of their own, days ahead.
 */
class ReminderSweepTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;


    @Autowired
    Certificates certificates;

    @Autowired
    ProgramCatalog programs;

    @Autowired
    CertificateMail mail;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxProperties properties;

    @Autowired
    ReminderSweeps sweeps;

    @Test
    void aCertificateIsReadOnlyWhenItsWindowEndCrossesAReminderDay() {
        Instant now = Instant.now();
        LocalDate awarded = LocalDate.now(ZoneOffset.UTC).minusYears(2).plusDays(100);
        String surname = TestCertificates.uniqueSurname();
        List<String> numbers = IntStream.range(0, 3)
            .mapToObj(i -> TestCertificates.issue(http, "CCXP", "Sweep " + surname + " " + i, true, awarded).number()).toList();
        // old rows by now: issued two days ago, and every reminder day swept up to this moment
        db.sql("UPDATE certificate SET updated_at = :then WHERE number = ANY(:numbers)").bind("then", now.minus(Duration.ofDays(2)))
            .bind("numbers", numbers.toArray(String[]::new)).then().block();
        for (int day : List.of(7, 30, 90, 180)) {
            db.sql("DELETE FROM reminder_sweep WHERE reminder_day = :day").bind("day", day).then().block();
            sweeps.record(day, new ReminderSweeps.Sweep(now.plus(Duration.ofDays(day)), now)).block();
        }

        // five days on: 95 days left, inside the 180-day window but no day crossed since the sweep: not read
        ExpiryReminders.Run fiveDaysOn = reminders(now.plus(Duration.ofDays(5))).run().block();
        assertThat(remindersOf(numbers)).as("written five days on").isZero();
        // the old job read every certificate ending within 180 days on each run; these three are among those
        long inWindow = db.sql("SELECT count(*) FROM certificate WHERE state = 'ACTIVE' AND valid_until > :from AND valid_until <= :to")
            .bind("from", now.plus(Duration.ofDays(5))).bind("to", now.plus(Duration.ofDays(185)))
            .map(row -> row.get(0, Long.class)).one().block();
        assertThat(fiveDaysOn.read()).as("read five days on, of %d ending within 180 days", inWindow).isLessThan(inWindow);

        // twelve days on: 88 days left, the 90-day mark crossed since the last run: read, and reminded once
        ExpiryReminders.Run twelveDaysOn = reminders(now.plus(Duration.ofDays(12))).run().block();
        assertThat(twelveDaysOn.written()).isGreaterThanOrEqualTo(3);
        assertThat(remindersOf(numbers)).isEqualTo(3);
        assertThat(reminders(now.plus(Duration.ofDays(12)).plusSeconds(60)).run().block().written())
            .as("a run a minute later writes nothing again").isZero();
    }

    private ExpiryReminders reminders(Instant at) {
        return new ExpiryReminders(certificates, programs, mail, outbox, properties, sweeps,
                Clock.fixed(at, ZoneOffset.UTC));
    }

    private long remindersOf(List<String> numbers) {
        return db.sql("SELECT count(*) FROM mail_message WHERE kind = 'EXPIRY_REMINDER' AND certificate_number = ANY(:numbers)")
            .bind("numbers", numbers.toArray(String[]::new)).map(row -> row.get(0, Long.class)).one().block();
    }
}
