# Shared by the end-to-end scripts: source it after setting SRC.

# end_pids: kill and reap every process of the caller's pids array (for its
# EXIT trap).
end_pids() {
	local p
	for p in "${pids[@]}"; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
}

# tail_logs N: the last N lines of each $tmp/*.log on stderr, for a failure.
tail_logs() {
	local f
	for f in "$tmp"/*.log; do
		[[ -e $f ]] || continue
		echo "--- $f" >&2
		tail -n "$1" "$f" >&2
	done
}

# wait_for FILE PATTERN WHAT: FILE gets a line matching the extended regex
# PATTERN (a hang guard of 60 s); else the caller's fail with WHAT.
wait_for() {
	for _ in $(seq 1200); do
		grep -qE "$2" "$1" 2>/dev/null && return 0
		sleep 0.05
	done
	fail "$3: no /$2/ in $1"
}

# office_config DB [SED-ARGS...]: config/demo.ini with its log at DB and every
# service open all day (tests run at any hour), edited further by SED-ARGS
# (e.g. -e '/^display = /d' for counters without LED displays); to stdout.
office_config() {
	local db=$1
	shift
	sed -e "s|^database = .*|database = $db|" \
		-e 's|^hours = .*|hours = daily 00:00-24:00|' \
		-e '/^extended_hours/d' "$@" "$SRC/config/demo.ini"
}

# e2e_sleep SECONDS: a pause between steps on a screen, stretched by
# SQ_E2E_SLOW (scripts/test.sh sets 2 for the sanitizer build).
e2e_sleep() {
	sleep "$(awk -v s="$1" -v k="${SQ_E2E_SLOW:-1}" 'BEGIN { print s * k }')"
}

# asan_options_no_leaks: ASAN_OPTIONS without leak detection, under the
# sanitizer build, for two kinds of process. Screens: libdbus and Mesa's EGL,
# loaded and unloaded by SDL, leave allocations LeakSanitizer reports from
# "<unknown module>", none of them ours. Programs the crash test kills: a
# kill -9 during the leak check at exit makes LeakSanitizer's tracer print
# "Unable to get registers from thread" on the dead program's stderr. Every
# other command-line run keeps leak detection.
asan_options_no_leaks() {
	echo "${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
}

# at_local_noon: export SADUAK_CLOCK_OFFSET so that every program started
# afterwards runs as at noon in Bangkok today, so that no service day ends
# during a test.
at_local_noon() {
	local h m s
	IFS=: read -r h m s <<<"$(TZ=Asia/Bangkok date +%H:%M:%S)"
	export SADUAK_CLOCK_OFFSET=$((12 * 3600 - (10#$h * 3600 + 10#$m * 60 + 10#$s)))
}

# sql DB QUERY: run QUERY on the log DB with the sqlite3 shell, rows without
# a header. A reader of a WAL database can still meet a lock for a moment (a
# writer's checkpoint, or the first opener rebuilding the -shm index after a
# kill -9), and the shell has no busy timeout of its own: it would fail at
# once with "database is locked" where our programs wait.
sql() {
	case $1 in
	postgresql://* | postgres://* | service=*)
		psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$1" -c "$2"
		;;
	*) sqlite3 -batch -noheader -cmd '.timeout 10000' "$1" "$2" ;;
	esac
}

# log_to_sqlite DATABASE CONFIG FILE: the log's tickets, events and counters
# copied into the SQLite log FILE (made by saduak-counter with CONFIG's
# database changed), for checkers that read SQLite (check_log.py). DATABASE
# may be either engine's; a SQLite one is copied as it is.
log_to_sqlite() {
	local db=$1 cfg=$2 file=$3 table cols
	case $db in
	postgresql://* | postgres://* | service=*) ;;
	*)
		cp "$db" "$file"
		return
		;;
	esac
	sed "s|^database = .*|database = $file|" "$cfg" >"$file.ini"
	"$BUILD/counter/saduak-counter" --config "$file.ini" --counter 1 status >/dev/null
	for table in ticket event counter_state; do
		cols=$(sql "$db" "SELECT string_agg('quote_nullable(' || column_name || ')', ' || '','' || '
			ORDER BY ordinal_position) FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = '$table'")
		sql "$db" "SELECT 'INSERT INTO $table VALUES (' || $cols || ');' FROM $table"
	done | sqlite3 -batch "$file"
	rm -f "$file.ini"
}

# start_xvfb WxH LOG: an X server of that size on a display number it picks
# itself (-displayfd: no race between tests run in parallel), its pid added
# to the caller's pids array; exports DISPLAY once the server answers.
# Returns 1 if it does not.
start_xvfb() {
	local num_file
	num_file=$(mktemp)
	Xvfb -displayfd 3 -screen 0 "$1x24" -nolisten tcp 3>"$num_file" >"$2" 2>&1 &
	pids+=("$!")
	for _ in $(seq 400); do
		[[ -s $num_file ]] && break
		sleep 0.05
	done
	export DISPLAY=:$(tr -d '\n' <"$num_file")
	rm -f "$num_file"
	for _ in $(seq 200); do
		xdotool getmouselocation >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	return 1
}

# kiosk_config DB PRINTER KIOSK [SED-ARGS...]: office_config DB (edited by
# SED-ARGS as there) with a [printer] of the lines PRINTER and a fullscreen
# [kiosk] with the lines KIOSK in place of the demo's; to stdout.
kiosk_config() {
	local db=$1 printer=$2 kiosk=$3
	shift 3
	office_config "$db" -e '/^\[printer\]/,/^$/d' -e '/^\[kiosk\]/,/^$/d' "$@"
	printf '\n[printer]\n%s\n\n[kiosk]\nfullscreen = yes\n%s\n' "$printer" "$kiosk"
}

# kiosk_layout W H [SCREEN]: where each control of saduak-kiosk's SCREEN
# (ticket, the default, or rating) of W x H lies (test_SCREEN_layout
# --print), into the array at for tap.
kiosk_layout() {
	declare -gA at
	local name x y
	while read -r name x y; do at[$name]="$x $y"; done < <("$BUILD/tests/test_${3:-ticket}_layout" --print "$1" "$2")
}

# tap NAME [REPEAT]: click the centre of a control of kiosk_layout, REPEAT times.
tap() {
	# shellcheck disable=SC2086 # at[] holds "X Y"
	xdotool mousemove ${at[$1]} click --repeat "${2:-1}" --delay 40 1
}

# kiosk_start CONFIG LOG [MODE [ARGS...]]: saduak-kiosk --mode MODE (ticket
# by default) ARGS on CONFIG, its stderr appended to LOG and each frame kept
# in $tmp/cur.png; its pid in kiosk_pid. Returns once it has drawn its first
# frame and settled; else the caller's fail.
kiosk_start() {
	local cfg=$1 log=$2
	shift 2
	rm -f "$tmp/cur.png"
	ASAN_OPTIONS=$(asan_options_no_leaks) SADUAK_SCREENSHOT=$tmp/cur.png \
		"$BUILD/kiosk/saduak-kiosk" --config "$cfg" --mode "${1:-ticket}" "${@:2}" 2>>"$log" &
	kiosk_pid=$!
	# As long as it runs: the count is only a hang guard (about 2 minutes).
	for _ in $(seq 1200); do
		[[ -s $tmp/cur.png ]] && break
		kill -0 "$kiosk_pid" 2>/dev/null || fail "the kiosk exited: $(tail -3 "$log")"
		e2e_sleep 0.1
	done
	[[ -s $tmp/cur.png ]] || fail "the kiosk drew nothing while it ran (a hang guard of about 2 minutes)"
	e2e_sleep 0.5
}

# wait_http URL: until URL answers (a hang guard of 300 tries, not a timing);
# the caller's next request says if it never did.
wait_http() {
	for _ in $(seq 300); do
		curl -fs -o /dev/null "$1" && return 0
		sleep 0.1
	done
	return 0
}

# demo_checkout: a copy of the checkout's layout as scripts/demo.sh meets it,
# in top=$tmp/top (tmp a new folder): config/demo.ini with saduak-web on a
# free port (port), so that runs side by side never meet; scripts/ and
# build/ (BUILD) linked; the demo takes that build as it is, and no sound.
# Sets the EXIT trap that kills whatever runs from $top/ and removes $tmp.
demo_checkout() {
	tmp=$(mktemp -d)
	top=$tmp/top
	trap 'pkill -KILL -f "$top/" 2>/dev/null || true; rm -rf "$tmp"' EXIT
	mkdir -p "$top/config"
	ln -s "$SRC/scripts" "$top/scripts"
	ln -s "$BUILD" "$top/build"
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	sed -e "s|^port = 8080$|port = $port|" -e "s|127.0.0.1:8080|127.0.0.1:$port|" \
		"$SRC/config/demo.ini" >"$top/config/demo.ini"
	export SADUAK_DEMO_PREBUILT=1 SDL_AUDIODRIVER=dummy
	# The test's own commands run on the demo's clock (the next working
	# morning when the office is closed), as the demo's programs do.
	# shellcheck source=../../scripts/demo-clock.sh
	. "$SRC/scripts/demo-clock.sh"
	demo_clock >/dev/null
}

# demo_desktop OUT CONFIG [DEMO-ARGS...]: the demo of demo_checkout on a
# 1920x1080 desktop (Xvfb), its output to OUT, its pid in demo; returns once
# the kiosk window on CONFIG and the four LED emulators run, the kiosk's pid
# in kiosk; else the caller's fail.
demo_desktop() {
	local out=$1 cfg=$2
	shift 2
	xvfb-run -a -s "-screen 0 1920x1080x24" "$top/scripts/demo.sh" "$@" >"$out" 2>&1 &
	demo=$!
	kiosk=
	for _ in $(seq 1800); do # a month of history is simulated first: a hang guard of 3 min
		kiosk=$(pgrep -f -- "--config $cfg --mode ticket" || true)
		[[ -n $kiosk && $(pgrep -fc -- "--link $top/demo-data/led-") -eq 4 ]] && break
		kill -0 "$demo" 2>/dev/null || fail "the demo stopped early: $(tail -5 "$out")"
		sleep 0.1
	done
	[[ -n $kiosk ]] || fail "no kiosk window came up: $(tail -5 "$out")"
}

# demo_close: close the kiosk window of demo_desktop (SIGTERM, as closing
# it does); the demo must stop, and nothing it started may be left.
demo_close() {
	local left
	kill -TERM "$kiosk"
	for _ in $(seq 600); do # a hang guard, not a timing
		kill -0 "$demo" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$demo" 2>/dev/null && fail "the demo did not stop when the kiosk closed: $(pgrep -af "$top/")"
	wait "$demo" || true
	left=$(pgrep -af "$top/" || true)
	[[ -z $left ]] || fail "still running after the kiosk closed: $left"
}
