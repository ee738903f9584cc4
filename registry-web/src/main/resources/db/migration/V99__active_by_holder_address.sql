-- Issuance refuses a second ACTIVE certificate of a program to the same address (certificate/Issuance): one look-up per
-- single issuance, by program and lower-cased address. The address as the holder now gives it is already indexed
-- (certificate_reach_at, V81); this one covers the address as issued, and only the active certificates it is asked about.
CREATE INDEX certificate_active_holder_email ON certificate (program, lower(holder_email)) WHERE state = 'ACTIVE';
