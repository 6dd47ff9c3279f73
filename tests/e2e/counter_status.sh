#!/usr/bin/env bash
# counter_status.sh BUILD_DIR SOURCE_DIR - a parked ticket and `status`.
#
#  1. A parked ticket is shown apart from the waiting ones by `status`.
#  2. `call CODE --reason` refuses it (exit 3, saying to reactivate it);
#     `reactivate` brings it back early, and then it counts as waiting.
#  3. `status` never says a word twice in a row (on break, called, serving).
set -euo pipefail

BUILD=${1:?usage: counter_status.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: counter_status.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
	echo "counter_status: FAIL: $*" >&2
	fail=1
}
at_local_noon
office_config "$tmp/queue.db" -e '/^display = /d' -e 's/^services = C, D$/services = A/' \
	>"$tmp/office.ini"
counter() { "$COUNTER" --config "$tmp/office.ini" --counter 1 "$@"; }

# no_repeats TEXT: fail when a word follows itself ("called, called").
no_repeats() {
	local twice
	twice=$(tr -cs '[:alnum:]' '\n' <<<"$1" | uniq -d)
	[ -z "$twice" ] || bad "status repeats '$twice': $1"
}

"$KIOSK" --config "$tmp/office.ini" issue A >/dev/null
"$KIOSK" --config "$tmp/office.ini" issue A >/dev/null
counter login somchai >/dev/null
counter next >/dev/null
out=$(counter status)
no_repeats "$out"
grep -q "^current: A001 (service A) called at " <<<"$out" || bad "status of a called ticket: $out"
counter start >/dev/null
out=$(counter status)
no_repeats "$out"
grep -q "^current: A001 (service A) serving, called at " <<<"$out" || bad "status while serving: $out"

# 1. Parked apart.
counter park >/dev/null
out=$(counter status)
grep -q "^waiting: A 1$" <<<"$out" || bad "a parked ticket counted as waiting: $out"
grep -q "^parked: A 1$" <<<"$out" || bad "the parked ticket is not shown: $out"

# 2. Called out of turn: refused; reactivate brings it back.
set +e
out=$(counter call A001 --reason "came back" 2>&1)
status=$?
set -e
[ "$status" -eq 3 ] || bad "call of a parked ticket: exit $status, wanted 3 ($out)"
grep -q "A001 is parked: reactivate it first" <<<"$out" || bad "call of a parked ticket says: $out"
counter reactivate A001 >/dev/null || bad "reactivate of a parked ticket failed"
out=$(counter status)
grep -q "^waiting: A 2$" <<<"$out" || bad "after reactivate: $out"
if grep -q "^parked:" <<<"$out"; then bad "after reactivate a ticket is still parked: $out"; fi

# 3. Breaks, with and without a reason.
counter break >/dev/null
out=$(counter status)
no_repeats "$out"
grep -q "^counter 1: on break, officer somchai$" <<<"$out" || bad "status on break: $out"
counter resume >/dev/null
counter break --reason lunch >/dev/null
out=$(counter status)
grep -q "^counter 1: on break, officer somchai (lunch)$" <<<"$out" || bad "status on a lunch break: $out"

if [ "$fail" -ne 0 ]; then
	exit 1
fi
echo "counter_status: ok"
