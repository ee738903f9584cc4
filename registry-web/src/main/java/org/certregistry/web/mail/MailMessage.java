package org.certregistry.web.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * A message in the outbox, as stored: what was written, and what became of it. A message that
 * carries a {@link PrivateLink} has {@link PrivateLink#PLACEHOLDER} in its bodies and the link
 * sealed in {@code sealedLink} until it is sent; readers other than the sender see {@link #forStaff}.
 */
public record MailMessage(UUID id, MailKind kind, String recipient, String language, String subject, String textBody,
        String htmlBody, String certificateNumber, MailStatus status, int attempts, Instant nextAttemptAt, String lastError,
        Instant createdAt, Instant sentAt, String sealedLink) {

    /** Whether the bodies hold a private link's place. */
    public boolean carriesPrivateLink() {
        return textBody != null && textBody.contains(PrivateLink.PLACEHOLDER);
    }

    /** The message as staff may read it: {@code note} where the private link goes, and no sealed link. */
    public MailMessage forStaff(String note) {
        return withLink(note);
    }

    /** The message as its recipient gets it: the link in its place (both bodies), and no sealed link. */
    MailMessage withLink(String link) {
        return new MailMessage(id, kind, recipient, language, subject, replace(textBody, link), replace(htmlBody, link),
                certificateNumber, status, attempts, nextAttemptAt, lastError, createdAt, sentAt, null);
    }

    private static String replace(String body, String link) {
        return body == null ? null : body.replace(PrivateLink.PLACEHOLDER, link);
    }
}
