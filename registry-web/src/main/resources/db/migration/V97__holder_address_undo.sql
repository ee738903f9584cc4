-- A confirmed change of address is told to the old address with a link that takes it back for a week (purpose
-- ADDRESS_UNDO: email is the address the certificates were moved to, new_email the one they return to, certificates
-- exactly those that moved, so an undo brings them back even from a later move and leaves the rest alone).
ALTER TABLE holder_link DROP CONSTRAINT holder_link_purpose_check;
ALTER TABLE holder_link ADD CONSTRAINT holder_link_purpose_check CHECK (purpose IN ('SIGN_IN', 'ADDRESS', 'ADDRESS_UNDO'));
ALTER TABLE holder_link DROP CONSTRAINT holder_link_check;
ALTER TABLE holder_link ADD CONSTRAINT holder_link_new_email_check CHECK ((purpose = 'SIGN_IN') = (new_email IS NULL));
ALTER TABLE holder_link ADD COLUMN certificates uuid[];
ALTER TABLE holder_link ADD CONSTRAINT holder_link_certificates_check CHECK ((purpose = 'ADDRESS_UNDO') = (certificates IS NOT NULL));

-- Address-change links are counted per holder address and per new address over the last hour, on every instance
-- (HolderSignIn.requestAddressChange): the counts read these.
CREATE INDEX holder_link_changes_from ON holder_link (lower(email), created_at) WHERE purpose = 'ADDRESS';
CREATE INDEX holder_link_changes_to ON holder_link (lower(new_email), created_at) WHERE purpose = 'ADDRESS';
-- The undo links still open over a certificate (using one closes those opened after it: HolderSignIn.undoAddressChange).
CREATE INDEX holder_link_open_undo ON holder_link USING gin (certificates) WHERE purpose = 'ADDRESS_UNDO' AND used_at IS NULL;
