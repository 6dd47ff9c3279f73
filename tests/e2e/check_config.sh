#!/usr/bin/env bash
# check_config.sh BUILD_DIR SOURCE_DIR - `saduak-counter check-config` on a
# good office and on broken ones.
#
# A good file (a display on a device that exists, a file printer with its
# folder, no voice) prints "ok" and exits 0, creating nothing. Each broken
# one exits 1 and prints the line that names what is wrong: a syntax error
# (file and line), a display's missing port, a printer folder that is not
# there, a clip folder that is not there, a service no counter serves, a
# database folder that does not exist. Both spellings of --config work.
set -euo pipefail

BUILD=${1:?usage: check_config.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: check_config.sh BUILD_DIR SOURCE_DIR}
COUNTER=$BUILD/counter/saduak-counter

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
	echo "check_config: FAIL: $*" >&2
	fail=1
}
mkdir -p "$tmp/data/tickets"

base() { # the good office, with EXTRA appended
	cat <<INI
[office]
name_th = สำนักงานทดสอบ
name_en = Test Office
database = data/queue.db
[service A]
name_th = เอ
name_en = A
hours = mon-fri 08:30-16:30
[service B]
name_th = บี
name_en = B
hours = mon-fri 08:30-16:30
[counter 1]
location_th = ก
location_en = G
services = A, B
display = led1
[display led1]
protocol = alpha
port = /dev/null
address = 1
[printer]
target = file:data/tickets
INI
}

# The good office: ok, exit 0, and it created no database.
base >"$tmp/good.ini"
out=$("$COUNTER" --config "$tmp/good.ini" check-config 2>&1) || bad "good config: exit $?: $out"
[ "$out" = ok ] || bad "good config printed: $out"
out=$("$COUNTER" check-config --config "$tmp/good.ini" 2>&1) || bad "check-config --config FILE: $out"
[ "$out" = ok ] || bad "check-config --config FILE printed: $out"
[ ! -e "$tmp/data/queue.db" ] || bad "check-config created the database"

# expect NAME PATTERN: exit 1 and a line matching PATTERN.
expect() {
	local name=$1 pattern=$2 out status
	set +e
	out=$("$COUNTER" --config "$tmp/$name.ini" check-config 2>&1)
	status=$?
	set -e
	[ "$status" -eq 1 ] || bad "$name: exit $status, wanted 1 ($out)"
	grep -Eq -- "$pattern" <<<"$out" || bad "$name: no line matching '$pattern' in: $out"
}

{ base; echo "[counter 2"; } >"$tmp/syntax.ini"
expect syntax "syntax\\.ini:[0-9]+:"

base | sed 's#port = /dev/null#port = /dev/ttyUSB-none-9#' >"$tmp/display.ini"
expect display "^\\[display led1\\]: device '/dev/ttyUSB-none-9': No such file"

base | sed 's#file:data/tickets#file:data/no-such-folder#' >"$tmp/printer.ini"
expect printer "^\\[printer\\]: folder '.*/data/no-such-folder'"

{ base; printf '[voice]\ndir = no-clips\n'; } >"$tmp/voice.ini"
expect voice "^\\[voice\\]: .*no-clips"

base | sed 's/^services = A, B$/services = A/' >"$tmp/unserved.ini"
expect unserved "unserved\\.ini:[0-9]+: \\[service B\\]: no counter serves it"

base | sed 's#database = data/queue.db#database = nowhere/queue.db#' >"$tmp/nodb.ini"
expect nodb "^database '.*/nowhere/queue.db' does not exist yet and cannot be created"

# --keys lists every key of the module-owned sections from their tables.
keys=$("$COUNTER" --config "$tmp/good.ini" check-config --keys) || bad "check-config --keys: exit $?"
for section in "display NAME" printer voice kiosk board rating backup; do
	grep -qxF "[$section]" <<<"$keys" || bad "--keys lists no [$section]"
done
grep -Eq '^  ticket_seconds +5\.\.120 seconds \(15\): ' <<<"$keys" || bad "--keys: no ticket_seconds line"
grep -Eq '^  exit_keys +\(ctrl\+shift\+f12\): ' <<<"$keys" || bad "--keys: no exit_keys line"

# A display narrower than the codes its counter calls (B001 would show B00).
base | sed "s/^address = 1$/address = 1\nwidth = 3/" >"$tmp/narrow.ini"
expect narrow "narrow\\.ini:[0-9]+: \\[display led1\\] key 'width': 3 is too narrow for code A999"

# Several problems: one line each and the count.
base | sed -e 's#port = /dev/null#port = /dev/ttyUSB-none-9#' \
	-e 's#file:data/tickets#file:data/no-such-folder#' >"$tmp/two.ini"
expect two "^2 problems in .*two\\.ini$"

if [ "$fail" -ne 0 ]; then
	exit 1
fi
echo "check_config: ok"
