#!/usr/bin/env bash
# crash.sh BUILD_DIR SOURCE_DIR - kill -9 at random moments, then check.
#
# Each round starts issuer loops and counter "next" loops in the background,
# lets them finish a random 1-SQ_CRASH_COMMANDS commands between them and
# kills them all with SIGKILL (the loop and the program it is running,
# wherever it is: inside a transaction, in an fsync, between the commit and
# the print). After every round the database must pass PRAGMA
# integrity_check (SQLite), have no gap or repeat in the day's numbers and one
# 'issued' event per ticket, agree with its own log (check_log.py: no ticket
# both waiting and called, every counter's current ticket called or serving
# there, every call by the rules), still hold every code a kiosk printed, and
# keep working: a new ticket is issued and called.
#
# Environment:
#   SQ_CRASH_DATABASE  the log: a PostgreSQL server's empty database
#                      (postgresql://...), else a SQLite file of the run's own
#   SQ_CRASH_ROUNDS    rounds of start-and-kill (40)
#   SQ_CRASH_COMMANDS  most commands finished in a round before the kill (30)
#   SQ_CRASH_EVENT_ORDER  1 (default): at the end, also require that event
#                      times never go back in the order of the event ids (the
#                      store takes an event's time under the write lock); 0
#                      leaves that check out
# The work is bounded by these counts, never by the clock: a slow machine
# takes longer, and only CTest's TIMEOUT guards against a hang.
set -euo pipefail

