#!/usr/bin/env bash
# systemd_units.sh BUILD_DIR SOURCE_DIR - check the units of a real install.
#
# The units in BUILD_DIR/systemd are made from systemd/*.in with the install
# paths. Copies of them, with the binaries pointed at this build and cage at
# a stand-in (verify insists that every ExecStart exists), go through
# `systemd-analyze verify` (no error, no warning about our files) and
# `systemd-analyze security --offline=true`, whose overall exposure score of
# each unit is printed and written to BUILD_DIR/systemd-security.txt; a unit
# scoring above SQ_MAX_EXPOSURE (2.0) fails. Templates are checked as
# instance 3, and as instances 1, 10 and 99 (the config allows counters
# 1..99): each must name a virtual terminal Linux has (tty1..tty63), the
# same one for every instance, and one no other unit uses. Skips (exit 77) when systemd-analyze is missing (package systemd).
set -euo pipefail

BUILD=${1:?usage: systemd_units.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: systemd_units.sh BUILD_DIR SOURCE_DIR}
MAX=${SQ_MAX_EXPOSURE:-2.0}

if ! command -v systemd-analyze >/dev/null 2>&1; then
	echo "systemd_units: SKIP: systemd-analyze not found (Debian package systemd)"
	exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
	echo "systemd_units: FAIL: $*" >&2
	fail=1
}

