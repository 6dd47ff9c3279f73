#!/usr/bin/env bash
# pg_restart.sh BUILD_DIR SOURCE_DIR - the office through a PostgreSQL
# server's restart and outage; run under a throw-away server
# (tests/pg_virtualenv.sh), whose cluster it stops and starts.
#   1. A restart while 4 counter loops (next, finish) and 2 issuer loops
#      (issue) run and saduak-web stays up: every command either succeeds or
#      fails cleanly (exit 4, one line); every code an issue printed is in
#      the log; no ticket is called twice; no day number is repeated or
#      skipped; saduak-web answers 200 again without being restarted.
#   2. The server out of reach for 5 s: the officer console (Xvfb) shows its
#      banner and refuses a key, writes nothing, and once the server is back
#      the same key calls.
# The loops are bounded by counts; the restart is made when the issuers have
# issued a given number of tickets. Timeouts only guard against a hang.
set -euo pipefail

BUILD=${1:?usage: pg_restart.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: pg_restart.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter
WEB=$BUILD/web/saduak-web
ISSUES=${SQ_PGR_ISSUES:-40}  # tickets each issuer loop tries to issue
ROUNDS=${SQ_PGR_ROUNDS:-40}  # next/finish rounds of each counter loop
RESTART_AT=$((ISSUES / 2))   # tickets issued by the first loop before the restart

tmp=$(mktemp -d)
pids=()
cleanup() {
	end_pids
	# The server is pg_virtualenv's: it must be up for it to drop it.
	pg_ctlcluster "$PGVERSION" regress start 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
	echo "pg_restart: FAIL: $*" >&2
	tail_logs 8
	exit 1
}

[[ -n ${PGVERSION:-} && -n ${PG_CLUSTER_CONF_ROOT:-} ]] ||
	fail "run it under tests/pg_virtualenv.sh (PGVERSION, PG_CLUSTER_CONF_ROOT unset)"
for tool in Xvfb xdotool psql curl pg_ctlcluster; do
	command -v "$tool" >/dev/null || fail "$tool is needed (scripts/debian-packages.txt)"
done
server() { # stop|start: the throw-away cluster (a fast stop drops every connection)
	pg_ctlcluster --mode=fast "$PGVERSION" regress "$1" >/dev/null || fail "pg_ctlcluster $1 failed"
}

at_local_noon
DB=postgresql://
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
CFG=$tmp/office.ini
office_config "$DB" -e '/^display = /d' -e "s|^port = 8080$|port = $PORT|" >"$CFG"
grep -q "^port = $PORT" "$CFG" || fail "config/demo.ini has no [web] port to change"
URL=http://127.0.0.1:$PORT

n=1
for officer in prasert suda somchai wilai; do
	"$COUNTER" --config "$CFG" --counter "$n" login "$officer" >/dev/null
	n=$((n + 1))
done
"$WEB" --config "$CFG" 2>"$tmp/web.log" &
web=$!
pids+=("$web")
wait_for "$tmp/web.log" "listening on" "saduak-web did not start"
status() { curl -s -m 20 -o /dev/null -w '%{http_code}' "$URL/api/queue"; }
[[ $(status) == 200 ]] || fail "saduak-web before the restart"

# run OUT CMD...: CMD once; OUT gets "rc=N <stdout> | <stderr lines, joined>".
run() {
	local out=$1 rc=0 so se
	shift
	so=$("$@" 2>"$out.err") || rc=$?
	se=$(wc -l <"$out.err")
	echo "rc=$rc lines=$se $so | $(tr '\n' ' ' <"$out.err")" >>"$out"
}
issuer() { # N SERVICES...: issue ISSUES tickets, cycling through SERVICES
	local n=$1 i
	shift
	local svc=("$@")
	for ((i = 0; i < ISSUES; i++)); do
		run "$tmp/issuer$n.out" "$KIOSK" --config "$CFG" issue "${svc[i % ${#svc[@]}]}"
	done
}
counter() { # N: ROUNDS of next then finish at counter N
	local i
	for ((i = 0; i < ROUNDS; i++)); do
		run "$tmp/counter$1.out" "$COUNTER" --config "$CFG" --counter "$1" next
		run "$tmp/counter$1.out" "$COUNTER" --config "$CFG" --counter "$1" finish
	done
}
loops=()
issuer 1 A B &
loops+=("$!")
issuer 2 C D &
loops+=("$!")
for c in 1 2 3 4; do
	counter "$c" &
	loops+=("$!")
done
pids+=("${loops[@]}")
issued() { grep -c '^rc=0 ' "$tmp/issuer1.out" 2>/dev/null || true; }
for _ in $(seq 2400); do # a hang guard of 2 min
	[[ $(issued) -ge $RESTART_AT ]] && break
	sleep 0.05
done
[[ $(issued) -ge $RESTART_AT ]] || fail "the first issuer issued $(issued) tickets, not $RESTART_AT"
server stop
server start
echo "pg_restart: restarted the server after $(issued) tickets of the first issuer"
for p in "${loops[@]}"; do
	wait "$p" || fail "a loop failed"
done

# Every command: success, or a clean failure (exit 4, one line on stderr);
# next also exits 2 when nobody waits, finish 3 when nothing is to finish.
bad=$( (grep -hvE '^rc=0 lines=0 |^rc=4 lines=1 ' "$tmp"/issuer*.out
	grep -hvE '^rc=[023] |^rc=4 lines=1 ' "$tmp"/counter*.out) || true)
[[ -z $bad ]] || fail "commands that neither worked nor failed cleanly: $(head -5 <<<"$bad")"
bad=$(grep -hE '^rc=0 ' "$tmp"/issuer*.out | grep -vE '^rc=0 lines=0 [A-Z][0-9]{3} \| $' || true)
[[ -z $bad ]] || fail "an issue that worked printed: $(head -3 <<<"$bad")"
failed=$(cat "$tmp"/issuer*.out "$tmp"/counter*.out | grep -c '^rc=4 ' || true)
echo "pg_restart: $failed commands failed cleanly (exit 4) during the restart"
((failed > 0)) || echo "pg_restart: (no command met the restart)"

# Every code an issue printed is in the log, once.
for code in $(grep -h '^rc=0 ' "$tmp"/issuer*.out | awk '{print $3}'); do
	[[ $(sql "$DB" "SELECT count(*) FROM ticket WHERE code = '$code'") == 1 ]] ||
		fail "ticket $code was printed but is not in the log once"
done
# No day number repeated or skipped: each prefix's numbers are 1..N.
gaps=$(sql "$DB" "SELECT prefix, count(*), count(DISTINCT number), max(number) FROM ticket
	GROUP BY day, prefix HAVING count(*) <> max(number) OR count(DISTINCT number) <> count(*)")
[[ -z $gaps ]] || fail "day numbers repeated or skipped: $gaps"
# No ticket called twice, and each call a counter printed is in the log.
twice=$(sql "$DB" "SELECT ticket_id FROM event WHERE kind = 'called' GROUP BY ticket_id HAVING count(*) > 1")
[[ -z $twice ]] || fail "tickets called twice: $twice"
for c in 1 2 3 4; do
	for code in $(grep -h '^rc=0 lines=0 [A-Z][0-9]' "$tmp/counter$c.out" | grep 'called' | awk '{print $3}'); do
		[[ $(sql "$DB" "SELECT count(*) FROM event e JOIN ticket t ON t.id = e.ticket_id
			WHERE e.kind = 'called' AND e.counter = $c AND t.code = '$code'") == 1 ]] ||
			fail "counter $c printed it called $code, the log does not say so"
	done
done
calls=$(sql "$DB" "SELECT count(*) FROM event WHERE kind = 'called'")
((calls > 0)) || fail "nobody was called"

# saduak-web, never restarted, answers again.
for _ in $(seq 100); do [[ $(status) == 200 ]] && break; sleep 0.1; done
[[ $(status) == 200 ]] || fail "saduak-web does not answer 200 after the restart"
kill -0 "$web" 2>/dev/null || fail "saduak-web stopped"
echo "pg_restart: restart ok: $(sql "$DB" "SELECT count(*) FROM ticket") tickets, $calls calls, saduak-web answers"

# ---- 2. the server out of reach for 5 s, the officer console on screen
start_xvfb 1280x800 "$tmp/xvfb.log" || fail "Xvfb did not start"
for _ in 1 2; do "$KIOSK" --config "$CFG" issue A >/dev/null; done
"$COUNTER" --config "$CFG" --counter 2 finish >/dev/null 2>&1 || true
SADUAK_WINDOW_SIZE=820x560 SADUAK_SCREENSHOT=$tmp/console.png \
	ASAN_OPTIONS=$(asan_options_no_leaks) "$COUNTER" --config "$CFG" --counter 2 2>"$tmp/console.log" &
pids+=("$!")
wait_for "$tmp/console.log" "console of counter 2 ready" "the console did not start"
win=$(xdotool search --sync --name "counter 2" | head -n 1)
xdotool windowfocus --sync "$win" 2>/dev/null || xdotool windowfocus "$win"
calls2() { sql "$DB" "SELECT count(*) FROM event WHERE kind = 'called' AND counter = 2"; }
before=$(calls2)
e2e_sleep 0.5 # the console's first frames are drawn
rm -f "$tmp/console.png" # the next frame is the banner's
down=$(date +%s%3N)
server stop
wait_for "$tmp/console.log" "retrying" "the console did not notice"
echo "pg_restart: console shows the fault $(($(date +%s%3N) - down)) ms after the stop"
for _ in $(seq 400); do [[ -s $tmp/console.png ]] && break; sleep 0.05; done
[[ -s $tmp/console.png ]] || fail "the console drew no banner frame"
xdotool key --clearmodifiers Return
wait_for "$tmp/console.log" "key refused \(next\)" "the console did not refuse Enter"
left=$((5000 - ($(date +%s%3N) - down)))
((left <= 0)) || sleep "$(awk -v ms="$left" 'BEGIN { print ms / 1000 }')"
server start
wait_for "$tmp/console.log" "the log answers again" "the console did not reconnect"
[[ $(calls2) == "$before" ]] || fail "the refused key was written to the log"
xdotool key --clearmodifiers Return
for _ in $(seq 200); do [[ $(calls2) == $((before + 1)) ]] && break; sleep 0.05; done
[[ $(calls2) == $((before + 1)) ]] || fail "the console did not call once the server was back"
echo "pg_restart: ok"
