#!/usr/bin/env bash
# demo_postgresql.sh BUILD_DIR SOURCE_DIR - scripts/demo.sh --postgresql on a
# desktop (Xvfb), on a copy of the checkout's layout as demo.sh's test makes:
# the demo runs its office on a throw-away PostgreSQL server; a ticket issued
# at the kiosk's command line (with the demo's generated config) shows on
# saduak-web, and once called, on the board (its LISTEN wakes it); closing the
# kiosk window stops every program, the server among them, and removes the
# generated config and its password file.
set -euo pipefail

BUILD=${1:?usage: demo_postgresql.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: demo_postgresql.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"

demo_checkout

fail() {
	echo "demo_postgresql: FAIL: $*" >&2
	tail -n 15 "$tmp/out" >&2 || true
	exit 1
}

for tool in xvfb-run pg_virtualenv psql curl; do
	command -v "$tool" >/dev/null || fail "$tool is needed"
done
cfg=$top/demo-data/demo-postgresql.ini

start=$(date +%s)
demo_desktop "$tmp/out" "$cfg" --postgresql
echo "demo_postgresql: the kiosk window is up $(($(date +%s) - start)) s after the start"
db=$(sed -n 's/^database = //p' "$cfg")
[[ $db == postgresql://* ]] || fail "the generated config's database is $db"
[[ $db == *passfile=* && $db != *password=* ]] || fail "the password is not in a password file: $db"
[[ ! -e $top/demo-data/queue.db ]] || fail "the demo on PostgreSQL made a SQLite log"
wait_http "http://127.0.0.1:$port/api/queue"

# A ticket issued at the command line: its page on saduak-web shows it.
code=$("$BUILD/kiosk/saduak-kiosk" --config "$cfg" issue D) || fail "issue exited $?"
[[ -n $code ]] || fail "issue printed no code"
token=$(sql "$db" "SELECT token FROM ticket WHERE code = '$code' ORDER BY id DESC LIMIT 1")
curl -fs "http://127.0.0.1:$port/t/$token" | grep -q "$code" ||
	fail "saduak-web's page of $code does not show it"
# Called at counter 1 (no console in the demo): the board shows the call.
"$BUILD/counter/saduak-counter" --config "$cfg" --counter 1 login prasert >/dev/null 2>&1 || true
called=$("$BUILD/counter/saduak-counter" --config "$cfg" --counter 1 next) ||
	fail "next at counter 1 exited $?"
[[ $called == "$code "* ]] || fail "counter 1 called $called, not $code"
for _ in $(seq 300); do # a hang guard, not a timing
	grep -q "$code called to counter 1 shown" "$tmp/out" && break
	sleep 0.1
done
grep -q "$code called to counter 1 shown" "$tmp/out" || fail "the board never showed $code"

# Closing the window stops the demo, the server and its files with it.
pgport=$(sed -n 's|^database = postgresql://[^@]*@[^:]*:\([0-9]*\)/.*|\1|p' "$cfg")
demo_close
[[ ! -e $cfg && ! -e $top/demo-data/demo-postgresql.pgpass ]] ||
	fail "the generated config or its password file is left: $(ls "$top/demo-data")"
! pg_isready -q -h localhost -p "$pgport" || fail "the demo's server on port $pgport still runs"
echo "demo_postgresql: ok: $code issued, shown by saduak-web and on the board, all gone after the kiosk closed ($(($(date +%s) - start)) s)"
