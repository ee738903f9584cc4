#!/usr/bin/env python3
"""Loads N certificates into a running registry through the real issuance path (cohort uploads).

usage: load.py BASE_URL [total=1000000] [cohort=50000] [user:password=admin:registry-dev-admin]
Names are drawn from first names and surnames in several scripts (as benchmarks/search/generate-1m.sql);
one in ten is unlisted. Prints the issuance rate the server measured per cohort and in all. Run the server
with REGISTRY_RATE_LIMIT_ENABLED=false.
"""
import base64, json, random, sys, time, urllib.request

base = sys.argv[1].rstrip("/")
total = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
cohort = int(sys.argv[3]) if len(sys.argv) > 3 else 50_000
auth = sys.argv[4] if len(sys.argv) > 4 else "admin:registry-dev-admin"
header = {"Authorization": "Basic " + base64.b64encode(auth.encode()).decode()}
rng = random.Random(20261129)
FIRST = ["Zoë", "Anna", "María", "José", "Jürgen", "Søren", "Ελένη", "Андрей", "Łukasz", "François", "Chloé", "Björn",
         "Ana", "John", "Mary", "Peter", "Ingrid", "Mateus", "Oğuz", "Aoife", "Nguyễn", "Priya", "Rahul", "Ahmed",
         "Fatima", "Olivia", "Noah", "Liam", "Emma", "Sofía", "Mía", "Lucas", "Hugo", "Léa", "Inès", "Tomáš",
         "Светлана", "Ανδρέας", "Zsófia", "Mihai"]
LAST = ["Ångström", "Müller", "García", "Núñez", "Østergaard", "Kowalczyk", "Παπαδόπουλος", "Иванов", "Dubois",
        "Lefèvre", "Smith", "Johnson", "Brown", "Silva", "Santos", "Pereira", "Rossi", "Bianchi", "Novák", "Horváth",
        "Nagy", "Popescu", "Yılmaz", "Kaya", "Nguyen", "Tran", "Patel", "Sharma", "Khan", "Ali", "Schmidt",
        "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schäfer", "Koch", "Richter",
        "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Иванова",
        "Петров", "Κωνσταντίνου", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Schmid"]
SYLLABLES = ["ka", "lo", "mé", "ri", "sa", "to", "vu", "ne", "bå", "dö", "fi", "gu", "ha", "jo", "ki", "lu", "ma",
             "no", "pé", "ru", "sö", "ta", "vi", "wa", "ze"]
ENDINGS = ["nen", "son", "sen", "ski", "ová", "escu", "ez", "ić", "yan", "oglu"]


def name(i):
    n = rng.choice(FIRST) + " " + rng.choice(LAST)
    if i % 2 == 0:  # a rarer second surname, so the dictionary grows as real names do
        n += "-" + "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize() + rng.choice(ENDINGS)
    return n


def call(method, path, body=None, content_type=None):
    request = urllib.request.Request(base + path, data=body, method=method, headers=dict(header))
    if content_type:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=600) as answer:
        return json.loads(answer.read() or b"null")


issued, server_ms, t0 = 0, 0, time.time()
while issued < total:
    rows = min(cohort, total - issued)
    lines = ["program,name,email,awarded_on,listed"]
    for i in range(issued, issued + rows):
        program = "CXSP" if i % 3 == 0 else "CCXP"
        awarded = "2025-%02d-%02d" % (1 + i % 12, 1 + i % 28)
        lines.append("%s,%s,h%d@example.org,%s,%s" % (program, name(i), i, awarded, "no" if i % 10 == 0 else "yes"))
    upload = call("POST", "/api/v1/admin/cohorts?fileName=million.csv", "\n".join(lines).encode(), "text/csv")
    if upload.get("badRows"):
        sys.exit("bad rows: %s" % upload["badRows"][:3])
    call("POST", "/api/v1/admin/cohorts/%s/issue" % upload["id"])
    while True:
        time.sleep(3)
        status = call("GET", "/api/v1/admin/cohorts/%s" % upload["id"])["progress"]
        if status["stage"] != "ISSUING":
            break
    if status["stage"] != "DONE" and status["issued"] != rows:
        sys.exit("cohort ended %s after %s of %s" % (status["stage"], status["issued"], rows))
    issued += rows
    server_ms += status["millis"]
    print("%8d issued; this cohort %d in %.1f s (%.0f/s); overall %.0f/s by the server's clock, %.0f/s wall" % (
        issued, rows, status["millis"] / 1000, rows * 1000 / max(1, status["millis"]), issued * 1000 / max(1, server_ms),
        issued / (time.time() - t0)), flush=True)
