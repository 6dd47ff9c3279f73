#!/usr/bin/env bash
# no_sound.sh BUILD_DIR SOURCE_DIR - a board without a sound card says so once, quietly.
#
# Runs `saduak-kiosk --mode board` under Xvfb with SDL choosing its audio
# driver as in an office (SDL_AUDIODRIVER unset), on a machine with no sound
# card, and checks that stderr holds the board's one "sound is off" line and
# none of libasound's own "ALSA lib ..." lines. Skipped (77) where there is a
# sound card or no libasound (nothing to probe), or no xvfb-run.
set -euo pipefail

BUILD=${1:?usage: no_sound.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: no_sound.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk

fail() {
	echo "no_sound: FAIL: $*" >&2
	exit 1
}

if [[ -e /dev/snd ]] && [[ -n $(ls /dev/snd 2>/dev/null) ]]; then
	echo "no_sound: SKIP: this machine has a sound device (/dev/snd)"
	exit 77
fi
if ! /sbin/ldconfig -p 2>/dev/null | grep -q 'libasound\.so\.2 '; then
	echo "no_sound: SKIP: no libasound, so nothing probes ALSA"
	exit 77
fi
command -v xvfb-run >/dev/null || { echo "no_sound: SKIP: no xvfb-run"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
at_local_noon
office_config "$tmp/queue.db" -e '/^display = /d' >"$tmp/office.ini"

# The board runs until it follows the log (the sound is set up before), then stops.
cat >"$tmp/run.sh" <<EOF
unset SDL_AUDIODRIVER
SADUAK_BOARD_SIZE=800x480 "$KIOSK" --config "$tmp/office.ini" --mode board 2>"$tmp/err" &
pid=\$!
for _ in \$(seq 300); do
	grep -q 'board: following' "$tmp/err" 2>/dev/null && break
	kill -0 \$pid 2>/dev/null || break
	sleep 0.2
done
kill \$pid 2>/dev/null
wait \$pid || true
EOF
xvfb-run -a -s "-screen 0 800x480x24" bash "$tmp/run.sh"

grep -q 'board: following' "$tmp/err" || fail "the board did not start: $(head -c 600 "$tmp/err")"
if grep 'ALSA lib' "$tmp/err" >&2; then
	fail "libasound's lines reached stderr (above)"
fi
[[ $(grep -c 'voice: sound is off' "$tmp/err") -eq 1 ]] ||
	fail "expected one 'sound is off' line: $(head -c 600 "$tmp/err")"
echo "no_sound: ok: one line says sound is off, no ALSA lines"
