#!/usr/bin/env bash
# concurrency.sh BUILD_DIR SOURCE_DIR - fairness under contention.
#
# Eight counters (one per counter, each serving its own ordered list of
# services, some oldest-first and some in-order) press "next" in a loop
# while two issuer processes issue tickets of all services, some with a
# priority class. Six are command-line loops (saduak-counter); two are
# officers on saduak-web's /counter page (web_counter_next.py, over HTTP),
# so that every check below covers calls from the web too, and each of the
# two must have made calls. When the issuers are done and the queue is empty, the log
# must show: every ticket issued once and called once, no gap or repeat in
# the day's numbers, a rule on every call, each call the one the queue rules
# demand (replayed by check_log.py, an independent implementation), an
# unbroken hash chain (verify-log), no exit status but 0 and 2, and no lock
# or database error on any stderr.
#
# Environment (defaults fit CI on two cores, also under AddressSanitizer):
#   SQ_CONC_TICKETS     tickets issued in all (2000)
#   SQ_CONC_HEADSTART   tickets issued before the counters start, so that a
#                       queue builds up and the priority cap matters (100)
#   SQ_CONC_DATABASE    the log: a PostgreSQL server's empty database
#                       (postgresql://...), else a SQLite file of the run's own
# The work is bounded by these counts, never by the clock: a slow machine
# takes longer, and only CTest's TIMEOUT guards against a hang.
set -euo pipefail

