-- Holders' renewal requests for programs whose renewals wait for an admin (renewal.approval: admin).
-- One open request per certificate and cycle.
CREATE TABLE renewal_request (
    id              uuid        PRIMARY KEY,
    certificate_id  uuid        NOT NULL REFERENCES certificate (id),
    cycle           integer     NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RENEWED', 'REFUSED')),
    requested_at    timestamptz NOT NULL,
    requested_by    text        NOT NULL,
    decided_at      timestamptz,
    decided_by      text,
    decision_reason text,
    UNIQUE (certificate_id, cycle)
);
CREATE INDEX renewal_request_queue ON renewal_request (requested_at) WHERE status = 'PENDING';
