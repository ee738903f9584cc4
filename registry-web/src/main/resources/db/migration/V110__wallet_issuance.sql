-- OpenID for Verifiable Credential Issuance (pre-authorized code flow). Every secret handed out here is stored only
-- as its SHA-256, so a copy of the database hands out nothing usable: the offer's handle (the last segment of its
-- credential_offer_uri), the pre-authorized code, the transaction code (hashed together with its code), access
-- tokens and nonces. Single use is enforced here, by UPDATE ... WHERE ... IS NULL RETURNING, for every instance.

-- One offer of one certificate to a wallet: redeemed once, within its lifetime, with the code mailed to the holder.
CREATE TABLE wallet_offer (
    id                 uuid        PRIMARY KEY,
    certificate_number text        NOT NULL,
    handle_hash        bytea       NOT NULL UNIQUE,
    code_hash          bytea       NOT NULL UNIQUE,
    tx_code_hash       bytea       NOT NULL,
    created_at         timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    redeemed_at        timestamptz,
    -- wrong transaction codes tried; the offer is dead at wallet.max-tx-code-attempts
    failed_attempts    integer     NOT NULL DEFAULT 0
);
CREATE INDEX wallet_offer_expires ON wallet_offer (expires_at);

-- An access token from a redeemed offer: good at the credential endpoint until it expires.
CREATE TABLE wallet_access_token (
    token_hash         bytea       PRIMARY KEY,
    offer_id           uuid        NOT NULL REFERENCES wallet_offer (id) ON DELETE CASCADE,
    certificate_number text        NOT NULL,
    created_at         timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL
);
CREATE INDEX wallet_access_token_expires ON wallet_access_token (expires_at);

-- A c_nonce from the nonce endpoint: taken once by a key proof, within its lifetime.
CREATE TABLE wallet_nonce (
    nonce_hash         bytea       PRIMARY KEY,
    created_at         timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    used_at            timestamptz
);
CREATE INDEX wallet_nonce_expires ON wallet_nonce (expires_at);
