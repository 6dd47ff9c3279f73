#!/usr/bin/env bash
# web_counter.sh BUILD_DIR SOURCE_DIR - the officer's counter page of saduak-web.
#
# Runs saduak-web on a free loopback port over a temporary log, with three
# officers given password hashes (`saduak-web hash-password`), and drives
# /counter over HTTP (web_counter_drive.py): the login (a wrong password
# refused, the cookie HttpOnly and SameSite=Strict), next, the same form
# sent twice (acted once), recall, start, finish, finish with no ticket
# (refused on the page, nothing logged), a POST without or with another
# CSRF token (403), a next while another program holds the log locked
# ("database unavailable" on the page, nothing logged), break with a reason, resume, transfer, a second officer
# on an open counter refused (opened by the browser, or by the command
# line), the same officer's second tab taking over, a page whose counter
# the command line logged out ending, and a silent page whose counter the
# server closes after counter_idle_seconds (a logout with the reason,
# waited for by count).
# The LED display of counter 2 (an emulator on a pseudo-terminal) follows
# the log through `saduak-counter displays`: it decodes the call made from
# the browser, and gets it again after it was unplugged and came back.
# Then a real browser (headless Chromium through chromium-driver and
# python3-selenium, web_counter_browser.py) logs in at counter 1 and works it
# with the keys: Enter, a held key that sends nothing, R, F, F refused, B and
# a reason, G, L. Screenshots of the login form and of the counter page
# (1366x768) go to $SADUAK_SCREENSHOT_DIR (default BUILD_DIR/screenshots/web).
set -euo pipefail

