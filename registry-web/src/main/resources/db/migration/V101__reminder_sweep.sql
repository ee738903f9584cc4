-- Expiry reminders read only what became due since the last run, not every certificate ending within 180 days (a
-- quarter of the registry, every hour). Each reminder day remembers how far it has been swept: a run reads the
-- certificates whose window end crossed that day's threshold since, and those changed since the last run (issued
-- with little time left, reinstated) that end within the furthest day. Any instance may run it; the outbox's
-- unique keys keep each reminder single.
CREATE TABLE reminder_sweep (
    reminder_day integer     PRIMARY KEY,
    swept_until  timestamptz NOT NULL,
    changed_from timestamptz NOT NULL
);
CREATE INDEX certificate_updated_at ON certificate (updated_at);
