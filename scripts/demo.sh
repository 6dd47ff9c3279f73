#!/usr/bin/env bash
# Install what is needed, build, and start the whole demo office on
# config/demo.ini, with its log, printed tickets and LED displays in
# demo-data/ (a folder of your own next to the checkout):
#   - a month of simulated history, so the monthly report has figures;
#   - the entrance kiosk, the waiting-room board (with sound), the consoles of
#     counters 2 and 3 (officers already logged in), and the rating screen
#     facing the citizen at counter 2, each in a window of its own;
#   - one LED display emulator per counter, printing what each display shows;
#   - the ticket printer writing each ticket to demo-data/tickets as its
#     ESC/POS bytes and a picture.
# Closing the kiosk window, or Ctrl-C here, stops everything it started.
# Without a desktop (no DISPLAY or WAYLAND_DISPLAY) it runs a scripted
# morning on the command line instead. Either way it writes last month's
# report. One demo at a time runs on a demo-data/ folder.
# It builds in build/ with the options scripts/test.sh uses, so that neither
# rebuilds the other's work. SADUAK_DEMO_PREBUILT=1 skips installing and
# building (the test of this script sets it).
#
# ./scripts/demo.sh --postgresql runs the same office with its log on a
# throw-away PostgreSQL server (Debian's pg_virtualenv, as root too), the
# several-PC mode on one machine: every program gets a copy of
# config/demo.ini whose database names that server
# (demo-data/demo-postgresql.ini). The server, its log and that copy are
# removed when the demo stops; the history is simulated anew each time.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
config=$top/config/demo.ini
data=$top/demo-data
kiosk=$top/build/kiosk/saduak-kiosk
counter=$top/build/counter/saduak-counter
engine=sqlite
case "${1:-}" in
"") ;;
--postgresql) engine=postgresql ;;
*)
    echo "demo.sh: unknown option '$1' (usage: demo.sh [--postgresql])" >&2
    exit 1
    ;;
esac
mkdir -p "$data/tickets" "$data/voice/th" "$data/voice/en"

# The lock is held as long as any process of this demo runs (they inherit it,
# the demo run inside pg_virtualenv too, which therefore does not take it again).
if [ -z "${SADUAK_DEMO_SERVER:-}" ]; then
    exec 9>"$data/demo.lock"
    flock -n 9 || {
        echo "demo.sh: a demo is already running on $data; stop it first" >&2
        exit 1
    }
fi

if [ "${SADUAK_DEMO_PREBUILT:-0}" != 1 ] && [ -z "${SADUAK_DEMO_SERVER:-}" ]; then
    "$top/scripts/install-deps.sh"
    # shellcheck source=build-options.sh
    . "$top/scripts/build-options.sh"
    cmake -S "$top" -B "$top/build" "${SADUAK_BUILD_OPTIONS[@]}" >/dev/null
    cmake --build "$top/build" -j"$(nproc)"
fi

# On PostgreSQL: this script once more inside pg_virtualenv, which sets
# libpq's PG* variables (the password among them, so it never appears in the
# config) and drops the server when the demo ends. Durability is of no use
# on a server thrown away: fsync=off makes the history's simulation quick.
if [ "$engine" = postgresql ] && [ -z "${SADUAK_DEMO_SERVER:-}" ]; then
    command -v pg_virtualenv >/dev/null || {
        echo "demo.sh: --postgresql needs pg_virtualenv (Debian package postgresql)" >&2
        exit 1
    }
    echo "starting a throw-away PostgreSQL server for the demo..."
    exec pg_virtualenv -t -o fsync=off env SADUAK_DEMO_SERVER=1 "$0" "$@"
fi
db=$data/queue.db
if [ "$engine" = postgresql ]; then
    createdb saduak_demo
    # The password in a libpq password file named by the URL, so that
    # commands typed in another terminal reach the server too.
    pass=$data/demo-postgresql.pgpass
    (umask 077 && echo "$PGHOST:$PGPORT:saduak_demo:$PGUSER:$PGPASSWORD" >"$pass")
    db="postgresql://$PGUSER@$PGHOST:$PGPORT/saduak_demo?passfile=$pass"
    # Beside config/: its relative paths (../demo-data, ../build) lead to
    # the same places.
    sed "s|^database = .*|database = $db|" "$config" >"$data/demo-postgresql.ini"
    config=$data/demo-postgresql.ini
    trap 'rm -f "$config" "$pass"' EXIT
    echo "the demo's log: $db (removed when the demo stops)"
    echo "commands in another terminal: build/counter/saduak-counter --config $config ..."
fi
# demo_sql QUERY: QUERY's rows on the demo's log, whichever engine holds it.
demo_sql() {
    if [ "$engine" = postgresql ]; then
        psql -X -q -A -t -d "$db" -c "$1"
    else
        sqlite3 "$db" "$1"
    fi
}
export SADUAK_DEMO_ENGINE=$engine SADUAK_DEMO_DB=$db

# shellcheck source=demo-clock.sh
. "$top/scripts/demo-clock.sh"
demo_clock

# History: last month and this one up to yesterday, once, for the report.
if [ "$engine" = postgresql ] || [ ! -s "$data/queue.db" ]; then
    start=$(date -d "$(date +%Y-%m-01) -1 month" +%F)
    days=$(( ($(date -d "$(date +%F)" +%s) - $(date -d "$start" +%s)) / 86400 ))
    echo "simulating $days days of office traffic from $start (once on SQLite, each time on PostgreSQL)..."
    SADUAK_CLOCK_OFFSET=0 "$counter" --config "$config" simulate --days "$days" --seed 1 --start "$start"
