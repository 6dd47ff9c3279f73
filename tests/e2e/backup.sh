#!/usr/bin/env bash
# backup.sh BUILD_DIR SOURCE_DIR - backups while the queue runs, rotation,
# the documented restore, and a damaged log that is refused and left alone.
#
#  1. Two kiosks issue tickets in a loop while `saduak-counter backup --keep 3`
#     runs five times: every backup passes PRAGMA integrity_check, is one file
#     (no -wal), and holds every ticket whose code was printed before it began;
#     only the newest three are kept.
#  2. Restore as README.md says (stop, remove queue.db-wal/-shm, copy the
#     backup over queue.db, start): the log works again and numbering goes on.
#  3. A copy of the log with a page overwritten (dd), the event table's root:
#     backup, issue, rate, login, status and report refuse it (exit 4) and
#     check-config (exit 1), each with one line naming the integrity check,
#     and its sha256 is unchanged, no -wal/-shm created.
set -euo pipefail

BUILD=${1:?usage: backup.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: backup.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter

tmp=$(mktemp -d)
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
fail=0
bad() {
	echo "backup: FAIL: $*" >&2
	fail=1
}

# The office, open all day so the test runs at any hour.
write_config() { # FILE DATABASE
	cat >"$1" <<INI
[office]
name_th = สำนักงานทดสอบ
name_en = Test Office
database = $2
[service A]
name_th = เอ
name_en = A
hours = daily 00:00-24:00
[service B]
name_th = บี
name_en = B
hours = daily 00:00-24:00
[counter 1]
location_th = ก
location_en = G
services = A, B
INI
}
mkdir -p "$tmp/live"
write_config "$tmp/live.ini" "$tmp/live/queue.db"
"$KIOSK" --config "$tmp/live.ini" issue A >"$tmp/issued-0" # creates the log

# 1. Backups while two kiosks write.
issuer() { # SERVICE OUT
	# On TERM, finish the ticket being issued and stop: bash runs the trap
	# only once that command is done, so after `wait` no kiosk still writes
	# (one did, into the restored log, when the loop alone was killed).
	trap 'exit 0' TERM
	while :; do
		"$KIOSK" --config "$tmp/live.ini" issue "$1" >>"$2" || exit 1
	done
}
issuer A "$tmp/issued-A" &
pids+=($!)
issuer B "$tmp/issued-B" &
pids+=($!)
sleep 0.5
for round in 1 2 3 4 5; do
	printed=$(cat "$tmp"/issued-* | wc -l)
	if ! out=$("$COUNTER" --config "$tmp/live.ini" backup --keep 3 2>&1); then
		bad "round $round: backup failed: $out"
		continue
	fi
	file=$(sed -n 's/^backed up .* to \(.*\) (.*/\1/p' <<<"$out")
	[ -f "$file" ] || { bad "round $round: no backup file in: $out"; continue; }
	check=$(sqlite3 "file:$file?immutable=1" "PRAGMA integrity_check")
	[ "$check" = ok ] || bad "round $round: $file: integrity_check says $check"
	[ ! -e "$file-wal" ] || bad "round $round: $file has a -wal beside it"
	held=$(sqlite3 "file:$file?immutable=1" "SELECT count(*) FROM ticket")
	[ "$held" -ge "$printed" ] ||
		bad "round $round: backup holds $held tickets, $printed were printed before it began"
	echo "round $round: $(basename "$file"): $held tickets ($printed printed before)"
	sleep 1.1 # backups are named by the second
done
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
wait 2>/dev/null || true
pids=()
kept=$(find "$tmp/live/backups" -name 'saduak-*.db' | wc -l)
[ "$kept" -eq 3 ] || bad "kept $kept backups, not 3: $(ls "$tmp/live/backups")"
if find "$tmp/live/backups" -name '*.tmp-*' | grep -q .; then
	bad "a temporary file was left: $(ls "$tmp/live/backups")"
fi

# 2. Restore the newest backup the way README.md says.
newest=$(find "$tmp/live/backups" -name 'saduak-*.db' | sort | tail -1)
in_backup=$(sqlite3 "file:$newest?immutable=1" "SELECT count(*) FROM ticket")
rm -f "$tmp/live/queue.db" "$tmp/live/queue.db-wal" "$tmp/live/queue.db-shm"
cp "$newest" "$tmp/live/queue.db"
code=$("$KIOSK" --config "$tmp/live.ini" issue A) || bad "issue after restore failed"
after=$(sql "$tmp/live/queue.db" "SELECT count(*) FROM ticket")
[ "$after" -eq $((in_backup + 1)) ] || bad "after restore: $after tickets, wanted $((in_backup + 1))"
last_a=$(sqlite3 "file:$newest?immutable=1" "SELECT max(number) FROM ticket WHERE prefix = 'A' AND day = (SELECT max(day) FROM ticket)")
[ "$code" = "$(printf 'A%03d' $((last_a + 1)))" ] || bad "after restore the next A is $code, not A$((last_a + 1))"
out=$("$COUNTER" --config "$tmp/live.ini" check-config) || bad "check-config after restore: $out"

# 3. A damaged copy of the log.
mkdir -p "$tmp/bad"
cp "$tmp/live/queue.db" "$tmp/bad/queue.db"
sqlite3 "$tmp/bad/queue.db" "PRAGMA journal_mode = DELETE" >/dev/null
write_config "$tmp/bad.ini" "$tmp/bad/queue.db"
page_size=$(sqlite3 "$tmp/bad/queue.db" "PRAGMA page_size")
root=$(sqlite3 "$tmp/bad/queue.db" "SELECT rootpage FROM sqlite_master WHERE name = 'event'")
# Zero the event table's root page: always in use, unlike a spot that may
# fall in a page's free middle, which no check can see.
dd if=/dev/zero of="$tmp/bad/queue.db" bs="$page_size" seek=$((root - 1)) count=1 \
	conv=notrunc status=none
sum=$(sha256sum <"$tmp/bad/queue.db")

set +e
out=$("$COUNTER" --config "$tmp/bad.ini" backup 2>&1)
status=$?
set -e
[ "$status" -eq 4 ] || bad "backup of a damaged log: exit $status, wanted 4 ($out)"
grep -q "^saduak-counter: error: database '$tmp/bad/queue.db' failed its integrity check: .*restore a backup (see README)" <<<"$out" ||
	bad "backup of a damaged log says: $out"
[ "$(wc -l <<<"$out")" -eq 1 ] || bad "backup of a damaged log: more than one line: $out"
if find "$tmp/bad" -name 'saduak-*' | grep -q .; then bad "a backup of the damaged log was made"; fi

# Every program refuses it the same way: the one-shot commands too.
refused() { # NAME COMMAND...
	local name=$1 out status
	shift
	set +e
	out=$("$@" 2>&1)
	status=$?
	set -e
	[ "$status" -eq 4 ] || bad "$name on a damaged log: exit $status, wanted 4 ($out)"
	grep -q "failed its integrity check: .*restore a backup (see README)" <<<"$out" ||
		bad "$name on a damaged log says: $out"
	[ "$(wc -l <<<"$out")" -eq 1 ] || bad "$name on a damaged log: more than one line: $out"
}
refused issue "$KIOSK" --config "$tmp/bad.ini" issue A
refused rate "$KIOSK" --config "$tmp/bad.ini" rate 5
refused login "$COUNTER" --config "$tmp/bad.ini" --counter 1 login somchai
refused status "$COUNTER" --config "$tmp/bad.ini" --counter 1 status
refused report "$COUNTER" --config "$tmp/bad.ini" report --month 2026-01 --format csv --out "$tmp/r.csv"

set +e
out=$("$COUNTER" --config "$tmp/bad.ini" check-config 2>&1)
status=$?
set -e
[ "$status" -eq 1 ] || bad "check-config on a damaged log: exit $status, wanted 1"
grep -q "failed its integrity check" <<<"$out" || bad "check-config on a damaged log says: $out"

[ "$(sha256sum <"$tmp/bad/queue.db")" = "$sum" ] || bad "the damaged log was changed"
[ ! -e "$tmp/bad/queue.db-wal" ] && [ ! -e "$tmp/bad/queue.db-shm" ] ||
	bad "files were created beside the damaged log: $(ls "$tmp/bad")"

if [ "$fail" -ne 0 ]; then
	exit 1
fi
echo "backup: ok"
