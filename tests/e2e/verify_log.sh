#!/usr/bin/env bash
# verify_log.sh BUILD_DIR SOURCE_DIR - the event log's hash chain and
# `saduak-counter verify-log`.
#
#  1. Tickets issued, called, finished, parked and rated through the real
#     binaries: verify-log says "log intact" (exit 0) with the number of
#     events and the last event's hash, and a second implementation (Python's
#     hashlib, below) finds every stored hash right. --expect with that hash
#     passes; --expect a hash no event has exits 6; --expect not-a-hash exits
#     1 with one line.
#  2. A log of schema version 5 (the hash column and its trigger taken away
#     again): opening it migrates it, hashing the old rows to the very hashes
#     they were written with.
#  3. An attacker with the file (triggers dropped by sqlite3): an event's
#     reason edited -> verify-log names that event with its ticket's code and
#     exits 6; an event removed -> it names the event after it and the
#     missing id; the last events removed -> the chain left is intact, but
#     --expect the hash noted before exits 6.
#  4. A row without its hash is refused by the database itself.
#  5. The simulator's batch writes leave an intact chain; the monthly report
#     prints the hash of the month's last event, which --expect accepts.
#  6. A database that cannot be opened: exit 4, one line.
set -euo pipefail

BUILD=${1:?usage: verify_log.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: verify_log.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
	echo "verify_log: FAIL: $*" >&2
	fail=1
}
at_local_noon

# run INI ARGS...: saduak-counter's verify-log on INI; sets out (stdout and
# stderr) and status.
run() {
	local ini=$1
	shift
	set +e
	out=$("$COUNTER" --config "$ini" verify-log "$@" 2>&1)
	status=$?
	set -e
}

# expect STATUS PATTERN WHAT: the last run exited STATUS with one line matching PATTERN.
expect() {
	[ "$status" -eq "$1" ] || bad "$3: exit $status, wanted $1 ($out)"
	[ "$(wc -l <<<"$out")" -eq 1 ] || bad "$3: not one line: $out"
	grep -Eq -- "$2" <<<"$out" || bad "$3: '$out' does not match '$2'"
}

# python_chain DB: the chain recomputed apart from our C (event_hash.h's
# encoding); prints "ok N LAST" or the first id whose stored hash differs.
python_chain() {
	python3 - "$1" <<'PY'
import hashlib, sqlite3, struct, sys
db = sqlite3.connect(sys.argv[1])
prev, n = bytes(32), 0
for row in db.execute("SELECT id, ticket_id, at_ms, kind, day, service, counter, officer,"
                      " rule, reason, score, detail, hash FROM event ORDER BY id"):
    b = b""
    for v in row[1:12]:
        if v is None:
            b += b"\x00"
        elif isinstance(v, int):
            b += b"\x01" + struct.pack(">q", v)
        else:
            e = v.encode()
            b += b"\x02" + struct.pack(">I", len(e)) + e
    h = hashlib.sha256(prev + b).hexdigest()
    if h != row[12]:
        print("bad", row[0])
        sys.exit()
    prev, n = bytes.fromhex(h), n + 1
print("ok", n, prev.hex())
PY
}

# copy NAME: a copy of the live log as $tmp/NAME.db with its config $tmp/NAME.ini.
copy() {
	cp "$tmp/live.db" "$tmp/$1.db"
	office_config "$tmp/$1.db" -e '/^display = /d' >"$tmp/$1.ini"
}

# --- 1. a day's work, then the chain checked twice
office_config "$tmp/live.db" -e '/^display = /d' >"$tmp/live.ini"
counter() { "$COUNTER" --config "$tmp/live.ini" --counter 1 "$@" >/dev/null; }
for s in C C D C; do "$KIOSK" --config "$tmp/live.ini" issue "$s" >/dev/null; done
counter login somchai
counter next
counter start
counter next
counter park
counter next
counter finish
"$KIOSK" --config "$tmp/live.ini" rate --counter 1 5 --reason courtesy >/dev/null
counter break --reason "พักกลางวัน lunch"
sql "$tmp/live.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
events=$(sql "$tmp/live.db" "SELECT count(*) FROM event")
last=$(sql "$tmp/live.db" "SELECT hash FROM event ORDER BY id DESC LIMIT 1")
[ "$events" -ge 12 ] || bad "only $events events written"
run "$tmp/live.ini"
expect 0 "^log intact: $events events, last hash $last\$" "an untouched log"
py=$(python_chain "$tmp/live.db")
[ "$py" = "ok $events $last" ] || bad "Python's hashlib disagrees with the stored chain: $py"
run "$tmp/live.ini" --expect "${last^^}"
expect 0 "^log intact: $events events" "--expect the last hash (upper case)"
first=$(sql "$tmp/live.db" "SELECT hash FROM event ORDER BY id LIMIT 1")
run "$tmp/live.ini" --expect "$first"
expect 0 "^log intact: $events events" "--expect the first event's hash"
run "$tmp/live.ini" --expect "$(printf '%064d' 7)"
expect 6 "^hash 0+7 is no event's hash: events were removed or rewritten" "--expect a hash no event has"
run "$tmp/live.ini" --expect "${last:1}"
expect 1 "is not a hash of the log \(64 hex digits\)" "--expect 63 digits"
run "$tmp/live.ini" extra
expect 1 "usage: saduak-counter verify-log" "an extra argument"

