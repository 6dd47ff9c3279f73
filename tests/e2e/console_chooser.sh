#!/usr/bin/env bash
# console_chooser.sh BUILD_DIR SOURCE_DIR - the console's "call a ticket"
# chooser acts on the ticket the officer picked, never on another.
#
# Counter 2's officer opens the chooser (F7) on A001 A002 A003; while it is
# open, counter 3 calls A001, and the console reloads under the chooser.
# The officer then picks the first entry (A001) and a reason: the console
# must refuse (A001 is no longer waiting) and call nobody, never A002 out of
# turn with the officer's reason.
set -euo pipefail

BUILD=${1:?usage: console_chooser.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: console_chooser.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
# shellcheck source=console_lib.sh
. "$SRC/tests/e2e/console_lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter

for tool in Xvfb xdotool sqlite3; do
	command -v "$tool" >/dev/null || { echo "console_chooser: FAIL: $tool is needed (scripts/debian-packages.txt)"; exit 1; }
done

tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
	echo "console_chooser: FAIL: $*" >&2
	tail -n 15 "$tmp/console.log" >&2
	exit 1
}

at_local_noon

CFG=$tmp/office.ini
DB=$tmp/queue.db
office_config "$DB" -e '/^display = /d' >"$CFG"
for _ in 1 2 3; do "$KIOSK" --config "$CFG" issue A >/dev/null; done
"$COUNTER" --config "$CFG" --counter 2 login somchai >/dev/null
"$COUNTER" --config "$CFG" --counter 3 login suda >/dev/null

xvfb_start
console_start "$CFG" 2

key F7
# Counter 3 calls the chooser's first entry; the console reloads under it
# (and redraws: its screenshot is written again).
sleep 0.3
before=$(stat -c %.9Y "$tmp/console.png")
"$COUNTER" --config "$CFG" --counter 3 next | grep -q "^A001 called to counter 3" ||
	fail "counter 3 did not call A001"
for _ in $(seq 400); do
	[[ $(stat -c %.9Y "$tmp/console.png") != "$before" ]] && break
	sleep 0.025
done
[[ $(stat -c %.9Y "$tmp/console.png") != "$before" ]] || fail "the console did not reload"
key 1 1
for _ in $(seq 100); do
	grep -q "A001" "$tmp/console.log" && break
	sleep 0.02
done
called=$(sql "$DB" "SELECT count(*) FROM event WHERE kind = 'called' AND counter = 2")
[[ $called == 0 ]] ||
	fail "picking A001 after counter 3 called it called $(sql "$DB" "SELECT t.code FROM event e JOIN ticket t ON t.id = e.ticket_id WHERE e.kind = 'called' AND e.counter = 2") at counter 2"
grep -q "A001 is no longer waiting" "$tmp/console.log" ||
	fail "the console did not say that A001 is no longer waiting"
echo "console_chooser: A001 taken by counter 3 under the open chooser: refused, nobody called at counter 2"
echo "console_chooser: PASS"
