#!/bin/sh
# make-clips.sh - make the Thai and English voice clips with espeak-ng.
#
# Usage: make-clips.sh OUTDIR [RATE]
#
# Writes OUTDIR/th/<name>.wav and OUTDIR/en/<name>.wav for every clip Saduak
# Queue plays (mono 16-bit PCM, RATE Hz, default 22050 = espeak-ng's own
# rate), read by espeak-ng's Thai and English voices. The board plays these
# when the office has not recorded a clip (kiosk/voice/RECORDING.md). When
# sox is installed it also trims the silence espeak-ng leaves around each
# word (the board joins clips back to back) and resamples to RATE. Needs the
# Debian packages espeak-ng (its espeak-ng-data has the Thai voice), and sox
# for a RATE other than 22050. ESPEAK_VOICE_TH (th), ESPEAK_VOICE_EN (en-us)
# and ESPEAK_SPEED (140 words a minute) override.
#
# The list below must match the Thai and English entries of the clip table
# in common/voice/voice_plan.c (test_voice_plan checks); `saduak-kiosk voice
# --list` prints the same table.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 OUTDIR [RATE]" >&2
	exit 2
fi
out=$1
rate=${2:-22050}
voice_th=${ESPEAK_VOICE_TH:-th}
voice_en=${ESPEAK_VOICE_EN:-en-us}
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

mkdir -p "$out/th" "$out/en"
tmp=$(mktemp "${TMPDIR:-/tmp}/make-clips.XXXXXX.wav")
trap 'rm -f "$tmp"' EXIT
count=0
while IFS='|' read -r clip text; do
	[ -n "$clip" ] || continue
	wav="$out/$clip.wav"
	case $clip in
	th/*) voice=$voice_th ;;
	*) voice=$voice_en ;;
	esac
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
th/please_number|เชิญหมายเลข
th/at_counter|ที่ช่อง
th/digit_0|ศูนย์
th/digit_1|หนึ่ง
th/digit_2|สอง
th/digit_3|สาม
th/digit_4|สี่
th/digit_5|ห้า
th/digit_6|หก
th/digit_7|เจ็ด
th/digit_8|แปด
th/digit_9|เก้า
th/ten|สิบ
th/twenty|ยี่สิบ
th/et|เอ็ด
th/hundred|ร้อย
th/thousand|พัน
th/letter_A|เอ
th/letter_B|บี
th/letter_C|ซี
th/letter_D|ดี
th/letter_E|อี
th/letter_F|เอฟ
th/letter_G|จี
th/letter_H|เอช
th/letter_I|ไอ
th/letter_J|เจ
th/letter_K|เค
th/letter_L|แอล
th/letter_M|เอ็ม
th/letter_N|เอ็น
th/letter_O|โอ
th/letter_P|พี
th/letter_Q|คิว
th/letter_R|อาร์
th/letter_S|เอส
th/letter_T|ที
th/letter_U|ยู
th/letter_V|วี
th/letter_W|ดับเบิลยู
th/letter_X|เอ็กซ์
th/letter_Y|วาย
th/letter_Z|แซด
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
echo "$0: wrote $count clips to $out/th and $out/en"
