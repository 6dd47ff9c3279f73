#!/usr/bin/env bash
# demo_layout.sh BUILD_DIR SOURCE_DIR - the demo's five windows fit a
# 1920x1080 desktop without hiding each other's controls.
#
# Opens the kiosk, the board, the consoles of counters 2 and 3 and the
# rating screen under Xvfb at 1920x1080 with the positions and sizes of
# scripts/demo-layout.sh (what demo.sh uses), then asks X where each window
# is: each must open at its size (SADUAK_WINDOW_SIZE reaches every screen),
# lie on the desktop with room for a 30-pixel title bar above it, and
# overlap no other window or title bar. Each window's first frame is kept in
# build/screenshots/demo/ for looking at.
set -euo pipefail

BUILD=${1:?usage: demo_layout.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: demo_layout.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
# shellcheck source=../../scripts/demo-layout.sh
. "$SRC/scripts/demo-layout.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter
SHOTS=$BUILD/screenshots/demo
TITLE_BAR=30

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
	echo "demo_layout: FAIL: $*" >&2
	for f in "$tmp"/*.log; do
		echo "--- $f" >&2
		tail -n 5 "$f" >&2
	done
	exit 1
}

at_local_noon
mkdir -p "$SHOTS"
CFG=$tmp/office.ini
office_config "$tmp/queue.db" -e '/^display = /d' -e "s|^dir = .*|dir = $tmp|" >"$CFG"
"$KIOSK" --config "$CFG" issue A >/dev/null
"$COUNTER" --config "$CFG" --counter 2 login somchai >/dev/null
"$COUNTER" --config "$CFG" --counter 3 login suda >/dev/null

start_xvfb 1920x1080 "$tmp/xvfb.log" || fail "Xvfb did not start"
export SDL_AUDIODRIVER=dummy

# open NAME TITLE COMMAND...: one window of the layout.
declare -A title_of pid_of
open() {
	local name=$1 title=$2
	shift 2
	title_of[$name]=$title
	SADUAK_WINDOW_POS=${demo_pos[$name]} SADUAK_WINDOW_SIZE=${demo_size[$name]} \
		SADUAK_SCREENSHOT=$SHOTS/$name.png "$@" 2>"$tmp/$name.log" &
	pids+=("$!")
	pid_of[$name]=$!
}
open kiosk "^Saduak Queue$" "$KIOSK" --config "$CFG" --mode ticket
open board "^Saduak Queue board$" "$KIOSK" --config "$CFG" --mode board
open counter2 "^Saduak Queue - counter 2$" "$COUNTER" --config "$CFG" --counter 2
open counter3 "^Saduak Queue - counter 3$" "$COUNTER" --config "$CFG" --counter 3
open rating "^Saduak Queue rating counter 2$" "$KIOSK" --config "$CFG" --mode rating --counter 2

declare -A x y w h
for name in "${!title_of[@]}"; do
	win=
	# While the program runs, its window is waited for; the count only guards
	# against a hang, about 5 minutes (a loaded machine maps five windows slowly).
	for _ in $(seq 6000); do
		win=$(xdotool search --onlyvisible --name "${title_of[$name]}" 2>/dev/null | head -n 1) || true
		[[ -n $win ]] && break
		kill -0 "${pid_of[$name]}" 2>/dev/null || fail "the $name program ended before its window opened"
		sleep 0.05
	done
	if [[ -z $win ]]; then
		echo "demo_layout: windows on the display:" >&2
		for id in $(xdotool search --name . 2>/dev/null); do
			echo "  $id '$(xdotool getwindowname "$id" 2>/dev/null)'" >&2
		done
		fail "the $name window did not open"
	fi
	eval "$(xdotool getwindowgeometry --shell "$win")"
	x[$name]=$X y[$name]=$Y w[$name]=$WIDTH h[$name]=$HEIGHT
	want=${demo_size[$name]}
	[[ ${WIDTH}x$HEIGHT == "$want" ]] || fail "$name opened at ${WIDTH}x$HEIGHT, not $want"
	((X >= 0 && Y >= 0 && X + WIDTH <= 1920 && Y + HEIGHT + TITLE_BAR <= 1080)) ||
		fail "$name at ${X},${Y} ${WIDTH}x$HEIGHT leaves the 1920x1080 desktop"
	echo "demo_layout: $name at ${X},${Y} ${WIDTH}x${HEIGHT}"
done

# Each window with its title bar above must not overlap another's.
names=("${!title_of[@]}")
for ((i = 0; i < ${#names[@]}; i++)); do
	for ((j = i + 1; j < ${#names[@]}; j++)); do
		a=${names[i]} b=${names[j]}
		if ((x[$a] < x[$b] + w[$b] && x[$b] < x[$a] + w[$a] &&
			y[$a] < y[$b] + h[$b] + TITLE_BAR && y[$b] < y[$a] + h[$a] + TITLE_BAR)); then
			fail "$a and $b overlap"
		fi
	done
done
echo "demo_layout: 5 windows fit 1920x1080 side by side (screenshots in $SHOTS)"

# A screen with no display to show on says so and ends, instead of running
# on SDL's offscreen fallback with no window (after UI_DISPLAY_TRIES tries a
# second apart: a count, not a deadline).
status=0
DISPLAY=:$((90000 + RANDOM)) "$KIOSK" --config "$CFG" --mode rating --counter 2 \
	2>"$tmp/nodisplay.log" || status=$?
((status != 0)) || fail "a screen with no display ran on: $(tail -2 "$tmp/nodisplay.log")"
grep -q "no display answered (DISPLAY=.*): trying again every second" "$tmp/nodisplay.log" ||
	fail "a screen with no display did not say it waits for one: $(tail -2 "$tmp/nodisplay.log")"
grep -q "unable to open the display: no X11 or Wayland display answered" "$tmp/nodisplay.log" ||
	fail "a screen with no display did not end with one line: $(tail -2 "$tmp/nodisplay.log")"
echo "demo_layout: a screen with no display tried again, then ended with exit $status"
