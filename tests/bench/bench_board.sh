#!/usr/bin/env bash
# bench_board.sh BUILD_DIR SOURCE_DIR [CALLS] [--engine sqlite|postgresql|both]
# - how fast the board follows a call.
#
# Prints, never asserts (targets: shown within 250 ms, chime within 300 ms):
#   - inside the board: from the call's event time (stamped in the counter's
#     transaction, just before its commit) to the frame drawn that shows it,
#     and to the announcement queued on the audio device;
#   - from outside: from `saduak-counter next` returning to the screenshot
#     (SADUAK_SCREENSHOT, 1920x1080 PNG) showing the call, and to the first
#     chime sample written by SDL's disk audio driver (which plays in real
#     time; a sound card adds its own buffer, typically 10-40 ms);
#   - the board's CPU use while idle.
# With $DISPLAY set (e.g. under `xvfb-run -a -s "-screen 0 1920x1080x24"`)
# the board runs on X11, as in an office; otherwise on SDL's offscreen
# driver, whose event wait polls every millisecond (idle CPU is then SDL's).
#
# --engine chooses the log: sqlite (the default), postgresql, or both, one
# after the other in the same run, then their figures side by side. The
# PostgreSQL log is a throw-away server's: run the script under
# tests/pg_virtualenv.sh. The kiosk, the counter and the board reach it over
# TCP (postgresql://$PGUSER@127.0.0.1:$PGPORT/...), as separate PCs do, and
# the board is woken by its LISTEN. That it does not poll the server shows in
# its idle CPU and in the statements the server logged from the board's
# connection (log_statement = all on the bench's database): none while idle
# but when the minute turns (who is still served is read again then), and
# how many per call. E.g.
#   xvfb-run -a -s "-screen 0 1920x1080x24" bash tests/pg_virtualenv.sh \
#       bash tests/bench/bench_board.sh build . 20 --engine both
set -euo pipefail
usage="usage: bench_board.sh BUILD_DIR SOURCE_DIR [CALLS] [--engine sqlite|postgresql|both]"
ENGINE=sqlite
args=()
while (($#)); do
	case $1 in
	--engine)
		ENGINE=${2:-}
		shift $(($# > 1 ? 2 : 1))
		;;
	--engine=*)
		ENGINE=${1#--engine=}
		shift
		;;
	*)
		args+=("$1")
		shift
		;;
	esac
done
case $ENGINE in
sqlite) engines=(sqlite) ;;
postgresql) engines=(postgresql) ;;
both) engines=(sqlite postgresql) ;;
*)
	echo "bench_board.sh: --engine '$ENGINE': expected sqlite, postgresql or both" >&2
	exit 1
	;;
esac
BUILD=${args[0]:?$usage}
SRC=${args[1]:?$usage}
CALLS=${args[2]:-20}
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter
CHECK=(python3 "$SRC/tests/e2e/board_check.py")
PG_DB=saduak_bench_board
# shellcheck source=../e2e/lib.sh
. "$SRC/tests/e2e/lib.sh"
if [[ $ENGINE != sqlite && -z ${PG_CLUSTER_CONF_ROOT:-} ]]; then
	echo "bench_board.sh: --engine $ENGINE: run it under tests/pg_virtualenv.sh (PG_CLUSTER_CONF_ROOT unset)" >&2
	exit 1
fi
tmp=$(mktemp -d)
pid=
trap '[[ -n $pid ]] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"' EXIT

# pg_sql QUERY: QUERY as the server's superuser on its maintenance database.
pg_sql() {
	PGOPTIONS='-c client_min_messages=warning' psql -X -A -t -q -v ON_ERROR_STOP=1 -d postgres -c "$1"
}

# pg_statements PID FROM_BYTE: statements the server logged from backend PID
# past FROM_BYTE of its log.
pg_statements() {
	tail -c +"$(($2 + 1))" "$pg_log" | grep -cE "\[$1\] .*LOG:  (statement|execute)" || true
}

# cpu_ticks: the board's user + system clock ticks so far.
cpu_ticks() {
	awk '{print $14 + $15}' "/proc/$pid/stat"
}

