# Shared by the officer console's end-to-end scripts (counter_console.sh,
# console_chooser.sh): an Xvfb display, the console on it, keys typed into
# it. Source it after lib.sh, with $tmp, the pids array, fail() and
# $COUNTER set.

# xvfb_start: start Xvfb on a free display number and export DISPLAY.
xvfb_start() {
	local disp= n
	for n in $(seq 90 120); do
		[[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] && continue
		disp=:$n
		break
	done
	Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
	pids+=("$!")
	export DISPLAY=$disp
	for _ in $(seq 100); do
		xdotool getmouselocation >/dev/null 2>&1 && break
		sleep 0.05
	done
}

# console_start CFG N: start the console of counter N (its log in
# $tmp/console.log, its screenshot in $tmp/console.png, its pid the last of
# pids) and focus it.
console_start() {
	local cfg=$1 n=$2 win
	# Leaks are not looked for, as in every SDL program's test: the system's
	# libdbus keeps an allocation SDL's window brings in.
	ASAN_OPTIONS=$(asan_options_no_leaks) SADUAK_SCREENSHOT=$tmp/console.png \
		"$COUNTER" --config "$cfg" --counter "$n" 2>"$tmp/console.log" &
	pids+=("$!")
	# As long as it runs: the count is only a hang guard (about 2 minutes).
	for _ in $(seq 2400); do
		grep -q "console of counter $n ready" "$tmp/console.log" && break
		kill -0 "${pids[-1]}" 2>/dev/null || fail "the console exited: $(tail -3 "$tmp/console.log")"
		sleep 0.05
	done
	grep -q "console of counter $n ready" "$tmp/console.log" || fail "the console did not start"
	win=$(xdotool search --sync --name "^Saduak Queue - counter $n\$" | head -n 1)
	xdotool windowfocus --sync "$win" 2>/dev/null || xdotool windowfocus "$win"
	sleep 0.3
}

# key KEY...: type keys into the console, a little apart as a person would.
key() {
	for k in "$@"; do
		xdotool key --clearmodifiers "$k"
		sleep 0.25
	done
}