# --- 2. a log of schema version 5 migrates to the hashes it was written with
copy old
sqlite3 "$tmp/old.db" "DROP INDEX ticket_priority_queue; DROP INDEX ticket_booked_queue;
	DROP TRIGGER event_hash_required; DROP TRIGGER event_no_update;
	ALTER TABLE event DROP COLUMN hash;
	CREATE TRIGGER event_no_update BEFORE UPDATE ON event
	  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
	PRAGMA user_version = 5;"
run "$tmp/old.ini"
expect 0 "^log intact: $events events, last hash $last\$" "a log of version 5, migrated"
[ "$(sql "$tmp/old.db" "SELECT group_concat(hash) FROM event ORDER BY id")" = \
	"$(sql "$tmp/live.db" "SELECT group_concat(hash) FROM event ORDER BY id")" ] ||
	bad "the migration hashed the old rows otherwise than they were written"
set +e
sqlite3 "$tmp/old.db" "UPDATE event SET reason = 'x' WHERE id = 1" 2>/dev/null
[ $? -ne 0 ] || bad "the migrated log lets an event be updated"
set -e

# --- 3. an attacker with the file
untrigger() {
	sqlite3 "$1" "DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete"
}
# The finish of the ticket served second: an event of a ticket in the middle of the log.
victim=$(sql "$tmp/live.db" "SELECT min(id) FROM event WHERE kind = 'finished'")
code=$(sql "$tmp/live.db" "SELECT t.code FROM event e JOIN ticket t ON t.id = e.ticket_id
	WHERE e.id = $victim")
copy edited
untrigger "$tmp/edited.db"
sqlite3 "$tmp/edited.db" "UPDATE event SET reason = 'served' WHERE id = $victim"
run "$tmp/edited.ini"
expect 6 "^event $victim \([0-9-]+ [0-9:]+, finished, ticket $code\) does not match: it or an earlier event was changed or removed\$" \
	"an edited reason"
# An edit that changes NULL to "" is an edit too.
copy emptied
untrigger "$tmp/emptied.db"
sqlite3 "$tmp/emptied.db" "UPDATE event SET detail = '' WHERE id = 1 AND detail IS NULL"
run "$tmp/emptied.ini"
expect 6 "^event 1 \(.*\) does not match" "NULL made empty"

copy removed
untrigger "$tmp/removed.db"
sqlite3 "$tmp/removed.db" "DELETE FROM event WHERE id = $victim"
run "$tmp/removed.ini"
expect 6 "^event $((victim + 1)) \(.*\) does not match: it or an earlier event was changed or removed \(event $victim is missing\)\$" \
	"a removed event"

copy cut
untrigger "$tmp/cut.db"
sqlite3 "$tmp/cut.db" "DELETE FROM event WHERE id > $victim"
run "$tmp/cut.ini"
expect 0 "^log intact: $victim events" "the newest events removed: the chain left is whole"
run "$tmp/cut.ini" --expect "$last"
expect 6 "^hash $last is no event's hash" "the newest events removed, the last hash noted before"

# --- 4. the database refuses a row without a hash
set +e
err=$(sqlite3 "$tmp/live.db" "INSERT INTO event (at_ms, kind, day) VALUES (1, 'fault', 20260101)" 2>&1)
set -e
grep -q "an event of the log needs its hash" <<<"$err" || bad "a row without a hash was accepted: $err"
[ "$(sql "$tmp/live.db" "SELECT count(*) FROM event")" -eq "$events" ] ||
	bad "a row without a hash was written"

# --- 5. the simulator's batches chain too
office_config "$tmp/sim.db" -e '/^display = /d' >"$tmp/sim.ini"
"$COUNTER" --config "$tmp/sim.ini" simulate --days 3 --seed 5 --start 2026-03-02 >/dev/null
sim_events=$(sql "$tmp/sim.db" "SELECT count(*) FROM event")
run "$tmp/sim.ini"
expect 0 "^log intact: $sim_events events, last hash [0-9a-f]{64}\$" "a simulated log"
[ "$(python_chain "$tmp/sim.db" | cut -d' ' -f1,2)" = "ok $sim_events" ] ||
	bad "Python's hashlib disagrees with the simulated chain"
# The month's report carries the hash of its last event, which --expect then finds;
# a month before the log has none.
sim_last=$(sql "$tmp/sim.db" "SELECT hash FROM event ORDER BY id DESC LIMIT 1")
month_hash=$("$COUNTER" --config "$tmp/sim.ini" report --month 2026-03 --format csv --out - |
	sed -n 's/^.*Log hash at month end,\([0-9a-f-]*\)\r$/\1/p')
[ "$month_hash" = "$sim_last" ] || bad "the report's log hash is '$month_hash', not $sim_last"
run "$tmp/sim.ini" --expect "$month_hash"
expect 0 "^log intact: $sim_events events" "--expect the report's hash"
month_hash=$("$COUNTER" --config "$tmp/sim.ini" report --month 2026-02 --format csv --out - |
	sed -n 's/^.*Log hash at month end,\([0-9a-f-]*\)\r$/\1/p')
[ "$month_hash" = "-" ] || bad "a month before the log has the log hash '$month_hash'"

# --- 6. no database
office_config "$tmp/none/queue.db" -e '/^display = /d' >"$tmp/none.ini"
run "$tmp/none.ini"
expect 4 "unable to open database" "a missing folder"

if ((fail)); then
	exit 1
fi
echo "verify_log: ok: $events events checked, an edit, a removal and a cut found, $sim_events simulated events chained"
