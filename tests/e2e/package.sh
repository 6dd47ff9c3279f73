#!/usr/bin/env bash
# package.sh BUILD_DIR SOURCE_DIR - build the Debian package and look inside.
#
# Configures a fresh optimised build (warnings are not errors here: the unit
# suites enforce them) with the install prefix /usr (the units name the
# installed paths), builds the three programs, runs `cpack -G DEB`, then:
#   - dpkg-deb -c: binaries, units, sysusers/tmpfiles, PAM file, example
#     config and docs are where the units and README say; with espeak-ng,
#     the synthesized Thai and English clips in /usr/share/saduak/voice;
#   - dpkg-deb -f: Depends names every runtime library package (Debian 12
#     names), fonts-thai-tlwg and tzdata; Recommends cage; conffiles lists
#     the files under /etc;
#   - dpkg --root=R --unpack into an empty root (no maintainer script runs),
#     then systemd-sysusers and systemd-tmpfiles --root=R apply the package's
#     own files there (the saduak user, /var/lib/saduak 0750 saduak), every
#     ExecStart binary of the units exists in R, and the installed
#     saduak-counter reads the installed example config.
# Skips (exit 77) without cpack or dpkg-deb. SQ_PACKAGE_KEEP=DIR keeps the .deb.
set -euo pipefail

BUILD=${1:?usage: package.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: package.sh BUILD_DIR SOURCE_DIR}

for tool in cpack dpkg-deb dpkg; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "package: SKIP: $tool not found (Debian packages cmake, dpkg)"
		exit 77
	fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
	echo "package: FAIL: $*" >&2
	fail=1
}

cmake -S "$SRC" -B "$tmp/build" -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DBUILD_TESTING=OFF -DSADUAK_WERROR=OFF >/dev/null
cmake --build "$tmp/build" -j"$(nproc)" --target saduak-kiosk saduak-counter saduak-web >"$tmp/build.log" 2>&1 ||
	{ cat "$tmp/build.log" >&2; echo "package: FAIL: build failed" >&2; exit 1; }
# The Thai and English clips, when espeak-ng is there (the package ships them).
cmake --build "$tmp/build" --target voice-clips >/dev/null 2>&1 || true
(cd "$tmp/build" && cpack -G DEB >"$tmp/cpack.log" 2>&1) || {
	cat "$tmp/cpack.log" >&2
	bad "cpack failed"
	exit 1
}
deb=$(find "$tmp/build" -maxdepth 1 -name 'saduak-queue_*.deb' | head -1)
[ -n "$deb" ] || { bad "no saduak-queue_*.deb made"; exit 1; }
echo "package: built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
if [ -n "${SQ_PACKAGE_KEEP:-}" ]; then cp "$deb" "$SQ_PACKAGE_KEEP/"; fi

# Contents.
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's#^\./#/#' >"$tmp/contents"
for path in /usr/bin/saduak-kiosk /usr/bin/saduak-counter /usr/bin/saduak-web \
	/usr/lib/systemd/system/saduak-kiosk.service /usr/lib/systemd/system/saduak-board.service \
	/usr/lib/systemd/system/saduak-counter@.service /usr/lib/systemd/system/saduak-rating@.service \
	/usr/lib/systemd/system/saduak-backup.service /usr/lib/systemd/system/saduak-backup.timer \
	/usr/lib/systemd/system/saduak-web.service /usr/lib/systemd/system/saduak-displays.service \
	/usr/lib/sysusers.d/saduak.conf /usr/lib/tmpfiles.d/saduak.conf \
	/etc/pam.d/saduak-screen /etc/saduak/saduak.ini \
	/usr/share/doc/saduak-queue/README.md /usr/share/doc/saduak-queue/systemd.md \
	/usr/share/doc/saduak-queue/saduak-network.conf; do
	grep -qx "$path" "$tmp/contents" || bad "$path is not in the package"
done
# The synthesized voice, Thai and English, where [voice] synthesized_dir
# looks by default (the build makes it when espeak-ng is there).
if command -v espeak-ng >/dev/null; then
	for clip in th/please_number th/letter_Z en/please_number en/letter_Z; do
		grep -qx "/usr/share/saduak/voice/$clip.wav" "$tmp/contents" ||
			bad "the package lacks the synthesized clip $clip"
	done
	grep -q "^synthesized_dir = /usr/share/saduak/voice$" "$tmp/build/saduak.ini" ||
		bad "the example config does not name the installed clips"
fi
if grep -E '^/usr/local|/tests?/|emulator' "$tmp/contents"; then
	bad "the package holds files it should not (above)"
fi

