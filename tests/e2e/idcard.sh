#!/usr/bin/env bash
# idcard.sh BUILD_DIR SOURCE_DIR - the Thai ID card reader through the real
# PC/SC stack: a pcscd of the test's own (its socket in a temporary folder,
# so it meets no other pcscd) with vsmartcard's virtual reader (vpcd), into
# which tests/e2e/virtual_idcard.py plugs a card answering the card's real
# commands (the stack is pcsc_lib.sh's); saduak-idcard-probe prints what
# idcard.h reports.
#
#  1. A key file others may read is refused with one line, nothing printed.
#  2. The probe starts before pcscd: "reader gone"; pcscd starts: "reader back".
#  3. A card goes in: its keyed hash is printed (HMAC-SHA256 of the digits
#     under the key file, as Python computes it) and never the number; the
#     card saw SELECT, READ of the citizen ID and GET RESPONSE, nothing else.
#     Out: "card removed".
#  4. A card whose last digit is not the check digit: refused, one line.
#  5. A "3B 67" card (GET RESPONSE with P2 = 01) is read.
#  6. pcscd stops with a card in: "reader gone"; it starts again: "reader
#     back", and the first card gives the same hash as before.
#  7. A reader name pcscd does not list: "reader gone", naming it.
# Every step waits for the probe's next line (a count of events); the read
# timeout only guards against a hang.
set -euo pipefail

BUILD=${1:?usage: idcard.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: idcard.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=pcsc_lib.sh
. "$SRC/tests/e2e/pcsc_lib.sh"
PROBE=$BUILD/tests/tools/saduak-idcard-probe

for need in pcscd systemd-socket-activate python3; do
	command -v "$need" >/dev/null || {
		echo "idcard: FAIL: $need is needed (scripts/debian-packages.txt)" >&2
		exit 1
	}
done
[[ -e $PCSC_VPCD ]] || {
	echo "idcard: FAIL: $PCSC_VPCD is needed (Debian vsmartcard-vpcd)" >&2
	exit 1
}
# pcscd keeps its pid file in /run/pcscd, which only root may create.
if ((EUID != 0)); then
	echo "idcard: skipped: pcscd needs root"
	exit 77
fi

tmp=$(mktemp -d)
pids=()
cleanup() {
	card_out
	stop_pcscd
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
fail=0
bad() {
	echo "idcard: FAIL: $*" >&2
	fail=1
}
pcsc_setup || { echo "idcard: FAIL: no two free ports" >&2; exit 1; }
start_pcscd_or_fail() {
	start_pcscd || { echo "idcard: FAIL: pcscd's socket did not appear" >&2; exit 1; }
}

# expect PATTERN: the probe's next line matches the glob PATTERN; the line in $line.
line=''
expect() {
	if ! IFS= read -r -t 120 line <&3; then
		bad "no line from the probe where '$1' was due (stderr: $(cat "$tmp/probe.err"))"
		exit 1
	fi
	echo "$line" >>"$tmp/probe.log"
	# shellcheck disable=SC2053 # the pattern is a glob on purpose
	[[ $line == $1 ]] || bad "probe printed '$line', expected '$1'"
}

good=3100500123458 good67=1101700203450 wrong=3100500123459
head -c 32 /dev/urandom >"$tmp/key"

# 1. A key file group or others may read is refused.
chmod 644 "$tmp/key"
set +e
"$PROBE" --key-file "$tmp/key" --events 1 >"$tmp/refused.out" 2>"$tmp/refused.err"
rc=$?
set -e
((rc == 1)) || bad "a key file of mode 0644: exit $rc, expected 1"
[[ ! -s $tmp/refused.out ]] || bad "a refused key file printed: $(cat "$tmp/refused.out")"
if [[ $(wc -l <"$tmp/refused.err") -ne 1 ]] ||
	! grep -qF "key file '$tmp/key' is open to group or others (mode 0644): chmod 600 it" "$tmp/refused.err"; then
	bad "a key file of mode 0644: stderr was '$(cat "$tmp/refused.err")'"
fi
chmod 600 "$tmp/key"

# 2. No pcscd yet: the reader is gone; pcscd starts: it is back.
mkfifo "$tmp/probe.fifo"
"$PROBE" --key-file "$tmp/key" --reader "$PCSC_READER" --events 11 \
	>"$tmp/probe.fifo" 2>"$tmp/probe.err" &
probe_pid=$!
pids+=("$probe_pid")
exec 3<"$tmp/probe.fifo"
expect 'reader gone: pcscd is not running: *'
start_pcscd_or_fail
expect "reader back: $PCSC_READER 00 00"

# 3. A card in and out: its hash, never its number; only its three commands.
card_in "$good"
expect 'card inserted: hash *'
[[ $line == "card inserted: hash $(id_hash_of "$tmp/key" "$good")" ]] ||
	bad "the hash printed is not HMAC-SHA256 of the citizen ID under the key: '$line'"
first_hash=$line
printf 'apdu %s\n' '00 A4 04 00 08 A0 00 00 00 54 48 00 01' '80 B0 00 04 02 00 0D' \
	'00 C0 00 00 0D' >"$tmp/apdus.want"
grep '^apdu' "$tmp/card.out" | diff "$tmp/apdus.want" - >&2 ||
	bad "the card was sent other commands than SELECT, READ citizen ID, GET RESPONSE"
card_out
expect 'card removed'

# 4. A number whose check digit is wrong: refused with one clear line.
card_in "$wrong"
expect 'card unreadable: invalid citizen id: citizen id refused: the check digit does not match'
card_out
expect 'card removed'

# 5. A "3B 67" card wants GET RESPONSE with P2 = 01 (it refuses 00).
card_in "$good67" 3b67
expect "card inserted: hash $(id_hash_of "$tmp/key" "$good67")"
grep -qx 'apdu 00 C0 00 01 0D' "$tmp/card.out" || bad "the 3B 67 card was not sent 00 C0 00 01 0D"

# 6. pcscd stops under a card: the reader is gone, then back; the probe lives on.
kill -0 "$pcscd_pid" 2>/dev/null || bad "pcscd ended before it was stopped"
stop_pcscd
expect 'reader gone: *'
card_out
start_pcscd_or_fail
expect "reader back: $PCSC_READER 00 00"
card_in "$good"
expect "$first_hash"
card_out
expect 'card removed'

# A reader asked for by a name pcscd does not list is gone, and says which.
other=$("$PROBE" --key-file "$tmp/key" --reader "Other Reader" --events 1)
[[ $other == "reader gone: no card reader named 'Other Reader*'" ]] ||
	bad "a reader of another name: '$other'"

# The probe ends after its count of events, and printed no citizen ID.
wait "$probe_pid" || bad "the probe exited $?"
for cid in "$good" "$good67" "$wrong"; do
	! grep -qF "$cid" "$tmp/probe.log" "$tmp/probe.err" || bad "the probe printed a citizen ID"
done
((fail == 0)) && echo "idcard: ok: $(wc -l <"$tmp/probe.log") reader events, hashes only"
exit "$fail"
