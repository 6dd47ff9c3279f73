#!/usr/bin/env bash
# pg_roles.sh BUILD_DIR SOURCE_DIR - least privilege on a PostgreSQL server
# (README "PostgreSQL roles and passwords"). Run under tests/pg_virtualenv.sh,
# whose PG* variables make us the server's superuser: the office's admin.
#
# `saduak-counter db-init` on an empty database creates the schema and the
# four group roles; run again it changes no right. A login role of each kind
# (db-init --login), its password in a libpq password file and its server in
# a service file, runs the real programs: each does its own work, and the
# work of another kind is refused with one line naming the setting and the
# missing right, exit 4, the log unchanged. The kiosk's issue also expires
# an earlier day's ticket and booking (every writer does). saduak-web's
# /book books and cancels, the kiosk checks that booking in, the web's
# /counter page calls and finishes (web_forms.py over HTTP) and a ticket's
# page rates; the kiosk's screen logs first contacts (tapped under Xvfb), the
# officer's console calls and finishes a ticket (keys under Xvfb) and the
# rating screen at that counter, as the kiosk, stores the citizen's taps.
# What a wider grant would let a role do by mistake is refused by the server
# (psql as each role), and no role but the owner may UPDATE or DELETE an event.
# Last, a right taken from the console's role while it runs is said as such
# (not the log out of reach) and db-init mends it without a restart.
set -euo pipefail

