package org.certregistry.web.mail;

/** Where a message stands in the outbox. */
public enum MailStatus {
    /** Waiting to be sent. */
    PENDING,
    /**
     * Written with no SMTP server configured: kept for the development mailbox, never sent (an
     * instance that does send leaves it alone, so a development database's messages never go out).
     */
    KEPT,
    /** Accepted by the SMTP server. */
    SENT,
    /** Given up on: the last error says why. */
    FAILED
}
