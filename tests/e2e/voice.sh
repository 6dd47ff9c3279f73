#!/usr/bin/env bash
# voice.sh BUILD_DIR SOURCE_DIR - a call is spoken in Thai, then English, from
# the clips the build synthesized, and a recorded clip replaces its own.
#
# On config/demo.ini's [voice] section (Thai and English, numbers as words),
# with the office's folder empty but for a recorded chime and th/letter_A:
#   - `check-config` reports no [voice] problem: the synthesized set is a
#     complete set, and `voice --check` counts the two recordings;
#   - `voice --render` of A012 at counter 3 is, sample for sample, the
#     recorded chime, the Thai clips of the call in order (the recorded
#     th/letter_A among them) and then the English ones: the expected file is
#     the clips joined with sox, so a wrong order, language or clip fails.
# Skipped (77) when the build made no clips (no espeak-ng).
set -euo pipefail

BUILD=${1:?usage: voice.sh BUILD_DIR SOURCE_DIR}
SRC=${2:?usage: voice.sh BUILD_DIR SOURCE_DIR}
# shellcheck source=lib.sh
. "$SRC/tests/e2e/lib.sh"
KIOSK=$BUILD/kiosk/saduak-kiosk
COUNTER=$BUILD/counter/saduak-counter
SYNTH=$BUILD/voice

fail() {
	echo "voice: FAIL: $*" >&2
	exit 1
}

if [[ ! -f $SYNTH/th/please_number.wav ]]; then
	echo "voice: SKIP: no synthesized clips in $SYNTH (espeak-ng missing at build time)"
	exit 77
fi
command -v sox >/dev/null || fail "sox is needed"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rec=$tmp/rec
mkdir -p "$rec/th" "$rec/en"
office_config "$tmp/queue.db" -e "s|^dir = .*voice.*|dir = $rec|" \
	-e "s|^synthesized_dir = .*|synthesized_dir = $SYNTH|" >"$tmp/office.ini"
grep -q '^english = yes' "$tmp/office.ini" || fail "demo.ini no longer speaks English"

# The synthesized set alone is complete.
"$COUNTER" --config "$tmp/office.ini" check-config >"$tmp/check.out" 2>&1 || true
if grep '\[voice\]' "$tmp/check.out"; then
	fail "check-config reports [voice] problems with the synthesized set (above)"
fi

# Two recordings, each a tone no synthesized clip is: the chime and th/letter_A.
sox -n -r 22050 -c 1 -b 16 -e signed-integer "$rec/chime.wav" synth 0.3 sine 880 vol 0.5
sox -n -r 22050 -c 1 -b 16 -e signed-integer "$rec/th/letter_A.wav" synth 0.2 sine 440 vol 0.5
"$KIOSK" --config "$tmp/office.ini" voice --check "$rec" >"$tmp/vcheck.out" ||
	fail "voice --check refuses: $(cat "$tmp/vcheck.out")"
grep -q ", 2 recorded in '$rec', " "$tmp/vcheck.out" ||
	fail "voice --check does not count the recording: $(cat "$tmp/vcheck.out")"

# A012 at counter 3: เชิญหมายเลข เอ สิบ สอง ที่ช่อง สาม, then Number A twelve please go to counter three.
expected=("$rec/chime.wav"
	"$SYNTH/th/please_number.wav" "$rec/th/letter_A.wav" "$SYNTH/th/ten.wav"
	"$SYNTH/th/digit_2.wav" "$SYNTH/th/at_counter.wav" "$SYNTH/th/digit_3.wav"
	"$SYNTH/en/please_number.wav" "$SYNTH/en/letter_A.wav" "$SYNTH/en/n_12.wav"
	"$SYNTH/en/at_counter.wav" "$SYNTH/en/digit_3.wav")
"$KIOSK" --config "$tmp/office.ini" voice --render "$tmp/call.wav" A012 3 >/dev/null 2>"$tmp/render.err" ||
	fail "voice --render: $(cat "$tmp/render.err")"
if [[ -s $tmp/render.err ]]; then
	fail "voice --render logged: $(cat "$tmp/render.err")"
fi
sox "${expected[@]}" -t raw "$tmp/expected.raw"
sox "$tmp/call.wav" -t raw "$tmp/call.raw"
if ! cmp -s "$tmp/expected.raw" "$tmp/call.raw"; then
	fail "the rendered call ($(stat -c %s "$tmp/call.raw") bytes) is not the Thai then English" \
		"clips of A012 at counter 3 ($(stat -c %s "$tmp/expected.raw") bytes)"
fi
# The comparison can tell the languages apart: English first is another sound.
sox "${expected[0]}" "${expected[@]:7}" "${expected[@]:1:6}" -t raw "$tmp/swapped.raw"
if cmp -s "$tmp/swapped.raw" "$tmp/call.raw"; then
	fail "English before Thai compares equal: the check cannot tell the order"
fi
echo "voice: ok: A012 at counter 3 is ${#expected[@]} clips, Thai then English, $(stat -c %s "$tmp/call.raw") bytes"
