#!/usr/bin/env bash
# kiosk_checkin.sh BUILD_DIR SOURCE_DIR - booking check-in at the entrance kiosk.
#
# Books with the reception's `saduak-kiosk book` (and cancels with
# saduak-test-booking, the store's own functions),
# runs `saduak-kiosk --mode ticket` fullscreen under Xvfb with a folder
# printer (file:, each ticket's exact ESC/POS bytes as ticket-CODE.bin) and
# checks in:
#   - on the touch keypad (xdotool clicks where test_ticket_layout --print
#     says the keys are), and by a barcode scanner's keystrokes plus Enter
#     on the home screen and on the keypad screen: a ticket of class booking
#     is printed (its bytes named by its code) and the log has checked_in;
#   - refusals issue and print nothing: an unknown code, a cancelled booking,
#     one already used, another day's, too early (says when to come back);
#     too late offers a walk-in ticket of its service, issued with one touch;
#   - scanner text never leaves the kiosk; the exit chord still does.
# Screenshots of the keypad, a success and the refusals are kept in
# $SADUAK_SCREENSHOT_DIR (default BUILD_DIR/screenshots/kiosk_checkin).
set -euo pipefail

BUILD=${1:?usage: kiosk_checkin.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: kiosk_checkin.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
BOOK=$BUILD/tests/tools/saduak-test-booking
SHOTS=${SADUAK_SCREENSHOT_DIR:-$BUILD/screenshots/kiosk_checkin}

fail() {
	echo "kiosk_checkin: FAIL: $*" >&2
	exit 1
}

for tool in xvfb-run xdotool sqlite3; do
	command -v "$tool" >/dev/null || fail "$tool is needed (scripts/debian-packages.txt)"
done

# ---------------------------------------------------------------- inside Xvfb
# kiosk_checkin.sh --inside W H TMP: the scenario on one X screen of W x H.
if [[ ${3:-} == --inside ]]; then
	W=$4 H=$5 tmp=$6
	log=$tmp/kiosk-${W}x${H}.log
	kiosk_pid=
	stop_all() {
		[[ -n $kiosk_pid ]] && kill "$kiosk_pid" 2>/dev/null && wait "$kiosk_pid" 2>/dev/null
		return 0
	}
	trap stop_all EXIT
	kiosk_layout "$W" "$H"
	# shellcheck source=/dev/null
	. "$tmp/codes-${W}x${H}"

	keypad() { # keypad CODE: touch each of its keys
		local i
		for ((i = 0; i < ${#1}; i++)); do
			tap "checkin.key.${1:i:1}"
			e2e_sleep 0.1
		done
	}
	scan() { # scan TEXT: a barcode scanner types it and Enter
		xdotool type --delay 15 "$1"
		xdotool key Return
	}
	snap() { # snap NAME: let the screen settle, keep its picture
		e2e_sleep "${2:-0.8}"
		cp "$tmp/cur.png" "$SHOTS/$1-${W}x${H}.png"
	}
	tickets() { sql "$tmp/queue.db" "select count(*) from ticket ${1:-}"; }
	# until WHAT CMD...: wait for CMD to succeed (a hang guard, not a deadline).
	until_ok() {
		local what=$1
		shift
		for _ in $(seq 150); do
			"$@" && return 0
			e2e_sleep 0.1
		done
		fail "$what"
	}
	logged() { grep -q -- "$1" "$log"; }
	printed() { [[ -s $tmp/printed/ticket-$1.bin ]]; }
	booked_ticket() { # booked_ticket CODE: the code of the ticket its check-in issued
		sql "$tmp/queue.db" "select t.code from booking b join ticket t on t.id = b.ticket_id where b.code = '$1' and t.booked = 1"
	}
	has_ticket() { [[ -n $(booked_ticket "$1") ]]; }
	refused_twice() { (($(grep -c 'check-in refused: unknown' "$log") >= 2)); }
	walked_in() { (($(tickets "where booked = 0") > walkins)); }
	# expect_checkin CODE SHOT: a ticket of class booking issued, printed, logged.
	expect_checkin() {
		local t
		until_ok "booking $1 was not checked in" has_ticket "$1"
		t=$(booked_ticket "$1")
		until_ok "ticket $t of booking $1 was not printed" printed "$t"
		[[ $(sql "$tmp/queue.db" "select count(*) from event e join booking b on e.detail = 'booking ' || b.id where e.kind = 'checked_in' and b.code = '$1'") == 1 ]] ||
			fail "no checked_in event for booking $1"
		snap "$2" 0.6
		e2e_sleep 1.2
		tap ticket.done.0
		e2e_sleep 0.6
	}
	# expect_refusal WORD SHOT: refused (logged with WORD), nothing issued or printed.
	expect_refusal() {
		local before=$3
		until_ok "no refusal '$1' logged" logged "check-in refused: $1"
		snap "$2" 0.6
		[[ $(tickets) == "$before" ]] || fail "refusal $1 issued a ticket"
		[[ $(find "$tmp/printed" -name '*.bin' | wc -l) == "$before" ]] || fail "refusal $1 printed"
	}

	kiosk_start "$tmp/kiosk.ini" "$log"
	snap home

	# The keypad: touch the code, OK.
	tap home.booking.0
	snap keypad-empty 0.6
	keypad "$CODE_KEYPAD"
	snap keypad
	tap checkin.ok.0
	expect_checkin "$CODE_KEYPAD" success

	# A scanner on the home screen: the code in lower case with a dash, Enter.
	scan "$(tr 'A-Z' 'a-z' <<<"${CODE_SCAN:0:3}")-${CODE_SCAN:3}"
	expect_checkin "$CODE_SCAN" success-scanned

	# A scanner on the keypad screen, after a key touched by mistake and deleted.
	tap home.booking.0
	e2e_sleep 0.6
	keypad Z
	tap checkin.erase.0
	e2e_sleep 0.3
	scan "$CODE_KEYPAD2"
	expect_checkin "$CODE_KEYPAD2" success-keypad-scanned

	n=$(tickets)
	# Unknown code on the keypad.
	tap home.booking.0
	e2e_sleep 0.6
	keypad "$CODE_UNKNOWN"
	tap checkin.ok.0
	expect_refusal unknown refusal-unknown "$n"
	tap result.done.0
	e2e_sleep 0.6
	# Already used, cancelled, another day, too early: scanned on the home screen.
	for case in "used $CODE_KEYPAD" "cancelled $CODE_CANCELLED" "other-day $CODE_TOMORROW" \
		"too-early $CODE_EARLY"; do
		read -r word code <<<"$case"
		scan "$code"
		expect_refusal "$word" "refusal-$word" "$n"
		tap result.done.0
		e2e_sleep 0.6
	done
	# Not a code at all (a ticket's number, an ID number): unknown, nothing issued.
	scan "A012 1234567890123"
	until_ok "a line that is no code was not refused" refused_twice
	[[ $(tickets) == "$n" ]] || fail "a line that is no code issued a ticket"
	e2e_sleep 0.6
	tap result.done.0
	e2e_sleep 0.6
	# Too late: the walk-in ticket of its service, one touch.
	walkins=$(tickets "where booked = 0")
	scan "$CODE_LATE"
	expect_refusal too-late refusal-too-late "$n"
	tap result.walkin.0
	until_ok "no walk-in ticket after a late check-in" walked_in
	[[ $(tickets) == $((n + 1)) ]] || fail "the walk-in offer issued $(($(tickets) - n)) tickets"
	snap walkin 1.2
	e2e_sleep 0.6
	tap ticket.done.0
	e2e_sleep 0.6

	# Scanner text and Ctrl+Q leave the kiosk running; the exit chord closes it.
	scan "$CODE_KEYPAD"
	xdotool key ctrl+q ctrl+shift+q
	e2e_sleep 0.8
	kill -0 "$kiosk_pid" 2>/dev/null || fail "the kiosk left on scanned text or Ctrl+Q"
	tap result.done.0
	e2e_sleep 0.6
	xdotool key ctrl+shift+F12
	until_ok "the kiosk did not leave on ctrl+shift+F12" eval '! kill -0 "$kiosk_pid" 2>/dev/null'
	wait "$kiosk_pid" || fail "kiosk exited with status $? on its exit chord"
	kiosk_pid=
	exit 0
fi

# ---------------------------------------------------------------- outside
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$SHOTS" "$tmp/printed"

# Service A takes 20-minute bookings (config/demo.ini), check-in from 30
# minutes before its slot to 15 after, here 10 a slot (each run books the
# 12:20 slot thrice); every service open all day.
kiosk_config "$tmp/queue.db" "target = file:$tmp/printed" "ticket_seconds = 60" \
	-e '/^\[service A\]/,/^$/s/^booking_per_slot = .*/booking_per_slot = 10/' >"$tmp/kiosk.ini"

book() { # book DAYS HH:MM: a booking of service A by the reception's verb; prints its code
	local day
	day=$(TZ=Asia/Bangkok date -d "@$(($(date +%s) + SADUAK_CLOCK_OFFSET + $1 * 86400))" +%F)
	"$KIOSK" --config "$tmp/kiosk.ini" book A "$day" "$2"
}
export SADUAK_CLOCK_OFFSET
at_local_noon
noon=$SADUAK_CLOCK_OFFSET
# codes SIZE: the bookings one run checks in, as shell lines.
codes() {
	# Too late needs a booking made before its slot: made at 09:00, its slot 10:00.
	SADUAK_CLOCK_OFFSET=$((noon - 3 * 3600))
	late=$(book 0 10:00)
	SADUAK_CLOCK_OFFSET=$noon
	echo "CODE_LATE=$late"
	echo "CODE_KEYPAD=$(book 0 12:20)"
	echo "CODE_SCAN=$(book 0 12:20)"
	echo "CODE_KEYPAD2=$(book 0 12:20)"
	echo "CODE_EARLY=$(book 0 14:00)"
	echo "CODE_TOMORROW=$(book 1 10:00)"
	cancelled=$(book 0 12:40)
	"$BOOK" --config "$tmp/kiosk.ini" cancel "$cancelled" >/dev/null
	echo "CODE_CANCELLED=$cancelled"
	# A code of the right shape that no booking has.
	for c in ABCDEF GHJKLM NPQRST; do
		[[ $(sql "$tmp/queue.db" "select count(*) from booking where code = '$c'") == 0 ]] &&
			echo "CODE_UNKNOWN=$c" && break
	done
}

run() { # run W H
	codes >"$tmp/codes-${1}x${2}"
	grep -q CODE_UNKNOWN "$tmp/codes-${1}x${2}" || fail "no unknown code left to try"
	! grep -q '=$' "$tmp/codes-${1}x${2}" || fail "a booking was refused: $(cat "$tmp/codes-${1}x${2}")"
	xvfb-run -a -s "-screen 0 ${1}x${2}x24" bash "$0" "$BUILD" "$SRC" --inside "$1" "$2" "$tmp" ||
		fail "at ${1}x${2} (kiosk log: $(tail -5 "$tmp/kiosk-${1}x${2}.log" 2>/dev/null))"
}
# Landscape, portrait, and the smallest screen the kiosk supports.
sizes=("1280 800" "1080 1920" "800 480")
for size in "${sizes[@]}"; do
	# shellcheck disable=SC2086 # "W H"
	run $size
done

# Three check-ins and one walk-in ticket a run, nothing else; each printed under its code.
[[ $(sql "$tmp/queue.db" "select count(*) from ticket where booked = 1") == $((3 * ${#sizes[@]})) ]] ||
	fail "expected 3 tickets of class booking a run"
[[ $(sql "$tmp/queue.db" "select count(*) from ticket") == $((4 * ${#sizes[@]})) ]] ||
	fail "expected 4 tickets a run"
for t in $(sql "$tmp/queue.db" "select code from ticket"); do
	[[ -s $tmp/printed/ticket-$t.bin ]] || fail "ticket $t was not printed"
done
cp "$tmp/printed/ticket-$(sql "$tmp/queue.db" "select code from ticket where booked = 1 limit 1").png" \
	"$SHOTS/printed-booking-ticket.png"
echo "kiosk_checkin: ok (screenshots in $SHOTS)"
