-- Messages written while no SMTP server is configured are KEPT for the development mailbox and
-- never claimed for sending: an instance that does send (another configuration on the same
-- database) must not mail out what a development instance wrote.
ALTER TABLE mail_message DROP CONSTRAINT IF EXISTS mail_message_status_check;
ALTER TABLE mail_message ADD CONSTRAINT mail_message_status_check CHECK (status IN ('PENDING', 'KEPT', 'SENT', 'FAILED'));
