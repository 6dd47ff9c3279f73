#!/usr/bin/env bash
# migrate.sh BUILD_DIR SOURCE_DIR - `saduak-counter migrate --to URL` moves an
# office's SQLite log (weeks of simulated traffic, bookings too) into an empty
# PostgreSQL database: every table's rows, ids and hash chain kept, every
# monthly report the same bytes, the numbering continued; a non-empty
# target, an edited source, a target that is not PostgreSQL, a bad URL and a
# server out of reach are refused with one line and nothing written. Run
# under a throw-away server (tests/pg_virtualenv.sh), whose libpq variables
# say where it is.
set -euo pipefail

BUILD=${1:?usage: migrate.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: migrate.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
COUNTER=$BUILD/counter/saduak-counter
KIOSK=$BUILD/kiosk/saduak-kiosk

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "migrate: FAIL: $*" >&2
	exit 1
}
# expect_refusal CODE WHAT -- CMD...: CMD exits CODE with one line on stderr.
expect_refusal() {
	local code=$1 what=$2 rc=0
	shift 3
	"$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	[[ $rc -eq $code ]] || fail "$what: exit $rc, not $code: $(cat "$tmp/err")"
	[[ $(wc -l <"$tmp/err") -eq 1 && ! -s $tmp/out ]] ||
		fail "$what: not one line on stderr: $(cat "$tmp/out" "$tmp/err")"
}
# table_rows DB TABLE: its rows in key order, as the sql helper prints them.
table_rows() {
	sql "$1" "SELECT * FROM $2 ORDER BY 1"
}

office_config "$tmp/queue.db" -e '/^display = /d' >"$tmp/sqlite.ini"
"$COUNTER" --config "$tmp/sqlite.ini" simulate --days 40 --seed 11 --start 2026-09-15 \
	>/dev/null || fail "simulate exited $?"
