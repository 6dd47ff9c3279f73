#!/usr/bin/env bash
# pg_cable.sh BUILD_DIR SOURCE_DIR - a cable pulled between the programs and
# a PostgreSQL server, and plugged back; run under a throw-away server
# (tests/pg_virtualenv.sh). A stopping server closes its sockets (that is
# pg_restart.sh); a pulled cable closes nothing, so here every TCP packet to
# and from the server's port is dropped (an nftables rule, as root) while:
#   - the officer console (Xvfb), whose Enter waits for the write lock
#     another session holds (a query sent and acknowledged, its answer
#     never coming), shows its banner and writes nothing;
#   - the board (Xvfb), idle on its LISTENing connection, shows its
#     "reconnecting" fault by itself;
#   - saduak-web answers 503, not a hang;
#   - the server ends the console's old session by itself once it holds
#     the write lock, so the office's writes do not wait for it;
#   - `saduak-counter next` fails with "database server unreachable" and
#     exit 4 instead of hanging in the kernel's retransmissions;
# and once the rule is gone (and the lock given back) the next command
# calls, the console and the board reconnect, the board shows the call,
# saduak-web answers 200, none of them restarted.
# The time each took to see the cable out is printed; only a generous hang
# guard (60 s) bounds them, never a wall-clock deadline.
set -euo pipefail

