#!/usr/bin/env bash
# report_engines.sh BUILD_DIR SOURCE_DIR - the same simulated month gives
# byte-identical monthly reports (CSV, HTML, XLSX) from a SQLite log and from
# a PostgreSQL one, but for the time each was made (the clock runs between
# them). Run under a throw-away server (tests/pg_virtualenv.sh),
# whose libpq variables name the empty database used.
set -euo pipefail

BUILD=${1:?usage: report_engines.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: report_engines.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
COUNTER=$BUILD/counter/saduak-counter

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "report_engines: FAIL: $*" >&2
	exit 1
}

office_config "$tmp/queue.db" -e '/^display = /d' >"$tmp/sqlite.ini"
office_config "postgresql://" -e '/^display = /d' >"$tmp/postgresql.ini"
for engine in sqlite postgresql; do
	"$COUNTER" --config "$tmp/$engine.ini" simulate --days 10 --seed 7 --start 2026-10-01 \
		>/dev/null || fail "simulate on $engine exited $?"
	for format in csv html xlsx; do
		"$COUNTER" --config "$tmp/$engine.ini" report --month 2026-10 --format "$format" \
			--out "$tmp/$engine.$format" >/dev/null ||
			fail "report --format $format on $engine exited $?"
	done
done
events=$(sql "$tmp/queue.db" "SELECT count(*) FROM event")
[[ $(sql "postgresql://" "SELECT count(*) FROM event") -eq $events ]] ||
	fail "the logs differ: $events events in SQLite, $(sql "postgresql://" "SELECT count(*) FROM event") on the server"
for format in csv html xlsx; do
	python3 - "$tmp/sqlite.$format" "$tmp/postgresql.$format" <<'PY' ||
import re, sys, zipfile

# Each part of the file (an XLSX's zip members) as bytes.
def parts(path):
    if path.endswith(".xlsx"):
        with zipfile.ZipFile(path) as z:
            return {n: z.read(n) for n in z.namelist()}
    with open(path, "rb") as f:
        return {"": f.read()}

# The time the report was made: "1 ธ.ค. 2569 13:22", and an XLSX's ISO stamps.
made = re.compile(rb"\d{1,2} \S+ \d{4} \d\d:\d\d|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
a, b = parts(sys.argv[1]), parts(sys.argv[2])
if a.keys() != b.keys():
    sys.exit(f"parts differ: {sorted(a.keys() ^ b.keys())}")
for name in a:
    if made.sub(b"", a[name]) != made.sub(b"", b[name]):
        sys.exit(f"{name or 'the file'} differs")
PY
		fail "the $format reports differ"
done
echo "report_engines: ok: $events events, csv, html and xlsx reports byte-identical but for when they were made"
