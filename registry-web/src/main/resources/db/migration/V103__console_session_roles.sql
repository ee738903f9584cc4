-- A console session signed in through the organisation's identity provider keeps the roles it gave at sign-in
-- (null for a password account, whose roles are read from the configured accounts at each request).
ALTER TABLE console_session ADD COLUMN roles text[];
