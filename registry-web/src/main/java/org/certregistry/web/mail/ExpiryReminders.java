package org.certregistry.web.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.system.PeriodicJob;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reminds holders before their window ends, on each program's configured days (e.g. 180, 90,
 * 30 and 7 days before), reading only what became due since the last run ({@link #run()}): at a
 * million certificates the hourly job read a quarter of the registry; it now reads the few hundred
 * whose window end crossed a reminder day since. Every instance runs the job; each reminder has a key (certificate,
 * cycle, day) that the outbox keeps unique, so it is written once however many instances run
 * and however often. Only the nearest day passed is sent: a job that was down does not send
 * 180, 90 and 30 at once.
 */
@Component
class ExpiryReminders extends PeriodicJob {

    /** How far back a run reads changes before the last run began: transactions commit a moment after their time. */
    static final Duration CHANGE_MARGIN = Duration.ofMinutes(10);

    private final Certificates certificates;
    private final ProgramCatalog programs;
    private final CertificateMail mail;
    private final Outbox outbox;
    private final OutboxProperties properties;
    private final ReminderSweeps sweeps;
    private final Clock clock;

    ExpiryReminders(Certificates certificates, ProgramCatalog programs, CertificateMail mail,
            Outbox outbox, OutboxProperties properties, ReminderSweeps sweeps, Clock clock) {
        this.sweeps = sweeps;
        this.certificates = certificates;
        this.programs = programs;
        this.mail = mail;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected Duration firstRunAfter() {
        return Duration.ZERO;
    }

    @Override
    protected Duration interval() {
        return properties.reminderInterval();
    }

    @Override
    protected Mono<Long> runOnce() {
        return remind();
    }

    /** What a run did: certificates read, and reminders written that were not written before. */
    record Run(long read, long written) {
    }

    /** Writes every reminder due now; answers how many were new. */
    Mono<Long> remind() {
        return run().map(Run::written);
    }

    /**
     * Writes every reminder due now, reading only what became due since the last run on any instance: for each
     * reminder day, the certificates whose window end crossed it since ({@code reminder_sweep}), and the ones changed
     * since (issued with little time left, reinstated) that end within the furthest day. The first run anywhere reads
     * every certificate ending within the furthest day, once.
     */
    Mono<Run> run() {
        Instant now = clock.instant();
        List<Integer> days = programs.all().stream().flatMap(p -> p.renewal().reminderDays().stream()).distinct().sorted()
            .toList();
        if (days.isEmpty()) {
            return Mono.just(new Run(0, 0));
        }
        int furthest = days.get(days.size() - 1);
        return sweeps.all().flatMap(swept -> {
            Flux<Certificate> due = swept.isEmpty()
                    ? certificates.activeEndingBetween(now, now.plus(Duration.ofDays(furthest)))
                    : Flux.concat(
                            Flux.fromIterable(days).concatMap(day -> certificates.activeEndingBetween(
                                    crossedFrom(swept.get(day), day, now), now.plus(Duration.ofDays(day)))),
                            certificates.activeChangedSince(swept.values().stream().map(ReminderSweeps.Sweep::changedFrom)
                                .min(Instant::compareTo).orElse(now), now.plus(Duration.ofDays(furthest))))
                        .distinct(Certificate::id);
            AtomicLong read = new AtomicLong();
            return due.doOnNext(certificate -> read.incrementAndGet())
                // a program taken out of the configuration sends no reminders (and stops nobody else's)
                .filter(certificate -> programs.find(certificate.programCode()).isPresent())
                .concatMap(certificate -> dueDay(certificate, now).map(day -> reminder(certificate, day, now)
                    .flatMap(outbox::enqueue).map(stored -> stored ? 1L : 0L)).orElse(Mono.just(0L)))
                .reduce(0L, Long::sum)
                .flatMap(written -> Flux.fromIterable(days)
                    // a change committed a little after this run began, with an earlier time, is read by the next one
                    .concatMap(day -> sweeps.record(day, new ReminderSweeps.Sweep(now.plus(Duration.ofDays(day)),
                            now.minus(CHANGE_MARGIN))))
                    .then(Mono.fromSupplier(() -> new Run(read.get(), written))));
        });
    }

    /** Where a day's crossing starts: after its last sweep, and never before now (an ended window needs no reminder). */
    private static Instant crossedFrom(ReminderSweeps.Sweep sweep, int day, Instant now) {
        return sweep == null || sweep.sweptUntil().isBefore(now) ? now : sweep.sweptUntil();
    }

    /** The nearest configured day the certificate has passed, if any. */
    private java.util.Optional<Integer> dueDay(Certificate certificate, Instant now) {
        Program program = certificates.program(certificate);
        long daysLeft = daysLeft(certificate, now);
        List<Integer> days = program.renewal().reminderDays();
        return days.stream().filter(day -> daysLeft <= day).findFirst();
    }

    /** Whole days until the window ends, rounded up. */
    private static long daysLeft(Certificate certificate, Instant now) {
        return -Math.floorDiv(-Duration.between(now, certificate.validUntil()).toSeconds(), 86_400L);
    }

    private Mono<OutgoingMail> reminder(Certificate certificate, int day, Instant now) {
        Program program = certificates.program(certificate);
        Map<String, Object> model = mail.model(certificate);
        long daysLeft = daysLeft(certificate, now);
        model.put("daysLeft", daysLeft);
        model.put("requiredUnits", program.renewal().requiredUnits());
        model.put("gracePeriodDays", program.renewal().gracePeriod().getDays() + 30 * program.renewal().gracePeriod().getMonths());
        return mail.mail(MailKind.EXPIRY_REMINDER, certificate, model).map(m -> m.withSubject(program.code(), certificate.number(),
                daysLeft).once("expiry-reminder:" + certificate.id() + ":" + certificate.credentialVersion() + ":" + day));
    }
}