fi
month=$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m)
"$counter" --config "$config" report --month "$month" --format html --out "$data/report-$month.html"

pids=()
stop() {
    trap - EXIT INT TERM
    [ "$engine" = sqlite ] || rm -f "$config" "$pass"
    kill "${pids[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap stop EXIT INT TERM

# One LED display emulator per display, each line prefixed with its counter.
# Not a pipeline: $! must be the emulator, for stop() to end it (the sed
# ends with the emulator's output).
# A link an earlier run left would point at a terminal that is now another
# program's: take them away first, so that the wait below waits for these.
rm -f "$data"/led-[1-4]
for n in 1 2 3 4; do
    "$top/build/tests/tools/saduak-led-emulator" --link "$data/led-$n" \
        --config "$config" --display "led$n" > >(sed -u "s/^/[LED counter $n] /") 2>&1 &
    pids+=($!)
done
# Until each has made its link (a few seconds at most, even on a busy machine).
for _ in $(seq 200); do
    [ -e "$data/led-1" ] && [ -e "$data/led-2" ] && [ -e "$data/led-3" ] && [ -e "$data/led-4" ] &&
        break
    sleep 0.05
done

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "no desktop to open windows on: running the scripted morning instead"
    "$top/scripts/demo-day.sh" "$top/build" "$config"
    exit 0
fi

# Counters 1 and 4 are for the browser: an officer left there by a scripted
# morning finishes and leaves (a refusal, exit 3, means nothing to do).
for c in 1 4; do
    for verb in finish logout; do
        "$counter" --config "$config" --counter "$c" "$verb" >/dev/null 2>&1 || [ $? -eq 3 ]
    done
done
# The officers of counters 2 and 3 log in, so Enter in their windows calls.
for pair in "2 somchai" "3 suda"; do
    set -- $pair
    "$counter" --config "$config" --counter "$1" status | grep -q "officer" ||
        "$counter" --config "$config" --counter "$1" login "$2"
done

# Laid out for a 1920x1080 desktop (scripts/demo-layout.sh); a window
# manager may move them.
# shellcheck source=demo-layout.sh
. "$top/scripts/demo-layout.sh"
SADUAK_WINDOW_POS=${demo_pos[board]} SADUAK_WINDOW_SIZE=${demo_size[board]} \
    "$kiosk" --config "$config" --mode board &
pids+=($!)
SADUAK_WINDOW_POS=${demo_pos[counter2]} SADUAK_WINDOW_SIZE=${demo_size[counter2]} \
    "$counter" --config "$config" --counter 2 &
pids+=($!)
SADUAK_WINDOW_POS=${demo_pos[counter3]} SADUAK_WINDOW_SIZE=${demo_size[counter3]} \
    "$counter" --config "$config" --counter 3 &
pids+=($!)
SADUAK_WINDOW_POS=${demo_pos[rating]} SADUAK_WINDOW_SIZE=${demo_size[rating]} \
    "$kiosk" --config "$config" --mode rating --counter 2 &
pids+=($!)
# The page behind each ticket's QR code ([web]: http://127.0.0.1:8080/t/TOKEN),
# the counter page officers open in a browser, the supervisor's pages, and
# advance booking (http://127.0.0.1:8080/book).
"$top/build/web/saduak-web" --config "$config" &
pids+=($!)
# Every counter's LED display follows the log, so a counter worked from a
# browser shows its calls too (the consoles of 2 and 3 drive theirs as well).
"$counter" --config "$config" displays &
pids+=($!)
last=$(demo_sql "SELECT coalesce(max(id), 0) FROM ticket")
( for _ in $(seq 3600); do sleep 1; t=$(demo_sql "SELECT token FROM ticket WHERE id > $last ORDER BY id LIMIT 1" 2>/dev/null) && [ -n "$t" ] && { echo "First ticket's page (its QR code): http://127.0.0.1:8080/t/$t"; break; }; done ) &
pids+=($!)
SADUAK_WINDOW_POS=${demo_pos[kiosk]} SADUAK_WINDOW_SIZE=${demo_size[kiosk]} \
    "$kiosk" --config "$config" --mode ticket &
kiosk_pid=$!
pids+=($kiosk_pid)

cat <<EOT

Saduak Queue demo is running (log: $db).
  - Kiosk window: touch a service, read the advice, take a ticket.
    Printed tickets appear in $data/tickets/.
  - Counter 2 or 3 window: press Enter to call the next ticket; each button shows its key.
    The board shows and speaks the call; the LED lines below show each display.
  - Finish a ticket at counter 2 and rate it on the rating window.
  - Follow a ticket on a phone or browser: http://127.0.0.1:8080/t/ + its "Ref." (printed below once taken).
  - Work counter 1 or 4 from a browser: http://127.0.0.1:8080/counter (officer prasert or wilai,
    PIN 1234); its LED display shows the calls. The supervisor's floor: http://127.0.0.1:8080/office
    (supervisor / demo).
  - Book a visit on a phone or browser: http://127.0.0.1:8080/book (a code and its QR, to
    check in at the kiosk on the day; cancel from the booking's page).
  - Last month's GECC report: $data/report-$month.html
  - saduak-counter --config config/demo.ini report --month YYYY-MM --format csv|xlsx|html
Close the kiosk window or press Ctrl-C here to stop everything.

EOT
wait "$kiosk_pid" || true
