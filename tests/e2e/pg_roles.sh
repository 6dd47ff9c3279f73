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
# an earlier day's ticket and booking (every writer does). No role but the
# owner may UPDATE or DELETE an event (psql as each role).
set -euo pipefail

BUILD=${1:?usage: pg_roles.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: pg_roles.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
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
	exit 1
}

[[ -n ${PGPORT:-} || -n ${PGSYSCONFDIR:-} ]] || fail "run me under tests/pg_virtualenv.sh"
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
# as KIND PROGRAM ARGS...: run PROGRAM with KIND's config, knowing only the
# service and password files (not the admin's variables).
as() {
	local kind=$1 prog=$2
	shift 2
	env -u PGUSER -u PGPASSWORD -u PGDATABASE PGSERVICEFILE="$tmp/pg_service.conf" \
		PGPASSFILE="$tmp/pgpass" "$prog" --config "$tmp/$kind.ini" "$@"
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
	grep -q "database 'service=$kind': permission denied for table .* while .*db-init" \
		"$tmp/err" || fail "$what as $kind: $(cat "$tmp/err")"
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

# --- The web: saduak-web reads, and its browser counter page calls.
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
works counter "logout" "$COUNTER" --counter 2 logout
touch "$tmp/done"
/usr/bin/python3 "$SRC/tests/e2e/web_counter_next.py" "http://127.0.0.1:$PORT" somchai pw 2 \
	"$tmp/done" 10 >"$tmp/webnext" 2>"$tmp/err" || fail "next on the web page: $(cat "$tmp/err")"
grep -q "called to counter 2" "$tmp/webnext" || fail "the web page called nobody"
grep -q "permission denied" "$tmp/web.log" && fail "saduak-web: $(grep "permission denied" "$tmp/web.log")"
kill "$web_pid"
wait "$web_pid" 2>/dev/null || true
web_pid=

# --- The report: reads the month, checks the chain; writes nothing.
works report "report" "$COUNTER" report --month "${today%-*}" --format csv --out "$tmp/month.csv"
[[ -s $tmp/month.csv ]] || fail "the report role wrote no report"
works report "verify-log" "$COUNTER" verify-log
works report "status" "$COUNTER" --counter 2 status
refused report "issue" "$KIOSK" issue A
refused report "login" "$COUNTER" --counter 2 login somchai

# --- No role but the owner may change or remove an event (psql as each).
for kind in "${KINDS[@]}"; do
	for change in "UPDATE event SET kind = 'x'" "DELETE FROM event" "TRUNCATE event"; do
		rc=0
		env -u PGUSER -u PGPASSWORD -u PGDATABASE PGSERVICEFILE="$tmp/pg_service.conf" \
			PGPASSFILE="$tmp/pgpass" psql -X -q -v ON_ERROR_STOP=1 -d "service=$kind" \
			-c "$change" 2>"$tmp/err" || rc=$?
		if [[ $rc == 0 ]] || ! grep -q "permission denied for table event" "$tmp/err"; then
			fail "$change as ${kind}1: exit $rc, $(cat "$tmp/err")"
		fi
	done
done
rc=0
sql "$ADMIN" "UPDATE event SET kind = 'x'" 2>"$tmp/err" || rc=$?
if [[ $rc == 0 ]] || ! grep -q "append-only" "$tmp/err"; then
	fail "the owner's UPDATE: exit $rc, $(cat "$tmp/err")"
fi
works report "verify-log at the end" "$COUNTER" verify-log
echo "pg_roles: ok"
