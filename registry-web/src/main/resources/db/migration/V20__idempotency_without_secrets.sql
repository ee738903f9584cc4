-- Stored answers to idempotent issuance keep no private link (the holder link is shown once, in
-- the first answer only), and expire: rows older than registry.idempotency.ttl are purged.
UPDATE idempotent_request SET body = (body::jsonb - 'holderUrl')::text WHERE body LIKE '{%';

CREATE INDEX idempotent_request_created_at ON idempotent_request (created_at);