bookings=$(sql "$tmp/queue.db" "SELECT count(*) FROM booking")
((bookings > 0)) || fail "the simulation made no booking"
months=(2026-09 2026-10)
report_all() { # CONFIG DIR: every month's report in every format into DIR
	mkdir -p "$2"
	for month in "${months[@]}"; do
		for format in csv html xlsx; do
			"$COUNTER" --config "$1" report --month "$month" --format "$format" \
				--out "$2/$month.$format" >/dev/null ||
				fail "report --month $month --format $format on $1 exited $?"
		done
	done
}
report_all "$tmp/sqlite.ini" "$tmp/before"
intact=$("$COUNTER" --config "$tmp/sqlite.ini" verify-log) || fail "verify-log of the source exited $?"
hash=${intact##* }

# The move.
createdb office
url="postgresql:///office"
office_config "$url" -e '/^display = /d' >"$tmp/postgresql.ini"
out=$("$COUNTER" --config "$tmp/sqlite.ini" migrate --to "$url") || fail "migrate exited $?"
tickets=$(sql "$tmp/queue.db" "SELECT count(*) FROM ticket")
events=$(sql "$tmp/queue.db" "SELECT count(*) FROM event")
[[ $out =~ ^copied\ $tickets\ tickets,\ $events\ events,\ $bookings\ bookings\ in\ [0-9.]+\ s\;\ last\ hash\ $hash\;\ now\ set\ database\ =\ $url\ in\ saduak.ini$ ]] ||
	fail "unexpected summary: $out"
echo "migrate: $out"

# The same log: every table's rows (ids included), the chain, the reports.
for table in ticket booking counter_state event; do
	[[ $(table_rows "$tmp/queue.db" $table) == "$(table_rows "$url" $table)" ]] ||
		fail "the rows of $table differ"
done
[[ $(sql "$url" "SELECT value FROM meta WHERE key = 'simulated_through'") == \
	"$(sql "$tmp/queue.db" "SELECT value FROM meta WHERE key = 'simulated_through'")" ]] ||
	fail "meta's simulated_through was not copied"
[[ $("$COUNTER" --config "$tmp/postgresql.ini" verify-log) == "$intact" ]] ||
	fail "verify-log on the target does not say '$intact'"
report_all "$tmp/postgresql.ini" "$tmp/after"
for month in "${months[@]}"; do
	for format in csv html xlsx; do
		python3 "$SRC/tests/e2e/same_report.py" "$tmp/before/$month.$format" \
			"$tmp/after/$month.$format" || fail "the $month $format reports differ"
	done
done

# The office goes on: the next ticket and event ids, chained to the copy.
"$KIOSK" --config "$tmp/postgresql.ini" issue A >/dev/null || fail "issue on the target exited $?"
[[ $(sql "$url" "SELECT max(id) FROM ticket") -eq $((tickets + 1)) ]] ||
	fail "the new ticket is not ticket $((tickets + 1))"
[[ $(sql "$url" "SELECT min(id) FROM event WHERE ticket_id = $((tickets + 1))") -eq $((events + 1)) ]] ||
	fail "the new ticket's event is not event $((events + 1))"
"$COUNTER" --config "$tmp/postgresql.ini" verify-log --expect "$hash" >"$tmp/verify" ||
	fail "the target's chain after a new ticket: $(cat "$tmp/verify")"
grep -q "^log intact: $((events + 1)) events" "$tmp/verify" ||
	fail "the new ticket's event is not in the chain: $(cat "$tmp/verify")"
# ... and the database still keeps its log append-only.
sql "$url" "UPDATE event SET reason = 'edited' WHERE id = 1" 2>/dev/null &&
	fail "the target's event log took an UPDATE"

# office_rows FILE: every row and sequence of the office's database, into FILE
# (pg_dump's \restrict key is new each run).
office_rows() {
	pg_dump --data-only office | grep -v '^\\\(un\)\?restrict ' >"$1"
}

# A second move into the office's database now in use: refused, nothing changed.
office_rows "$tmp/dump.before"
expect_refusal 1 "a second migrate" -- "$COUNTER" --config "$tmp/sqlite.ini" migrate --to "$url"
grep -q "already holds a log" "$tmp/err" || fail "the refusal does not say why: $(cat "$tmp/err")"
office_rows "$tmp/dump.after"
cmp -s "$tmp/dump.before" "$tmp/dump.after" || fail "a refused migrate changed the target"

# An edited source: refused with verify-log's line, the target left untouched.
sqlite3 "$tmp/queue.db" ".backup '$tmp/edited.db'"
edited=$(sql "$tmp/edited.db" "SELECT id FROM event WHERE kind = 'finished' LIMIT 1 OFFSET 100")
sql "$tmp/edited.db" "DROP TRIGGER event_no_update;
	UPDATE event SET officer = 'someone' WHERE id = $edited"
office_config "$tmp/edited.db" -e '/^display = /d' >"$tmp/edited.ini"
createdb empty
expect_refusal 6 "migrate of an edited log" -- \
	"$COUNTER" --config "$tmp/edited.ini" migrate --to "postgresql:///empty"
grep -q "not migrated: the log's event $edited (.*) does not match" "$tmp/err" ||
	fail "the refusal does not name event $edited: $(cat "$tmp/err")"
[[ $(sql "postgresql:///empty" "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") -eq 0 ]] ||
	fail "a refused migrate wrote to the target"

# Targets that are not an empty PostgreSQL database: refused before anything is written.
expect_refusal 1 "a SQLite target" -- \
	"$COUNTER" --config "$tmp/sqlite.ini" migrate --to "$tmp/new.db"
[[ ! -e $tmp/new.db ]] || fail "migrate --to a file created it"
expect_refusal 1 "a bad URL" -- \
	"$COUNTER" --config "$tmp/sqlite.ini" migrate --to "postgresql://[db-pc/saduak"
expect_refusal 4 "a server out of reach" -- \
	"$COUNTER" --config "$tmp/sqlite.ini" migrate --to "postgresql://saduak@127.0.0.1:1/saduak"
expect_refusal 1 "a log already on a server" -- \
	"$COUNTER" --config "$tmp/postgresql.ini" migrate --to "postgresql:///empty"
expect_refusal 1 "no --to" -- "$COUNTER" --config "$tmp/sqlite.ini" migrate
echo "migrate: ok: $tickets tickets, $events events, $bookings bookings moved; rows, chain and ${#months[@]} months of reports the same; numbering continued; 7 refusals"
