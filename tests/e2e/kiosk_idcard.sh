#!/usr/bin/env bash
# kiosk_idcard.sh BUILD_DIR SOURCE_DIR - booking check-in with the Thai ID
# card at the entrance kiosk, through the real PC/SC stack: a pcscd of the
# test's own with vsmartcard's virtual reader and tests/e2e/virtual_idcard.py
# as the card (pcsc_lib.sh), `saduak-kiosk --mode ticket` under Xvfb with
# [kiosk] id_key_file and a folder printer.
#
#   - a card whose ID was booked today (the booking holds the keyed hash,
#     made by saduak-test-booking): a ticket of class booking is printed,
#     the log has checked_in;
#   - a card with no booking today: says so, issues and prints nothing;
#   - a card whose number fails its check digit: "could not be read", nothing
#     issued;
#   - pcscd stopped (the reader gone): logged, and the kiosk still issues a
#     walk-in ticket by touch; pcscd back: a second booked card checks in;
#   - no citizen ID in the kiosk's log.
# Screenshots of the card's success and refusal in $SADUAK_SCREENSHOT_DIR
# (default BUILD_DIR/screenshots/kiosk_checkin).
set -euo pipefail

BUILD=${1:?usage: kiosk_idcard.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: kiosk_idcard.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
# shellcheck source=pcsc_lib.sh
. "$SRC/tests/e2e/pcsc_lib.sh"
BOOK=$BUILD/tests/tools/saduak-test-booking
SHOTS=${SADUAK_SCREENSHOT_DIR:-$BUILD/screenshots/kiosk_checkin}
W=1280 H=800

fail() {
	echo "kiosk_idcard: FAIL: $*" >&2
	exit 1
}

for tool in Xvfb xdotool sqlite3 python3 pcscd systemd-socket-activate; do
	command -v "$tool" >/dev/null || fail "$tool is needed (scripts/debian-packages.txt)"
done
[[ -e $PCSC_VPCD ]] || fail "$PCSC_VPCD is needed (Debian vsmartcard-vpcd)"
if ((EUID != 0)); then
	echo "kiosk_idcard: skipped: pcscd needs root"
	exit 77
fi

tmp=$(mktemp -d)
pids=()
kiosk_pid=''
cleanup() {
	[[ -n $kiosk_pid ]] && kill "$kiosk_pid" 2>/dev/null
	card_out
	stop_pcscd
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$SHOTS" "$tmp/printed"
pcsc_setup || fail "no two free ports for vpcd"

booked=3100500123458 unbooked=1101700203450 wrong=3100500123459 booked2=1101700203450
head -c 32 /dev/urandom >"$tmp/key"
chmod 600 "$tmp/key"
kiosk_config "$tmp/queue.db" "target = file:$tmp/printed" "id_key_file = $tmp/key
idcard_reader = $PCSC_READER" >"$tmp/kiosk.ini"
at_local_noon
code=$("$BOOK" --config "$tmp/kiosk.ini" make A 0 12:20 "$(id_hash_of "$tmp/key" "$booked")")
[[ -n $code ]] || fail "the booking was refused"

start_xvfb "${W}x${H}" "$tmp/xvfb.log" || fail "Xvfb did not start"
kiosk_layout "$W" "$H"
snap() { # snap NAME: let the screen settle, keep its picture
	e2e_sleep "${2:-0.8}"
	cp "$tmp/cur.png" "$SHOTS/$1-${W}x${H}.png"
}
tickets() { sql "$tmp/queue.db" "select count(*) from ticket ${1:-}"; }
until_ok() { # until_ok WHAT CMD...: wait for CMD (a hang guard, not a deadline)
	local what=$1
	shift
	for _ in $(seq 300); do
		"$@" && return 0
		e2e_sleep 0.1
	done
	fail "$what (kiosk log: $(tail -3 "$tmp/kiosk.log"))"
}
logged() { grep -q -- "$1" "$tmp/kiosk.log"; }
checked_in() { # checked_in CODE
	[[ $(sql "$tmp/queue.db" "select count(*) from booking b join ticket t on t.id = b.ticket_id where b.code = '$1' and t.booked = 1 and b.state = 'checked_in'") == 1 ]]
}
walked_in() { (($(tickets "where booked = 0") >= 1)); }

start_pcscd || fail "pcscd's socket did not appear"
kiosk_start "$tmp/kiosk.ini" "$tmp/kiosk.log"
until_ok "the kiosk does not watch the card reader" logged "ID card check-in: watching reader '$PCSC_READER'"

# The booked card: a ticket of class booking, printed under its code.
card_in "$booked"
until_ok "the card's booking was not checked in" checked_in "$code"
t=$(sql "$tmp/queue.db" "select t.code from booking b join ticket t on t.id = b.ticket_id where b.code = '$code'")
until_ok "ticket $t was not printed" [ -s "$tmp/printed/ticket-$t.bin" ]
[[ $(sql "$tmp/queue.db" "select count(*) from event where kind = 'checked_in'") == 1 ]] ||
	fail "no checked_in event"
snap card-success
card_out
e2e_sleep 1
tap ticket.done.0
e2e_sleep 0.6

# A card with no booking today: said so, nothing issued or printed.
n=$(tickets)
card_in "$unbooked"
until_ok "a card with no booking was not refused" logged "check-in refused: unknown"
snap card-no-booking
[[ $(tickets) == "$n" ]] || fail "a card with no booking issued a ticket"
[[ $(find "$tmp/printed" -name '*.bin' | wc -l) == "$n" ]] || fail "a card with no booking printed"
card_out
tap result.done.0
e2e_sleep 0.6

# A number that fails its check digit: not read, nothing issued.
card_in "$wrong"
until_ok "a card with a wrong check digit was not refused" logged "ID card not read: "
snap card-unreadable
[[ $(tickets) == "$n" ]] || fail "a card with a wrong check digit issued a ticket"
card_out
tap result.done.0
e2e_sleep 0.6

# The reader gone (pcscd stopped): logged; walk-in tickets go on.
stop_pcscd
until_ok "the reader's loss was not logged" logged "ID card reader: "
tap home.service.0
e2e_sleep 0.6
tap advice.take.0
until_ok "no walk-in ticket with the reader gone" walked_in
kill -0 "$kiosk_pid" || fail "the kiosk died with the reader gone"
e2e_sleep 1.5
tap ticket.done.0
e2e_sleep 0.6

# pcscd back: the card path works again, with no restart of the kiosk.
code2=$("$BOOK" --config "$tmp/kiosk.ini" make A 0 12:20 "$(id_hash_of "$tmp/key" "$booked2")")
[[ -n $code2 ]] || fail "the second booking was refused"
start_pcscd || fail "pcscd's socket did not appear again"
card_in "$booked2"
until_ok "the card was not read after pcscd came back" checked_in "$code2"
card_out
e2e_sleep 1.5
tap ticket.done.0
e2e_sleep 0.6
kill "$kiosk_pid"
wait "$kiosk_pid" || fail "kiosk exited with status $? on SIGTERM"
kiosk_pid=''

for cid in "$booked" "$unbooked" "$wrong"; do
	! grep -qF "$cid" "$tmp/kiosk.log" || fail "the kiosk logged a citizen ID"
done
echo "kiosk_idcard: ok ($(tickets) tickets; screenshots in $SHOTS)"