BUILD=${1:?usage: concurrency.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: concurrency.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter
WEB=$BUILD/web/saduak-web
TICKETS=${SQ_CONC_TICKETS:-2000}
HEADSTART=${SQ_CONC_HEADSTART:-100}
((HEADSTART <= TICKETS)) || HEADSTART=$TICKETS
ISSUERS=2
COUNTERS=8
WEB_COUNTERS=(7 8) # one in-order, one oldest-first
SERVICES=(A B C D)
PRIORITIES=(elderly disabled pregnant monk)

tmp=$(mktemp -d)
pids=()
web_pid=
cleanup() {
	local pid
	[[ -n $web_pid ]] && kill "$web_pid" 2>/dev/null
	for pid in "${pids[@]}"; do
		kill -9 "$pid" 2>/dev/null || true
	done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
	echo "concurrency: FAIL: $*" >&2
	exit 1
}

for tool in sqlite3 python3 curl /usr/bin/python3; do
	command -v "$tool" >/dev/null || fail "$tool is needed (Debian package $tool)"
done
[[ -x $KIOSK && -x $COUNTER && -x $WEB ]] || fail "build the programs first ($KIOSK, $COUNTER, $WEB)"

at_local_noon

# is_web N: is counter N worked from the browser?
is_web() { [[ " ${WEB_COUNTERS[*]} " == *" $1 "* ]]; }

# The demo office, open all day, with eight counters and eight officers;
# saduak-web on a free loopback port, the web counters' officers with a
# password hash.
CFG=$tmp/office.ini
DB=${SQ_CONC_DATABASE:-$tmp/queue.db}
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT
PASSWORD=concurrency
HASH=$(printf '%s\n' "$PASSWORD" | "$WEB" hash-password) || fail "hash-password exited $?"
{
	office_config "$DB" -e '/^display = /d' -e "s|^port = 8080$|port = $PORT|" |
		awk '/^\[/ { skip = ($0 ~ /^\[(counter|officer) /) } !skip'
	counter_services=("C, D" "A, B" "B, A" "D, C" "A" "B, C, D" "D, A, B" "C, A, D, B")
	counter_policies=(in-order oldest oldest oldest oldest oldest in-order oldest)
	for n in $(seq 1 $COUNTERS); do
		printf '\n[counter %d]\nlocation_th = ชั้น 1\nlocation_en = Floor 1\n' "$n"
		printf 'services = %s\npolicy = %s\n' "${counter_services[n - 1]}" \
			"${counter_policies[n - 1]}"
		printf '\n[officer officer%d]\nname_th = เจ้าหน้าที่ %d\nname_en = Officer %d\n' \
			"$n" "$n" "$n"
		if is_web "$n"; then printf 'password = %s\n' "$HASH"; fi
	done
} >"$CFG"
grep -q "^port = $PORT$" "$CFG" || fail "config/demo.ini has no [web] port to change"

"$WEB" --config "$CFG" 2>"$tmp/web.log" &
web_pid=$!
for _ in $(seq 200); do
	curl -s -o /dev/null "$URL/api/queue" && break
	kill -0 "$web_pid" 2>/dev/null || fail "saduak-web exited: $(tail -1 "$tmp/web.log")"
	sleep 0.05
done

# The command-line counters log in here, the web ones on their page.
for n in $(seq 1 $COUNTERS); do
	is_web "$n" && continue
	"$COUNTER" --config "$CFG" --counter "$n" login "officer$n" >/dev/null 2>"$tmp/login$n.err" ||
		fail "counter $n could not log in: $(cat "$tmp/login$n.err")"
done

# issuer K: issue its share of the tickets, recording each printed code.
issuer() {
	local k=$1 count=$2 i svc rc
	local -a prio
	for ((i = 0; i < count; i++)); do
		svc=${SERVICES[RANDOM % ${#SERVICES[@]}]}
		prio=()
		if ((RANDOM % 5 == 0)); then
			prio=(--priority "${PRIORITIES[RANDOM % ${#PRIORITIES[@]}]}")
		fi
		rc=0
		"$KIOSK" --config "$CFG" issue "$svc" "${prio[@]}" >>"$tmp/issuer$k.out" \
			2>>"$tmp/issuer$k.err" || rc=$?
		if ((rc != 0)); then
			echo "issuer $k: 'issue $svc ${prio[*]}' exited $rc" >>"$tmp/status.bad"
			return 0
		fi
	done
}

# counter N: press next until the issuers are done and nothing waits for it.
counter() {
	local n=$1 i rc done_before max=$((TICKETS * 20 + 1000))
	if is_web "$n"; then
		/usr/bin/python3 "$SRC/tests/e2e/web_counter_next.py" "$URL" "officer$n" "$PASSWORD" \
			"$n" "$tmp/issuers.done" "$max" >>"$tmp/counter$n.out" 2>>"$tmp/web$n.err" ||
			echo "counter $n (web): $(tail -1 "$tmp/web$n.err")" >>"$tmp/status.bad"
		return 0
	fi
	for ((i = 0; i < max; i++)); do
		done_before=0
		[[ -e $tmp/issuers.done ]] && done_before=1
		rc=0
		"$COUNTER" --config "$CFG" --counter "$n" next >>"$tmp/counter$n.out" \
			2>>"$tmp/counter$n.err" || rc=$?
		case $rc in
		0) ;;
		2)
			((done_before)) && return 0
			sleep 0.02
			;;
		*)
			echo "counter $n: 'next' exited $rc" >>"$tmp/status.bad"
			return 0
			;;
		esac
	done
	echo "counter $n: still calling after $max presses" >>"$tmp/status.bad"
}

issuer_pids=()
for k in $(seq 1 $ISSUERS); do
	share=$((TICKETS / ISSUERS + (k <= TICKETS % ISSUERS ? 1 : 0)))
	issuer "$k" "$share" &
	issuer_pids+=($!)
	pids+=($!)
done
# The counters start once HEADSTART tickets are printed (or an issuer gave up).
while (($(cat "$tmp"/issuer*.out 2>/dev/null | wc -l) < HEADSTART)) && [[ ! -e $tmp/status.bad ]]; do
	sleep 0.05
done
counter_pids=()
for n in $(seq 1 $COUNTERS); do
	counter "$n" &
	counter_pids+=($!)
	pids+=($!)
done
for pid in "${issuer_pids[@]}"; do
	wait "$pid"
done
touch "$tmp/issuers.done"
for pid in "${counter_pids[@]}"; do
	wait "$pid"
done
pids=()
kill "$web_pid"
wait "$web_pid" || fail "saduak-web exited $? on SIGTERM: $(tail -1 "$tmp/web.log")"
web_pid=

[[ ! -e $tmp/status.bad ]] || fail "$(sort -u "$tmp/status.bad" | head -20)"

# No SQLITE_BUSY or any other failure may reach a user: the only line allowed
# on stderr is the documented "queue empty" of exit status 2.
cat "$tmp"/login*.err "$tmp"/issuer*.err "$tmp"/counter*.err "$tmp"/web*.err >"$tmp/all.err"
grep -Ev '^saduak-counter: (error|info): counter [0-9]+: no ticket waiting$' "$tmp/all.err" \
	>"$tmp/bad.err" || true
if [[ -s $tmp/bad.err ]]; then
	grep -Eic 'locked|busy|error' "$tmp/bad.err" >&2 || true
	fail "unexpected stderr lines: $(sort "$tmp/bad.err" | uniq -c | sort -rn | head -5)"
fi

q() {
	sql "$DB" "$1"
}
# Every ticket issued once, as printed to the citizens.
cat "$tmp"/issuer*.out | sort >"$tmp/printed"
[[ $(wc -l <"$tmp/printed") -eq $TICKETS ]] ||
	fail "issuers printed $(wc -l <"$tmp/printed") codes, expected $TICKETS"
[[ -z $(uniq -d "$tmp/printed") ]] || fail "a code was printed twice: $(uniq -d "$tmp/printed" | head)"
q "SELECT code FROM ticket" | sort >"$tmp/stored"
cmp -s "$tmp/printed" "$tmp/stored" || fail "printed codes and stored tickets differ"
[[ $(q "SELECT count(*) FROM event WHERE kind = 'issued'") -eq $TICKETS ]] ||
	fail "expected $TICKETS 'issued' events"
[[ -z $(q "SELECT ticket_id FROM event WHERE kind = 'issued' GROUP BY ticket_id
		HAVING count(*) != 1") ]] || fail "a ticket has several 'issued' events"

# Every ticket called exactly once, and told so on exactly one counter.
bad=$(q "SELECT t.code || ' called ' || (SELECT count(*) FROM event e WHERE e.ticket_id = t.id
		AND e.kind = 'called') || ' times' FROM ticket t WHERE (SELECT count(*) FROM event e
		WHERE e.ticket_id = t.id AND e.kind = 'called') != 1 LIMIT 5")
[[ -z $bad ]] || fail "$bad"
cat "$tmp"/counter*.out | sed -n 's/^\([A-Z]*[0-9]*\) called to counter .*/\1/p' | sort \
	>"$tmp/called"
cmp -s "$tmp/printed" "$tmp/called" || fail "the codes the counters called differ from those issued"
[[ $(q "SELECT count(*) FROM ticket WHERE state != 'done'") -eq 0 ]] ||
	fail "tickets left open: $(q "SELECT code || ' ' || state FROM ticket WHERE state != 'done' LIMIT 5")"

# No gap and no repeat in each day's numbers per prefix.
bad=$(q "SELECT day || ' ' || prefix FROM ticket GROUP BY day, prefix
		HAVING min(number) != 1 OR max(number) != count(*) OR count(DISTINCT number) != count(*)")
[[ -z $bad ]] || fail "gap or repeat in the numbers of $bad"

# Every call names its rule.
[[ $(q "SELECT count(*) FROM event WHERE kind = 'called' AND coalesce(rule, '') = ''") -eq 0 ]] ||
	fail "a call without a rule"

# The web counters called too (their calls are in every check here).
web_calls=0
for n in "${WEB_COUNTERS[@]}"; do
	calls=$(q "SELECT count(*) FROM event WHERE kind = 'called' AND counter = $n")
	((calls > 0)) || fail "web counter $n made no call"
	web_calls=$((web_calls + calls))
done

# Each call was the one the queue rules demand, whatever its source.
log_to_sqlite "$DB" "$CFG" "$tmp/replay.db"
python3 "$SRC/tests/e2e/check_log.py" --config "$CFG" --db "$tmp/replay.db" --all-called ||
	fail "the log breaks the queue rules (see above)"

# Ten writers at once still leave one unbroken hash chain.
chain=$("$COUNTER" --config "$CFG" verify-log 2>&1) || fail "hash chain: $chain"

echo "concurrency: ok: $TICKETS tickets, $(q "SELECT count(*) FROM event WHERE kind = 'called'") calls by $COUNTERS counters ($web_calls from the web); by rule: $(q "SELECT rule || ' ' || count(*) FROM event WHERE kind = 'called' GROUP BY rule ORDER BY rule" | paste -sd, - | sed 's/,/, /g')"
