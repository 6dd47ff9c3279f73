#!/usr/bin/env bash
# board_serving.sh BUILD_DIR SOURCE_DIR - the board's "now serving" list
# keeps tickets at their counters and drops those that left some minutes ago.
#
# Counter 2 calls and finishes A001; counter 3 calls A002 and keeps it. A
# board on the same clock lists both (A001 finished a moment ago); a board
# whose clock runs 4 minutes later (past BOARD_SERVING_LINGER_MS, 3 min)
# lists A002 only. The board logs its list each time it changes.
set -euo pipefail

BUILD=${1:?usage: board_serving.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: board_serving.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter

tmp=$(mktemp -d)
board_pid=
cleanup() {
	[[ -n $board_pid ]] && { kill "$board_pid" 2>/dev/null || true; wait "$board_pid" 2>/dev/null || true; }
	rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
	echo "board_serving: FAIL: $*" >&2
	tail -n 20 "$tmp/board.log" >&2 || true
	exit 1
}

at_local_noon
export SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy
CFG=$tmp/office.ini
office_config "$tmp/queue.db" -e '/^display = /d' -e "s|^dir = .*|dir = $tmp|" >"$CFG"
for _ in 1 2; do "$KIOSK" --config "$CFG" issue A >/dev/null; done
"$COUNTER" --config "$CFG" --counter 2 login somchai >/dev/null
"$COUNTER" --config "$CFG" --counter 3 login suda >/dev/null
"$COUNTER" --config "$CFG" --counter 2 next >/dev/null
"$COUNTER" --config "$CFG" --counter 3 next >/dev/null
"$COUNTER" --config "$CFG" --counter 2 finish >/dev/null

# serving_after OFFSET_S: the first list a board OFFSET_S later than the counters logs.
serving_after() {
	SADUAK_CLOCK_OFFSET=$((SADUAK_CLOCK_OFFSET + $1)) ASAN_OPTIONS=$(asan_options_no_leaks) \
		SADUAK_BOARD_SIZE=800x480 "$KIOSK" --config "$CFG" --mode board 2>"$tmp/board.log" &
	board_pid=$!
	for _ in $(seq 600); do
		grep -q "board: now serving" "$tmp/board.log" && break
		kill -0 "$board_pid" 2>/dev/null || fail "the board stopped at start"
		sleep 0.05
	done
	kill -TERM "$board_pid"
	wait "$board_pid" || true
	board_pid=
	grep -m1 "board: now serving" "$tmp/board.log" | sed 's/.*now serving://' ||
		fail "the board logged no list"
}

now=$(serving_after 0)
[[ $now == " A002@3 A001@2" ]] || fail "at once the list is '$now', not ' A002@3 A001@2'"
later=$(serving_after 240)
[[ $later == " A002@3" ]] || fail "4 minutes later the list is '$later', not ' A002@3'"
echo "board_serving: at once:$now; 4 minutes later:$later"