BUILD=${1:?usage: pg_roles.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: pg_roles.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
# shellcheck source=console_lib.sh
. "$SRC/tests/e2e/console_lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter
WEB=$BUILD/web/saduak-web

tmp=$(mktemp -d)
web_pid=
cleanup() {
	[[ -n $web_pid ]] && kill "$web_pid" 2>/dev/null
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
	echo "pg_roles: FAIL: $*" >&2
	tail_logs 5
	exit 1
}

[[ -n ${PGPORT:-} || -n ${PGSYSCONFDIR:-} ]] || fail "run me under tests/pg_virtualenv.sh"
for tool in Xvfb xdotool curl python3; do
	command -v "$tool" >/dev/null || fail "$tool is needed (scripts/debian-packages.txt)"
done
at_local_noon
NAME=roles_$$
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $NAME" || fail "cannot create a database"
ADMIN=postgresql:///$NAME
KINDS=(kiosk counter web report)

# The rights of the database, every table's and column's, for comparing runs.
rights() {
	sql "$ADMIN" "SELECT relname, relacl FROM pg_class WHERE relnamespace =
	  'public'::regnamespace AND relkind = 'r' ORDER BY 1;
	  SELECT attrelid::regclass, attname, attacl FROM pg_attribute WHERE attacl IS NOT NULL
	  ORDER BY 1, 2; SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'saduak%'
	  ORDER BY 1"
}

# --- db-init on an empty database, then again: the same rights.
"$COUNTER" db-init "$ADMIN" >"$tmp/init1" 2>"$tmp/err" || fail "db-init exited $?: $(cat "$tmp/err")"
grep -qx "schema: created at version [0-9]*" "$tmp/init1" || fail "db-init 1: $(cat "$tmp/init1")"
for kind in "${KINDS[@]}"; do
	grep -q "^role saduak_$kind: created, grants: SELECT on " "$tmp/init1" || fail "db-init made no saduak_$kind"
done
rights >"$tmp/rights1"
"$COUNTER" db-init "$ADMIN" >"$tmp/init2" 2>"$tmp/err" || fail "db-init 2 exited $?: $(cat "$tmp/err")"
grep -qx "schema: already at version [0-9]*" "$tmp/init2" || fail "db-init 2: $(cat "$tmp/init2")"
diff <(sed 's/: created,/: exists,/; s/created at/already at/' "$tmp/init1") "$tmp/init2" >&2 ||
	fail "db-init said otherwise the second time"
rights >"$tmp/rights2"
diff "$tmp/rights1" "$tmp/rights2" >&2 || fail "db-init run twice changed the rights"
# A right given by hand is taken back by the next db-init.
sql "$ADMIN" "GRANT DELETE ON event TO saduak_kiosk; GRANT UPDATE ON meta TO saduak_report"
"$COUNTER" db-init "$ADMIN" >/dev/null || fail "db-init 3 exited $?"
rights >"$tmp/rights2"
diff "$tmp/rights1" "$tmp/rights2" >&2 || fail "db-init left a right given by hand"
grep -q "saduak_report=r/" "$tmp/rights1" || fail "saduak_report cannot read: $(cat "$tmp/rights1")"
if grep -E "saduak_[a-z]+=[a-zA-Z]*[wdD]" "$tmp/rights1" | grep -q "^event"; then
	fail "a group role may change or delete events: $(grep ^event "$tmp/rights1")"
fi
rc=0
"$COUNTER" db-init "$tmp/queue.db" 2>"$tmp/err" || rc=$?
[[ $rc == 1 && ! -e $tmp/queue.db ]] || fail "db-init of a SQLite file: exit $rc, $(cat "$tmp/err")"

# --- A login role of each kind, as the README says: the password in a
# password file (mode 0600), the server in a service file.
: "${PGPORT:=$(psql -X -A -t -c 'SHOW port')}"
touch "$tmp/pgpass" && chmod 600 "$tmp/pgpass"
for kind in "${KINDS[@]}"; do
	"$COUNTER" db-init "$ADMIN" --login "${kind}1" --role "$kind" >"$tmp/login" 2>"$tmp/err" ||
		fail "db-init --login ${kind}1: exit $?, $(cat "$tmp/err")"
	grep -qx "login role ${kind}1: created, member of saduak_$kind" "$tmp/login" ||
		fail "db-init --login: $(cat "$tmp/login")"
	sql "$ADMIN" "ALTER ROLE ${kind}1 PASSWORD 'pw-$kind-$$'"
	printf 'localhost:%s:%s:%s:%s\n' "$PGPORT" "$NAME" "${kind}1" "pw-$kind-$$" >>"$tmp/pgpass"
	printf '[%s]\nhost=localhost\nport=%s\ndbname=%s\nuser=%s\n\n' \
		"$kind" "$PGPORT" "$NAME" "${kind}1" >>"$tmp/pg_service.conf"
	office_config "service=$kind" -e '/^display = /d' >"$tmp/$kind.ini"
done
# The web counter's officer signs in with a password.
HASH=$(printf 'pw\n' | "$WEB" hash-password) || fail "hash-password exited $?"
sed -i "/^\[officer somchai\]/,/^\[/ s|^password = .*|password = $HASH|" "$tmp/web.ini"
grep -qF "password = $HASH" "$tmp/web.ini" || fail "config/demo.ini has no password of somchai"
"$COUNTER" db-init "$ADMIN" --login kiosk1 --role kiosk >"$tmp/login" ||
	fail "db-init --login again exited $?"
grep -qx "login role kiosk1: exists, member of saduak_kiosk" "$tmp/login" ||
	fail "db-init --login again: $(cat "$tmp/login")"
rc=0
"$COUNTER" db-init "$ADMIN" --login 'x; DROP TABLE event' --role kiosk 2>"$tmp/err" || rc=$?
[[ $rc == 1 ]] || fail "a login name that is not plain: exit $rc"

# The log's rows (read as the admin), to see that a refused command wrote nothing.
log_rows() {
	sql "$ADMIN" 'SELECT count(*), max(id) FROM event; SELECT * FROM ticket ORDER BY id;
	  SELECT * FROM counter_state ORDER BY counter; SELECT * FROM booking ORDER BY id'
}
# logins COMMAND...: COMMAND knowing only the service and password files of
# the login roles (not the admin's variables).
logins() {
	env -u PGUSER -u PGPASSWORD -u PGDATABASE PGSERVICEFILE="$tmp/pg_service.conf" \
		PGPASSFILE="$tmp/pgpass" "$@"
}
# as KIND PROGRAM ARGS...: run PROGRAM with KIND's config as KIND's login.
as() {
	local kind=$1 prog=$2
	shift 2
	logins "$prog" --config "$tmp/$kind.ini" "$@"
}
# denied KIND TABLE STATEMENT: psql as KIND's login is refused STATEMENT for
# want of a right on TABLE.
denied() {
	local rc=0
	logins psql -X -q -v ON_ERROR_STOP=1 -d "service=$1" -c "$3" 2>"$tmp/err" || rc=$?
	if [[ $rc == 0 ]] || ! grep -q "permission denied for table $2" "$tmp/err"; then
		fail "$3 as ${1}1: exit $rc, $(cat "$tmp/err")"
	fi
}
# refused KIND WHAT PROGRAM ARGS...: refused for want of a right: exit 4, one
# line naming the setting and the missing right, the log unchanged.
refused() {
	local kind=$1 what=$2 rc=0 before
	shift 2
	before=$(log_rows)
	as "$kind" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	[[ $rc == 4 ]] || fail "$what as $kind: exit $rc, expected 4 ($(cat "$tmp/err"))"
	[[ $(wc -l <"$tmp/err") == 1 ]] || fail "$what as $kind: $(cat "$tmp/err")"
	grep -q "database 'service=$kind': permission denied for table .* while .*: the database role \
lacks this program's rights (see saduak-counter db-init)$" "$tmp/err" ||
		fail "$what as $kind: $(cat "$tmp/err")"
	[[ $before == "$(log_rows)" ]] || fail "$what as $kind changed the log"
}
# works KIND WHAT PROGRAM ARGS...: exit 0; its stdout in $tmp/out.
works() {
	local kind=$1 what=$2 rc=0
	shift 2
	as "$kind" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	[[ $rc == 0 ]] || fail "$what as $kind: exit $rc, $(cat "$tmp/err")"
}

# --- The kiosk: issue, which first expires an earlier day's ticket and
# booking (left by hand, as the admin); not a counter's action.
works kiosk "the first issue" "$KIOSK" issue A
day=$(sql "$ADMIN" "SELECT day FROM ticket")
sql "$ADMIN" "INSERT INTO ticket (day, prefix, number, code, service, issued_ms, state,
  state_ms) SELECT day - 1, 'A', 1, 'A001', 'A', issued_ms - 86400000, 'waiting',
  issued_ms - 86400000 FROM ticket;
  INSERT INTO booking (code, service, day, slot_minute, state, made_ms, state_ms, note)
  SELECT 'OLDBK2', 'A', day - 1, 600, 'booked', issued_ms, issued_ms, 'a note' FROM ticket
  WHERE day = $day"
