#!/usr/bin/env bash
# counter_led.sh BUILD_DIR SOURCE_DIR - the command-line verbs drive the counter's LED display.
#
# Runs saduak-led-emulator on a pseudo-terminal (--link in a temporary
# folder) for each protocol, points the demo office's displays at the links,
# and checks:
#   - login / next / recall / call / break / resume / logout put the right
#     thing on the display, as the emulator decodes it (modbus a and b, alpha,
#     ascii with a checksum);
#   - unplug: with the emulator gone every verb still exits 0 with exactly one
#     warning line on stderr; the next verb after it is back shows the number,
#     and a running console (offscreen) catches up by itself within its retry;
#   - bad input: unknown protocol and bad address refuse the config with one
#     line (exit 1); a baud rate the port refuses and a missing device give
#     one warning line and the verb succeeds; the console starts anyway.
set -euo pipefail

BUILD=${1:?usage: counter_led.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: counter_led.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter
EMU=$BUILD/tests/tools/saduak-led-emulator

tmp=$(mktemp -d)
pids=()
cleanup() {
	end_pids
	rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
	echo "counter_led: FAIL: $*" >&2
	tail_logs 15
	exit 1
}

at_local_noon
export SDL_VIDEODRIVER=offscreen

CFG=$tmp/office.ini
office_config "$tmp/queue.db" -e "s|^port = ../demo-data/|port = $tmp/|" \
	-e "s|^dir = .*|dir = $tmp|" >"$CFG"

# start_emu N: an emulator for [display N] at $tmp/led-N, logging to $tmp/emu-N.log.
declare -A emu_pid
start_emu() {
	"$EMU" --link "$tmp/led-$1" --config "$CFG" --display "led$1" >>"$tmp/emu-$1.log" 2>&1 &
	emu_pid[$1]=$!
	pids+=("$!")
	for _ in $(seq 100); do
		[[ -L $tmp/led-$1 ]] && return 0
		sleep 0.02
	done
	fail "emulator $1 did not start"
}

stop_emu() {
	kill "${emu_pid[$1]}"
	wait "${emu_pid[$1]}" 2>/dev/null || true
}

# shows N PATTERN: the last frame the emulator N decoded matches PATTERN (waits 2 s).
shows() {
	local last=
	for _ in $(seq 100); do
		last=$(grep '^frame' "$tmp/emu-$1.log" | tail -n 1 || true)
		[[ $last =~ $2 ]] && return 0
		sleep 0.02
	done
	fail "display $1 shows '$last', expected /$2/"
}

# verb N ARGS...: run a verb on counter N; must exit 0; stderr into $tmp/verb.err.
verb() {
	local n=$1
	shift
	"$COUNTER" --config "$CFG" --counter "$n" "$@" >"$tmp/verb.out" 2>"$tmp/verb.err" ||
		fail "counter $n $* exited $? ($(cat "$tmp/verb.err"))"
}

code_of_call() { grep -oE '^[A-Z]{1,2}[0-9]{3}' "$tmp/verb.out"; }

for n in 1 2 3 4; do start_emu "$n"; done
for s in A A B C C D; do "$KIOSK" --config "$CFG" issue "$s" >/dev/null; done

# Every protocol shows the called number.
verb 2 login somchai
verb 2 next
code=$(code_of_call)
shows 2 "frame modbus unit=2 text=\"$code\""
verb 1 login suda
verb 1 next
code=$(code_of_call)
shows 1 "frame alpha addr=01 text=\"$code 1\""
verb 3 login prasert
verb 3 next
code=$(code_of_call)
shows 3 "frame ascii addr=3 text=\"$code\""
verb 4 login wilai
verb 4 next
code=$(code_of_call)
shows 4 "frame modbus unit=4 show=${code: -1}"
[[ ! -s $tmp/verb.err ]] || fail "a verb with a working display wrote to stderr: $(cat "$tmp/verb.err")"

# recall, break, resume, logout, call.
verb 2 recall
shows 2 "text=\"A001\""
verb 2 finish
verb 2 break --reason lunch
shows 2 'text="----"'
verb 2 resume
"$KIOSK" --config "$CFG" issue B >/dev/null
code=$("$KIOSK" --config "$CFG" issue A)
verb 2 call "$code" --reason appointment
shows 2 "text=\"$code\""
verb 2 finish
verb 2 logout
shows 2 'frame modbus unit=2 (text=""|text=" *"|show=0)'
echo "counter_led: every verb and protocol shows on its display"

# Unplug: the display goes away; the verbs go on, one warning line each.
verb 2 login somchai
stop_emu 2
[[ ! -e $tmp/led-2 ]] || fail "the emulator left its link behind"
# A console keeps the display open and must catch up by itself.
"$COUNTER" --config "$CFG" --counter 2 >"$tmp/console.out" 2>"$tmp/console.log" &
console_pid=$!
pids+=("$console_pid")
for _ in $(seq 100); do
	grep -q "console of counter 2 ready" "$tmp/console.log" && break
	sleep 0.05
done
grep -q "console of counter 2 ready" "$tmp/console.log" || fail "the console did not start"
for i in 1 2 3; do
	"$KIOSK" --config "$CFG" issue A >/dev/null
	"$COUNTER" --config "$CFG" --counter 2 next >"$tmp/verb.out" 2>"$tmp/verb.err" ||
		fail "next with the display unplugged exited $?"
	[[ $(wc -l <"$tmp/verb.err") -eq 1 ]] || fail "expected one warning line, got: $(cat "$tmp/verb.err")"
	grep -q "warning: display led2 offline" "$tmp/verb.err" || fail "warning: $(cat "$tmp/verb.err")"
done
code=$(code_of_call)
echo "counter_led: unplugged: 3 calls exited 0 with one warning each ($(cat "$tmp/verb.err"))"
start_emu 2
# The console retries every few seconds and sends what the counter holds now.
for _ in $(seq 200); do
	grep -q "text=\"$code\"" "$tmp/emu-2.log" && break
	sleep 0.05
done
shows 2 "text=\"$code\""
echo "counter_led: the console caught up: display shows $code after the emulator came back"
verb 2 next
code=$(code_of_call)
shows 2 "text=\"$code\""
[[ ! -s $tmp/verb.err ]] || fail "stderr after the display came back: $(cat "$tmp/verb.err")"
kill "$console_pid"
wait "$console_pid" 2>/dev/null || true
echo "counter_led: the next verb shows $code"

# Faults: a display section that is wrong (unknown protocol, bad address) or a
# device the port refuses: the verb succeeds with one warning line naming the
# file, line and key, and the console runs with that display off.
runtime() {
	sed -e "$1" "$CFG" >"$tmp/rt.ini"
	"$KIOSK" --config "$tmp/rt.ini" issue A >/dev/null 2>&1 || fail "$2: no ticket to call"
	"$COUNTER" --config "$tmp/rt.ini" --counter 2 next >"$tmp/verb.out" 2>"$tmp/verb.err" ||
		fail "$2: next exited $?"
	[[ $(wc -l <"$tmp/verb.err") -eq 1 ]] || fail "$2: $(cat "$tmp/verb.err")"
	grep -q "$3" "$tmp/verb.err" || fail "$2: $(cat "$tmp/verb.err")"
	echo "counter_led: $2: $(cat "$tmp/verb.err")"
	rm -f "$tmp/rt.png"
	local rc=0
	SADUAK_SCREENSHOT=$tmp/rt.png timeout 3 "$COUNTER" --config "$tmp/rt.ini" --counter 2 \
		2>"$tmp/rt-console.log" || rc=$?
	[[ $rc -eq 124 ]] || fail "$2: the console exited $rc: $(cat "$tmp/rt-console.log")"
	[[ -s $tmp/rt.png ]] || fail "$2: the console drew nothing"
	grep -qE "display offline|LED display off" "$tmp/rt-console.log" || fail "$2: console log: $(cat "$tmp/rt-console.log")"
}
"$KIOSK" --config "$CFG" issue A >/dev/null
"$KIOSK" --config "$CFG" issue A >/dev/null
runtime '/^\[display led2\]/,/^$/s/^protocol = .*/protocol = blink/' "unknown protocol" \
	"rt.ini:[0-9]*: \[display led2\] key 'protocol': unknown protocol 'blink'"
runtime '/^\[display led2\]/,/^$/s/^address = .*/address = 300/' "bad address" \
	"rt.ini:[0-9]*: \[display led2\] key 'address': '300' is not a modbus unit address"
runtime '/^\[display led2\]/,/^$/s/^address = .*/address = 2\nbaud = 14400\ntransport = termios/' \
	"baud rate the port refuses" "14400 baud is not a termios speed"
runtime "/^\[display led2\]/,/^\$/s|^port = .*|port = $tmp/no-such-device|" \
	"device missing" "unable to open '$tmp/no-such-device'"
echo "counter_led: PASS"
