-- Search across scripts (docs/benchmarks.md, "Search across scripts and typos"). People type a
-- foreign name in Latin letters: "svetlana ivanova" must find "Светлана Иванова". PostgreSQL cannot
-- transliterate, so the application stores each name in Latin letters (ICU "Any-Latin; Latin-ASCII;
-- Lower", HolderNames) in latin_name, and a name's search words are its folded words and the words of
-- its Latin form. Names already in ASCII keep latin_name null: their folded words are their Latin words.
ALTER TABLE certificate ADD COLUMN latin_name text;

-- search_words (V6) stops being a generated column, which could not read latin_name through a function
-- the way it needs to; a trigger keeps it instead. DROP EXPRESSION keeps the values: no table rewrite.
ALTER TABLE certificate ALTER COLUMN search_words DROP EXPRESSION;

-- The folded words of a name and of its Latin form, each once.
CREATE FUNCTION registry_words(name text, latin text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ARRAY(SELECT DISTINCT w FROM unnest(registry_words(name) || coalesce(registry_words(latin), '{}')) w) $$;

CREATE FUNCTION certificate_fill_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_words := registry_words(NEW.holder_name, NEW.latin_name);
    RETURN NEW;
END $$;
CREATE TRIGGER certificate_fill_search_words BEFORE INSERT OR UPDATE OF holder_name, latin_name ON certificate
    FOR EACH ROW EXECUTE FUNCTION certificate_fill_search_words();

-- The dictionary (V6) learns the Latin words too: the same trigger, now also when latin_name changes.
DROP TRIGGER certificate_words ON certificate;
CREATE TRIGGER certificate_words AFTER INSERT OR UPDATE OF holder_name, latin_name ON certificate
    FOR EACH ROW EXECUTE FUNCTION registry_word_add();

-- The names stored before this migration get their Latin form from V71 (Java: ICU runs in the application).
