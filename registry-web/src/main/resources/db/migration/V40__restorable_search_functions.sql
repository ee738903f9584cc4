-- pg_restore runs with an empty search_path: a function that a generated column calls must name
-- the functions it calls with their schema, or restoring a pg_dump fails ("function
-- registry_fold(text) does not exist"). BackupRestoreTest restores a dump on every run.
CREATE OR REPLACE FUNCTION registry_words(text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT array_remove(regexp_split_to_array(public.registry_fold($1), '[^[:alnum:]]+'), '') $$;
