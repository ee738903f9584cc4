#!/usr/bin/env bash
# The public paths of a registry holding a million certificates, each beside the trivial JWKS
# endpoint in the same run (ratios carry from machine to machine). Load the certificates first
# through the real issuance path (load.py), then start the jar on that database with
# REGISTRY_RATE_LIMIT_ENABLED=false and -Xmx512m:
#   benchmarks/million/measure.sh http://localhost:18081 registry_million
# Needs wrk, psql, python3.
set -euo pipefail
BASE=${1:-http://localhost:8080}
DB=${2:-registry_million}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-64}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
sql() { psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "$1"; }

echo "certificates: $(sql 'SELECT count(*) FROM certificate')"
echo "database: $(sql "SELECT pg_size_pretty(pg_database_size('$DB')), pg_database_size('$DB') / greatest(1, (SELECT count(*) FROM certificate)) || ' bytes per certificate'")"
number=$(sql "SELECT number FROM certificate WHERE state = 'ACTIVE' AND listed ORDER BY random() LIMIT 1")
sql "SELECT v.jwt FROM credential_version v ORDER BY random() LIMIT 1" > "$work/one.jwt"
sql "SELECT v.jwt FROM credential_version v ORDER BY random() LIMIT 20000" > "$work/many.jwt"
list=$(sql "SELECT max(id) FROM status_list")

run() {
  local name=$1; shift
  local out rps p99
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
  rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/{print $2}')
  p99=$(printf '%s\n' "$out" | awk '$1=="99%"{print $2}')
  printf '%-40s %10s req/s   p99 %s\n' "$name" "$rps" "$p99"
}

# warm-up (JIT, pool, PostgreSQL buffers): every path once, unrecorded
for path in /.well-known/jwks.json "/status/$list" "/api/v1/certificates/$number" "/v/$number"; do
  wrk -t2 -c"$CONNECTIONS" -d5s "$BASE$path" > /dev/null
done
JWT_FILE="$work/many.jwt" wrk -t2 -c"$CONNECTIONS" -d5s -s "$here/post-many.lua" "$BASE/api/v1/verifications" > /dev/null

run "trivial: /.well-known/jwks.json" "$BASE/.well-known/jwks.json"
run "GET /status/$list" "$BASE/status/$list"
run "GET /api/v1/certificates/{n} (record)" "$BASE/api/v1/certificates/$number"
run "GET /v/{n} (page)" "$BASE/v/$number"
JWT_FILE="$work/one.jwt" run "verification, repeated credential" -s "$here/post-many.lua" "$BASE/api/v1/verifications"
JWT_FILE="$work/many.jwt" run "verification, never-seen credentials" -s "$here/post-many.lua" "$BASE/api/v1/verifications"
run "trivial again: /.well-known/jwks.json" "$BASE/.well-known/jwks.json"

# raw ES256 verification on the same cores, the baseline of the verification targets: nimbus + BouncyCastle parsing
# and verifying one token, on as many threads as cores (build: ./mvnw -q -pl benchmarks -am package -DskipTests)
jar="$here/../target/benchmarks.jar"
if [ -f "$jar" ]; then
  raw=$(java -jar "$jar" 'SigningBenchmark.verifyNimbusBouncyCastle' -f 1 -wi 1 -w 5s -i 1 -r 10s -t "$(nproc)" 2>/dev/null \
    | awk '/^SigningBenchmark.verifyNimbusBouncyCastle /{print $(NF-1)}')
  printf '%-40s %10s verifications/s on %s threads\n' "raw ES256 verification (JMH)" "$raw" "$(nproc)"
fi

# search latency under 16 concurrent clients, over HTTP
sql "SELECT split_part(holder_name, ' ', 1) || ' ' || split_part(split_part(holder_name, ' ', 2), '-', 1) FROM certificate WHERE listed ORDER BY random() LIMIT 500" > "$work/queries.txt"
echo "search (16 clients, 3000 requests):"
python3 "$here/../search/latency.py" "$BASE" "$work/queries.txt" 3000 16

# PDF: the first render of a version, then the cached copy
token_note="PDF needs a holder link; issue one now"
issued=$(curl -sf -u admin:registry-dev-admin -H 'Content-Type: application/json' \
  -d '{"program":"CCXP","holder":{"name":"Pdf Bench","email":"pdf@example.org"}}' "$BASE/api/v1/admin/certificates")
holder=$(printf '%s' "$issued" | python3 -c 'import json,sys; print(json.load(sys.stdin)["holderUrl"])')
first=$(curl -so /dev/null -w '%{time_total}' "$holder/certificate.pdf")
echo "PDF first render: ${first}s"
run "PDF, cached (200)" "$holder/certificate.pdf"
rm -rf "$work"
