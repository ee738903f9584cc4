-- Several instances share everything through PostgreSQL; an instance keeps nothing but caches
-- (docs/architecture.md, "Several instances").

-- Each status list is signed once when its bits change, in the same transaction, and stored:
-- every instance serves these bytes from memory under the same strong ETag. A signed list names
-- its own URL, so a copy is kept per public base URL (one in production; several only where
-- instances are configured with different URLs, as the tests' contexts are).
CREATE TABLE status_list_signed (
    list     integer NOT NULL REFERENCES status_list,
    base_url text    NOT NULL,
    revision bigint  NOT NULL,
    jwt      text    NOT NULL,
    etag     text    NOT NULL,
    PRIMARY KEY (list, base_url)
);

-- Console sessions: only the SHA-256 of the cookie's random token is stored. Anonymous visitors
-- have none (CSRF tokens live in a cookie).
CREATE TABLE console_session (
    token_hash   bytea       PRIMARY KEY,
    user_name    text        NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);
CREATE INDEX console_session_expiry ON console_session (expires_at);

-- Cohort uploads: the file, its report and its progress, readable on every instance. The
-- instance issuing a cohort holds a lease it renews; a cohort whose lease ran out is marked
-- failed by any instance. Kept for a day (holder links are in the result).
CREATE TABLE cohort (
    id          uuid        PRIMARY KEY,
    owner       text        NOT NULL,
    file_name   text        NOT NULL,
    csv         bytea       NOT NULL,
    uploaded_at timestamptz NOT NULL,
    good_rows   integer     NOT NULL,
    stage       text        NOT NULL CHECK (stage IN ('VALIDATED', 'ISSUING', 'DONE', 'FAILED')),
    issued      integer     NOT NULL DEFAULT 0,
    started_at  timestamptz,
    finished_at timestamptz,
    error       text,
    lease_owner text,
    lease_until timestamptz
);
CREATE INDEX cohort_uploaded ON cohort (uploaded_at);
CREATE INDEX cohort_issuing ON cohort (lease_until) WHERE stage = 'ISSUING';

CREATE TABLE cohort_bad_row (
    cohort uuid   NOT NULL REFERENCES cohort ON DELETE CASCADE,
    line   bigint NOT NULL,
    reason text   NOT NULL,
    PRIMARY KEY (cohort, line)
);

CREATE TABLE cohort_issued (
    cohort           uuid   NOT NULL REFERENCES cohort ON DELETE CASCADE,
    line             bigint NOT NULL,
    program          text   NOT NULL,
    name             text   NOT NULL,
    email            text,
    number           text   NOT NULL,
    holder_url       text   NOT NULL,
    verification_url text   NOT NULL,
    PRIMARY KEY (cohort, line)
);
