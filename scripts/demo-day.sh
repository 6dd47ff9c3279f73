#!/usr/bin/env bash
# A scripted morning at the demo office, through the same command-line verbs
# an office's scripts use: citizens take tickets (one checks in a booking),
# officers log in and call.
# Usage: demo-day.sh BUILD_DIR CONFIG
set -euo pipefail
build=$1 config=$2
kiosk="$build/kiosk/saduak-kiosk --config $config"
counter="$build/counter/saduak-counter --config $config"
data=$(cd "$(dirname "$config")" && pwd)/../demo-data
mkdir -p "$data"

# shellcheck source=demo-clock.sh
. "$(dirname "$0")/demo-clock.sh"
demo_clock

say() { printf '\n== %s\n' "$*"; }

# An earlier run left its officers at the counters: they finish and leave,
# so that this morning starts from closed counters. A refusal (exit 3: no
# ticket, nobody logged in) is expected; any other failure stops the demo.
for c in 1 2 3 4; do
    for verb in finish logout; do
        $counter --counter "$c" "$verb" >/dev/null 2>&1 || [ $? -eq 3 ]
    done
done

say "Citizens take tickets at the kiosk"
for spec in "A" "B" "A --priority elderly" "C" "D" "A" "B --priority pregnant" "C" "A"; do
    # shellcheck disable=SC2086
    printf 'ticket %-28s -> %s\n' "$spec" "$($kiosk issue $spec)"
done

say "A citizen who booked a slot of service A checks in at reception"
# Service A's slots in demo.ini: every 20 minutes from 08:30. The next one
# that begins in 5 minutes or more is inside its check-in window already.
now=$(($(date +%s) + SADUAK_CLOCK_OFFSET))
today=$(TZ=Asia/Bangkok date -d "@$now" +%F)
minute=$((10#$(TZ=Asia/Bangkok date -d "@$now" +%H) * 60 + 10#$(TZ=Asia/Bangkok date -d "@$now" +%M)))
slot=$((minute + 5 < 510 ? 510 : 510 + (minute + 5 - 510 + 19) / 20 * 20))
at=$(printf '%02d:%02d' $((slot / 60)) $((slot % 60)))
# Late in the day or at a weekend there is no slot left: the demo says why
# and goes on (the kiosk's one line, on stdout, as part of the story).
if code=$($kiosk book A "$today" "$at" 2>&1); then
    printf 'booking %s for %s %s -> ticket %s\n' "$code" "$today" "$at" "$($kiosk checkin "$code")"
else
    printf '(no booking of service A today at %s: %s)\n' "$at" "${code#*: error: }"
fi

say "Officers log in"
$counter --counter 1 login wilai
$counter --counter 2 login somchai
$counter --counter 3 login suda
$counter --counter 4 login prasert

say "Counters call by the fair-queue rules (priority first, then checked-in bookings, each at most 2 in a row)"
for c in 2 3 2 1 4 2 3; do
    $counter --counter "$c" next || true
done
$counter --counter 2 recall
$counter --counter 3 noshow
$counter --counter 2 transfer C

say "Counter status"
for c in 1 2 3 4; do $counter --counter "$c" status; done

# The log: demo.sh names it (SADUAK_DEMO_DB) when it is on PostgreSQL.
say "The log (${SADUAK_DEMO_DB:-$data/queue.db}): every step, with the rule that chose each call"
if [ "${SADUAK_DEMO_ENGINE:-sqlite}" = postgresql ]; then
    psql -X -q -P pager=off -d "$SADUAK_DEMO_DB" -c \
        "SELECT e.id, to_char(to_timestamp(e.at_ms / 1000) AT TIME ZONE 'Asia/Bangkok', 'YYYY-MM-DD HH24:MI:SS') AS bangkok,
                t.code, e.kind, e.counter, e.officer, e.rule, e.reason
           FROM event e LEFT JOIN ticket t ON t.id = e.ticket_id ORDER BY e.id DESC LIMIT 25;"
else
    sqlite3 -header -column "$data/queue.db" \
        "SELECT e.id, datetime(e.at_ms / 1000, 'unixepoch', '+7 hours') AS bangkok, t.code, e.kind,
                e.counter, e.officer, e.rule, e.reason
           FROM event e LEFT JOIN ticket t ON t.id = e.ticket_id ORDER BY e.id DESC LIMIT 25;"
fi
