package org.certregistry.web.mail;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.certregistry.web.database.AfterCommit;
import org.certregistry.web.security.SealedSecrets;
import org.certregistry.web.system.BlockingWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The e-mail outbox. {@link #enqueue} writes a message in the caller's transaction (so it exists
 * exactly when the change that causes it does); {@code OutboxSender} sends it later. Reads serve
 * the admin pages and the development mailbox. A {@link PrivateLink} in a message's model is
 * sealed, never stored usable ({@link MailMessage}).
 */
@Service
public class Outbox {

    private final OutboxRepository repository;
    private final MailComposer composer;
    private final BlockingWork blocking;
    private final ObjectProvider<JavaMailSender> smtp;
    private final SealedSecrets secrets;
    private final OutboxSender sender;
    private final Clock clock;

    Outbox(OutboxRepository repository, MailComposer composer, BlockingWork blocking, ObjectProvider<JavaMailSender> smtp,
            SealedSecrets secrets, OutboxSender sender, Clock clock) {
        this.repository = repository;
        this.sender = sender;
        this.secrets = secrets;
        this.composer = composer;
        this.blocking = blocking;
        this.smtp = smtp;
        this.clock = clock;
    }

    /** Writes one message (in the caller's transaction, if any); true if stored, false if its key was already used. */
    public Mono<Boolean> enqueue(OutgoingMail mail) {
        return enqueueAll(List.of(mail)).map(stored -> stored > 0);
    }

    /** Writes many messages in one statement (a cohort's issuance mails); answers how many were stored. */
    public Mono<Long> enqueueAll(List<OutgoingMail> mails) {
        if (mails.isEmpty()) {
            return Mono.just(0L);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return blocking.run(() -> mails.stream().map(mail -> {
            MailComposer.Composed composed = composer.compose(mail);
            String sealed = mail.privateLink().map(link -> secrets.seal(link.url(), mail.recipient())).orElse(null);
            MailMessage message = new MailMessage(UUID.randomUUID(), mail.kind(), mail.recipient(),
                    mail.language().toLanguageTag(), composed.subject(), composed.text(), composed.html(),
                    mail.certificateNumber(), delivering() ? MailStatus.PENDING : MailStatus.KEPT, 0, now, null, now, null,
                    sealed);
            return new OutboxRepository.NewMessage(message, mail.dedupKey());
        }).toList()).flatMap(repository::insertAll)
            .flatMap(stored -> mails.stream().anyMatch(mail -> mail.kind().interactive())
                    ? AfterCommit.run(sender::wake).thenReturn(stored) : Mono.just(stored));
    }

    /** Whether messages go out over SMTP ({@code spring.mail.host} is set); if not, they are kept for the development mailbox. */
    public boolean delivering() {
        return smtp.getIfAvailable() != null;
    }

    /** The newest messages, filtered by status, recipient or certificate (each optional). */
    public Flux<MailMessage> recent(MailStatus status, String recipient, String number, int limit) {
        return repository.recent(status, blankToNull(recipient), blankToNull(number), Math.max(1, Math.min(limit, 500)));
    }

    public Mono<MailMessage> find(UUID id) {
        return repository.find(id);
    }

    /**
     * The message as its recipient gets it, private link opened: for the development mailbox only, which stands in
     * for the recipient's inbox. Empty link (a note says why) when it cannot be opened.
     */
    public MailMessage asDelivered(MailMessage message) {
        return message.sealedLink() == null ? message.withLink("")
                : message.withLink(secrets.open(message.sealedLink(), message.recipient()).orElse("(link unavailable)"));
    }

    /** Puts a failed message back in the queue; false if it is not (or no longer) failed. */
    public Mono<Boolean> retry(UUID id) {
        return repository.requeue(id, clock.instant());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
