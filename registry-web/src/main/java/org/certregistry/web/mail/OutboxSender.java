package org.certregistry.web.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.certregistry.web.security.SealedSecrets;
import org.certregistry.web.system.BlockingWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Sends due messages over SMTP, on every instance: each poll claims a batch (rows other instances
 * hold are skipped; transactional mail before reminders), sends it over one SMTP connection on
 * {@link BlockingWork} (JavaMail blocks), records each message sent, or its error and the next
 * attempt after a doubling back-off, or failure after the last attempt, and claims again at once
 * while batches come back full. A message whose instance dies mid-send is claimed again once its lease ends, so
 * delivery is at least once. With no SMTP server configured nothing is sent.
 */
@Component
class OutboxSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    private final OutboxRepository repository;
    private final ObjectProvider<JavaMailSender> smtp;
    private final OutboxProperties properties;
    private final BlockingWork blocking;
    private final SealedSecrets secrets;
    private final Clock clock;
    private volatile Disposable polling;
    private volatile Disposable links;
    private final Sinks.Many<Long> wakeups = Sinks.many().multicast().directBestEffort();

    OutboxSender(OutboxRepository repository, ObjectProvider<JavaMailSender> smtp, OutboxProperties properties,
            BlockingWork blocking, SealedSecrets secrets, Clock clock) {
        this.repository = repository;
        this.secrets = secrets;
        this.smtp = smtp;
        this.properties = properties;
        this.blocking = blocking;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startPolling() {
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender == null) {
            log.info("No SMTP server configured (spring.mail.host): e-mails are kept in the outbox, see /admin/dev/mailbox");
            return;
        }
        polling = Flux.interval(properties.pollInterval(), properties.pollInterval())
            .onBackpressureDrop()
            .concatMap(tick -> sendDue(sender)
                // a batch that outlives its lease is claimed again elsewhere; polling here goes on regardless
                .timeout(properties.lease())
                .onErrorResume(ex -> {
                    log.warn("Outbox poll failed: {}", ex.toString());
                    return Mono.just(0);
                }), 1)
            .subscribe();
        // the lane of links someone is waiting for: beside the polling, so never behind a batch of bulk mail
        links = wakeups.asFlux()
            .onBackpressureDrop()
            .concatMap(tick -> sendLinks(sender)
                .timeout(properties.lease())
                .onErrorResume(ex -> {
                    log.warn("Sending waiting links failed: {}", ex.toString());
                    return Mono.just(0);
                }), 1)
            .subscribe();
    }

    /**
     * Sends the links someone is waiting for at a page now, on a lane of their own: a link was just committed on
     * this instance. The polling lane may be busy with a batch of thousands of issuance notices; this one takes only
     * {@link MailKind#interactive()} mail, and looks again after each batch, so a wake-up dropped while it was
     * sending is not a link left waiting.
     */
    void wake() {
        wakeups.tryEmitNext(0L);
    }

    private Mono<Integer> sendLinks(JavaMailSender sender) {
        return sendBatch(sender, 0)
            .expand(batch -> batch.claimed() > 0 ? sendBatch(sender, 0) : Mono.empty())
            .reduce(0, (sent, batch) -> sent + batch.sent());
    }

    /**
     * Claims and sends due messages, batch after batch while full batches come back (a reminder run of thousands is
     * drained at SMTP speed, not one batch per poll); answers how many were sent.
     */
    Mono<Integer> sendDue(JavaMailSender sender) {
        return sendBatch(sender, Integer.MAX_VALUE)
            .expand(batch -> batch.claimed() == properties.batchSize() ? sendBatch(sender, Integer.MAX_VALUE) : Mono.empty())
            .reduce(0, (sent, batch) -> sent + batch.sent());
    }

    private record Batch(int claimed, int sent) {
    }

    /** Claims and sends one batch of due messages whose {@link MailKind#priority()} is at most {@code priority}. */
    private Mono<Batch> sendBatch(JavaMailSender sender, int priority) {
        Instant now = clock.instant();
        return repository.claimDue(now, properties.batchSize(), now.plus(properties.lease()), priority).collectList()
            .flatMap(claimed -> claimed.isEmpty() ? Mono.just(new Batch(0, 0))
                    : send(sender, claimed).map(sent -> new Batch(claimed.size(), sent)));
    }

    /** Sends a batch over one SMTP connection (JavaMail blocks: on {@link BlockingWork}), then records each outcome. */
    private Mono<Integer> send(JavaMailSender sender, List<MailMessage> batch) {
        return blocking.run(() -> deliver(sender, batch))
            .flatMap(failures -> Flux.fromIterable(batch)
                .concatMap(message -> failures.containsKey(message)
                        ? failed(message, failures.get(message)).thenReturn(0)
                        : repository.markSent(message.id(), clock.instant()).thenReturn(1))
                .reduce(0, Integer::sum));
    }

    /** Hands every message of the batch to the server; answers the ones that failed, with why. */
    private Map<MailMessage, Exception> deliver(JavaMailSender sender, List<MailMessage> batch) {
        Map<MailMessage, Exception> failures = new HashMap<>();
        Map<MimeMessage, MailMessage> prepared = new IdentityHashMap<>();
        for (MailMessage message : batch) {
            try {
                prepared.put(mime(sender, message), message);
            }
            catch (MessagingException | MailException ex) {
                failures.put(message, ex);
            }
        }
        if (prepared.isEmpty()) {
            return failures;
        }
        try {
            sender.send(prepared.keySet().toArray(MimeMessage[]::new));
        }
        catch (MailSendException ex) {
            if (ex.getFailedMessages().isEmpty()) {
                prepared.values().forEach(message -> failures.put(message, ex));
            }
            ex.getFailedMessages().forEach((mime, why) -> failures.put(prepared.get(mime), why));
        }
        catch (MailException ex) {
            prepared.values().forEach(message -> failures.put(message, ex));
        }
        return failures;
    }

    private MimeMessage mime(JavaMailSender sender, MailMessage stored) throws MessagingException {
        MailMessage message = withLinkOpened(stored);
        MimeMessage mime = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
        helper.setFrom(properties.from());
        helper.setTo(message.recipient());
        helper.setSubject(message.subject());
        helper.setText(message.textBody(), message.htmlBody());
        mime.setHeader("X-Registry-Message", message.id().toString());
        return mime;
    }

    /** The message with its private link in place: opened from its seal here, in memory, just before it is sent. */
    private MailMessage withLinkOpened(MailMessage stored) {
        if (stored.sealedLink() == null) {
            if (stored.carriesPrivateLink()) {
                throw new MailPreparationException("Its private link is no longer kept");
            }
            return stored;
        }
        return stored.withLink(secrets.open(stored.sealedLink(), stored.recipient())
            .orElseThrow(() -> new MailPreparationException("Its private link was sealed under a key this instance "
                    + "does not hold (was the signing key rotated without registry.secrets.seal-key?)")));
    }

    private Mono<Void> failed(MailMessage message, Exception ex) {
        // an address or message that cannot be made will not get better by waiting
        boolean hopeless = ex instanceof MailParseException || ex instanceof MailPreparationException
                || ex instanceof jakarta.mail.internet.AddressException;
        boolean giveUp = hopeless || message.attempts() >= properties.maxAttempts();
        String why = describe(ex);
        log.warn("E-mail {} ({}) attempt {} failed{}: {}", message.id(), message.kind(), message.attempts(),
                giveUp ? ", giving up" : "", why);
        return repository.markFailed(message.id(), why, clock.instant().plus(properties.backOff(message.attempts())), giveUp);
    }

    private static String describe(Throwable ex) {
        StringBuilder why = new StringBuilder(ex.getClass().getSimpleName());
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null) {
                why.append(": ").append(t.getMessage().strip());
                break;
            }
        }
        return why.length() > 500 ? why.substring(0, 500) : why.toString();
    }

    @Override
    public void start() {
        // polling starts once the application is ready (startPolling)
    }

    @Override
    public void stop() {
        for (Disposable running : new Disposable[] { polling, links }) {
            if (running != null) {
                running.dispose();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return polling != null && !polling.isDisposed();
    }
}
