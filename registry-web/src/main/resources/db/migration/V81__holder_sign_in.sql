-- The address a holder is reached at; null: the address the certificate was issued to. Changing it
-- re-issues nothing (the credential's hashed identifier keeps the issued address).
ALTER TABLE certificate ADD COLUMN contact_email text;
CREATE INDEX certificate_reach_at ON certificate (lower(coalesce(contact_email, holder_email)));

-- Single-use links e-mailed to holders: sign-in, or confirmation of a new address. Only the
-- SHA-256 of the token is stored.
CREATE TABLE holder_link (
    token_hash  bytea       PRIMARY KEY,
    purpose     text        NOT NULL CHECK (purpose IN ('SIGN_IN', 'ADDRESS')),
    email       text        NOT NULL,
    new_email   text,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    CHECK ((purpose = 'ADDRESS') = (new_email IS NOT NULL))
);
CREATE INDEX holder_link_expiry ON holder_link (expires_at);

-- Signed-in holders (the cookie holds the token; only its SHA-256 is stored).
CREATE TABLE holder_session (
    token_hash  bytea       PRIMARY KEY,
    email       text        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);
CREATE INDEX holder_session_expiry ON holder_session (expires_at);
