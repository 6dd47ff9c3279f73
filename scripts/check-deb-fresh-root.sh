#!/usr/bin/env bash
# Install the package into a fresh Debian 12 root and use it there, as root.
#
#   scripts/check-deb-fresh-root.sh [--mirror URL] [ROOT]
#   scripts/check-deb-fresh-root.sh --print-mirror
#
# Builds the .deb (build-deb/, as README.md shows), makes a minimal bookworm
# root with debootstrap in ROOT (default: a new temporary folder), installs
# the package there with apt (which must pull every dependency by name), and
# then, inside the root: check-config (exit 1 is expected: the example names
# devices this machine lacks), a ticket issued and called as the saduak user,
# and a backup. Needs network access to a Debian mirror, so it is run by hand,
# not by the test suite (tests/e2e/package.sh checks the package offline).
#
# The mirror is --mirror URL, else $SADUAK_MIRROR, else the first enabled
# "deb" source for bookworm in this machine's own apt sources
# (/etc/apt/sources.list and sources.list.d/: *.list one-line entries and
# *.sources deb822 stanzas; SADUAK_APT_DIR replaces /etc/apt for the tests),
# so the root is made from wherever the office's machines get their packages.
# --print-mirror prints that mirror and stops (no root needed).
set -euo pipefail

suite=bookworm
apt_dir=${SADUAK_APT_DIR:-/etc/apt}

# The URI of the first enabled "deb" source for $suite in the apt sources.
apt_mirror() {
	local files=()
	[[ -f $apt_dir/sources.list ]] && files+=("$apt_dir/sources.list")
	for f in "$apt_dir"/sources.list.d/*.list "$apt_dir"/sources.list.d/*.sources; do
		[[ -f $f ]] && files+=("$f")
	done
	[[ ${#files[@]} -gt 0 ]] || return 0
	awk -v suite="$suite" '
		function flush() {
			if (types ~ /(^| )deb( |$)/ && suites ~ ("(^| )" suite "( |$)") &&
			    enabled != "no" && uri != "")
				found(uri)
			types = suites = uri = enabled = ""
		}
		function found(u) { print u; done = 1; exit }
		function value(line) { sub(/^[^:]*:[ \t]*/, "", line); sub(/[ \t]+$/, "", line); return line }
		FNR == 1 { flush(); deb822 = FILENAME ~ /\.sources$/ }
		/^[ \t]*#/ { next }
		!deb822 {
			line = $0
			gsub(/\[[^]]*\]/, "", line)
			n = split(line, f, /[ \t]+/)
			if (f[1] == "") { for (i = 1; i < n; i++) f[i] = f[i + 1]; n-- }
			if (f[1] == "deb" && f[3] == suite) found(f[2])
			next
		}
		/^[ \t]*$/ { flush(); next }
		tolower($1) == "types:" { types = value($0) }
		tolower($1) == "uris:" { split(value($0), u, /[ \t]+/); uri = u[1] }
		tolower($1) == "suites:" { suites = value($0) }
		tolower($1) == "enabled:" { enabled = tolower(value($0)) }
		END { if (!done) flush() }
	' "${files[@]}"
}

mirror=${SADUAK_MIRROR:-}
print_only=0
while [[ $# -gt 0 ]]; do
	case $1 in
	--mirror) mirror=${2:?check-deb-fresh-root: --mirror needs a URL}; shift 2 ;;
	--print-mirror) print_only=1; shift ;;
	-*) echo "check-deb-fresh-root: unknown option '$1'" >&2; exit 1 ;;
	*) break ;;
	esac
done
[[ -n $mirror ]] || mirror=$(apt_mirror)
if [[ -z $mirror ]]; then
	echo "check-deb-fresh-root: no enabled deb source for $suite in $apt_dir/sources.list or $apt_dir/sources.list.d/: give a mirror with --mirror URL" >&2
	exit 1
fi
if [[ $print_only == 1 ]]; then
	echo "$mirror"
	exit 0
fi

top=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-$(mktemp -d /tmp/saduak-root.XXXXXX)}

[[ $(id -u) == 0 ]] || { echo "check-deb-fresh-root: run as root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || apt-get install -y debootstrap

cmake -S "$top" -B "$top/build-deb" -DCMAKE_INSTALL_PREFIX=/usr \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build "$top/build-deb" -j"$(nproc)" >/dev/null
(cd "$top/build-deb" && cpack -G DEB >/dev/null)
deb=$(find "$top/build-deb" -maxdepth 1 -name 'saduak-queue_*.deb' | head -1)

echo "== a minimal Debian 12 root in $root"
chmod 0755 "$root" # mktemp makes it 0700: the saduak user could not reach /usr
[[ -x $root/usr/bin/apt-get ]] || debootstrap --variant=minbase "$suite" "$root" "$mirror" >/dev/null
cp "$deb" "$root/tmp/saduak-queue.deb"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount -t proc proc "$root/proc"
trap 'umount "$root/proc"' EXIT

echo "== apt install $(basename "$deb")"
chroot "$root" bash -c 'apt-get update -qq &&
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/saduak-queue.deb >/dev/null'

echo "== inside the root"
chroot "$root" bash -euo pipefail -c '
	cd /tmp
	rc=0
	saduak-counter check-config >/dev/null || rc=$?
	echo "check-config: exit $rc (1: the example names devices this machine lacks)"
	as_saduak() { runuser -u saduak -- "$@"; }
	code=$(as_saduak saduak-kiosk issue A)
	as_saduak saduak-counter --counter 2 login suda
	called=$(as_saduak saduak-counter --counter 2 next)
	echo "$called"
	[[ $called == "$code "* ]] || { echo "ticket $code was not the one called" >&2; exit 1; }
	as_saduak saduak-counter backup
	stat -c "%a %U:%G %n" /var/lib/saduak /var/lib/saduak/queue.db /etc/saduak/saduak.ini
'
echo "check-deb-fresh-root: ok ($root)"
