#!/usr/bin/env bash
# simulate.sh BUILD_DIR SOURCE_DIR - the simulator never touches a live log.
#
#  1. Services open all day: tickets called before midnight are finished
#     after it (midnight expiry leaves tickets at counters alone), and the
#     run succeeds.
#  2. A simulated log can be extended by a later run after its last day.
#  3. Once a live program has written an event (a kiosk's `issue`), simulate
#     refuses with one line and exit 3, and writes nothing; the same for a
#     new log that only holds live events.
set -euo pipefail

BUILD=${1:?usage: simulate.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: simulate.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
	echo "simulate: FAIL: $*" >&2
	fail=1
}

office_config "$tmp/sim.db" -e '/^display = /d' >"$tmp/sim.ini"
office_config "$tmp/live.db" -e '/^display = /d' >"$tmp/live.ini"

# expect_refused INI DB: simulate on INI is refused (exit 3, one line) and DB is unchanged.
expect_refused() {
	local before after out status
	before=$(sql "$2" "SELECT count(*) FROM event")
	set +e
	out=$("$COUNTER" --config "$1" simulate --days 1 --seed 2 --start 2026-03-02 2>&1)
	status=$?
	set -e
	[ "$status" -eq 3 ] || bad "simulate into a live log: exit $status, wanted 3 ($out)"
	[ "$(wc -l <<<"$out")" -eq 1 ] || bad "simulate into a live log: not one line: $out"
	grep -q "holds 1 event of a live office" <<<"$out" || bad "simulate into a live log says: $out"
	after=$(sql "$2" "SELECT count(*) FROM event")
	[ "$before" -eq "$after" ] || bad "simulate into a live log wrote $((after - before)) events"
}

# 1. All-day services across three midnights.
out=$("$COUNTER" --config "$tmp/sim.ini" simulate --days 3 --seed 1 --start 2026-01-05 2>&1) ||
	bad "an all-day simulation failed: $out"
across=$(sql "$tmp/sim.db" "SELECT count(*) FROM event f JOIN ticket t ON t.id = f.ticket_id
	WHERE f.kind = 'finished' AND f.day > t.day")
[ "$across" -gt 0 ] || bad "no ticket was finished after the midnight it was called before"
expired=$(sql "$tmp/sim.db" "SELECT count(*) FROM event e JOIN event p ON p.id = (SELECT max(id)
	FROM event WHERE ticket_id = e.ticket_id AND id < e.id) WHERE e.kind = 'expired'
	AND p.kind IN ('called', 'recalled', 'started')")
[ "$expired" -eq 0 ] || bad "$expired tickets were expired at a counter"
backwards=$(sql "$tmp/sim.db" "SELECT count(*) FROM (SELECT at_ms - lag(at_ms) OVER (ORDER BY id)
	AS step FROM event) WHERE step < 0")
[ "$backwards" -eq 0 ] || bad "$backwards events went back in time"

# 2. Extending the simulated log.
"$COUNTER" --config "$tmp/sim.ini" simulate --days 1 --seed 1 --start 2026-01-08 >/dev/null ||
	bad "extending a simulated log was refused"

# 3. A live event makes it a live log; and a log with only live events.
"$KIOSK" --config "$tmp/sim.ini" issue A >/dev/null || bad "issue into the simulated log failed"
expect_refused "$tmp/sim.ini" "$tmp/sim.db"
"$KIOSK" --config "$tmp/live.ini" issue A >/dev/null || bad "issue into a new log failed"
expect_refused "$tmp/live.ini" "$tmp/live.db"

if [ "$fail" -ne 0 ]; then
	exit 1
fi
echo "simulate: ok"