BUILD=${1:?usage: crash.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: crash.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter
ROUNDS=${SQ_CRASH_ROUNDS:-40}
COMMANDS=${SQ_CRASH_COMMANDS:-30}
SERVICES=(A B C D)
PRIORITIES=(elderly disabled pregnant monk)
COUNTERS=(1 2 3 4)
OFFICERS=(somchai suda prasert wilai)

tmp=$(mktemp -d)
groups=()
cleanup() {
	local g
	for g in "${groups[@]}"; do
		kill -9 -- "-$g" 2>/dev/null || true
	done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
	echo "crash: FAIL: $*" >&2
	exit 1
}

DB=${SQ_CRASH_DATABASE:-$tmp/queue.db}
tools=(sqlite3 python3)
case $DB in postgresql://* | postgres://* | service=*) tools+=(psql) ;; esac
for tool in "${tools[@]}"; do
	command -v "$tool" >/dev/null || fail "$tool is needed (Debian package $tool)"
done
[[ -x $KIOSK && -x $COUNTER ]] || fail "build the programs first ($KIOSK, $COUNTER)"

at_local_noon

CFG=$tmp/office.ini
office_config "$DB" -e '/^display = /d' >"$CFG"

for i in "${!COUNTERS[@]}"; do
	"$COUNTER" --config "$CFG" --counter "${COUNTERS[i]}" login "${OFFICERS[i]}" >/dev/null ||
		fail "counter ${COUNTERS[i]} could not log in"
done

NO_LEAKS=$(asan_options_no_leaks) # for the programs the loops run (see lib.sh)

# Loops run until killed (bounded all the same). Each records the exit
# status of every command it saw finish; SIGKILL shows as 137.
issue_loop() {
	local k=$1 i svc rc
	local -a prio
	for ((i = 0; i < 10000; i++)); do
		svc=${SERVICES[RANDOM % ${#SERVICES[@]}]}
		prio=()
		((RANDOM % 4 == 0)) && prio=(--priority "${PRIORITIES[RANDOM % ${#PRIORITIES[@]}]}")
		rc=0
		ASAN_OPTIONS=$NO_LEAKS \
			"$KIOSK" --config "$CFG" issue "$svc" "${prio[@]}" >>"$tmp/printed.$k" \
			2>>"$tmp/stderr.$k" || rc=$?
		echo "issue $rc" >>"$tmp/status.$k"
	done
}

next_loop() {
	local k=$1 n=$2 i rc
	for ((i = 0; i < 10000; i++)); do
		rc=0
		ASAN_OPTIONS=$NO_LEAKS \
			"$COUNTER" --config "$CFG" --counter "$n" next >>"$tmp/called.$k" \
			2>>"$tmp/stderr.$k" || rc=$?
		echo "next $rc" >>"$tmp/status.$k"
	done
}

q() {
	sql "$DB" "$1"
}

check_round() {
	local round=$1 out replay
	# A server's pages are its own: a killed client can only leave a
	# transaction it rolls back, which the checks below look for.
	if [[ $DB == "$tmp/queue.db" ]]; then
		out=$(q "PRAGMA integrity_check")
		[[ $out == ok ]] || fail "round $round: integrity_check: $out"
	fi
	out=$(q "SELECT day || ' ' || prefix FROM ticket GROUP BY day, prefix HAVING min(number) != 1
		OR max(number) != count(*) OR count(DISTINCT number) != count(*)")
	[[ -z $out ]] || fail "round $round: gap or repeat in the numbers of $out"
	out=$(q "SELECT c.counter || ' holds ' || coalesce(t.code, CAST(c.ticket_id AS TEXT)) || ' ' ||
		coalesce(t.state, 'missing') FROM counter_state c LEFT JOIN ticket t
		ON t.id = c.ticket_id WHERE c.ticket_id IS NOT NULL AND (t.id IS NULL
		OR t.state NOT IN ('called', 'serving') OR t.counter != c.counter)")
	[[ -z $out ]] || fail "round $round: counter $out"
	out=$(q "SELECT code FROM ticket WHERE state = 'waiting' AND EXISTS (SELECT 1 FROM event e
		WHERE e.ticket_id = ticket.id AND e.kind = 'called')")
	[[ -z $out ]] || fail "round $round: tickets both waiting and called: $out"
	out=$(q "SELECT code FROM ticket t WHERE (SELECT count(*) FROM event e WHERE e.ticket_id = t.id
		AND e.kind = 'issued') != 1 LIMIT 5")
	[[ -z $out ]] || fail "round $round: tickets without exactly one 'issued' event: $out"
	replay=$DB
	if [[ $DB != "$tmp/queue.db" ]]; then
		replay=$tmp/replay.db
		rm -f "$replay"
		log_to_sqlite "$DB" "$CFG" "$replay"
	fi
	python3 "$SRC/tests/e2e/check_log.py" --quiet --config "$CFG" --db "$replay" ||
		fail "round $round: the log disagrees with itself or the rules (see above)"
	# Every code a kiosk printed was committed first.
	cat "$tmp"/printed.* 2>/dev/null | sort -u >"$tmp/printed"
	q "SELECT code FROM ticket" | sort -u >"$tmp/stored"
	out=$(comm -23 "$tmp/printed" "$tmp/stored" | head -5)
	[[ -z $out ]] || fail "round $round: printed but not in the database: $out"
	# Only exit statuses 0, 2 (queue empty) and 137 (killed).
	out=$(cat "$tmp"/status.* 2>/dev/null | grep -Ev '^(issue (0|137)|next (0|2|137))$' |
		sort | uniq -c | head -5) || true
	[[ -z $out ]] || fail "round $round: unexpected exit statuses: $out"
	# A killed writer must never make a survivor see a lock or a database error.
	out=$(cat "$tmp"/stderr.* 2>/dev/null |
		grep -Ev '^saduak-counter: (error|info): counter [0-9]+: no ticket waiting$' | head -5) || true
	[[ -z $out ]] || fail "round $round: unexpected stderr: $out"
	# And the office keeps working.
	local code
	code=$("$KIOSK" --config "$CFG" issue A 2>&1) ||
		fail "round $round: issue after the crash failed: $code"
	echo "$code" >>"$tmp/printed.check"
	out=$("$COUNTER" --config "$CFG" --counter 2 next 2>&1) ||
		fail "round $round: next after the crash failed: $out"
	[[ $out == *" called to counter 2 "* ]] || fail "round $round: next printed '$out'"
}

# wait_for_commands ROUND N: until the loops of ROUND have finished N
# commands between them (or none is left running). The others are then
# somewhere in theirs, which is where the kill must find them.
wait_for_commands() {
	local round=$1 n=$2 g alive
	while (($(cat "$tmp"/status.*."$round" 2>/dev/null | wc -l) < n)); do
		alive=0
		for g in "${groups[@]}"; do
			kill -0 "$g" 2>/dev/null && alive=1
		done
		((alive)) || return 0
		sleep 0.005
	done
}

set -m # each background loop gets its own process group, to kill it whole
for ((round = 1; round <= ROUNDS; round++)); do
	groups=()
	issue_loop "i1.$round" 2>/dev/null &
	groups+=($!)
	issue_loop "i2.$round" 2>/dev/null &
	groups+=($!)
	for n in "${COUNTERS[@]:0:3}"; do
		next_loop "c$n.$round" "$n" 2>/dev/null &
		groups+=($!)
	done
	wait_for_commands "$round" $((1 + RANDOM % COMMANDS))
	# The programs first, so that their loops see and record the 137, then
	# the loops with whatever they started in between.
	for g in "${groups[@]}"; do
		pkill -KILL -g "$g" -x 'saduak-(kiosk|counter)' 2>/dev/null || true
	done
	for g in "${groups[@]}"; do
		kill -9 -- "-$g" 2>/dev/null || true
	done
	for g in "${groups[@]}"; do
		wait "$g" 2>/dev/null || true
	done
	groups=()
	check_round "$round"
done
set +m

echo "crash: $ROUNDS rounds passed their checks; $(q "SELECT count(*) FROM ticket") tickets issued, $(q "SELECT count(*) FROM event WHERE kind = 'called'") calls, $(cat "$tmp"/status.* | grep -c ' 137$' || true) commands seen killed"

if [[ ${SQ_CRASH_EVENT_ORDER:-1} == 1 ]]; then
	out=$(q "SELECT count(*) || ' of ' || (SELECT count(*) FROM event) || ' events, the first: '
		|| min(id) FROM (SELECT id, at_ms, lag(at_ms) OVER (ORDER BY id) AS before FROM event) AS e
		WHERE at_ms < before HAVING count(*) > 0")
	[[ -z $out ]] || fail "event times go back in id order: $out"
	echo "crash: the times of all $(q "SELECT count(*) FROM event") events never go back in id order"
fi
