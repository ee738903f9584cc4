-- The e-mail outbox: a message is written in the transaction of the change that causes it, and
-- sent later by whichever instance claims it (SELECT ... FOR UPDATE SKIP LOCKED).
CREATE TABLE mail_message (
    id                 uuid        PRIMARY KEY,
    kind               text        NOT NULL,
    recipient          text        NOT NULL,
    language           text        NOT NULL DEFAULT 'en',
    subject            text        NOT NULL,
    text_body          text        NOT NULL,
    html_body          text        NOT NULL,
    certificate_number text,
    -- a message that must exist at most once (e.g. "reminder 30 days before the end of cycle 2")
    dedup_key          text        UNIQUE,
    status             text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts           integer     NOT NULL DEFAULT 0,
    -- when the message may next be claimed: after a back-off, or after the lease of a claim lapses
    next_attempt_at    timestamptz NOT NULL,
    last_error         text,
    created_at         timestamptz NOT NULL,
    sent_at            timestamptz
);

CREATE INDEX mail_message_due ON mail_message (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX mail_message_created ON mail_message (created_at DESC);
