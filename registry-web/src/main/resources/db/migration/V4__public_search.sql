-- Public search over a million certificates (docs/benchmarks.md, "Search").
-- Browsing the directory without a name (optionally by program or status) walks listed holders
-- in name order; this index gives that order without sorting the whole table.
CREATE INDEX certificate_listed_by_name ON certificate (holder_name, number) WHERE listed;
-- The same, filtered by state (revoked, suspended, active): a rare state is found without
-- walking every listed name.
CREATE INDEX certificate_listed_by_state_name ON certificate (state, holder_name, number) WHERE listed;
