-- Who looked (issue 15): how often each certificate was verified, by channel and month. Counts only:
-- no address, no time of day, nothing about the verifier. The application adds up increments in memory
-- and writes them in batches (Tally), so a verification never waits for this table.
CREATE TABLE verification_tally (
    certificate_id uuid    NOT NULL,
    channel        text    NOT NULL CHECK (channel IN ('QR_PAGE', 'API', 'BATCH', 'UPLOAD')),
    month          date    NOT NULL CHECK (extract(day FROM month) = 1),
    -- the certificate's program, so the console can add up a program without reading certificates
    program        text    NOT NULL,
    count          bigint  NOT NULL CHECK (count > 0),
    PRIMARY KEY (certificate_id, channel, month)
);
CREATE INDEX verification_tally_program ON verification_tally (program, month);
