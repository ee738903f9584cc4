package org.certregistry.web.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.CertificateRepository;
import org.certregistry.web.certificate.CertificateRepository.ReminderPosition;
import org.certregistry.web.certificate.Certificates;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reminds holders before their window ends, on each program's configured days (e.g. 180, 90,
 * 30 and 7 days before). Every instance runs the job; each reminder has a key (certificate,
 * cycle, day) that the outbox keeps unique, so it is written once however many instances run
 * and however often. Only the nearest day passed is sent: a job that was down does not send
 * 180, 90 and 30 at once.
 */
@Component
class ExpiryReminders implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpiryReminders.class);
    /** Certificates read at a time: each page is one short query (see CertificateRepository#activeEndingBy). */
    static final int PAGE = 500;

    private final CertificateRepository repository;
    private final Certificates certificates;
    private final ProgramCatalog programs;
    private final CertificateMail mail;
    private final Outbox outbox;
    private final OutboxProperties properties;
    private final Clock clock;
    private volatile Disposable job;

    ExpiryReminders(CertificateRepository repository, Certificates certificates, ProgramCatalog programs, CertificateMail mail,
            Outbox outbox, OutboxProperties properties, Clock clock) {
        this.repository = repository;
        this.certificates = certificates;
        this.programs = programs;
        this.mail = mail;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void schedule() {
        job = Flux.interval(Duration.ZERO, properties.reminderInterval())
            .onBackpressureDrop()
            .concatMap(tick -> remind().onErrorResume(ex -> {
                log.warn("Expiry reminders failed: {}", ex.toString());
                return Mono.just(0L);
            }), 1)
            .subscribe();
    }

    /** Writes every reminder due now; answers how many were new. */
    Mono<Long> remind() {
        Instant now = clock.instant();
        int furthest = programs.all().stream().flatMap(p -> p.renewal().reminderDays().stream()).mapToInt(Integer::intValue)
            .max().orElse(0);
        if (furthest == 0) {
            return Mono.just(0L);
        }
        Instant to = now.plus(Duration.ofDays(furthest));
        return repository.activeEndingBy(to, ReminderPosition.endingAfter(now), PAGE).collectList()
            .expand(page -> page.size() < PAGE ? Mono.empty()
                    : repository.activeEndingBy(to, ReminderPosition.after(page.get(page.size() - 1)), PAGE).collectList())
            .concatMapIterable(page -> page)
            // a program taken out of the configuration sends no reminders (and stops nobody else's)
            .filter(certificate -> programs.find(certificate.programCode()).isPresent())
            .concatMap(certificate -> dueDay(certificate, now).map(day -> reminder(certificate, day, now).flatMap(outbox::enqueue)
                .map(stored -> stored ? 1L : 0L)).orElse(Mono.just(0L)))
            .reduce(0L, Long::sum);
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

    @Override
    public void start() {
        // the job starts once the application is ready (schedule)
    }

    @Override
    public void stop() {
        Disposable running = job;
        if (running != null) {
            running.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return job != null && !job.isDisposed();
    }
}
