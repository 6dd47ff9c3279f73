#!/usr/bin/env bash
# log_loss.sh BUILD_DIR SOURCE_DIR - every screen while the log is out of reach, and after.
#
# The log goes out of reach as a server does when it goes down: another
# program takes the SQLite file in EXCLUSIVE locking mode, so every store
# call, a read as much as a write, fails with SQ_ERR_BUSY (a PostgreSQL
# server down fails them with SQ_ERR_DB). Under Xvfb, with the log taken:
#   - the officer console shows its red banner; a key is refused and says
#     so, and nothing is written, then or after the log is back; once it is
#     back the same key calls the ticket;
#   - the ticket kiosk shows "cannot issue a ticket right now" in Thai and
#     English instead of its service buttons, and a tap prints nothing;
#     once back it issues and prints a ticket again;
#   - the board shows its quiet "reconnecting" mark and keeps the last calls
#     on screen; once back it drops the mark and shows a new call;
#   - the rating screen shows the mark, and runs on;
#   - saduak-web answers 503 with a Thai and English page, /api in JSON;
#     once back, 200; a ticket's page open in Chromium shows its
#     reconnecting mark over the last state, and drops it once back
#     (tests/e2e/web_ticket_fault.py);
# Then each screen started while the log's folder is missing shows the
# fault, keeps running, and works once the folder is there (the one-shot
# commands still exit 4 with one line). Every step waits for what the
# programs log or write, never for a fixed time (timeouts only guard
# against a hang); the time from taking the log to each screen's fault line
# is printed. Screenshots in $SADUAK_SCREENSHOT_DIR (default
# BUILD_DIR/screenshots/log_loss).
set -euo pipefail

BUILD=${1:?usage: log_loss.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: log_loss.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter
WEB=$BUILD/web/saduak-web
SHOTS=${SADUAK_SCREENSHOT_DIR:-$BUILD/screenshots/log_loss}

for tool in Xvfb xdotool sqlite3 python3 curl chromium /usr/bin/chromedriver; do
	command -v "$tool" >/dev/null || {
		echo "log_loss: FAIL: $tool is needed (scripts/debian-packages.txt)"
		exit 1
	}
done
/usr/bin/python3 -c 'import selenium' 2>/dev/null || {
	echo "log_loss: FAIL: python3-selenium is needed (scripts/debian-packages.txt)"
	exit 1
}

tmp=$(mktemp -d)
pids=()
locker=
cleanup() {
	[[ -n $locker ]] && kill "$locker" 2>/dev/null
	end_pids
	rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
	echo "log_loss: FAIL: $*" >&2
	tail_logs 12
	exit 1
}

# count FILE PATTERN: lines of FILE matching PATTERN.
count() {
	grep -cE "$2" "$1" 2>/dev/null || true
}

# log_take: another program takes the log and keeps it until log_give.
# It holds the write lock (BEGIN IMMEDIATE) and, so that reads fail too as
# on a server that is down, makes the WAL index look damaged while holding
# its recovery lock (https://www.sqlite.org/walformat.html: the index header
# is kept twice, at bytes 0 and 48 of the -shm file; the recovery lock is
# byte 122): a reader must then recover the index, cannot, and waits as for
# any lock. The index is rebuilt from the WAL by the first reader after
# log_give; the log itself is never touched.
log_take() {
	rm -f "$tmp/give" "$DB.held"
	python3 - "$DB" "$tmp/give" <<-'EOF' &
		import fcntl, os, sqlite3, sys, time
		path, give = sys.argv[1], sys.argv[2]
		db = sqlite3.connect(path, isolation_level=None, timeout=30)
		db.execute("BEGIN IMMEDIATE")
		fd = os.open(path + "-shm", os.O_RDWR)
		fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 122)
		os.pwrite(fd, bytes([os.pread(fd, 1, 64)[0] ^ 0xFF]), 64)
		open(path + ".held", "w").close()
		while not os.path.exists(give):
		    time.sleep(0.02)
		db.execute("ROLLBACK")
		db.close()
		os.close(fd)
	EOF
	locker=$!
	for _ in $(seq 1500); do
		[[ -e $DB.held ]] && break
		kill -0 "$locker" 2>/dev/null || fail "the locker could not take the log"
		sleep 0.02
	done
	[[ -e $DB.held ]] || fail "the locker did not take the log"
	taken_ms=$(date +%s%3N)
}

