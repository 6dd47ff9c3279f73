#!/usr/bin/env bash
# Install the package into a fresh Debian 12 root and use it there, as root.
#
#   scripts/check-deb-fresh-root.sh [ROOT]
#
# Builds the .deb (build-deb/, as README.md shows), makes a minimal bookworm
# root with debootstrap in ROOT (default: a new temporary folder), installs
# the package there with apt (which must pull every dependency by name), and
# then, inside the root: check-config (exit 1 is expected: the example names
# devices this machine lacks), a ticket issued and called as the saduak user,
# and a backup. Needs network access to a Debian mirror, so it is run by hand,
# not by the test suite (tests/e2e/package.sh checks the package offline).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
root=${1:-$(mktemp -d /tmp/saduak-root.XXXXXX)}
mirror=${SADUAK_MIRROR:-http://deb.debian.org/debian}

[[ $(id -u) == 0 ]] || { echo "check-deb-fresh-root: run as root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || apt-get install -y debootstrap

cmake -S "$top" -B "$top/build-deb" -DCMAKE_INSTALL_PREFIX=/usr \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build "$top/build-deb" -j"$(nproc)" >/dev/null
(cd "$top/build-deb" && cpack -G DEB >/dev/null)
deb=$(find "$top/build-deb" -maxdepth 1 -name 'saduak-queue_*.deb' | head -1)

echo "== a minimal Debian 12 root in $root"
chmod 0755 "$root" # mktemp makes it 0700: the saduak user could not reach /usr
[[ -x $root/usr/bin/apt-get ]] || debootstrap --variant=minbase bookworm "$root" "$mirror" >/dev/null
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
