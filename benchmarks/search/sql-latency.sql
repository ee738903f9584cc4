-- Server-side latency of the name search, as RegistrySearch builds it, over the queries on standard input
-- (one a line, from queries.sql). Run on the scratch database of generate-1m.sql:
--   psql -h 127.0.0.1 -U postgres -d search_bench -Atf benchmarks/search/queries.sql > /tmp/queries.txt
--   psql -h 127.0.0.1 -U postgres -d search_bench -v design=words -f benchmarks/search/sql-latency.sql < /tmp/queries.txt
-- design=words: the dictionary and word-array search of V6; design=trigram: the trigram match of every
-- query word against the whole name that V6 replaced (needs V1's certificate_search_name_trgm index,
-- which V6 drops); design=trigram,words: both, query by query, so that both see the same machine load.
CREATE TEMP TABLE q (n serial, text text);
\copy q (text) FROM pstdin
CREATE TEMP TABLE t (n int, design text, ms float8);
SELECT set_config('bench.design', :'design', false);
DO $$
DECLARE
    r record; words text[]; cond text; rank text; sql text; t0 timestamptz;
    close text := 'SELECT word FROM registry_word WHERE registry_fold(%L) <%% word'
        || ' ORDER BY registry_fold(%L) <<-> word, length(word), word COLLATE "C" LIMIT 100';
    prefix text := 'SELECT word FROM registry_word WHERE word ~>=~ registry_fold(%L) AND word ~<~ (registry_fold(%L) || chr(1114111))'
        || ' ORDER BY length(word), word COLLATE "C" LIMIT 100';
    trigram boolean; design text;
BEGIN
    FOR r IN SELECT * FROM q ORDER BY n LOOP
    FOREACH design IN ARRAY string_to_array(current_setting('bench.design'), ',') LOOP
        trigram := design = 'trigram';
        words := ARRAY(SELECT w FROM (SELECT w FROM unnest(CASE WHEN trigram THEN string_to_array(r.text, ' ')
            ELSE regexp_split_to_array(r.text, '[^[:alnum:]]+') END) WITH ORDINALITY u(w, i) WHERE w <> '' ORDER BY i LIMIT 4) x
            ORDER BY length(w) DESC);
        rank := '0';
        FOR i IN 1 .. array_length(words, 1) LOOP
            rank := rank || format(' + word_similarity(registry_fold(%L), search_name)', words[i]);
        END LOOP;
        IF trigram THEN
            cond := 'listed';
            FOR i IN 1 .. array_length(words, 1) LOOP
                cond := cond || format(' AND registry_fold(%L) <%% search_name', words[i]);
            END LOOP;
            sql := 'SELECT number, holder_name, search_name FROM certificate WHERE ' || cond || ' LIMIT 501';
        ELSE
            cond := 'listed AND search_words @> ARRAY[close.word]';
            FOR i IN 2 .. array_length(words, 1) LOOP
                cond := cond || ' AND search_words && ARRAY(' || format(CASE WHEN length(words[i]) < 3 THEN prefix ELSE close END, words[i], words[i]) || ')';
            END LOOP;
            sql := 'SELECT DISTINCT ON (number) * FROM (SELECT c.* FROM (' || format(CASE WHEN length(words[1]) < 3 THEN prefix ELSE close END, words[1], words[1])
                || ') close CROSS JOIN LATERAL (SELECT number, holder_name, search_name FROM certificate WHERE ' || cond
                || ') c LIMIT 501) candidates';
        END IF;
        PERFORM set_config('pg_trgm.word_similarity_threshold',
            CASE WHEN (SELECT bool_and(length(w) >= 5) FROM unnest(words) w) THEN '0.45' ELSE '0.6' END, true),
            set_config('enable_seqscan', 'off', true);
        sql := 'SELECT count(*) FROM (SELECT number, count(*) OVER () FROM (' || sql || ') c ORDER BY ' || rank
            || ' DESC, holder_name, number LIMIT 20) p';
        t0 := clock_timestamp();
        EXECUTE sql;
        INSERT INTO t VALUES (r.n, design, extract(epoch FROM clock_timestamp() - t0) * 1000);
    END LOOP;
    END LOOP;
END $$;
SELECT design, count(*) AS queries,
       round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS p50_ms,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS p95_ms,
       round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS p99_ms,
       round(max(ms)::numeric, 1) AS max_ms FROM t GROUP BY design ORDER BY design;
SELECT design, q.text AS slowest, round(t.ms::numeric, 1) AS ms FROM t JOIN q USING (n) ORDER BY t.ms DESC LIMIT 5;
SELECT design, CASE WHEN q.text !~ ' ' AND length(q.text) <= 2 THEN 'two letters' WHEN q.text !~ ' ' THEN 'one word' ELSE 'two words or more' END AS kind,
       count(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS p50_ms,
       round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 1) AS p95_ms
FROM t JOIN q USING (n) GROUP BY 1, 2 ORDER BY 1, 2;