# log_give: the locker lets the log go.
log_give() {
	touch "$tmp/give"
	wait "$locker" || fail "the locker failed"
	locker=
}

# browser_step NAME WHAT: wait for web_ticket_fault.py to reach step NAME
# (it makes $tmp/NAME) while it runs; a hang guard of about 2 minutes.
browser_step() {
	for _ in $(seq 2400); do
		[[ -e $tmp/$1 ]] && return 0
		kill -0 "$browser" 2>/dev/null || break
		sleep 0.05
	done
	[[ -e $tmp/$1 ]] || fail "$2: $(tail -2 "$tmp/browser.log")"
}

# since_taken: milliseconds since log_take.
since_taken() {
	echo $(($(date +%s%3N) - taken_ms))
}

# fresh FILE: forget a screen's last frame, so that shot waits for the next.
fresh() {
	rm -f "$1"
}

# shot FILE NAME: keep the screen's next frame (after fresh FILE) as NAME.png.
shot() {
	for _ in $(seq 400); do
		[[ -s $1 ]] && break
		sleep 0.05
	done
	[[ -s $1 ]] || fail "no frame drawn for $2"
	e2e_sleep 0.3
	cp "$1" "$SHOTS/$2.png"
}

mkdir -p "$SHOTS"
at_local_noon
DB=$tmp/queue.db
CFG=$tmp/office.ini
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
office_config "$DB" -e '/^display = /d' -e "s|^target = .*|target = file:$tmp/printed|" \
	-e "s|^port = 8080$|port = $PORT|" >"$CFG"
grep -q "^port = $PORT" "$CFG" || fail "config/demo.ini has no [web] port to change"
mkdir -p "$tmp/printed"
start_xvfb 1280x800 "$tmp/xvfb.log" || fail "Xvfb did not start"

for s in A B A A; do "$KIOSK" --config "$CFG" issue "$s" >/dev/null; done
"$COUNTER" --config "$CFG" --counter 3 login somchai >/dev/null
"$COUNTER" --config "$CFG" --counter 3 next >/dev/null

# ---- the officer console
SADUAK_WINDOW_SIZE=820x560 SADUAK_SCREENSHOT=$tmp/console.png \
	ASAN_OPTIONS=$(asan_options_no_leaks) "$COUNTER" --config "$CFG" --counter 2 2>"$tmp/console.log" &
pids+=("$!")
wait_for "$tmp/console.log" "console of counter 2 ready" "the console did not start"
win=$(xdotool search --sync --name "counter 2" | head -n 1)
xdotool windowfocus --sync "$win" 2>/dev/null || xdotool windowfocus "$win"
"$COUNTER" --config "$CFG" --counter 2 login suda >/dev/null
calls() { sql "$DB" "SELECT count(*) FROM event WHERE kind = 'called' AND counter = 2"; }
[[ $(calls) == 0 ]] || fail "counter 2 called before the test"

fresh "$tmp/console.png"
log_take
wait_for "$tmp/console.log" "locked by another program.*retrying" "the console did not notice"
echo "log_loss: console shows the fault $(since_taken) ms after the log was taken"
shot "$tmp/console.png" console-down
fresh "$tmp/console.png"
xdotool key --clearmodifiers Return
wait_for "$tmp/console.log" "key refused \(next\)" "the console did not refuse Enter"
shot "$tmp/console.png" console-refused
log_give
wait_for "$tmp/console.log" "the log answers again" "the console did not reconnect"
[[ $(calls) == 0 ]] || fail "the refused key was written to the log"
fresh "$tmp/console.png"
xdotool key --clearmodifiers Return
for _ in $(seq 200); do [[ $(calls) == 1 ]] && break; sleep 0.05; done
[[ $(calls) == 1 ]] || fail "the console did not call after the log came back"
shot "$tmp/console.png" console-back
e2e_sleep 0.5
[[ $(calls) == 1 ]] || fail "a refused key was replayed after the log came back"

