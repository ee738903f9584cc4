-- The outbox claims transactional mail (sign-in links, issuance, notices, decisions) before expiry reminders, so a
-- holder waiting for a sign-in link never waits behind a reminder run of thousands. The index matches the claim's order.
DROP INDEX mail_message_due;
CREATE INDEX mail_message_due ON mail_message ((kind = 'EXPIRY_REMINDER'), next_attempt_at) WHERE status = 'PENDING';
