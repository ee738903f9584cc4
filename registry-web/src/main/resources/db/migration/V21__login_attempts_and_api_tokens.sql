-- Login attempts per user name and client address, counted before the password is checked, so
-- that every instance sees every attempt (LoginThrottle). A success deletes the row.
CREATE TABLE login_attempt (
    user_name    text        NOT NULL,
    client       text        NOT NULL,
    attempts     integer     NOT NULL,
    locked_until timestamptz,
    -- the decision of the statement that last wrote the row: was that attempt let through?
    admitted     boolean     NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (user_name, client)
);
CREATE INDEX login_attempt_updated_at ON login_attempt (updated_at);

-- API tokens for integrations (Authorization: Bearer): only the SHA-256 of each token is kept.
CREATE TABLE api_token (
    id           uuid        PRIMARY KEY,
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash   bytea       NOT NULL UNIQUE,
    role         text        NOT NULL CHECK (role IN ('ADMIN', 'AUDITOR')),
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    revoked_by   text,
    last_used_at timestamptz
);