# The first issue expired nothing left, once a day per connection: a new one does.
works kiosk "issue" "$KIOSK" issue A
[[ $(cat "$tmp/out") == A002 ]] || fail "the kiosk issued '$(cat "$tmp/out")', not A002"
[[ $(sql "$ADMIN" "SELECT state FROM ticket WHERE day < $day") == expired ]] ||
	fail "the kiosk's issue did not expire yesterday's ticket"
[[ $(sql "$ADMIN" "SELECT state, note IS NULL FROM booking WHERE day < $day") == no_show\|t ]] ||
	fail "the kiosk's issue did not expire yesterday's booking: $(sql "$ADMIN" \
		"SELECT state, note FROM booking")"
refused kiosk "login" "$COUNTER" --counter 2 login somchai
works counter "login" "$COUNTER" --counter 2 login somchai
refused kiosk "next" "$COUNTER" --counter 2 next

# --- The counter: its queue actions; it cannot issue.
works counter "next" "$COUNTER" --counter 2 next
grep -q "^A001 called to counter 2" "$tmp/out" || fail "next as counter: $(cat "$tmp/out")"
works counter "status" "$COUNTER" --counter 2 status
works counter "finish" "$COUNTER" --counter 2 finish
refused counter "issue" "$KIOSK" issue A

# --- The kiosk again: the rating of the ticket just finished, a booking's check-in.
works kiosk "rate" "$KIOSK" rate --counter 2 5
today=$(TZ=Asia/Bangkok date -d "@$(($(date +%s) + SADUAK_CLOCK_OFFSET))" +%F)
refused kiosk "book" "$KIOSK" book A "$today" 12:20
works web "book" "$KIOSK" book A "$today" 12:20
code=$(cat "$tmp/out")
works kiosk "checkin" "$KIOSK" checkin "$code"
[[ $(cat "$tmp/out") =~ ^A[0-9]+$ ]] || fail "checkin printed '$(cat "$tmp/out")'"
refused web "issue" "$KIOSK" issue A

