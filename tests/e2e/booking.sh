#!/usr/bin/env bash
# booking.sh BUILD_DIR SOURCE_DIR - advance booking through the real programs.
#
# A slot booked with `saduak-kiosk book`, checked in at reception with
# `saduak-kiosk checkin`, is called by `saduak-counter next` ahead of an
# older walk-in with rule booking. Refused check-ins (used, unknown, too
# early, too late) and bookings (not a slot, past, bad input) print one line
# in Thai and English, exit with their documented code and write nothing.
set -euo pipefail

BUILD=${1:?usage: booking.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: booking.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v sqlite3 >/dev/null || {
	echo "booking: FAIL: sqlite3 is needed" >&2
	exit 1
}

DB=$tmp/queue.db
CFG=$tmp/office.ini
office_config "$DB" -e '/^display = /d' >"$CFG"

# at HH:MM: every program started afterwards runs as at that time today in Bangkok.
at() {
	local h m s
	IFS=: read -r h m s <<<"$(TZ=Asia/Bangkok date +%H:%M:%S)"
	export SADUAK_CLOCK_OFFSET=$((10#${1%:*} * 3600 + 10#${1#*:} * 60 - (10#$h * 3600 + 10#$m * 60 + 10#$s)))
}
today=$(TZ=Asia/Bangkok date +%F)
yesterday=$(TZ=Asia/Bangkok date -d yesterday +%F)

failures=()
fail() { failures+=("$1"); }

# refused NAME STATUS PATTERN -- COMMAND...: COMMAND exits STATUS with one
# stderr line holding PATTERN and a Thai character, nothing on stdout, and
# the log's tickets and bookings stay as they were.
refused() {
	local name=$1 want=$2 pattern=$3 rc=0 before after
	shift 4
	before=$(sql "$DB" 'SELECT count(*) FROM ticket; SELECT count(*) FROM booking')
	"$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	after=$(sql "$DB" 'SELECT count(*) FROM ticket; SELECT count(*) FROM booking')
	[[ $rc == "$want" ]] || fail "$name: exit $rc, expected $want ($(cat "$tmp/err"))"
	[[ $(wc -l <"$tmp/err") == 1 ]] || fail "$name: $(wc -l <"$tmp/err") lines on stderr"
	grep -qF -- "$pattern" "$tmp/err" || fail "$name: '$pattern' not in: $(cat "$tmp/err")"
	grep -qP '[\x{0E00}-\x{0E7F}]' "$tmp/err" || fail "$name: no Thai in: $(cat "$tmp/err")"
	[[ ! -s $tmp/out ]] || fail "$name: printed $(cat "$tmp/out")"
	[[ $before == "$after" ]] || fail "$name: the log changed"
}

at 09:50
"$COUNTER" --config "$CFG" --counter 2 login somchai >/dev/null
walk_in=$("$KIOSK" --config "$CFG" issue A)
code=$("$KIOSK" --config "$CFG" book a "$today" 10:00)
[[ $code =~ ^[A-HJ-NP-Z2-9]{6}$ ]] || fail "book printed '$code', not a booking code"
# Typed as a citizen reads it out: lower case with a dash.
typed=$(tr '[:upper:]' '[:lower:]' <<<"${code:0:3}-${code:3}")
ticket=$("$KIOSK" --config "$CFG" checkin "$typed")
[[ $ticket =~ ^A[0-9]+$ && $ticket != "$walk_in" ]] || fail "checkin printed '$ticket'"
called=$("$COUNTER" --config "$CFG" --counter 2 next)
[[ $called == "$ticket called to counter 2 (rule: booking"* ]] ||
	fail "next: '$called', expected $ticket by rule booking ahead of $walk_in"
[[ $(sql "$DB" "SELECT count(*) FROM event WHERE kind = 'checked_in' AND ticket_id = (SELECT id FROM ticket WHERE code = '$ticket' AND booked = 1)") == 1 ]] ||
	fail "no checked_in event for $ticket"

refused "checkin again" 3 "already been used" -- "$KIOSK" --config "$CFG" checkin "$code"
refused "unknown code" 3 "No booking has this code" -- "$KIOSK" --config "$CFG" checkin ZZZZZZ
refused "not a code" 3 "No booking has this code" -- "$KIOSK" --config "$CFG" checkin hello
early=$("$KIOSK" --config "$CFG" book A "$today" 10:40)
refused "too early" 3 "come back at 10:10" -- "$KIOSK" --config "$CFG" checkin "$early"
late=$("$KIOSK" --config "$CFG" book A "$today" 10:00)
refused "not a slot" 3 "no booking slot" -- "$KIOSK" --config "$CFG" book A "$today" 10:05
refused "past" 3 "already passed" -- "$KIOSK" --config "$CFG" book A "$yesterday" 10:00
at 10:16
refused "too late" 5 "walk-in" -- "$KIOSK" --config "$CFG" checkin "$late"
# The walk-in is called next by the ordinary rule, the early booking still waits to check in.
called=$("$COUNTER" --config "$CFG" --counter 2 next)
[[ $called == "$walk_in called to counter 2 (rule: oldest-first"* ]] || fail "next: '$called'"

# Bad input: exit 1, nothing written.
before=$(sql "$DB" 'SELECT count(*) FROM booking')
for args in "A 2026-13-01 10:00" "A $today 25:00" "Q $today 10:00" "A $today"; do
	rc=0
	# shellcheck disable=SC2086 # the words of args are the arguments
	"$KIOSK" --config "$CFG" book $args >/dev/null 2>"$tmp/err" || rc=$?
	[[ $rc == 1 && $(wc -l <"$tmp/err") == 1 ]] || fail "book $args: exit $rc, $(cat "$tmp/err")"
done
[[ $(sql "$DB" 'SELECT count(*) FROM booking') == "$before" ]] || fail "bad input wrote a booking"

if ((${#failures[@]})); then
	printf 'booking: FAIL: %s\n' "${failures[@]}" >&2
	exit 1
fi
echo "booking: ok"