BUILD=${1:?usage: web_counter.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: web_counter.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter
WEB=$BUILD/web/saduak-web
EMU=$BUILD/tests/tools/saduak-led-emulator
SHOTS=${SADUAK_SCREENSHOT_DIR:-$BUILD/screenshots/web}
# Longer than the store's busy timeout (10 s), which one step waits out.
IDLE=25

fail() {
	echo "web_counter: FAIL: $*" >&2
	[[ -s ${tmp:-/nonexistent}/web.log ]] && tail -5 "$tmp/web.log" >&2
	exit 1
}

for tool in sqlite3 curl python3 chromium /usr/bin/chromedriver; do
	command -v "$tool" >/dev/null || fail "$tool is needed (scripts/debian-packages.txt)"
done
/usr/bin/python3 -c 'import selenium' 2>/dev/null ||
	fail "python3-selenium is needed (scripts/debian-packages.txt)"

tmp=$(mktemp -d)
web_pid=
pids=()
cleanup() {
	[[ -n $web_pid ]] && kill "$web_pid" 2>/dev/null && wait "$web_pid" 2>/dev/null
	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
at_local_noon

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT
CFG=$tmp/office.ini
DB=$tmp/queue.db
PASSWORD='1234 ห้องสอง'
HASH=$(printf '%s\n' "$PASSWORD" | "$WEB" hash-password) || fail "hash-password exited $?"
# Counter 2 keeps its LED display (led2, Modbus), on a pseudo-terminal in
# $tmp; somchai and suda get the hash.
office_config "$DB" -e '/^display = led[134]$/d' -e "s|^port = ../demo-data/|port = $tmp/|" \
	-e "s|^port = 8080$|port = $PORT\ncounter_idle_seconds = $IDLE|" \
	-e '/^password = /d' -e "s|^\[officer somchai\]|&\npassword = $HASH|" \
	-e "s|^\[officer suda\]|&\npassword = $HASH|" \
	-e "s|^\[officer prasert\]|&\npassword = $HASH|" >"$CFG"
grep -q "^counter_idle_seconds = $IDLE" "$CFG" || fail "config/demo.ini has no [web] port to change"
[[ $(grep -c '^password = \$y\$' "$CFG") == 3 ]] || fail "the officers have no password hash"

# start_emu: the emulator of led2 at $tmp/led-2, logging to $tmp/emu.log.
start_emu() {
	"$EMU" --link "$tmp/led-2" --config "$CFG" --display led2 >>"$tmp/emu.log" 2>&1 &
	emu_pid=$!
	pids+=("$!")
	for _ in $(seq 100); do
		[[ -L $tmp/led-2 ]] && return 0
		sleep 0.05
	done
	fail "the LED emulator did not start"
}
# frames PATTERN: how many frames the emulator decoded match PATTERN.
frames() { grep -cE "^frame .*$1" "$tmp/emu.log" || true; }
# wait_frames PATTERN N: wait (by count) until N frames match PATTERN.
wait_frames() {
	for _ in $(seq 600); do
		(($(frames "$1") >= $2)) && return 0
		sleep 0.05
	done
	fail "the LED display did not show /$1/ (last: $(grep '^frame' "$tmp/emu.log" | tail -n 1))"
}
start_emu
"$COUNTER" --config "$CFG" displays 2>>"$tmp/displays.log" &
pids+=("$!")
for _ in $(seq 200); do
	grep -q 'following the log' "$tmp/displays.log" && break
	sleep 0.05
done
grep -q 'following the log on 1 display$' "$tmp/displays.log" ||
	fail "saduak-counter displays did not start: $(tail -2 "$tmp/displays.log")"

for s in A A A B; do "$KIOSK" --config "$CFG" issue "$s" >/dev/null; done
# Counter 4 is opened from the command line, as a native console would.
"$COUNTER" --config "$CFG" --counter 4 login wilai >/dev/null

"$WEB" --config "$CFG" 2>>"$tmp/web.log" &
web_pid=$!
for _ in $(seq 200); do
	curl -s -o /dev/null "$URL/api/queue" && break
	kill -0 "$web_pid" 2>/dev/null || fail "saduak-web exited: $(tail -1 "$tmp/web.log")"
	sleep 0.05
done

python3 "$SRC/tests/e2e/web_counter_drive.py" "$URL" "$DB" "$PASSWORD" "$COUNTER" "$CFG" ||
	fail "driving /counter"

echo "== the LED display follows the browser's calls"
code=$(sql "$DB" "SELECT code FROM ticket WHERE counter = 2 AND state = 'called'")
[[ -n $code ]] || fail "no ticket called at counter 2"
wait_frames "unit=2 text=\"$code\"" 1
echo "display 2 shows $code, called from the browser"
# Unplugged, a recall meanwhile (the command line's own frame fails too, one
# warning): back, the display is sent what it should show.
kill "$emu_pid"
wait "$emu_pid" 2>/dev/null || true
: >"$tmp/emu.log"
"$COUNTER" --config "$CFG" --counter 2 recall >/dev/null 2>"$tmp/recall.err" ||
	fail "recall with the display unplugged exited $?"
for _ in $(seq 200); do
	grep -q 'display led2 offline' "$tmp/displays.log" && break
	sleep 0.05
done
grep -q 'display led2 offline' "$tmp/displays.log" || fail "the display service did not notice the display gone"
start_emu
wait_frames "unit=2 text=\"$code\"" 1
for _ in $(seq 200); do
	grep -q 'back online' "$tmp/displays.log" && break
	sleep 0.05
done
grep -q 'back online' "$tmp/displays.log" || fail "the display service did not log the display back"
echo "display 2 unplugged and back: shows $code again"

echo "== a silent page closes its counter"
# Count-bounded: the idle time plus generous slack for a loaded machine.
closed=
for _ in $(seq $((IDLE * 10 + 300))); do
	if [[ $(sql "$DB" "SELECT status FROM counter_state WHERE counter = 3") == closed ]]; then
		closed=1
		break
	fi
	sleep 0.2
done
[[ -n $closed ]] || fail "counter 3 is still open after its page fell silent"
reason=$(sql "$DB" "SELECT reason FROM event WHERE kind = 'logout' AND counter = 3")
[[ $reason == "idle: browser page silent for $IDLE s" ]] || fail "the idle logout's reason: '$reason'"
grep -q "counter 3: 'suda' logged out (idle" "$tmp/web.log" || fail "the idle logout is not in the server's log"
echo "counter 3 closed: $reason"

echo "== the counter page in a real browser"
mkdir -p "$SHOTS"
for s in C D; do "$KIOSK" --config "$CFG" issue "$s" >/dev/null; done
# Debian's python3 and its selenium, whatever python3 comes first in PATH.
/usr/bin/python3 "$SRC/tests/e2e/web_counter_browser.py" "$URL" "$DB" "$PASSWORD" \
	"$SHOTS/counter-page.png" || fail "the counter page in Chromium"
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
	--user-data-dir="$tmp/chromium" --window-size=1366,768 \
	--screenshot="$SHOTS/counter-login.png" "$URL/counter" >"$tmp/chromium.log" 2>&1 ||
	fail "Chromium could not show the login page: $(tail -2 "$tmp/chromium.log")"
echo "screenshots: $SHOTS/counter-login.png $SHOTS/counter-page.png"

kill "$web_pid"
wait "$web_pid" || fail "saduak-web exited $? on SIGTERM"
web_pid=
echo "web_counter: ok"