# --- The web: saduak-web reads; a citizen books and cancels on /book, and a
# booking made there is checked in at the kiosk; its browser counter page
# (/counter) calls and finishes; the ticket's page rates it.
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sed -i "s|^port = 8080$|port = $PORT|" "$tmp/web.ini"
grep -q "^port = $PORT$" "$tmp/web.ini" || fail "config/demo.ini has no [web] port to change"
# exec: $! is saduak-web itself, which cleanup stops.
(exec env -u PGUSER -u PGPASSWORD -u PGDATABASE PGSERVICEFILE="$tmp/pg_service.conf" \
	PGPASSFILE="$tmp/pgpass" "$WEB" --config "$tmp/web.ini") 2>"$tmp/web.log" &
web_pid=$!
for _ in $(seq 200); do
	curl -s -o /dev/null "http://127.0.0.1:$PORT/api/queue" && break
	kill -0 "$web_pid" 2>/dev/null || fail "saduak-web exited: $(tail -1 "$tmp/web.log")"
	sleep 0.05
done
curl -sf "http://127.0.0.1:$PORT/api/queue" >"$tmp/queue.json" || fail "saduak-web's /api/queue"
# web_forms ARGS...: web_forms.py on this saduak-web; its stdout in $tmp/out.
web_forms() {
	/usr/bin/python3 "$SRC/tests/e2e/web_forms.py" "http://127.0.0.1:$PORT" "$@" >"$tmp/out" \
		2>"$tmp/err" || fail "saduak-web's $1 as web1: $(cat "$tmp/err")"
}
booking_state() { sql "$ADMIN" "SELECT state FROM booking WHERE code = '$1'"; }
web_forms book A "${today//-/}" 1220
gone=$(cat "$tmp/out")
[[ $(booking_state "$gone") == booked ]] ||
	fail "the web's booking $gone: '$(booking_state "$gone")'"
