#!/usr/bin/env bash
# deb_mirror.sh BUILD_DIR SOURCE_DIR - scripts/check-deb-fresh-root.sh takes
# its Debian mirror from the machine's apt sources, never from a host
# written in the repository.
#
# Fake apt folders (SADUAK_APT_DIR) hold deb822 *.sources stanzas and
# one-line sources.list entries; `--print-mirror` must print the first
# enabled "deb" source for bookworm (not the security suite, not deb-src,
# not a disabled stanza), --mirror must win, and with no source at all the
# script must say so in one line on stderr and exit 1. The script itself
# must not contain a URL.
set -euo pipefail

SRC=${2:?usage: deb_mirror.sh BUILD_DIR SOURCE_DIR}
script=$SRC/scripts/check-deb-fresh-root.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
	echo "deb_mirror: FAIL: $*" >&2
	fail=1
}

# expect NAME WANT [ARGS...]: --print-mirror with apt folder $tmp/NAME prints WANT.
expect() {
	local name=$1 want=$2 got
	shift 2
	if ! got=$(SADUAK_APT_DIR=$tmp/$name SADUAK_MIRROR='' bash "$script" --print-mirror "$@" 2>"$tmp/err"); then
		bad "$name: exit $? ($(cat "$tmp/err"))"
	elif [[ $got != "$want" ]]; then
		bad "$name: mirror '$got', expected '$want'"
	fi
}

mkdir -p "$tmp/deb822/sources.list.d"
cat >"$tmp/deb822/sources.list.d/debian.sources" <<'SOURCES'
# security first: not a mirror of the release itself
Types: deb
URIs: http://security.invalid/debian-security
Suites: bookworm-security
Components: main

Types: deb-src
URIs: http://src.invalid/debian
Suites: bookworm
Components: main

Types: deb
URIs: http://off.invalid/debian
Suites: bookworm
Enabled: no
Components: main

Types: deb
URIs: http://office-mirror.invalid/debian http://second.invalid/debian
Suites: bookworm bookworm-updates
Components: main
SOURCES
expect deb822 http://office-mirror.invalid/debian
expect deb822 http://given.invalid/debian --mirror http://given.invalid/debian

mkdir -p "$tmp/oneline/sources.list.d"
cat >"$tmp/oneline/sources.list" <<'LIST'
# deb http://commented.invalid/debian bookworm main
deb-src http://src.invalid/debian bookworm main
deb http://security.invalid/debian-security bookworm-security main
  deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://lan-mirror.invalid/debian bookworm main contrib
LIST
expect oneline http://lan-mirror.invalid/debian

# A one-line list under sources.list.d counts too.
mkdir -p "$tmp/listd/sources.list.d"
echo "deb file:///srv/mirror/debian bookworm main" >"$tmp/listd/sources.list.d/local.list"
expect listd file:///srv/mirror/debian

mkdir -p "$tmp/none/sources.list.d"
if out=$(SADUAK_APT_DIR=$tmp/none SADUAK_MIRROR='' bash "$script" --print-mirror 2>"$tmp/err"); then
	bad "no sources: exit 0, printed '$out'"
elif [[ -n $out || $(wc -l <"$tmp/err") -ne 1 ]]; then
	bad "no sources: expected one line on stderr and nothing on stdout, got '$out' / '$(cat "$tmp/err")'"
fi

if grep -nE '[a-z]+://' "$script"; then
	bad "$script names a host (above): the mirror comes from the apt sources"
fi

if [ "$fail" -ne 0 ]; then
	exit 1
fi
echo "deb_mirror: ok"
