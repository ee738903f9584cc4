package org.certregistry.web.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The e-mail outbox ({@code registry.mail.*}); the SMTP server itself is {@code spring.mail.*}.
 *
 * @param from the sender address of every message
 * @param pollInterval how often each instance looks for due messages
 * @param batchSize messages one instance claims at a time
 * @param maxAttempts attempts before a message is marked failed
 * @param firstRetry the wait after the first failure; it doubles with each further one, up to {@code maxRetry}
 * @param lease how long a claimed message is left alone by other instances while it is being sent;
 *        if its instance dies meanwhile, it is claimed again after this
 * @param reminderInterval how often each instance looks for certificates due a reminder
 */
@ConfigurationProperties("registry.mail")
public record OutboxProperties(@DefaultValue("Certificate Registry <no-reply@certregistry.org>") String from,
        @DefaultValue("2s") Duration pollInterval, @DefaultValue("20") int batchSize, @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration firstRetry, @DefaultValue("6h") Duration maxRetry, @DefaultValue("2m") Duration lease,
        @DefaultValue("1h") Duration reminderInterval) {

    public OutboxProperties {
        if (batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("registry.mail.batch-size and max-attempts must be at least 1");
        }
    }

    /** The wait before attempt {@code attempts + 1}, after {@code attempts} failures. */
    Duration backOff(int attempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempts && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
