-- A holder waiting at the sign-in page must get the link within seconds whatever the backlog: each message keeps the
-- priority of its kind (MailKind.priority: links 0, change notices 1, issuance notices 2, reminders 3) and the outbox
-- claims due messages in that order. A cohort's 20,000 issuance notices no longer queue ahead of a sign-in link.
ALTER TABLE mail_message ADD COLUMN priority smallint NOT NULL DEFAULT 2;
UPDATE mail_message SET priority = CASE kind
    WHEN 'SIGN_IN' THEN 0 WHEN 'ADDRESS_CONFIRMATION' THEN 0
    WHEN 'ISSUED' THEN 2 WHEN 'EXPIRY_REMINDER' THEN 3 ELSE 1 END
 WHERE status = 'PENDING' OR status = 'KEPT';
DROP INDEX mail_message_due;
CREATE INDEX mail_message_due ON mail_message (priority, next_attempt_at) WHERE status = 'PENDING';
