#!/usr/bin/env bash
# pg_backup.sh BUILD_DIR SOURCE_DIR - README's backup and restore of a log on
# a PostgreSQL server ("An office with several PCs"), under a throw-away
# server (tests/pg_virtualenv.sh): pg_dump of a working log, pg_restore into
# an empty database, verify-log there gives the same last hash, the restored
# log still refuses an edit (its triggers came along), and the programs work
# on it (the next ticket of a service gets the next number).
set -euo pipefail

BUILD=${1:?usage: pg_backup.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: pg_backup.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
	echo "pg_backup: FAIL: $*" >&2
	exit 1
}

at_local_noon
createdb saduak
office_config "postgresql:///saduak" -e '/^display = /d' >"$tmp/office.ini"
"$COUNTER" --config "$tmp/office.ini" simulate --days 2 --seed 3 --start 2026-10-01 >/dev/null
for _ in 1 2 3; do last=$("$KIOSK" --config "$tmp/office.ini" issue A); done
before=$("$COUNTER" --config "$tmp/office.ini" verify-log) || fail "verify-log before: $before"

# The backup, then the restore into an empty database (README's commands).
pg_dump --format=custom --file="$tmp/saduak.dump" saduak
createdb saduak_restored
pg_restore --dbname=saduak_restored --exit-on-error "$tmp/saduak.dump" ||
	fail "pg_restore exited $?"
sed 's|^database = .*|database = postgresql:///saduak_restored|' "$tmp/office.ini" >"$tmp/restored.ini"
after=$("$COUNTER" --config "$tmp/restored.ini" verify-log) || fail "verify-log after the restore: $after"
[[ $after == "$before" ]] || fail "the restored log says '$after', the backed-up one '$before'"
db=postgresql:///saduak_restored
! sql "$db" "UPDATE event SET kind = 'issued' WHERE id = 1" 2>/dev/null ||
	fail "the restored log lets an event be edited"
code=$("$KIOSK" --config "$tmp/restored.ini" issue A) || fail "issue on the restored log exited $?"
[[ ${code//[!0-9]/} -eq $((10#${last//[!0-9]/} + 1)) ]] || fail "the restored log issued $code after $last"
echo "pg_backup: ok: $before; restored alike, append-only, and issuing $code"
