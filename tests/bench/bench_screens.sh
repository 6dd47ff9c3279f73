#!/usr/bin/env bash
# bench_screens.sh BUILD_DIR SOURCE_DIR [IDLE_SECONDS] - memory and idle CPU
# of each screen at 1920x1080, beside the OpenGL path measured in the same run.
#
# Prints, never asserts (target: each screen under 80 MB resident, idle CPU
# below 1 % of one core). Each screen (kiosk, board, rating, the counter
# console) runs under Xvfb at 1920x1080 with a few tickets in its log, first
# as shipped (software drawing into the window's framebuffer), then with
# SDL_RENDER_DRIVER=opengl SDL_FRAMEBUFFER_ACCELERATION=1, Mesa's path,
# which maps its LLVM-based rasteriser into the process. Resident memory
# (VmRSS, and the peak VmHWM) is read once the screen has drawn and settled;
# idle CPU is user + system time over IDLE_SECONDS (default 10).
set -euo pipefail
BUILD=${1:?usage: bench_screens.sh BUILD_DIR SOURCE_DIR [IDLE_SECONDS]}
SRC=${2:?usage: bench_screens.sh BUILD_DIR SOURCE_DIR [IDLE_SECONDS]}
IDLE=${3:-10}
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter
# shellcheck source=../e2e/lib.sh
. "$SRC/tests/e2e/lib.sh"
tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

at_local_noon
cfg=$tmp/bench.ini
office_config "$tmp/queue.db" -e '/^display = /d' -e "s|^dir = .*|dir = $tmp/clips|" >"$cfg"
for s in A A B C; do "$KIOSK" --config "$cfg" issue "$s" >/dev/null; done
"$COUNTER" --config "$cfg" --counter 2 login somchai >/dev/null
"$COUNTER" --config "$cfg" --counter 2 next >/dev/null

start_xvfb 1920x1080 "$tmp/xvfb.log" || { echo "Xvfb did not start"; exit 1; }
export SDL_AUDIODRIVER=dummy SADUAK_WINDOW_SIZE=1920x1080

# measure LABEL COMMAND...: start a screen, wait for its first frame, then
# print its resident memory and its CPU use while idle.
measure() {
	local label=$1 shot=$tmp/shot.png pid t0 t1 rss hwm
	shift
	rm -f "$shot"
	SADUAK_SCREENSHOT=$shot "$@" 2>"$tmp/screen.log" &
	pid=$!
	for _ in $(seq 400); do [[ -s $shot ]] && break; sleep 0.05; done
	[[ -s $shot ]] || { echo "$label: no frame drawn"; tail -3 "$tmp/screen.log"; kill "$pid"; return; }
	sleep 2
	t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
	sleep "$IDLE"
	t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
	rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
	hwm=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	awk -v l="$label" -v r="$rss" -v h="$hwm" -v d=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v s="$IDLE" \
		'BEGIN { printf "  %-28s %6.1f MB resident (peak %6.1f MB)  idle CPU %5.2f %%\n", l, r / 1024, h / 1024, d / hz / s * 100 }'
}

echo "screens at 1920x1080 under Xvfb, idle CPU over ${IDLE} s (target: < 80 MB, < 1 %):"
for path in shipped opengl; do
	if [[ $path == opengl ]]; then
		export SDL_RENDER_DRIVER=opengl SDL_FRAMEBUFFER_ACCELERATION=1
	fi
	measure "kiosk ($path)" "$KIOSK" --config "$cfg" --mode ticket
	measure "board ($path)" "$KIOSK" --config "$cfg" --mode board
	measure "rating ($path)" "$KIOSK" --config "$cfg" --mode rating --counter 2
	measure "console ($path)" "$COUNTER" --config "$cfg" --counter 2
done
