#!/usr/bin/env python3
"""Latency of GET /api/v1/registry for a file of queries: warm-up, then N requests from C clients.

usage: latency.py BASE_URL QUERIES_FILE [requests=3000] [clients=1]
Prints p50/p95/p99 in milliseconds. Run the server with REGISTRY_RATE_LIMIT_ENABLED=false.
"""
import sys, time, random, urllib.parse, urllib.request, statistics
from concurrent.futures import ThreadPoolExecutor

base, path = sys.argv[1], sys.argv[2]
total = int(sys.argv[3]) if len(sys.argv) > 3 else 3000
clients = int(sys.argv[4]) if len(sys.argv) > 4 else 1
queries = [q.strip() for q in open(path, encoding="utf-8") if q.strip()]
rng = random.Random(7)

def one(q):
    url = base + "/api/v1/registry?q=" + urllib.parse.quote(q)
    start = time.perf_counter()
    with urllib.request.urlopen(url) as r:
        r.read()
        assert r.status == 200, r.status
    return (time.perf_counter() - start) * 1000

for q in queries[:300]:          # warm-up: JIT, connection pool, PostgreSQL buffers
    one(q)
picked = [rng.choice(queries) for _ in range(total)]
t0 = time.perf_counter()
with ThreadPoolExecutor(clients) as pool:
    times = sorted(pool.map(one, picked))
elapsed = time.perf_counter() - t0
pct = lambda p: times[min(len(times) - 1, int(p / 100 * len(times)))]
print(f"{total} requests, {clients} client(s), {total / elapsed:.0f}/s: "
      f"p50 {pct(50):.1f} ms, p95 {pct(95):.1f} ms, p99 {pct(99):.1f} ms, max {times[-1]:.1f} ms")