# A stand-in compositor: `cage [OPTIONS] -- PROGRAM ARGS` runs the program.
cat >"$tmp/cage" <<'STUB'
#!/bin/sh
while [ $# -gt 0 ] && [ "$1" != "--" ]; do shift; done
shift
exec "$@"
STUB
chmod +x "$tmp/cage"

units=(saduak-kiosk.service saduak-board.service saduak-counter@.service
	saduak-rating@.service saduak-backup.service saduak-web.service saduak-displays.service)
for u in "${units[@]}"; do
	[ -f "$BUILD/systemd/$u" ] || { bad "$BUILD/systemd/$u was not generated"; continue; }
	bindir=$(sed -n 's#^ExecStart=\(.* \)\{0,1\}\(/[^ ]*\)/saduak-\(kiosk\|counter\|web\) .*#\2#p' "$BUILD/systemd/$u" | head -1)
	[ -n "$bindir" ] || { bad "$u: no saduak binary in ExecStart"; continue; }
	cage=$(sed -n 's#^ExecStart=.* \(/[^ ]*cage\) .*#\1#p' "$BUILD/systemd/$u")
	sed -e "s#$bindir/saduak-kiosk#$BUILD/kiosk/saduak-kiosk#" \
		-e "s#$bindir/saduak-counter#$BUILD/counter/saduak-counter#" \
		-e "s#$bindir/saduak-web#$BUILD/web/saduak-web#" \
		${cage:+-e "s#$cage #$tmp/cage #"} \
		"$BUILD/systemd/$u" >"$tmp/${u/@./@3.}"
done
cp "$SRC/systemd/saduak-backup.timer" "$tmp/"

# Units that sat in the source tree unprocessed would still name @SADUAK_BINDIR@.
if grep -l '@[A-Z_]*@' "$tmp"/*.service "$tmp"/*.timer; then
	bad "unsubstituted @VARIABLE@ left in the units above"
fi

checked=(saduak-kiosk.service saduak-board.service saduak-counter@3.service
	saduak-rating@3.service saduak-backup.service saduak-backup.timer saduak-web.service
	saduak-displays.service)
for u in "${checked[@]}"; do
	[ -f "$tmp/$u" ] || continue
	if ! out=$(cd "$tmp" && systemd-analyze verify "./$u" 2>&1); then
		bad "systemd-analyze verify $u failed: $out"
	elif grep -F "$tmp" <<<"$out" >/dev/null; then
		bad "systemd-analyze verify $u warns: $(grep -F "$tmp" <<<"$out")"
	fi
done

# The virtual terminal unit file $1 asks for as instance $2, and the getty it
# must keep off that terminal.
vt_of() {
	sed -n "s#%i#$2#g; s#^TTYPath=##p" "$1"
}
conflicts_getty() {
	sed "s#%i#$2#g" "$1" | grep -qx "Conflicts=getty@${3#/dev/}.service"
}
declare -A vt_owner
for u in saduak-kiosk.service saduak-board.service saduak-counter@.service saduak-rating@.service; do
	unit=$tmp/${u/@./@3.}
	[ -f "$unit" ] || continue
	instances=(3)
	[[ $u == *@.service ]] && instances=(1 3 10 99)
	first=
	for i in "${instances[@]}"; do
		vt=$(vt_of "$unit" "$i")
		name=${u/@./@$i.}
		if ! [[ $vt =~ ^/dev/tty([1-9]|[1-5][0-9]|6[0-3])$ ]]; then
			bad "$name: TTYPath '$vt' is not a virtual terminal Linux has (tty1..tty63)"
		fi
		first=${first:-$vt}
		[ "$vt" = "$first" ] || bad "$name: TTYPath $vt differs from instance 1's $first"
		conflicts_getty "$unit" "$i" "$vt" || bad "$name: does not conflict with getty@${vt#/dev/}"
		if [ "$i" != 3 ]; then
			cp "$unit" "$tmp/$name"
			if ! out=$(cd "$tmp" && systemd-analyze verify "./$name" 2>&1); then
				bad "systemd-analyze verify $name failed: $out"
			fi
		fi
	done
	if [ -n "${vt_owner[$first]:-}" ]; then
		bad "$u and ${vt_owner[$first]} both take $first"
	fi
	vt_owner[$first]=$u
done

report=$BUILD/systemd-security.txt
: >"$report"
# exposure DIR UNIT: UNIT's security report (in DIR, with its drop-ins) in
# $out; its score printed, written to the report and held to $MAX.
exposure() {
	local score
	out=$(cd "$1" && systemd-analyze security --offline=true "./$2" 2>&1) || true
	score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' <<<"$out")
	if [ -z "$score" ]; then
		bad "no exposure score for $2: $(tail -3 <<<"$out")"
		return
	fi
	printf '  %-28s %s\n' "$2" "$score" | tee -a "$report"
	if awk -v s="$score" -v m="$MAX" 'BEGIN { exit !(s > m) }'; then
		bad "$2: exposure $score is above $MAX"
		grep '✗' <<<"$out" >&2 || true
	fi
}
echo "systemd-analyze security --offline=true (exposure: 0 safe .. 10 unsafe)"
for u in "${checked[@]}"; do
	case $u in *.timer) continue ;; esac
	[ -f "$tmp/$u" ] || continue
	exposure "$tmp" "$u"
done

# The drop-in of an office with several PCs (systemd/saduak-network.conf,
# for every saduak-* unit): each unit still verifies with it, it is read
# (the unit now has the host's network), and the exposure stays in bounds.
net=$tmp/net
mkdir -p "$net/saduak-.service.d"
cp "$SRC/systemd/saduak-network.conf" "$net/saduak-.service.d/network.conf"
echo "with the several-PC drop-in (saduak-network.conf):" | tee -a "$report"
for u in "${checked[@]}"; do
	case $u in *.timer) continue ;; esac
	[ -f "$tmp/$u" ] || continue
	cp "$tmp/$u" "$net/"
	if ! out=$(cd "$net" && systemd-analyze verify "./$u" 2>&1); then
		bad "systemd-analyze verify $u with the drop-in failed: $out"
	elif grep -F "$net" <<<"$out" >/dev/null; then
		bad "systemd-analyze verify $u with the drop-in warns: $(grep -F "$net" <<<"$out")"
	fi
	exposure "$net" "$u"
	grep -q "Service has access to the host's network" <<<"$out" ||
		bad "$u: the drop-in was not applied"
done

if [ "$fail" -ne 0 ]; then
	exit 1
fi
echo "systemd_units: ok (${#checked[@]} units verified; scores in $report)"
