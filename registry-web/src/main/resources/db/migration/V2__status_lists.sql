-- Bitstring Status Lists: each list belongs to one awarding body (the issuer of the list and of
-- every credential in it) and has a fixed size. The bits are not stored: a list is derived from
-- the certificate rows when served, so a revocation and its bit are one write by construction.
CREATE TABLE status_list (
    id            integer     PRIMARY KEY CHECK (id > 0),
    awarding_body text,        -- NULL only for lists made before this migration (see StatusLists)
    size          integer     NOT NULL CHECK (size >= 131072 AND size % 8 = 0),
    created_at    timestamptz NOT NULL
);

-- Lists that certificates already point at.
INSERT INTO status_list (id, awarding_body, size, created_at)
SELECT DISTINCT status_list, NULL, 131072, now() FROM certificate;

ALTER TABLE certificate ADD CONSTRAINT certificate_status_list_fk FOREIGN KEY (status_list) REFERENCES status_list (id);

-- Serving a list reads only its revoked entries.
CREATE INDEX certificate_revoked_status ON certificate (status_list, status_index) WHERE state = 'REVOKED';