web_forms cancel "$gone"
[[ $(booking_state "$gone") == cancelled ]] || fail "the web's cancel: '$(booking_state "$gone")'"
web_forms book A "${today//-/}" 1220
code=$(cat "$tmp/out")
works kiosk "checkin of a web booking" "$KIOSK" checkin "$code"
[[ $(sql "$ADMIN" "SELECT b.state, t.code FROM booking b JOIN ticket t ON t.id = b.ticket_id
  WHERE b.code = '$code'") == "checked_in|$(cat "$tmp/out")" ]] ||
	fail "the web's booking $code checked in: '$(booking_state "$code")'"
works counter "logout" "$COUNTER" --counter 2 logout
web_forms counter somchai pw 2 next finish
called=$(sed -n 's/^next: .*: \([A-Z]*[0-9]*\)$/\1/p' "$tmp/out")
[[ -n $called ]] || fail "next on the web page called nobody: $(cat "$tmp/out")"
finished=$(sql "$ADMIN" "SELECT t.state, e.kind, e.counter, e.officer FROM ticket t JOIN event e
  ON e.ticket_id = t.id WHERE t.code = '$called' AND t.day = $day ORDER BY e.id DESC LIMIT 1")
[[ $finished == "done|finished|2|somchai" ]] ||
	fail "the web page's finish of $called: '$finished' in the log"
# The citizen rates that ticket on its page (the web's ratings).
token=$(sql "$ADMIN" "SELECT token FROM ticket WHERE code = '$called' AND day = $day")
rated=$(curl -s -o /dev/null -w '%{http_code}' -d score=4 "http://127.0.0.1:$PORT/t/$token/rate")
[[ $rated == 303 ]] || fail "the rating on $called's page answered $rated"
[[ $(sql "$ADMIN" "SELECT e.score, e.detail FROM event e JOIN ticket t ON t.id = e.ticket_id
  WHERE e.kind = 'rated' AND t.code = '$called' AND t.day = $day") == "4|web" ]] ||
	fail "the ticket page's rating of $called is not in the log: $(tail -1 "$tmp/web.log")"
grep -q "permission denied" "$tmp/web.log" && fail "saduak-web: $(grep "permission denied" "$tmp/web.log")"
# A right taken from saduak-web's role: the counter page's next is refused
# saying who mends it (not "database unavailable"); db-init gives it back.
works kiosk "issue, so that a ticket waits" "$KIOSK" issue A
sql "$ADMIN" "REVOKE UPDATE ON counter_state FROM saduak_web"
web_forms refused somchai pw 2 next
grep -q "^next: บัญชีฐานข้อมูลของ saduak-web ไม่มีสิทธิ์ที่ต้องใช้ กรุณาแจ้งผู้ดูแลระบบ / \
saduak-web's database account lacks a right it needs: tell the administrator (saduak-counter \
db-init): database 'service=web': permission denied for table counter_state while " "$tmp/out" ||
	fail "the web page's next without the right: $(cat "$tmp/out")"
"$COUNTER" db-init "$ADMIN" >/dev/null 2>"$tmp/err" || fail "db-init exited $?: $(cat "$tmp/err")"
kill "$web_pid"
wait "$web_pid" 2>/dev/null || true
web_pid=

# --- The kiosk's screen: first contact's "information only" and "back",
# each a first_contact event (README "The ticket kiosk"), tapped under Xvfb;
# the events read as report1, since this shell knows only the login roles.
(
	pids=()
	kiosk_pid=
	trap '[[ -n $kiosk_pid ]] && kill "$kiosk_pid"; end_pids' EXIT
	export PGSERVICEFILE=$tmp/pg_service.conf PGPASSFILE=$tmp/pgpass
	unset PGUSER PGPASSWORD PGDATABASE
	first_contacts() {
		sql service=report "SELECT count(*) FROM event WHERE kind = 'first_contact' AND reason = '$1'"
	}
	mkdir "$tmp/tickets"
	kiosk_config "service=kiosk" "target = file:$tmp/tickets" "" -e '/^display = /d' \
		>"$tmp/screen.ini"
	start_xvfb 1280x800 "$tmp/xvfb.log" || fail "Xvfb did not start: $(cat "$tmp/xvfb.log")"
	kiosk_layout 1280 800
	kiosk_start "$tmp/screen.ini" "$tmp/kiosk.log"
	for outcome in info:advice-only back:back; do
		tap home.service.0
		e2e_sleep 0.6
		tap "advice.${outcome%%:*}.0"
		for _ in $(seq 200); do # a hang guard, not a timing
			[[ $(first_contacts "${outcome#*:}") == 1 ]] && break
			e2e_sleep 0.05
		done
		[[ $(first_contacts "${outcome#*:}") == 1 ]] ||
			fail "first contact '${outcome#*:}' on the kiosk's screen: $(tail -3 "$tmp/kiosk.log")"
		e2e_sleep 0.6
	done
	kill "$kiosk_pid"
	wait "$kiosk_pid" || fail "the kiosk's screen exited $? on SIGTERM"
	kiosk_pid=
	if grep -q "not logged\|permission denied" "$tmp/kiosk.log"; then
		fail "the kiosk's screen: $(cat "$tmp/kiosk.log")"
	fi

	# --- The rating screen of counter 2 (the kiosk's role) follows the log
	# while the officer's console there (the counter's role) logs in, calls
	# a ticket and finishes it; then it asks about that ticket and stores
	# the taps. Its prompt waits as long as it may (600 s), for a loaded machine.
	sed 's/^timeout_seconds = .*/timeout_seconds = 600/' "$tmp/kiosk.ini" >"$tmp/rating.ini"
	grep -q '^timeout_seconds = 600$' "$tmp/rating.ini" ||
		fail "config/demo.ini has no [rating] timeout_seconds"
	kiosk_layout 1280 800 rating
	kiosk_start "$tmp/rating.ini" "$tmp/rating.log" rating --counter 2
	works kiosk "issue, so that a ticket waits" "$KIOSK" issue A
	works counter "logout of the web page's officer" "$COUNTER" --counter 2 logout
	console_start "$tmp/counter.ini" 2
	key F11 1 Return
	wait_for "$tmp/console.log" "[A-Z][0-9]+ called to counter 2" "the console's Enter"
	called=$(grep -oE "[A-Z][0-9]+ called to counter 2" "$tmp/console.log" | cut -d' ' -f1)
	key F3 F3
	last_event() {
		sql service=report "SELECT t.state, e.kind, e.counter, e.officer FROM ticket t
		  JOIN event e ON e.ticket_id = t.id WHERE t.code = '$called' AND t.day = $day
		  ORDER BY e.id DESC LIMIT 1"
	}
	for _ in $(seq 2400); do # a hang guard, not a timing
		[[ $(last_event) == "done|finished|2|somchai" ]] && break
		sleep 0.05
	done
	[[ $(last_event) == "done|finished|2|somchai" ]] ||
		fail "the console's F3 F3 on $called: '$(last_event)' in the log"
	kill "${pids[-1]}" # the console, whose window lies over the rating screen
	wait "${pids[-1]}" || fail "the console exited $? on SIGTERM"
	wait_for "$tmp/rating.log" "asking about $called finished at counter 2" "the rating screen"
	e2e_sleep 0.6
	tap face.0
	e2e_sleep 0.6
	tap reason.1
	rated() {
		sql service=report "SELECT e.score, e.reason, e.counter, e.officer FROM event e
		  JOIN ticket t ON t.id = e.ticket_id WHERE e.kind = 'rated' AND t.code = '$called'
		  AND t.day = $day"
	}
	for _ in $(seq 2400); do # a hang guard, not a timing
		[[ -n $(rated) ]] && break
		sleep 0.05
	done
	[[ $(rated) == "5|courtesy|2|somchai" ]] ||
		fail "the rating screen's rating of $called: '$(rated)' ($(tail -3 "$tmp/rating.log"))"
	kill "$kiosk_pid"
	wait "$kiosk_pid" || fail "the rating screen exited $? on SIGTERM"
	kiosk_pid=
	if grep -H "permission denied\|lacks this program's rights" "$tmp/console.log" \
		"$tmp/rating.log"; then
		fail "the console or the rating screen was refused a right"
	fi
) || exit 1

# --- The report: reads the month, checks the chain; writes nothing.
works report "report" "$COUNTER" report --month "${today%-*}" --format csv --out "$tmp/month.csv"
[[ -s $tmp/month.csv ]] || fail "the report role wrote no report"
works report "verify-log" "$COUNTER" verify-log
works report "status" "$COUNTER" --counter 2 status
refused report "issue" "$KIOSK" issue A
refused report "login" "$COUNTER" --counter 2 login somchai

# --- What a grant wider than the list would let a program do by mistake,
# refused by the server (psql as each): the kiosk books nothing and changes
# no ticket's code, the counter issues no ticket, the web changes no meta,
# the report cancels no booking and adds no event.
before=$(log_rows)
denied kiosk booking "INSERT INTO booking (code) VALUES ('XXXXXX')"
denied kiosk ticket "UPDATE ticket SET code = code"
denied counter ticket "INSERT INTO ticket (code) VALUES ('X001')"
denied web ticket "INSERT INTO ticket (code) VALUES ('X001')"
denied web meta "UPDATE meta SET value = value"
denied report booking "UPDATE booking SET state = 'cancelled'"
denied report event "INSERT INTO event (kind) VALUES ('x')"
[[ $before == "$(log_rows)" ]] || fail "a refused statement changed the log"

# --- No role but the owner may change or remove an event (psql as each).
for kind in "${KINDS[@]}"; do
	for change in "UPDATE event SET kind = 'x'" "DELETE FROM event" "TRUNCATE event"; do
		denied "$kind" event "$change"
	done
done
rc=0
sql "$ADMIN" "UPDATE event SET kind = 'x'" 2>"$tmp/err" || rc=$?
if [[ $rc == 0 ]] || ! grep -q "append-only" "$tmp/err"; then
	fail "the owner's UPDATE: exit $rc, $(cat "$tmp/err")"
fi
# --- A right taken from the console's role while it runs: the console says
# the role lacks a right (its banner, its log: which table), never that the
# log is out of reach, logs each refusal once, and after db-init gives the
# right back the next key works without a restart. Screenshots of the
# banner in Thai and in English (F12) are kept in $SADUAK_SCREENSHOT_DIR.
(
	pids=()
	trap end_pids EXIT
	# The admin's grants and db-init keep this shell's superuser variables.
	admin_env=()
	for v in PGUSER PGPASSWORD PGDATABASE; do
		[[ -n ${!v:-} ]] && admin_env+=("$v=${!v}")
	done
	# take RIGHT: RIGHT on counter_state taken from the console's group role.
	take() {
		env "${admin_env[@]}" psql -X -q -v ON_ERROR_STOP=1 -d "$ADMIN" \
			-c "REVOKE $1 ON counter_state FROM saduak_counter" || fail "cannot revoke $1"
		[[ $(env "${admin_env[@]}" psql -X -A -t -d "$ADMIN" -c "SELECT
		  has_table_privilege('counter1', 'counter_state', '$1')") == f ]] ||
			fail "counter1 still holds $1 on counter_state"
	}
	export PGSERVICEFILE=$tmp/pg_service.conf PGPASSFILE=$tmp/pgpass
	unset PGUSER PGPASSWORD PGDATABASE
	start_xvfb 1280x800 "$tmp/xvfb.log" || fail "Xvfb did not start: $(cat "$tmp/xvfb.log")"
	# shot NAME: the next frame drawn, kept as $tmp/NAME.
	shot() {
		rm -f "$tmp/console.png"
		for _ in $(seq 400); do # a hang guard, not a timing
			[[ -s $tmp/console.png ]] && break
			sleep 0.05
		done
		[[ -s $tmp/console.png ]] || fail "the console drew no frame for $1"
		e2e_sleep 0.3 # the file is written whole before the next frame's
		cp "$tmp/console.png" "$tmp/$1"
		if [[ -n ${SADUAK_SCREENSHOT_DIR:-} ]]; then
			mkdir -p "$SADUAK_SCREENSHOT_DIR"
			cp "$tmp/$1" "$SADUAK_SCREENSHOT_DIR/"
		fi
	}
	works kiosk "issue, so that a ticket waits" "$KIOSK" issue A
	console_start "$tmp/counter.ini" 2
	# A write refused: the key's action names the table.
	take UPDATE
	key Return
	wait_for "$tmp/console.log" "permission denied for table counter_state while .*lacks this \
program's rights \(see saduak-counter db-init\)" "the console's Enter without the right"
	shot console-denied-key.png
	# A read refused: the console stays refused, tries every second, says why.
	take SELECT
	works kiosk "issue, so that the console reads again" "$KIOSK" issue A
	wait_for "$tmp/console.log" "permission denied for table counter_state while reading" \
		"the console's reading without the right"
	e2e_sleep 2.5 # tried again twice or more
	key Return
	wait_for "$tmp/console.log" "key refused \(next\): the database role lacks a right" \
		"a key while the right is missing"
	shot console-denied-th.png
	key F12
	shot console-denied-en.png
	env "${admin_env[@]}" "$COUNTER" db-init "$ADMIN" >/dev/null 2>"$tmp/err" || fail "db-init exited $?: $(cat "$tmp/err")"
	for _ in $(seq 2400); do # a hang guard, not a timing
		grep -qE "[A-Z][0-9]+ called to counter 2" "$tmp/console.log" && break
		key Return
		sleep 0.5
	done
	grep -qE "[A-Z][0-9]+ called to counter 2" "$tmp/console.log" ||
		fail "the console's Enter after db-init: $(tail -3 "$tmp/console.log")"
	if grep -E "out of reach|answers again|reconnect" "$tmp/console.log"; then
		fail "the console called a missing right the log out of reach"
	fi
	dup=$(grep "permission denied" "$tmp/console.log" | sort | uniq -d)
	[[ -z $dup ]] || fail "the console logged a refusal more than once: $dup"
	kill "${pids[-1]}"
	wait "${pids[-1]}" || fail "the console exited $? on SIGTERM"
) || exit 1

works report "verify-log at the end" "$COUNTER" verify-log
echo "pg_roles: ok"