stop() { # PID: end a screen started by this script
	kill "$1"
	wait "$1" || fail "a screen exited with status $? on SIGTERM"
}
stop "${pids[-1]}"
unset 'pids[-1]'

# ---- the ticket kiosk (a window as large as the display)
declare -A at
while read -r name x y; do at[$name]="$x $y"; done < <("$BUILD/tests/test_ticket_layout" --print 1280 800)
tap() { # NAME: click the centre of a control
	# shellcheck disable=SC2086
	xdotool mousemove ${at[$1]} click 1
}
tickets() { sql "$DB" "SELECT count(*) FROM ticket"; }
printed() { find "$tmp/printed" -name '*.bin' | wc -l; }
SADUAK_WINDOW_SIZE=1280x800 SADUAK_WINDOW_POS=0,0 SADUAK_SCREENSHOT=$tmp/kiosk.png \
	ASAN_OPTIONS=$(asan_options_no_leaks) "$KIOSK" --config "$CFG" --mode ticket 2>"$tmp/kiosk.log" &
pids+=("$!")
wait_for "$tmp/kiosk.log" "ticket screen ready" "the kiosk did not start"
shot "$tmp/kiosk.png" kiosk-up
before=$(tickets) printed_before=$(printed)
fresh "$tmp/kiosk.png"
log_take
wait_for "$tmp/kiosk.log" "locked by another program.*retrying" "the kiosk did not notice"
echo "log_loss: kiosk shows the fault $(since_taken) ms after the log was taken"
shot "$tmp/kiosk.png" kiosk-down
tap home.service.0
e2e_sleep 0.5
tap advice.take.0
e2e_sleep 0.5
fresh "$tmp/kiosk.png"
tap home.lang.0
shot "$tmp/kiosk.png" kiosk-down-en
log_give
wait_for "$tmp/kiosk.log" "the log answers again" "the kiosk did not reconnect"
[[ $(tickets) == "$before" && $(printed) == "$printed_before" ]] ||
	fail "the kiosk issued or printed while the log was out of reach"
fresh "$tmp/kiosk.png"
tap home.service.0
shot "$tmp/kiosk.png" kiosk-back-advice
e2e_sleep 0.6 # the advice screen ignores taps for a moment (ARM_MS)
fresh "$tmp/kiosk.png"
tap advice.take.0
for _ in $(seq 200); do [[ $(printed) -gt $printed_before ]] && break; sleep 0.05; done
[[ $(tickets) == $((before + 1)) && $(printed) == $((printed_before + 1)) ]] ||
	fail "the kiosk did not issue and print once the log was back ($(tickets) tickets, $(printed) printed)"
shot "$tmp/kiosk.png" kiosk-back
stop "${pids[-1]}"
unset 'pids[-1]'

