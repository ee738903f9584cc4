-- The twin sweep (TwinSweeper) finds the versions a cohort's fill left without a Data Integrity twin through this
-- partial index: it holds only what is missing, so a sweep costs what is missing, not the registry.
CREATE INDEX credential_version_without_twin ON credential_version (issued_at) WHERE data_integrity IS NULL;
