#!/usr/bin/env python3
"""A/B/C of the close-word designs in PostgreSQL under the same load (docs/benchmarks.md, "Search across scripts and typos").

usage: typo-designs.py QUERIES_FILE [count]   (database search_bench on 127.0.0.1, after V73; edit the psql line for another)
Each query runs as Directory builds it, by three designs in turn: trigram words only (V6), words one typo away
generated in Java (the first try), words one typo away by deletion keys (V73). Prints p50/p95/p99 per design.
"""
import re, subprocess, sys, random, time
COLS = "id, number, program, holder_id, holder_name, holder_email, email_salt, listed, awarded_at, valid_from, valid_until, state, state_reason, status_list, status_index, version, credential_version, created_at, updated_at"
L = "abcdefghijklmnopqrstuvwxyz"
def edits(w):
    if len(w) < 4: return []
    e = set()
    for i in range(len(w)):
        e.add(w[:i] + w[i+1:])
        if i + 1 < len(w): e.add(w[:i] + w[i+1] + w[i] + w[i+2:])
    for i in range(len(w) + 1):
        for c in L:
            e.add(w[:i] + c + w[i:])
            if i < len(w) and w[i] != c: e.add(w[:i] + c + w[i+1:])
    e.discard(w)
    return sorted(x for x in e if len(x) >= 4)
def lit(s): return "'" + s.replace("'", "''") + "'"
def arr(a): return "ARRAY[" + ",".join(lit(x) for x in a) + "]::text[]"
def close(w, typos):
    if len(w) < 3:
        return f"SELECT word FROM registry_word WHERE word ~>=~ {lit(w)} AND word ~<~ ({lit(w)} || chr(1114111)) ORDER BY length(word), word COLLATE \"C\" LIMIT 100"
    sim = f"SELECT word, {lit(w)} <<-> word AS distance FROM registry_word WHERE {lit(w)} <% word ORDER BY distance, length(word), word COLLATE \"C\" LIMIT 100"
    if not typos or len(w) < 4: return f"SELECT word FROM ({sim}) near"
    if typos == 1:
        ed = edits(w)
        return (f"SELECT word FROM (SELECT word, CASE WHEN word = {lit(w)} THEN -2 ELSE -1 END AS distance FROM registry_word WHERE word = ANY({arr(ed)}) OR word = {lit(w)} UNION ALL ({sim})) found GROUP BY word ORDER BY min(distance), length(word), word COLLATE \"C\" LIMIT 100")
    keys = sorted({w} | {w[:i] + w[i+1:] for i in range(len(w))})
    return (f"SELECT word FROM (SELECT DISTINCT word, CASE WHEN word = {lit(w)} THEN -2 ELSE -1 END AS distance FROM registry_word_deletion WHERE variant = ANY({arr(keys)}) AND registry_one_edit({lit(w)}, word) UNION ALL ({sim})) found GROUP BY word ORDER BY min(distance), length(word), word COLLATE \"C\" LIMIT 100")
def sql(q, typos):
    words = sorted([w for w in re.split(r"[^a-z0-9]+", q) if w][:4], key=len, reverse=True)
    if not words: return None
    where = "listed AND search_words @> ARRAY[close.word]" + "".join(f" AND search_words && ARRAY({close(w, typos)})" for w in words[1:])
    rank = " + ".join(f"word_similarity({lit(w)}, search_name || coalesce(' ' || latin_name, ''))" for w in words)
    thr = "0.45" if all(len(w) >= 5 for w in words) else "0.6"
    return (f"BEGIN; SELECT set_config('pg_trgm.word_similarity_threshold', '{thr}', true), set_config('enable_seqscan', 'off', true) \\g /dev/null\n"
            f"SELECT {COLS}, count(*) OVER () AS total FROM (SELECT DISTINCT ON (id) * FROM (SELECT c.* FROM ({close(words[0], typos)}) close CROSS JOIN LATERAL (SELECT {COLS}, search_name, latin_name FROM certificate WHERE {where}) c LIMIT 501) candidates) c ORDER BY ({rank}) DESC, holder_name, number LIMIT 20 OFFSET 0 \\g /dev/null\nCOMMIT;\n")
qs = [q.strip() for q in open(sys.argv[1]) if q.strip()]
random.Random(3).shuffle(qs)
qs = qs[: int(sys.argv[2]) if len(sys.argv) > 2 else 400]
script = ["\\timing on"]
for q in qs:
    for typos in (0, 1, 2):
        s = sql(q, typos)
        script.append(f"\\echo Q {int(typos)}")
        script.append(s)
out = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "search_bench", "-q"], input="\n".join(script), capture_output=True, text=True).stdout
times = {0: [], 1: [], 2: []}
cur = None
acc = 0.0
for line in out.splitlines():
    if line.startswith("Q "):
        if cur is not None: times[cur].append(acc)
        cur = int(line[2]); acc = 0.0
    m = re.match(r"Time: ([\d.]+) ms", line)
    if m: acc += float(m.group(1))
if cur is not None: times[cur].append(acc)
for k, name in ((0, "trigram only (V6)"), (1, "one-typo words generated, ~600 key probes"), (2, "one-typo words by deletion keys (V73)")):
    v = sorted(times[k])
    print(f"{name}: n={len(v)} p50 {v[len(v)//2]:.1f} ms, p95 {v[int(len(v)*.95)]:.1f} ms, p99 {v[int(len(v)*.99)]:.1f} ms")
