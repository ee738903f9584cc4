package org.certregistry.web.mail.web;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.certregistry.web.mail.MailMessage;
import org.certregistry.web.mail.MailStatus;
import org.certregistry.web.mail.Outbox;
import org.certregistry.web.problem.InvalidRequestException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The outbox in the admin API: what was sent, what waits, what failed and why; a failed message can be retried. */
@RestController
class MailAdminController {

    private final Outbox outbox;

    MailAdminController(Outbox outbox) {
        this.outbox = outbox;
    }

    /** What staff read where a message's private link goes: the link is for its recipient only. */
    static final String LINK_WITHHELD = "[private link: only the recipient receives it]";

    /** A message as the API shows it (bodies only in the single read, never with a private link). */
    record MessageView(UUID id, String kind, String recipient, String subject, String certificate, MailStatus status,
            int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt, String text, String html) {

        static MessageView of(MailMessage stored, boolean bodies) {
            MailMessage m = stored.forStaff(LINK_WITHHELD);
            return new MessageView(m.id(), m.kind().templateName(), m.recipient(), m.subject(), m.certificateNumber(),
                    m.status(), m.attempts(), m.status() == MailStatus.PENDING ? m.nextAttemptAt() : null, m.lastError(),
                    m.createdAt(), m.sentAt(), bodies ? m.textBody() : null, bodies ? m.htmlBody() : null);
        }
    }

    @GetMapping("/api/v1/admin/mail")
    Flux<MessageView> list(@RequestParam(required = false) String status, @RequestParam(required = false) String recipient,
            @RequestParam(required = false) String certificate, @RequestParam(defaultValue = "100") int limit) {
        return outbox.recent(MailViews.status(status), recipient, certificate, limit).map(m -> MessageView.of(m, false));
    }

    @GetMapping("/api/v1/admin/mail/{id}")
    Mono<ResponseEntity<MessageView>> one(@PathVariable String id) {
        return outbox.find(MailViews.id(id)).map(m -> ResponseEntity.ok(MessageView.of(m, true)))
            .defaultIfEmpty(ResponseEntity.notFound().build());
    }

    @PostMapping("/api/v1/admin/mail/{id}/retry")
    Mono<ResponseEntity<Map<String, Object>>> retry(@PathVariable String id) {
        return outbox.retry(MailViews.id(id)).map(requeued -> requeued
                ? ResponseEntity.accepted().body(Map.<String, Object>of("status", MailStatus.PENDING))
                : ResponseEntity.status(HttpStatus.CONFLICT).body(Map.<String, Object>of("detail",
                        "Only a failed message can be retried")));
    }

    /** Parsing of the API's and pages' parameters. */
    static final class MailViews {

        private MailViews() {
        }

        static MailStatus status(String status) {
            if (status == null || status.isBlank()) {
                return null;
            }
            try {
                return MailStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
            }
            catch (IllegalArgumentException ex) {
                throw InvalidRequestException.of("status", "must be pending, sent or failed");
            }
        }

        static UUID id(String id) {
            try {
                return UUID.fromString(id);
            }
            catch (IllegalArgumentException ex) {
                throw InvalidRequestException.of("id", "is not a message id");
            }
        }
    }
}
