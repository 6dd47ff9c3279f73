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
	python3 "$SRC/tests/e2e/same_report.py" "$tmp/sqlite.$format" "$tmp/postgresql.$format" ||
		fail "the $format reports differ"
done
echo "report_engines: ok: $events events, csv, html and xlsx reports byte-identical but for when they were made"
