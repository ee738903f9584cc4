-- A mix of 1,000 name queries drawn from the generated certificates, as people type them:
-- no accents, lower case; full names, surnames, a typo, first names alone (broad), two letters.
WITH sample AS (
    SELECT row_number() OVER () AS n, replace(registry_fold(holder_name), '-', ' ') AS name
    FROM (SELECT holder_name FROM certificate TABLESAMPLE BERNOULLI (0.2) REPEATABLE (42) LIMIT 1000) s
)
SELECT CASE n % 10
    WHEN 0 THEN split_part(name, ' ', 1)                                   -- first name alone: broad
    WHEN 1 THEN substr(split_part(name, ' ', 2), 1, 2)                     -- two letters
    WHEN 2 THEN split_part(name, ' ', 2)                                   -- surname
    WHEN 3 THEN split_part(name, ' ', 2)
    WHEN 4 THEN overlay(name placing 'x' from length(name) / 2 for 1)     -- one letter wrong
    WHEN 5 THEN overlay(name placing 'q' from length(name) - 2 for 1)
    ELSE name                                                              -- the full name
END
FROM sample;
