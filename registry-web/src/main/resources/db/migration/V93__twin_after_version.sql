-- A version's Data Integrity twin may be written once after the version itself: a cohort stores its JWTs first and
-- signs their twins after (CredentialTwins). Nothing else of a version ever changes, and no version is deleted.
CREATE FUNCTION refuse_credential_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.data_integrity IS NULL AND NEW.data_integrity IS NOT NULL
            AND (to_jsonb(NEW) - 'data_integrity') = (to_jsonb(OLD) - 'data_integrity') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'certificate history is append-only';
END $$;

DROP TRIGGER credential_version_append_only ON credential_version;
CREATE TRIGGER credential_version_append_only BEFORE UPDATE OR DELETE ON credential_version
    FOR EACH ROW EXECUTE FUNCTION refuse_credential_version_change();
