-- (There is no V5: a draft of the search migration was replaced by V6 before it was released.)
--
-- Status lists own their bits and their allocation. A list hands out entries from a counter
-- (allocated) through a keyed permutation of [0, size) (StatusIndexPermutation), so two
-- transactions or two instances can never draw the same index, and the indexes still look random
-- (herd privacy). The revoked and suspended bits are stored here (bit i is the i-th bit from the
-- left, as in the Bitstring Status List) and written in the same transaction as the certificate's
-- state; revision counts their changes, so a signed copy is re-made only when they move.
ALTER TABLE status_list
    ADD COLUMN allocated       integer NOT NULL DEFAULT 0 CHECK (allocated >= 0),
    ADD COLUMN permutation_key bytea,
    ADD COLUMN revoked         bytea,
    ADD COLUMN suspended       bytea,
    ADD COLUMN revision        bigint  NOT NULL DEFAULT 0;

-- Lists made before this migration hold randomly drawn indexes a permutation could hit: they take no new entries.
UPDATE status_list SET allocated = size,
    revoked = decode(repeat('00', size / 8), 'hex'),
    suspended = decode(repeat('00', size / 8), 'hex');

DO $$
DECLARE
    entry record;
BEGIN
    FOR entry IN SELECT status_list, status_index, state FROM certificate WHERE state IN ('REVOKED', 'SUSPENDED') LOOP
        IF entry.state = 'REVOKED' THEN
            UPDATE status_list SET revoked = set_bit(revoked, (entry.status_index / 8) * 8 + 7 - entry.status_index % 8, 1)
            WHERE id = entry.status_list;
        ELSE
            UPDATE status_list SET suspended = set_bit(suspended, (entry.status_index / 8) * 8 + 7 - entry.status_index % 8, 1)
            WHERE id = entry.status_list;
        END IF;
    END LOOP;
END $$;

ALTER TABLE status_list ALTER COLUMN revoked SET NOT NULL, ALTER COLUMN suspended SET NOT NULL;
ALTER TABLE status_list ADD CONSTRAINT status_list_allocation CHECK (allocated <= size);

-- Serving a list no longer reads certificates.
DROP INDEX IF EXISTS certificate_revoked_status;
CREATE INDEX status_list_newest ON status_list (awarding_body, id DESC);
