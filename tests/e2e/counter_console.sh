#!/usr/bin/env bash
# counter_console.sh BUILD_DIR SOURCE_DIR - the officer console under Xvfb, driven by keys.
#
# Starts `saduak-counter --counter 2` on an Xvfb display with an LED
# emulator on a pseudo-terminal, injects keys with xdotool as a keyboard or
# keypad would send them, and checks: F11 + 1 logs the first officer in;
# Enter calls the next ticket (the log and the emulator show it); F8 + 1
# goes on break (the display shows the break text) and F10 resumes; F7 + 1 +
# 1 calls a chosen ticket with a reason (rule manual); a ticket issued
# elsewhere reaches the screen by itself (printed against the 250 ms target).
# Screenshots in Thai and in English (F12) are kept in $SADUAK_SCREENSHOT_DIR
# when it is set.
set -euo pipefail

BUILD=${1:?usage: counter_console.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: counter_console.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
# shellcheck source=console_lib.sh
. "$SRC/tests/e2e/console_lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter
EMU=$BUILD/tests/tools/saduak-led-emulator

for tool in Xvfb xdotool sqlite3; do
	command -v "$tool" >/dev/null || { echo "counter_console: FAIL: $tool is needed (scripts/debian-packages.txt)"; exit 1; }
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
	echo "counter_console: FAIL: $*" >&2
	for f in "$tmp"/*.log; do
		echo "--- $f" >&2
		tail -n 15 "$f" >&2
	done
	exit 1
}

at_local_noon

CFG=$tmp/office.ini
DB=$tmp/queue.db
office_config "$DB" -e "s|^port = ../demo-data/|port = $tmp/|" -e "s|^dir = .*|dir = $tmp|" >"$CFG"

"$EMU" --link "$tmp/led-2" --config "$CFG" --display led2 >"$tmp/emu.log" 2>&1 &
pids+=("$!")
for s in A B A A; do "$KIOSK" --config "$CFG" issue "$s" >/dev/null; done
"$KIOSK" --config "$CFG" issue B --priority elderly >/dev/null

xvfb_start
console_start "$CFG" 2

# status_has PATTERN: the counter's status (from the log) matches within 2 s.
status_has() {
	for _ in $(seq 40); do
		"$COUNTER" --config "$CFG" --counter 2 status | grep -qE "$1" && return 0
		sleep 0.05
	done
	fail "status does not show /$1/: $("$COUNTER" --config "$CFG" --counter 2 status)"
}

emu_shows() {
	for _ in $(seq 100); do
		grep '^frame' "$tmp/emu.log" | tail -n 1 | grep -qE "$1" && return 0
		sleep 0.02
	done
	fail "the display does not show /$1/: $(grep '^frame' "$tmp/emu.log" | tail -n 1)"
}

key F11 1
status_has "open, officer somchai"
key Return
grep -q "called to counter 2" "$tmp/console.log" || fail "Enter did not call"
code=$(grep -oE "[A-Z][0-9]{3} called to counter 2" "$tmp/console.log" | tail -n 1 | cut -c1-4)
status_has "current: $code"
emu_shows "text=\"$code\""
echo "counter_console: Enter called $code; $(grep -oE 'display written [0-9.]+ ms after the key' "$tmp/console.log" | tail -n 1)"
key KP_Enter
code2=$(grep -oE "[A-Z][0-9]{3} called to counter 2" "$tmp/console.log" | tail -n 1 | cut -c1-4)
[[ $code2 != "$code" ]] || fail "keypad Enter did not call the next ticket"
emu_shows "text=\"$code2\""
key F3
status_has "serving"
key F3
status_has "current: none"
key F8 1
status_has "on break, officer somchai \(lunch\)"
emu_shows 'text="----"'
key F10
status_has "^counter 2: open"
key F7 1 1
status_has "current: "
sql "$DB" "SELECT rule, reason FROM event WHERE kind = 'called' ORDER BY id DESC LIMIT 1" |
	grep -q "manual|appointment" || fail "F7 1 1 did not call a chosen ticket with a reason"
echo "counter_console: login, next, keypad Enter, start/finish, break, resume, call with a reason: ok"

# A ticket issued elsewhere shows by itself, without a key. The figure is
# printed against the quarter-second target; the test only fails past 1 s
# (stretched by SQ_E2E_SLOW), so that a busy CI machine measures, not flakes.
before=$(stat -c %.9Y "$tmp/console.png" 2>/dev/null || echo 0)
sleep 0.3
t0=$(date +%s%N)
"$KIOSK" --config "$CFG" issue A >/dev/null
t1=$(date +%s%N)
seen=
for _ in $(seq 200); do
	now=$(stat -c %.9Y "$tmp/console.png")
	if [[ $now != "$before" ]]; then
		seen=$(date +%s%N)
		break
	fi
	sleep 0.005
done
[[ -n $seen ]] || fail "the console did not redraw after a ticket was issued"
ms=$(((seen - t1) / 1000000))
echo "counter_console: a ticket issued elsewhere was drawn ${ms} ms after the kiosk returned ($(((t1 - t0) / 1000000)) ms to issue)"
limit=$((1000 * ${SQ_E2E_SLOW:-1}))
[[ $ms -le $limit ]] || fail "redrawn ${ms} ms after the change (target 250 ms, failing past $limit)"

# Screenshots in both languages.
sleep 0.3
cp "$tmp/console.png" "$tmp/console-th.png"
key F12
sleep 0.3
cp "$tmp/console.png" "$tmp/console-en.png"
if [[ -n ${SADUAK_SCREENSHOT_DIR:-} ]]; then
	mkdir -p "$SADUAK_SCREENSHOT_DIR"
	cp "$tmp/console-th.png" "$tmp/console-en.png" "$SADUAK_SCREENSHOT_DIR/"
fi
key F7
sleep 0.3
[[ -n ${SADUAK_SCREENSHOT_DIR:-} ]] && cp "$tmp/console.png" "$SADUAK_SCREENSHOT_DIR/console-chooser.png"
key Escape
echo "counter_console: PASS"
