-- Name search by words (docs/benchmarks.md, "Search"). A trigram match of every query word against
-- a million whole names rechecks thousands of rows per word; instead each query word is first
-- matched, typo-tolerantly, against the dictionary of distinct folded words (far fewer rows, and
-- short ones), and the certificates holding one of those words are then found exactly through a
-- GIN index on the array of their words, all query words intersected in one index scan.

-- The folded words of a name, split the way pg_trgm splits them (letters and digits).
CREATE FUNCTION registry_words(text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT array_remove(regexp_split_to_array(registry_fold($1), '[^[:alnum:]]+'), '') $$;

ALTER TABLE certificate ADD COLUMN search_words text[] GENERATED ALWAYS AS (registry_words(holder_name)) STORED;
-- Name search only ever looks for listed holders.
CREATE INDEX certificate_search_words ON certificate USING gin (search_words) WHERE listed;
-- Superseded by the index above (search_name itself stays: results are ranked by it).
DROP INDEX certificate_search_name_trgm;

-- Every word of every name, once. Words are never removed when a name changes: a word no name
-- holds any more only costs an index probe that finds nothing, and needs no counting under load.
CREATE TABLE registry_word (
    word text PRIMARY KEY
);
CREATE INDEX registry_word_trgm ON registry_word USING gin (word gin_trgm_ops);
-- A query word of one or two letters is a prefix ("fi"): a byte-wise range over this index finds
-- its words without computing the similarity of thousands of them.
CREATE INDEX registry_word_prefix ON registry_word (word text_pattern_ops);

INSERT INTO registry_word (word)
SELECT DISTINCT unnest(search_words) FROM certificate;

CREATE FUNCTION registry_word_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- in a fixed order, so that two transactions adding the same new words cannot deadlock
    INSERT INTO registry_word (word)
    SELECT DISTINCT w FROM unnest(NEW.search_words) w ORDER BY w
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
CREATE TRIGGER certificate_words AFTER INSERT OR UPDATE OF holder_name ON certificate
    FOR EACH ROW EXECUTE FUNCTION registry_word_add();
