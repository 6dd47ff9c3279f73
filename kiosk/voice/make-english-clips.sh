#!/bin/sh
# make-english-clips.sh - make the English voice clips with espeak-ng.
#
# Usage: make-english-clips.sh OUTDIR [RATE]
#
# Writes OUTDIR/en/<name>.wav for every English clip Saduak Queue plays
# (mono 16-bit PCM, RATE Hz, default 22050 = espeak-ng's own rate). When sox
# is installed it also trims the silence espeak-ng leaves around each word
# (the board joins clips back to back) and resamples to RATE. Needs the
# Debian package espeak-ng, and sox for a RATE other than 22050.
# ESPEAK_VOICE (en-us) and ESPEAK_SPEED (140 words a minute) override.
#
# The list below must match the English entries of the clip table in
# common/voice_plan.c (test_voice_plan checks); `saduak-kiosk voice --list`
# prints the same table.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 OUTDIR [RATE]" >&2
	exit 2
fi
out=$1
rate=${2:-22050}
voice=${ESPEAK_VOICE:-en-us}
speed=${ESPEAK_SPEED:-140}

command -v espeak-ng >/dev/null 2>&1 || {
	echo "$0: espeak-ng not found (apt-get install espeak-ng)" >&2
	exit 1
}
if [ "$rate" != 22050 ]; then
	command -v sox >/dev/null 2>&1 || {
		echo "$0: sox not found, needed for rate $rate (apt-get install sox)" >&2
		exit 1
	}
fi

have_sox=no
command -v sox >/dev/null 2>&1 && have_sox=yes

mkdir -p "$out/en"
tmp=$(mktemp "${TMPDIR:-/tmp}/make-english-clips.XXXXXX.wav")
trap 'rm -f "$tmp"' EXIT
count=0
while IFS='|' read -r clip text; do
	[ -n "$clip" ] || continue
	wav="$out/$clip.wav"
	if [ "$have_sox" = no ]; then
		espeak-ng -v "$voice" -s "$speed" -w "$wav" "$text"
	else
		espeak-ng -v "$voice" -s "$speed" -w "$tmp" "$text"
		# Trim silence at both ends, keep 50 ms after the word.
		sox "$tmp" -r "$rate" -c 1 -b 16 -e signed-integer "$wav" \
			silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse pad 0 0.05
	fi
	count=$((count + 1))
done <<'CLIPS'
en/please_number|Number
en/at_counter|please go to counter
en/digit_0|zero
en/digit_1|one
en/digit_2|two
en/digit_3|three
en/digit_4|four
en/digit_5|five
en/digit_6|six
en/digit_7|seven
en/digit_8|eight
en/digit_9|nine
en/n_10|ten
en/n_11|eleven
en/n_12|twelve
en/n_13|thirteen
en/n_14|fourteen
en/n_15|fifteen
en/n_16|sixteen
en/n_17|seventeen
en/n_18|eighteen
en/n_19|nineteen
en/n_20|twenty
en/n_30|thirty
en/n_40|forty
en/n_50|fifty
en/n_60|sixty
en/n_70|seventy
en/n_80|eighty
en/n_90|ninety
en/hundred|hundred
en/thousand|thousand
en/letter_A|A
en/letter_B|B
en/letter_C|C
en/letter_D|D
en/letter_E|E
en/letter_F|F
en/letter_G|G
en/letter_H|H
en/letter_I|I
en/letter_J|J
en/letter_K|K
en/letter_L|L
en/letter_M|M
en/letter_N|N
en/letter_O|O
en/letter_P|P
en/letter_Q|Q
en/letter_R|R
en/letter_S|S
en/letter_T|T
en/letter_U|U
en/letter_V|V
en/letter_W|W
en/letter_X|X
en/letter_Y|Y
en/letter_Z|Z
CLIPS
echo "$0: wrote $count clips to $out/en"
