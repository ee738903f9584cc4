-- Each credential version's Data Integrity twin (W3C VC 2.0 JSON with an eddsa-rdfc-2022 proof),
-- issued and stored with its VC-JWT. Versions signed before twins existed have none (NULL).
ALTER TABLE credential_version ADD COLUMN data_integrity text;
