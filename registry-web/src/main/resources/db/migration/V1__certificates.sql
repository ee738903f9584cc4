-- Certificates, every signed version of each, and their append-only history.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE; an IMMUTABLE wrapper with a fixed dictionary can back an index.
CREATE FUNCTION registry_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

CREATE TABLE certificate (
    id                 uuid PRIMARY KEY,
    number             text        NOT NULL UNIQUE,
    program            text        NOT NULL,
    holder_id          uuid        NOT NULL,
    holder_name        text        NOT NULL CHECK (length(holder_name) BETWEEN 1 AND 300),
    holder_email       text        NOT NULL,
    email_salt         text        NOT NULL,
    listed             boolean     NOT NULL DEFAULT true,
    holder_token_hash  bytea       NOT NULL UNIQUE,
    awarded_at         timestamptz NOT NULL,
    valid_from         timestamptz NOT NULL,
    valid_until        timestamptz NOT NULL CHECK (valid_until > valid_from),
    state              text        NOT NULL CHECK (state IN ('ACTIVE', 'SUSPENDED', 'REVOKED')),
    state_reason       text,
    status_list        integer     NOT NULL,
    status_index       integer     NOT NULL CHECK (status_index >= 0),
    version            integer     NOT NULL DEFAULT 0,
    credential_version integer     NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    search_name        text GENERATED ALWAYS AS (registry_fold(holder_name)) STORED,
    UNIQUE (status_list, status_index)
);

CREATE INDEX certificate_search_name_trgm ON certificate USING gin (search_name gin_trgm_ops);
CREATE INDEX certificate_program_state ON certificate (program, state);
CREATE INDEX certificate_valid_until ON certificate (valid_until);

CREATE TABLE credential_version (
    certificate_id uuid        NOT NULL REFERENCES certificate (id),
    version        integer     NOT NULL,
    credential_id  text        NOT NULL,
    jwt            text        NOT NULL,
    key_id         text        NOT NULL,
    valid_from     timestamptz NOT NULL,
    valid_until    timestamptz NOT NULL,
    issued_at      timestamptz NOT NULL,
    PRIMARY KEY (certificate_id, version)
);

CREATE TABLE certificate_event (
    id             bigserial PRIMARY KEY,
    certificate_id uuid        NOT NULL REFERENCES certificate (id),
    at             timestamptz NOT NULL,
    actor          text        NOT NULL,
    action         text        NOT NULL,
    reason         text,
    before         jsonb,
    after          jsonb
);
CREATE INDEX certificate_event_certificate ON certificate_event (certificate_id, id);

-- History is never updated or deleted.
CREATE FUNCTION refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'certificate history is append-only';
END $$;
CREATE TRIGGER certificate_event_append_only BEFORE UPDATE OR DELETE ON certificate_event
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER credential_version_append_only BEFORE UPDATE OR DELETE ON credential_version
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
