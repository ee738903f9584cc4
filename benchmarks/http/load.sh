#!/usr/bin/env bash
# Load run of the public HTTP paths against a running registry, beside a trivial endpoint in the
# same run (ratios are what carry from machine to machine). Needs wrk (apt-get install wrk).
#   ./mvnw -q -DskipTests package && \
#   REGISTRY_RATE_LIMIT_ENABLED=false java -Xmx512m -jar registry-web/target/registry-web.jar &
#   benchmarks/http/load.sh http://localhost:8080
set -euo pipefail
BASE=${1:-http://localhost:8080}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)

issued=$(curl -sf -u admin:registry-dev-admin -H 'Content-Type: application/json' \
  -d '{"program":"CCXP","holder":{"name":"Load Test Holder","email":"load@example.org"}}' "$BASE/api/v1/admin/certificates")
number=$(printf '%s' "$issued" | python3 -c 'import json,sys; print(json.load(sys.stdin)["number"])')
holder=$(printf '%s' "$issued" | python3 -c 'import json,sys; print(json.load(sys.stdin)["holderUrl"])')
printf '%s' "$issued" | python3 -c 'import json,sys; print(json.load(sys.stdin)["credential"])' > "$work/credential.jwt"
curl -sf -o /dev/null "$holder/certificate.pdf"   # first render, so the cached path is measured
etag=$(curl -sfI "$holder/certificate.pdf" | awk -F': ' 'tolower($1)=="etag"{print $2}' | tr -d '\r')

run() {
  local name=$1; shift
  local out
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@")
  local rps p99
  rps=$(printf '%s\n' "$out" | awk '/Requests\/sec/{print $2}')
  p99=$(printf '%s\n' "$out" | awk '$1=="99%"{print $2}')
  printf '%-34s %10s req/s   p99 %s\n' "$name" "$rps" "$p99"
}

echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION against $BASE (certificate $number)"
run "trivial: /.well-known/jwks.json" "$BASE/.well-known/jwks.json"
run "GET /api/v1/certificates/{n}" "$BASE/api/v1/certificates/$number"
run "GET /v/{n}" "$BASE/v/$number"
JWT_FILE="$work/credential.jwt" run "POST /api/v1/verifications (JWT)" -s "$here/post-jwt.lua" "$BASE/api/v1/verifications"
run "GET /status/1" "$BASE/status/1"
run "PDF, cached (200)" "$holder/certificate.pdf"
run "PDF, revalidated (304)" -H "If-None-Match: $etag" "$holder/certificate.pdf"
run "GET /api/v1/registry?q=angstrom" "$BASE/api/v1/registry?q=angstrom"
run "trivial again: /.well-known/jwks.json" "$BASE/.well-known/jwks.json"
rm -rf "$work"