# Control fields.
depends=$(dpkg-deb -f "$deb" Depends)
for pkg in libsqlite3-0 libserialport0 libsdl2-2.0-0 libsdl2-ttf-2.0-0 libthai0 \
	libfontconfig1 libqrencode4 libxlsxwriter4 libsystemd0 libmicrohttpd12 libcrypt1 zlib1g libnettle8 libpcsclite1 libpq5 \
	fonts-thai-tlwg tzdata; do
	grep -Eq "(^|, )$pkg(,| |$)" <<<"$depends" || bad "Depends lacks $pkg: $depends"
done
grep -q cage <<<"$(dpkg-deb -f "$deb" Recommends)" || bad "Recommends lacks cage"
[ "$(dpkg-deb -f "$deb" Package)" = saduak-queue ] || bad "the package is not named saduak-queue"
conffiles=$(dpkg-deb -I "$deb" conffiles 2>/dev/null || true)
grep -qx /etc/saduak/saduak.ini <<<"$conffiles" || bad "conffiles lacks /etc/saduak/saduak.ini"
echo "package: Depends: $depends"
echo "package: Recommends: $(dpkg-deb -f "$deb" Recommends)"

# Every library the binaries need comes from a package in Depends.
if command -v dpkg-query >/dev/null; then
	for lib in $(objdump -p "$tmp/build/kiosk/saduak-kiosk" "$tmp/build/counter/saduak-counter" \
		"$tmp/build/web/saduak-web" 2>/dev/null |
		awk '/NEEDED/ {print $2}' | sort -u); do
		file=$(ldconfig -p | awk -v l="$lib" '$1 == l && !f {print $NF; f = 1}')
		[ -n "$file" ] || continue
		owner=$(dpkg -S "$(readlink -f "$file")" 2>/dev/null | sed -n '1s/:.*//p' || true)
		case $owner in
		'' | libc6) ;;
		*) grep -Eq "(^|, )$owner(,| |$)" <<<"$depends" || bad "$lib comes from $owner, not in Depends" ;;
		esac
	done
fi

# Unpack into an empty root and apply the package's own sysusers/tmpfiles there.
root=$tmp/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/etc"
: >"$root/var/lib/dpkg/status"
dpkg --root="$root" --force-depends --force-not-root --force-bad-path --unpack "$deb" >"$tmp/dpkg.log" 2>&1 ||
	{ cat "$tmp/dpkg.log" >&2; bad "dpkg --unpack into a fresh root failed"; }
for unit in "$root"/usr/lib/systemd/system/saduak-*.service; do
	for bin in $(grep -o '/usr/bin/saduak-[a-z]*' "$unit" | sort -u); do
		[ -x "$root$bin" ] || bad "$(basename "$unit") runs $bin, which is not installed"
	done
	grep -q -- '--config /etc/saduak/saduak.ini' "$unit" || bad "$(basename "$unit") does not use /etc/saduak/saduak.ini"
done
if command -v systemd-sysusers >/dev/null && command -v systemd-tmpfiles >/dev/null; then
	: >"$root/etc/passwd"
	: >"$root/etc/group"
	systemd-sysusers --root="$root" "$root/usr/lib/sysusers.d/saduak.conf" ||
		bad "systemd-sysusers refused the package's sysusers file"
	grep -q '^saduak:' "$root/etc/passwd" || bad "no saduak user after systemd-sysusers"
	systemd-tmpfiles --root="$root" --create "$root/usr/lib/tmpfiles.d/saduak.conf" ||
		bad "systemd-tmpfiles refused the package's tmpfiles file"
	mode=$(stat -c %a "$root/var/lib/saduak" 2>/dev/null || echo none)
	[ "$mode" = 750 ] || bad "/var/lib/saduak has mode $mode, not 750"
	if [ "$(id -u)" -eq 0 ]; then
		uid=$(awk -F: '$1 == "saduak" {print $3}' "$root/etc/passwd")
		[ "$(stat -c %u "$root/var/lib/saduak")" = "$uid" ] || bad "/var/lib/saduak is not owned by saduak"
	fi
fi
# The installed program reads the installed config (devices and data are
# missing in this root: check-config lists them, but the file itself loads).
# --unpack leaves a new conffile as .dpkg-new until configure renames it.
conf=$root/etc/saduak/saduak.ini
[ -f "$conf" ] || conf=$conf.dpkg-new
set +e
out=$("$root/usr/bin/saduak-counter" --config "$conf" check-config 2>&1)
set -e
grep -q "problems\\? in $conf\\|^ok$" <<<"$out" ||
	bad "the installed example config does not load: $out"

if [ "$fail" -ne 0 ]; then
	exit 1
fi
echo "package: ok"
