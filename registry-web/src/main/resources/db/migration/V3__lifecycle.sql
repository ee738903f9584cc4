-- Lifecycle: continuing-education units recorded towards renewal, and idempotent issuance.

-- One entry of CEUs earned by a holder. `cycle` is the certificate's credential version when the
-- units were recorded: only units of the current cycle count towards its renewal (no roll-over).
CREATE TABLE ceu_record (
    id             bigserial PRIMARY KEY,
    certificate_id uuid        NOT NULL REFERENCES certificate (id),
    cycle          integer     NOT NULL CHECK (cycle >= 1),
    category       text        NOT NULL,
    measure        text        NOT NULL,
    quantity       integer     NOT NULL CHECK (quantity > 0),
    units          integer     NOT NULL CHECK (units > 0),
    earned_on      date        NOT NULL,
    description    text,
    recorded_by    text        NOT NULL,
    recorded_at    timestamptz NOT NULL
);
CREATE INDEX ceu_record_certificate_cycle ON ceu_record (certificate_id, cycle);

-- Recorded units are evidence, like the history: never changed or removed.
CREATE TRIGGER ceu_record_append_only BEFORE UPDATE OR DELETE ON ceu_record
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();

-- The first answer to an issuance sent with an Idempotency-Key, per actor; a retry gets it back.
CREATE TABLE idempotent_request (
    actor        text        NOT NULL,
    key          text        NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_hash text        NOT NULL,
    status       integer     NOT NULL,
    location     text,
    body         text        NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (actor, key)
);

-- The admin list filters by state and window, and searches number, name and e-mail.
CREATE INDEX certificate_state_valid_until ON certificate (state, valid_until);
