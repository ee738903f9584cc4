#!/bin/sh
# Bulk issuance: upload a cohort CSV of N rows to a running registry, issue it, and report the
# time the server measured from the start of issuance to the last stored batch (sign + store;
# PDFs are rendered lazily, on download), plus the wall time seen by this client.
#
#   ./mvnw -q -pl registry-web -am spring-boot:run        # in another terminal (or any running instance)
#   benchmarks/bulk-issuance.sh [rows] [base-url] [user:password]
#
# Needs curl and python3 (to read JSON). Defaults: 10000 rows, http://localhost:8080, admin:registry-dev-admin.
set -eu
ROWS=${1:-10000}
BASE=${2:-http://localhost:8080}
AUTH=${3:-admin:registry-dev-admin}
CSV=$(mktemp /tmp/cohort-XXXXXX.csv)
trap 'rm -f "$CSV"' EXIT
RUN=$(date +%s)
{
  echo "program,name,email,awarded_on,listed"
  i=0
  while [ "$i" -lt "$ROWS" ]; do
    echo "CCXP,Bulk Holder $RUN-$i,bulk$RUN.$i@example.org,2026-01-15,yes"
    i=$((i + 1))
  done
} > "$CSV"

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

ID=$(curl -sf -u "$AUTH" -H 'Content-Type: text/csv' --data-binary @"$CSV" "$BASE/api/v1/admin/cohorts?fileName=bench.csv" \
     | json "d['id'] if not d['badRows'] else sys.exit('bad rows: %s' % d['badRows'][:3])")
START=$(python3 -c 'import time; print(time.time())')
curl -sf -u "$AUTH" -X POST "$BASE/api/v1/admin/cohorts/$ID/issue" > /dev/null
while :; do
  STATUS=$(curl -sf -u "$AUTH" "$BASE/api/v1/admin/cohorts/$ID")
  STAGE=$(echo "$STATUS" | json "d['progress']['stage']")
  [ "$STAGE" = "ISSUING" ] || break
  # every poll costs a bcrypt check of the password on the server: poll gently, the server measures its own time
  sleep 2
done
END=$(python3 -c 'import time; print(time.time())')
echo "$STATUS" | json "'stage=%s issued=%s of %s, server-measured %s ms' % (d['progress']['stage'], d['progress']['issued'], d['progress']['total'], d['progress']['millis'])"
python3 -c "print('client wall time (start to observed end, 2 s polling): %.0f ms' % (($END - $START) * 1000))"
