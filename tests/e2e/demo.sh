#!/usr/bin/env bash
# demo.sh BUILD_DIR SOURCE_DIR - scripts/demo.sh as a user meets it, on a copy
# of the checkout's layout (config/, demo-data/, build/ linked to BUILD_DIR):
#   - without a desktop it runs the scripted morning twice in a row, exit 0
#     both times, and writes last month's report;
#   - a second demo on the same demo-data/ is refused with one line;
#   - on a desktop (Xvfb), an officer works counter 4 from a browser with the
#     demo's PIN and its LED display shows the call; check-config finds
#     nothing wrong with the running demo office; and closing the kiosk window stops every process the demo
#     started, the LED emulators included.
set -euo pipefail

BUILD=${1:?usage: demo.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: demo.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"

demo_checkout

fail() {
	echo "demo: FAIL: $*" >&2
	exit 1
}

for tool in xvfb-run flock; do
	command -v "$tool" >/dev/null || fail "$tool is needed"
done

for run in 1 2; do
	rc=0
	env -u DISPLAY -u WAYLAND_DISPLAY "$top/scripts/demo.sh" >"$tmp/out$run" 2>"$tmp/err$run" || rc=$?
	((rc == 0)) || fail "headless run $run exited $rc: $(tail -3 "$tmp/err$run")"
	! grep -i 'error' "$tmp/err$run" || fail "headless run $run reported an error"
	grep -q 'called to counter' "$tmp/out$run" || fail "headless run $run called nobody"
done
ls "$top"/demo-data/report-*.html >/dev/null 2>&1 || fail "no report in demo-data/"

# A demo holds the lock: another is refused with one line.
exec 8>"$top/demo-data/demo.lock"
flock -n 8 || fail "could not take the demo lock"
rc=0
"$top/scripts/demo.sh" >/dev/null 2>"$tmp/err.locked" || rc=$?
((rc == 1)) || fail "a second demo exited $rc, expected 1"
[[ $(wc -l <"$tmp/err.locked") -eq 1 ]] && grep -q 'already running' "$tmp/err.locked" ||
	fail "a second demo said: $(cat "$tmp/err.locked")"
exec 8>&-

# On a desktop: wait for the kiosk window and the four LED emulators.
demo_desktop "$tmp/out.desk" "$top/config/demo.ini"
e2e_sleep 1 # the other windows open
# An officer works counter 4, which has no console, from a browser with the
# demo's PIN: the call reaches counter 4's LED display through the display
# service.
"$BUILD/kiosk/saduak-kiosk" --config "$top/config/demo.ini" issue D >/dev/null
wait_http "http://127.0.0.1:$port/counter"
# The booking pages answer in the demo, with the services that take bookings.
curl -fs "http://127.0.0.1:$port/book" | grep -q 'href="/book/new/A"' ||
	fail "the demo's /book does not offer service A"
touch "$tmp/done"
seen=$(wc -l <"$tmp/out.desk") # what the displays showed before the browser's calls
# Next until nobody waits for counter 4 (at most 50 presses); the last call stays on its display.
called=$(/usr/bin/python3 "$SRC/tests/e2e/web_counter_next.py" "http://127.0.0.1:$port" wilai 1234 4 \
	"$tmp/done" 50 2>&1) || fail "the browser counter: $called"
called=$(tail -n 1 <<<"$called")
code=${called%% *}
[[ $called == *"called to counter 4" && -n $code ]] || fail "the browser counter printed: $called"
# Counter 4's display is a numeric (Modbus) one: it shows the ticket's number.
shown="^\[LED counter 4\] frame .* show=$((10#${code//[!0-9]/}))$"
for _ in $(seq 300); do # a hang guard, not a timing
	tail -n +$((seen + 1)) "$tmp/out.desk" | grep -q "$shown" && break
	sleep 0.1
done
tail -n +$((seen + 1)) "$tmp/out.desk" | grep -q "$shown" ||
	fail "counter 4's LED display never showed $code: $(grep 'LED counter 4' "$tmp/out.desk" | tail -4)"
# The running demo office is a sound office: check-config finds nothing wrong.
out=$("$BUILD/counter/saduak-counter" --config "$top/config/demo.ini" check-config 2>&1) ||
	fail "check-config on the running demo: $out"
[[ $out == ok ]] || fail "check-config on the running demo printed: $out"
# Closing the kiosk window stops the demo and everything it started.
demo_close

echo "demo: ok: two headless runs, second demo refused, nothing left after the kiosk closed"
