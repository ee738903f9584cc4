-- Single typos (docs/benchmarks.md, "Search across scripts and typos"). Trigram similarity misses typos that
-- break most of a short word's trigrams ("emlie" / "emilie"), so the dictionary also files each word of four
-- letters or more under itself and under every way of dropping one of its letters (symmetric deletion): two
-- words one letter dropped, added or changed, or two neighbours swapped, apart always share such a key, so a
-- query word finds them with a handful of primary-key probes (itself and its own deletions) instead of
-- comparing it with every word. registry_one_edit() then drops the few pairs that share a key but are two
-- edits apart ("abc" / "bca").
CREATE TABLE registry_word_deletion (
    variant text NOT NULL,
    word    text NOT NULL,
    PRIMARY KEY (variant, word)
);

CREATE FUNCTION registry_deletions(text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT $1 UNION SELECT substr($1, 1, i - 1) || substr($1, i + 1) FROM generate_series(1, length($1)) i $$;

INSERT INTO registry_word_deletion (variant, word)
SELECT d, word FROM registry_word, registry_deletions(word) d WHERE length(word) >= 4;

CREATE FUNCTION registry_word_deletions_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF length(NEW.word) >= 4 THEN
        INSERT INTO registry_word_deletion (variant, word)
        SELECT d, NEW.word FROM registry_deletions(NEW.word) d ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER registry_word_deletions AFTER INSERT ON registry_word
    FOR EACH ROW EXECUTE FUNCTION registry_word_deletions_add();

-- Whether a and b are at most one edit apart: a letter dropped, added or changed, or two neighbours swapped.
CREATE FUNCTION registry_one_edit(a text, b text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
DECLARE
    la int := length(a);
    lb int := length(b);
    i  int := 1;
BEGIN
    IF a = b THEN
        RETURN true;
    END IF;
    IF abs(la - lb) > 1 THEN
        RETURN false;
    END IF;
    WHILE i <= least(la, lb) AND substr(a, i, 1) = substr(b, i, 1) LOOP
        i := i + 1;
    END LOOP;
    IF la = lb THEN
        RETURN substr(a, i + 1) = substr(b, i + 1)
            OR (substr(a, i, 1) = substr(b, i + 1, 1) AND substr(a, i + 1, 1) = substr(b, i, 1)
                AND substr(a, i + 2) = substr(b, i + 2));
    END IF;
    IF la > lb THEN
        RETURN substr(a, i + 1) = substr(b, i);
    END IF;
    RETURN substr(a, i) = substr(b, i + 1);
END $$;
