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

tmp=$(mktemp -d)
top=$tmp/top
cleanup() {
	pkill -KILL -f "$top/" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
	echo "demo_postgresql: FAIL: $*" >&2
	tail -n 15 "$tmp/out" >&2 || true
	exit 1
}

for tool in xvfb-run pg_virtualenv psql curl; do
	command -v "$tool" >/dev/null || fail "$tool is needed"
done
mkdir -p "$top/config"
ln -s "$SRC/scripts" "$top/scripts"
ln -s "$BUILD" "$top/build"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sed -e "s|^port = 8080$|port = $port|" -e "s|127.0.0.1:8080|127.0.0.1:$port|" \
	"$SRC/config/demo.ini" >"$top/config/demo.ini"
export SADUAK_DEMO_PREBUILT=1 SDL_AUDIODRIVER=dummy
cfg=$top/demo-data/demo-postgresql.ini

start=$(date +%s)
xvfb-run -a -s "-screen 0 1920x1080x24" "$top/scripts/demo.sh" --postgresql >"$tmp/out" 2>&1 &
demo=$!
kiosk=
for _ in $(seq 1800); do # the history is simulated first: a hang guard of 3 min
	kiosk=$(pgrep -f -- "--config $cfg --mode ticket" || true)
	[[ -n $kiosk ]] && break
	kill -0 "$demo" 2>/dev/null || fail "the demo stopped early"
	sleep 0.1
done
[[ -n $kiosk ]] || fail "no kiosk window came up"
echo "demo_postgresql: the kiosk window is up $(($(date +%s) - start)) s after the start"
db=$(sed -n 's/^database = //p' "$cfg")
[[ $db == postgresql://* ]] || fail "the generated config's database is $db"
[[ $db == *passfile=* && $db != *password=* ]] || fail "the password is not in a password file: $db"
[[ ! -e $top/demo-data/queue.db ]] || fail "the demo on PostgreSQL made a SQLite log"
for _ in $(seq 300); do # saduak-web answers (a hang guard, not a timing)
	curl -fs -o /dev/null "http://127.0.0.1:$port/api/queue" && break
	sleep 0.1
done

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
kill -TERM "$kiosk"
for _ in $(seq 600); do # a hang guard, not a timing
	kill -0 "$demo" 2>/dev/null || break
	sleep 0.1
done
kill -0 "$demo" 2>/dev/null && fail "the demo did not stop when the kiosk closed"
wait "$demo" || true
left=$(pgrep -af "$top/" || true)
[[ -z $left ]] || fail "still running after the kiosk closed: $left"
[[ ! -e $cfg && ! -e $top/demo-data/demo-postgresql.pgpass ]] ||
	fail "the generated config or its password file is left: $(ls "$top/demo-data")"
! pg_isready -q -h localhost -p "$pgport" || fail "the demo's server on port $pgport still runs"
echo "demo_postgresql: ok: $code issued, shown by saduak-web and on the board, all gone after the kiosk closed ($(($(date +%s) - start)) s)"