# bench ENGINE: the whole measurement on a fresh log of ENGINE, to stdout.
bench() {
	local dir=$tmp/$1 db bpid log0
	mkdir "$dir"
	if [[ $1 == postgresql ]]; then
		pg_sql "DROP DATABASE IF EXISTS $PG_DB" >/dev/null
		pg_sql "CREATE DATABASE $PG_DB" >/dev/null
		pg_sql "ALTER DATABASE $PG_DB SET log_statement = 'all'" >/dev/null
		db=postgresql://$PGUSER@127.0.0.1:$PGPORT/$PG_DB
		echo "log: $db (the server's statement log: $pg_log)"
	else
		db=$dir/queue.db
	fi
	cfg=$dir/bench.ini
	office_config "$db" -e '/^display = /d' -e "s|^dir = .*|dir = $tmp/clips|" \
		-e 's|^quiet_hours = .*|quiet_hours = none|' -e 's|^flash_seconds = .*|flash_seconds = 1|' \
		-e 's|^english = .*|english = no|' >"$cfg"
	for _ in $(seq "$CALLS"); do "$KIOSK" --config "$cfg" issue A >/dev/null; done
	"$COUNTER" --config "$cfg" --counter 2 login somchai >/dev/null

	echo "video driver: ${SDL_VIDEODRIVER:-x11 on $DISPLAY}"
	SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=$dir/audio.raw \
		SADUAK_BOARD_SIZE=1920x1080 SADUAK_SCREENSHOT=$dir/board.png \
		"$KIOSK" --config "$cfg" --mode board 2>"$dir/board.log" &
	pid=$!
	for _ in $(seq 200); do [[ -s $dir/board.png && -s $dir/audio.raw ]] && break; sleep 0.05; done
	sleep 1

	if [[ $1 == postgresql ]]; then
		# The board is the bench database's only client now.
		bpid=$(pg_sql "SELECT pid FROM pg_stat_activity WHERE datname = '$PG_DB'
			AND backend_type = 'client backend'")
		[[ $bpid =~ ^[0-9]+$ ]] || {
			echo "bench_board.sh: not one connection of the board on the server: '$bpid'" >&2
			exit 1
		}
		log0=$(stat -c %s "$pg_log")
	fi
	echo "board idle CPU over 10 s:"
	t0=$(cpu_ticks)
	sleep 10
	t1=$(cpu_ticks)
	awk -v d=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "  %.2f %% of one core\n", d / hz / 10 * 100 }'
	if [[ $1 == postgresql ]]; then
		echo "board's statements to the server while idle over 10 s: $(pg_statements "$bpid" "$log0")"
		log0=$(stat -c %s "$pg_log")
	fi

	echo "$CALLS calls, one at a time, 1920x1080 board with screenshots, disk audio:"
	"${CHECK[@]}" bench "$dir/board.png" "$dir/audio.raw" "$dir/board.log" "$CALLS" -- \
		"$COUNTER" --config "$cfg" --counter 2 next
	kill -TERM $pid
	wait $pid || true
	pid=
	if [[ $1 == postgresql ]]; then
		awk -v n="$(pg_statements "$bpid" "$log0")" -v c="$CALLS" \
			'BEGIN { printf "board'\''s statements to the server per call: %.1f\n", n / c }'
	fi
	grep -oE 'shown [0-9]+ ms after the call' "$dir/board.log" | awk '{print $2}' >"$dir/shown"
	grep -oE 'announced [0-9]+ ms after the call' "$dir/board.log" | awk '{print $2}' >"$dir/queued"
	python3 - "$dir/shown" "$dir/queued" <<'PY'
import sys
for name, path in (("in the board: call logged -> frame drawn", sys.argv[1]),
                   ("in the board: call logged -> chime queued", sys.argv[2])):
    v = sorted(int(x) for x in open(path).read().split())
    if v:
        print("%-44s n=%-3d min %4d  median %4d  p95 %4d  max %4d ms" % (
            name, len(v), v[0], v[len(v) // 2], v[min(len(v) - 1, round(0.95 * (len(v) - 1)))], v[-1]))
PY
}

at_local_noon
if [[ $ENGINE != sqlite ]]; then
	pg_log=$(pg_lsclusters -h | awk -v v="$PGVERSION" '$1 == v && $2 == "regress" { print $7 }')
	[[ -f $pg_log ]] || {
		echo "bench_board.sh: no log file of the throw-away server (pg_lsclusters: '$pg_log')" >&2
		exit 1
	}
fi
"$KIOSK" voice --list | "${CHECK[@]}" clips "$tmp/clips" 22050 >/dev/null
[[ -n ${DISPLAY:-} ]] || export SDL_VIDEODRIVER=offscreen
if [[ $ENGINE != both ]]; then
	bench "$ENGINE"
	exit 0
fi
for e in "${engines[@]}"; do
	echo "== $e"
	bench "$e" > >(tee "$tmp/$e.out")
	wait $! # tee's last line is out
done
echo "== side by side, same run (median / p95 / max ms; n calls)"
python3 - "$tmp/sqlite.out" "$tmp/postgresql.out" <<'PY'
import re, sys
STATS = re.compile(r"^(\S.*?)\s+n=(\d+)\s+min\s+\d+\s+median\s+(\d+)\s+p95\s+(\d+)\s+max\s+(\d+) ms")
def figures(path):
    rows, label = {}, None
    for line in open(path):
        m = STATS.match(line)
        if m:
            rows[m[1]] = "%s / %s / %s (n=%s)" % (m[3], m[4], m[5], m[2])
        elif line.startswith("board idle CPU"):
            label = "board idle CPU, % of one core"
        elif label and "% of one core" in line:
            rows[label], label = line.split()[0], None
        elif line.startswith("board's statements"):
            k, v = line.rsplit(":", 1)
            rows[k] = v.strip()
    return rows
lite, pg = figures(sys.argv[1]), figures(sys.argv[2])
keys = list(lite) + [k for k in pg if k not in lite]
w = max(len(k) for k in keys)
print("%-*s  %-26s %s" % (w, "", "SQLite", "PostgreSQL over TCP"))
for k in keys:
    print("%-*s  %-26s %s" % (w, k, lite.get(k, "-"), pg.get(k, "-")))
PY
