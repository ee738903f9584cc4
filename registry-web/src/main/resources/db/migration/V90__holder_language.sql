-- The language a holder reads the registry in (a BCP 47 tag of an offered language: en, fr, es, de),
-- kept with the address they are reached at; null: not known yet, so e-mails are in English. Set at
-- issuance (the admin API's optional "language"), at sign-in and when the holder changes language in
-- the holder area or on their private page.
ALTER TABLE certificate ADD COLUMN holder_language text;
