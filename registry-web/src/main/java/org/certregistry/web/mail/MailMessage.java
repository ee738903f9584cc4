package org.certregistry.web.mail;

import java.time.Instant;
import java.util.UUID;

/** A message in the outbox, as stored: what was written, and what became of it. */
public record MailMessage(UUID id, MailKind kind, String recipient, String language, String subject, String textBody,
        String htmlBody, String certificateNumber, MailStatus status, int attempts, Instant nextAttemptAt, String lastError,
        Instant createdAt, Instant sentAt) {
}
