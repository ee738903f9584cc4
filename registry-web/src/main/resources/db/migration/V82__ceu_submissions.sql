-- CEU activities submitted by holders with their evidence, waiting for an admin. Approved units
-- are recorded in ceu_record in the same transaction as the decision. Evidence is never public.
CREATE TABLE ceu_submission (
    id               uuid        PRIMARY KEY,
    certificate_id   uuid        NOT NULL REFERENCES certificate (id),
    cycle            integer     NOT NULL,
    category         text        NOT NULL,
    measure          text        NOT NULL,
    quantity         integer     NOT NULL CHECK (quantity > 0),
    units            integer     NOT NULL CHECK (units > 0),
    earned_on        date        NOT NULL,
    activity         text        NOT NULL,
    evidence         bytea       NOT NULL,
    evidence_type    text        NOT NULL,
    evidence_name    text,
    status           text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    audit            boolean     NOT NULL DEFAULT false,
    submitted_at     timestamptz NOT NULL,
    decided_at       timestamptz,
    decided_by       text,
    decision_reason  text
);
CREATE INDEX ceu_submission_queue ON ceu_submission (submitted_at) WHERE status = 'PENDING';
CREATE INDEX ceu_submission_certificate ON ceu_submission (certificate_id, submitted_at);