# ---- the board: the last calls stay, a quiet mark in a corner
# same_calls A B: the two board frames show the same calls (the rows between
# the header and the mark's corner are the same).
same_calls() {
	python3 - "$1" "$2" "$SRC/tests/e2e" <<-'EOF'
		import sys
		sys.path.insert(0, sys.argv[3])
		from board_check import read_png
		a, b = read_png(sys.argv[1]), read_png(sys.argv[2])
		assert a and b and a[:2] == b[:2], "frames of different sizes"
		w, h, stride = a[0], a[1], a[0] * 3 + 1
		rows = slice(h * 15 // 100 * stride, h * 80 // 100 * stride)
		assert a[2][rows] == b[2][rows], "the calls on the board changed"
	EOF
}
export SDL_AUDIODRIVER=dummy
SADUAK_BOARD_SIZE=1280x800 SADUAK_WINDOW_POS=0,0 SADUAK_SCREENSHOT=$tmp/board.png \
	ASAN_OPTIONS=$(asan_options_no_leaks) "$KIOSK" --config "$CFG" --mode board 2>"$tmp/board.log" &
pids+=("$!")
wait_for "$tmp/board.log" "board: following" "the board did not start"
shot "$tmp/board.png" board-up
fresh "$tmp/board.png"
log_take
wait_for "$tmp/board.log" "locked by another program.*retrying" "the board did not notice"
echo "log_loss: board shows the fault $(since_taken) ms after the log was taken"
shot "$tmp/board.png" board-down
same_calls "$SHOTS/board-up.png" "$SHOTS/board-down.png" || fail "the board lost its calls"
log_give
wait_for "$tmp/board.log" "the log answers again" "the board did not reconnect"
"$COUNTER" --config "$CFG" --counter 3 next >/dev/null
wait_for "$tmp/board.log" "called to counter 3 shown" "the board did not show a call once back"
fresh "$tmp/board.png"
shot "$tmp/board.png" board-back
stop "${pids[-1]}"
unset 'pids[-1]'

# ---- the rating screen of counter 2: the mark, then a finish asks again
SADUAK_RATING_SIZE=1280x800 SADUAK_WINDOW_POS=0,0 SADUAK_SCREENSHOT=$tmp/rating.png \
	ASAN_OPTIONS=$(asan_options_no_leaks) "$KIOSK" --config "$CFG" --mode rating --counter 2 2>"$tmp/rating.log" &
pids+=("$!")
wait_for "$tmp/rating.log" "rating: counter 2" "the rating screen did not start"
fresh "$tmp/rating.png"
log_take
wait_for "$tmp/rating.log" "locked by another program.*retrying" "the rating screen did not notice"
echo "log_loss: rating screen shows the fault $(since_taken) ms after the log was taken"
shot "$tmp/rating.png" rating-down
log_give
wait_for "$tmp/rating.log" "the log answers again" "the rating screen did not reconnect"
"$COUNTER" --config "$CFG" --counter 2 finish >/dev/null
wait_for "$tmp/rating.log" "rating: asking about" "the rating screen did not follow a finish once back"
stop "${pids[-1]}"
unset 'pids[-1]'

# ---- saduak-web: 503 in Thai and English, JSON under /api, at once
URL=http://127.0.0.1:$PORT
"$WEB" --config "$CFG" 2>"$tmp/web.log" &
pids+=("$!")
wait_for "$tmp/web.log" "listening on" "saduak-web did not start"
token=$(sql "$DB" "SELECT token FROM ticket ORDER BY id LIMIT 1")
get() { # PATH: "STATUS" and the body in $tmp/body; a hang guard of 20 s
	curl -s -m 20 -o "$tmp/body" -w '%{http_code}' "$URL$1"
}
[[ $(get /api/queue) == 200 ]] || fail "/api/queue before: $(cat "$tmp/body")"
# A citizen's phone follows the ticket's page in Chromium meanwhile.
waiting=$(sql "$DB" "SELECT token FROM ticket WHERE state = 'waiting' ORDER BY id LIMIT 1")
/usr/bin/python3 "$SRC/tests/e2e/web_ticket_fault.py" "$URL/t/$waiting" "$SHOTS" "$tmp" \
	2>"$tmp/browser.log" &
browser=$!
browser_step loaded "the ticket's page did not open in Chromium"
log_take
[[ $(get "/t/$token") == 503 ]] || fail "a ticket's page with the log out of reach: $(head -c 300 "$tmp/body")"
echo "log_loss: saduak-web answers 503 $(since_taken) ms after the log was taken"
grep -q "ระบบไม่พร้อมให้บริการ" "$tmp/body" && grep -q "Service unavailable" "$tmp/body" ||
	fail "the 503 page is not in Thai and English: $(head -c 300 "$tmp/body")"
[[ $(get /api/queue) == 503 ]] || fail "/api/queue with the log out of reach"
python3 -c 'import json, sys; e = json.load(open(sys.argv[1])); assert e["error"] == 503 and "not available" in e["message"], e' "$tmp/body" ||
	fail "/api/queue did not say so in JSON: $(cat "$tmp/body")"
browser_step marked "the ticket's page did not show its reconnecting mark"
echo "log_loss: the ticket's page shows its mark $(since_taken) ms after the log was taken"
log_give
browser_step cleared "the ticket's page kept its mark after the log was back"
wait "$browser" || fail "the ticket's page in Chromium: $(tail -1 "$tmp/browser.log")"
for _ in $(seq 100); do [[ $(get /api/queue) == 200 ]] && break; sleep 0.1; done
[[ $(get "/t/$token") == 200 ]] || fail "saduak-web did not answer once the log was back"
stop "${pids[-1]}"
unset 'pids[-1]'

# ---- started while the log cannot be opened (its folder not there yet):
# every screen (and `saduak-counter displays`, the LED displays' follower)
# runs and shows it, a one-shot command still exits 4 with one
# line, and all of them open the log by themselves once it can be.
LATE=$tmp/later/queue.db
sed -e "s|^database = .*|database = $LATE|" "$CFG" >"$tmp/late.ini"
SADUAK_WINDOW_SIZE=820x560 SADUAK_SCREENSHOT=$tmp/console.png \
	ASAN_OPTIONS=$(asan_options_no_leaks) "$COUNTER" --config "$tmp/late.ini" --counter 1 2>"$tmp/late-console.log" &
pids+=("$!")
SADUAK_WINDOW_SIZE=1280x800 SADUAK_SCREENSHOT=$tmp/kiosk.png \
	ASAN_OPTIONS=$(asan_options_no_leaks) "$KIOSK" --config "$tmp/late.ini" --mode ticket 2>"$tmp/late-kiosk.log" &
pids+=("$!")
SADUAK_BOARD_SIZE=1280x800 SADUAK_SCREENSHOT=$tmp/board.png \
	ASAN_OPTIONS=$(asan_options_no_leaks) "$KIOSK" --config "$tmp/late.ini" --mode board 2>"$tmp/late-board.log" &
pids+=("$!")
SADUAK_RATING_SIZE=1280x800 SADUAK_SCREENSHOT=$tmp/rating.png \
	ASAN_OPTIONS=$(asan_options_no_leaks) "$KIOSK" --config "$tmp/late.ini" --mode rating --counter 1 2>"$tmp/late-rating.log" &
pids+=("$!")
"$WEB" --config "$tmp/late.ini" 2>"$tmp/late-web.log" &
pids+=("$!")
"$COUNTER" --config "$tmp/late.ini" displays 2>"$tmp/late-displays.log" &
pids+=("$!")
for screen in console kiosk board rating web displays; do
	wait_for "$tmp/late-$screen.log" "folder.*retrying every" "$screen did not say the log is out of reach"
done
wait_for "$tmp/late-web.log" "listening on" "saduak-web did not start without its log"
[[ $(get /api/queue) == 503 ]] || fail "saduak-web without its log answered $(cat "$tmp/body")"
for screen in console kiosk board; do
	shot "$tmp/$screen.png" "$screen-start-down"
done
set +e
out=$("$KIOSK" --config "$tmp/late.ini" issue A 2>&1)
rc=$?
set -e
[[ $rc == 4 && $(wc -l <<<"$out") == 1 ]] || fail "issue without its log: exit $rc, said: $out"
mkdir "$tmp/later"
for screen in console kiosk board rating displays; do
	wait_for "$tmp/late-$screen.log" "the log answers again" "$screen did not open the log once it could"
done
for _ in $(seq 100); do [[ $(get /api/queue) == 200 ]] && break; sleep 0.1; done
[[ $(get /api/queue) == 200 ]] || fail "saduak-web did not open the log once it could"
"$COUNTER" --config "$tmp/late.ini" --counter 1 login somchai >/dev/null
"$KIOSK" --config "$tmp/late.ini" issue C >/dev/null
"$COUNTER" --config "$tmp/late.ini" --counter 1 next >/dev/null
wait_for "$tmp/late-board.log" "C001 called to counter 1 shown" "the board started without its log shows no call"
fresh "$tmp/board.png"
shot "$tmp/board.png" board-start-back

echo "log_loss: ok (screenshots in $SHOTS)"