BUILD=${1:?usage: pg_cable.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: pg_cable.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter
WEB=$BUILD/web/saduak-web
HANG=60 # s: the hang guard of one command

fail() {
	echo "pg_cable: FAIL: $*" >&2
	tail_logs 8
	exit 1
}
if ((EUID != 0)); then
	echo "pg_cable: SKIP: dropping packets (nftables) needs root"
	exit 77
fi
[[ -n ${PGPORT:-} && -n ${PGHOST:-} ]] ||
	fail "run it under tests/pg_virtualenv.sh (PGHOST, PGPORT unset)"
[[ $PGHOST != /* ]] || fail "PGHOST=$PGHOST is a Unix socket: no cable to pull"
for tool in nft Xvfb xdotool psql curl timeout runuser; do
	command -v "$tool" >/dev/null || fail "$tool is needed (scripts/debian-packages.txt)"
done
# A container may run as root without the right to change its firewall
# (no CAP_NET_ADMIN, no nf_tables): there is no cable to pull there.
if ! nft add table inet "saduak_probe_$$" 2>"${TMPDIR:-/tmp}/pg_cable_probe.$$"; then
	echo "pg_cable: SKIP: this machine lets no process change its firewall: $(head -1 "${TMPDIR:-/tmp}/pg_cable_probe.$$")"
	rm -f "${TMPDIR:-/tmp}/pg_cable_probe.$$"
	exit 77
fi
nft delete table inet "saduak_probe_$$"
rm -f "${TMPDIR:-/tmp}/pg_cable_probe.$$"

tmp=$(mktemp -d)
pids=()
TABLE=saduak_cable_$$ # the test's own table: removing it removes every rule
cable_in() { nft delete table inet "$TABLE" 2>/dev/null || true; }
cleanup() {
	cable_in
	end_pids
	rm -rf "$tmp"
}
trap cleanup EXIT

# cable_out: every packet to or from the server's port is lost, both ways,
# as on a cable pulled out (nothing is refused or reset).
cable_out() {
	nft -f - <<-EOF || fail "nft could not add the rule (CAP_NET_ADMIN?)"
		table inet $TABLE {
			chain out {
				type filter hook output priority 0; policy accept;
				tcp dport $PGPORT drop
				tcp sport $PGPORT drop
			}
		}
	EOF
	out_at=$(date +%s%3N)
}
since_out() { echo $(($(date +%s%3N) - out_at)); }
# watch_for FILE PATTERN: in the background, the time FILE first matches
# PATTERN into FILE.seen, so that each program's delay is its own (a hang
# guard of 60 s); seen_after FILE WHAT: that delay after the cable was
# pulled, once there, else the caller's fail with WHAT.
watch_for() {
	(for _ in $(seq 1200); do
		grep -qE "$2" "$1" 2>/dev/null && date +%s%3N >"$1.seen" && exit 0
		sleep 0.05
	done) &
	pids+=("$!")
}
seen_after() {
	wait_for "$1.seen" "^[0-9]+$" "$2"
	echo $(($(cat "$1.seen") - out_at))
}

at_local_noon
DB=postgresql://
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
CFG=$tmp/office.ini
office_config "$DB" -e '/^display = /d' -e "s|^port = 8080$|port = $PORT|" >"$CFG"
grep -q "^port = $PORT" "$CFG" || fail "config/demo.ini has no [web] port to change"
URL=http://127.0.0.1:$PORT
status() { curl -s -m "$HANG" -o /dev/null -w '%{http_code}' "$URL/api/queue" || true; }

"$COUNTER" --config "$CFG" --counter 1 login prasert >/dev/null
for _ in 1 2 3; do "$KIOSK" --config "$CFG" issue C >/dev/null; done
"$COUNTER" --config "$CFG" --counter 1 next >/dev/null

"$WEB" --config "$CFG" 2>"$tmp/web.log" &
pids+=("$!")
wait_for "$tmp/web.log" "listening on" "saduak-web did not start"
[[ $(status) == 200 ]] || fail "saduak-web before the cable was pulled"
SOCKETS=$(sql "$DB" "SHOW unix_socket_directories")
# local_sql QUERY: QUERY over the server's Unix socket, as its owner (peer).
local_sql() {
	runuser -u postgres -- psql -X -A -t -q -v ON_ERROR_STOP=1 -h "${SOCKETS%%,*}" \
		-p "$PGPORT" -d "$PGDATABASE" -c "$1"
}
[[ $(local_sql "SELECT 1") == 1 ]] || fail "the server's Unix socket does not answer"
# The board and the console each on an X server of its own (no window in
# front of the other's).
start_xvfb 1280x800 "$tmp/xvfb-board.log" || fail "Xvfb did not start"
SADUAK_BOARD_SIZE=1280x800 ASAN_OPTIONS=$(asan_options_no_leaks) \
	"$KIOSK" --config "$CFG" --mode board 2>"$tmp/board.log" &
pids+=("$!")
wait_for "$tmp/board.log" "board: following" "the board did not start"
start_xvfb 1024x768 "$tmp/xvfb-console.log" || fail "Xvfb did not start"
SADUAK_WINDOW_SIZE=820x560 ASAN_OPTIONS=$(asan_options_no_leaks) \
	"$COUNTER" --config "$CFG" --counter 1 2>"$tmp/console.log" &
pids+=("$!")
wait_for "$tmp/console.log" "console of counter 1 ready" "the console did not start"
win=$(xdotool search --sync --name "counter 1" | head -n 1)
xdotool windowfocus --sync "$win" 2>/dev/null || xdotool windowfocus "$win"

# Another session takes the office's write lock (store_pg.c's key), so that
# the console's Enter waits for it on the server: its query sent and
# acknowledged, its answer not yet due.
psql -X -q -d "$DB" -v ON_ERROR_STOP=1 -c "SET application_name = pg_cable_locker" \
	-c "SELECT pg_advisory_lock(1397834833)" -c "SELECT pg_sleep(600)" >/dev/null 2>&1 &
pids+=("$!")
waiting() { # the pid of the backend waiting for the lock, if any
	sql "$DB" "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'
		AND query LIKE '%pg_advisory_xact_lock%'"
}
for _ in $(seq 1200); do
	[[ $(sql "$DB" "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted") == 1 ]] && break
	sleep 0.05
done
e2e_sleep 0.5 # the console's first frames are drawn
events=$(sql "$DB" "SELECT count(*) FROM event")
xdotool key --clearmodifiers Return
for _ in $(seq 1200); do
	[[ -n $(waiting) ]] && break
	sleep 0.05
done
[[ -n $(waiting) ]] || fail "the console's Enter does not wait for the write lock"

fault="database server unreachable.*retrying"
watch_for "$tmp/console.log" "$fault"
watch_for "$tmp/board.log" "$fault"
cable_out
# Only a keepalive can tell the console's waiting query from a slow server.
ms=$(seen_after "$tmp/console.log" "the console did not notice the cable out")
echo "pg_cable: the console shows the fault $ms ms after the cable was pulled"
# The board only reads notifications, without a round trip: it must find the
# dead connection by itself.
ms=$(seen_after "$tmp/board.log" "the board did not notice the cable out")
echo "pg_cable: the board shows the fault $ms ms after the cable was pulled"
# saduak-web's page says so instead of hanging, once its own connection has
# met the dead server (its poll, or a request's read; a request may come
# before either: asked again, a bounded count of times).
started=$(date +%s%3N)
for _ in $(seq 60); do
	code=$(status)
	[[ $code == 503 ]] && break
	sleep 0.5
done
[[ $code == 503 ]] || fail "saduak-web answered '$code' with the cable out, not 503"
echo "pg_cable: saduak-web answered 503 after $(($(date +%s%3N) - started)) ms"

# A one-shot command meets the server unreachable: a clean exit 4, one line.
started=$(date +%s%3N)
rc=0
timeout "$HANG" "$COUNTER" --config "$CFG" --counter 1 next >"$tmp/next.out" 2>"$tmp/next.err" || rc=$?
took=$(($(date +%s%3N) - started))
((rc != 124)) || fail "saduak-counter next hung for $HANG s with the cable out"
[[ $rc == 4 && $(wc -l <"$tmp/next.err") == 1 ]] ||
	fail "saduak-counter next: exit $rc, stderr: $(cat "$tmp/next.err")"
grep -q "database server unreachable" "$tmp/next.err" ||
	fail "saduak-counter next did not say the server is unreachable: $(cat "$tmp/next.err")"
[[ ! -s $tmp/next.out ]] || fail "saduak-counter next printed: $(cat "$tmp/next.out")"
echo "pg_cable: saduak-counter next failed (exit 4) after $took ms: $(cat "$tmp/next.err")"

# The other session gives the lock back, the cable still out: the server
# hands it to the console's old session, whose answer never arrives; the
# server must end that session by itself, or the office's writes would
# wait for the lock until its TCP gave up. Asked over the server's Unix
# socket, which the cable does not cut.
local_sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
	WHERE application_name = 'pg_cable_locker'" >/dev/null
freed_at=$(date +%s%3N)
held() { local_sql "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"; }
for _ in $(seq 1200); do
	[[ $(held) == 0 ]] && break
	sleep 0.05
done
[[ $(held) == 0 ]] || fail "the console's old session still holds the write lock on the server"
echo "pg_cable: the server ended the console's old session $(($(date +%s%3N) - freed_at)) ms after it got the lock"

cable_in
[[ $(sql "$DB" "SELECT count(*) FROM event") == "$events" ]] ||
	fail "something was written while the cable was out"
wait_for "$tmp/console.log" "the log answers again" "the console did not reconnect"
before=$(sql "$DB" "SELECT count(*) FROM event WHERE kind = 'called'")
"$COUNTER" --config "$CFG" --counter 1 next >"$tmp/next.out" ||
	fail "saduak-counter next after the cable was back (exit $?)"
[[ $(sql "$DB" "SELECT count(*) FROM event WHERE kind = 'called'") == $((before + 1)) ]] ||
	fail "the call after the cable was back is not in the log once"
wait_for "$tmp/board.log" "the log answers again" "the board did not reconnect"
code=$(awk '{print $1}' "$tmp/next.out")
wait_for "$tmp/board.log" "$code called to counter 1 shown" "the board did not show $code once back"
for _ in $(seq 200); do [[ $(status) == 200 ]] && break; sleep 0.05; done
[[ $(status) == 200 ]] || fail "saduak-web does not answer 200 once the cable is back"
echo "pg_cable: ok"
