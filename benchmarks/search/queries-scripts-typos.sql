-- 1,000 name queries as people type them since issue 15: in Latin letters whatever the name's script
-- (the stored Latin form of Cyrillic and Greek names), and with single typos: a letter dropped, a
-- letter changed, two letters swapped; plus the broad kinds of queries.sql (first names, two letters).
WITH sample AS (
    SELECT row_number() OVER () AS n, replace(coalesce(latin_name, registry_fold(holder_name)), '-', ' ') AS name
    FROM (SELECT holder_name, latin_name FROM certificate TABLESAMPLE BERNOULLI (0.2) REPEATABLE (42) LIMIT 1000) s
)
SELECT CASE n % 10
    WHEN 0 THEN split_part(name, ' ', 1)                                   -- first name alone: broad
    WHEN 1 THEN substr(split_part(name, ' ', 2), 1, 2)                     -- two letters
    WHEN 2 THEN split_part(name, ' ', 2)                                   -- surname
    WHEN 3 THEN overlay(name placing '' from 3 for 1)                      -- a letter dropped (first word)
    WHEN 4 THEN overlay(name placing 'x' from length(name) / 2 for 1)     -- a letter changed
    WHEN 5 THEN overlay(name placing substr(name, length(name) - 1, 1) || substr(name, length(name) - 2, 1)
                        from length(name) - 2 for 2)                       -- two letters swapped
    ELSE name                                                              -- the full name
END
FROM sample;
