#include "voice_plan.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/*
 * The clip table. Thai words follow everyday Thai counting: a number is read
 * by joining digit clips with สิบ, ร้อย, พัน; ยี่สิบ and เอ็ด are clips of their own
 * because 20 and a final 1 are not "สองสิบ" and "หนึ่ง". English is en-US.
 * espeak-ng reads both languages in kiosk/voice/make-clips.sh (the set a
 * fresh install speaks), which must list the same texts (test_voice_plan
 * checks).
 */
static const struct voice_phrase phrases[VC_COUNT] = {
    [VC_CHIME] = {.clip = "chime",
                  .lang = VOICE_LANG_NONE,
                  .hint = "optional: a ding-dong is synthesized without it",
                  .optional = true},

    [VC_TH_PLEASE_NUMBER] = {.clip = "th/please_number",
                             .lang = VOICE_LANG_TH,
                             .text = "เชิญหมายเลข",
                             .hint = "opens every call"},
    [VC_TH_AT_COUNTER] = {.clip = "th/at_counter",
                          .lang = VOICE_LANG_TH,
                          .text = "ที่ช่อง",
                          .hint = "before the counter number"},
    [VC_TH_DIGIT_0 + 0] = {.clip = "th/digit_0", .lang = VOICE_LANG_TH, .text = "ศูนย์"},
    [VC_TH_DIGIT_0 + 1] = {.clip = "th/digit_1",
                           .lang = VOICE_LANG_TH,
                           .text = "หนึ่ง",
                           .hint = "also the 1 of หนึ่งร้อย"},
    [VC_TH_DIGIT_0 + 2] = {.clip = "th/digit_2", .lang = VOICE_LANG_TH, .text = "สอง"},
    [VC_TH_DIGIT_0 + 3] = {.clip = "th/digit_3", .lang = VOICE_LANG_TH, .text = "สาม"},
    [VC_TH_DIGIT_0 + 4] = {.clip = "th/digit_4", .lang = VOICE_LANG_TH, .text = "สี่"},
    [VC_TH_DIGIT_0 + 5] = {.clip = "th/digit_5", .lang = VOICE_LANG_TH, .text = "ห้า"},
    [VC_TH_DIGIT_0 + 6] = {.clip = "th/digit_6", .lang = VOICE_LANG_TH, .text = "หก"},
    [VC_TH_DIGIT_0 + 7] = {.clip = "th/digit_7", .lang = VOICE_LANG_TH, .text = "เจ็ด"},
    [VC_TH_DIGIT_0 + 8] = {.clip = "th/digit_8", .lang = VOICE_LANG_TH, .text = "แปด"},
    [VC_TH_DIGIT_0 + 9] = {.clip = "th/digit_9", .lang = VOICE_LANG_TH, .text = "เก้า"},
    [VC_TH_TEN] = {.clip = "th/ten",
                   .lang = VOICE_LANG_TH,
                   .text = "สิบ",
                   .hint = "10, and the tens of สามสิบ .. เก้าสิบ"},
    [VC_TH_TWENTY] = {.clip = "th/twenty", .lang = VOICE_LANG_TH, .text = "ยี่สิบ"},
    [VC_TH_ET] = {.clip = "th/et",
                  .lang = VOICE_LANG_TH,
                  .text = "เอ็ด",
                  .hint = "a final 1: สิบเอ็ด, ยี่สิบเอ็ด, หนึ่งร้อยเอ็ด"},
    [VC_TH_HUNDRED] = {.clip = "th/hundred", .lang = VOICE_LANG_TH, .text = "ร้อย"},
    [VC_TH_THOUSAND] = {.clip = "th/thousand", .lang = VOICE_LANG_TH, .text = "พัน"},
    [VC_TH_LETTER_A + 0] = {.clip = "th/letter_A", .lang = VOICE_LANG_TH, .text = "เอ"},
    [VC_TH_LETTER_A + 1] = {.clip = "th/letter_B", .lang = VOICE_LANG_TH, .text = "บี"},
    [VC_TH_LETTER_A + 2] = {.clip = "th/letter_C", .lang = VOICE_LANG_TH, .text = "ซี"},
    [VC_TH_LETTER_A + 3] = {.clip = "th/letter_D", .lang = VOICE_LANG_TH, .text = "ดี"},
    [VC_TH_LETTER_A + 4] = {.clip = "th/letter_E", .lang = VOICE_LANG_TH, .text = "อี"},
    [VC_TH_LETTER_A + 5] = {.clip = "th/letter_F", .lang = VOICE_LANG_TH, .text = "เอฟ"},
    [VC_TH_LETTER_A + 6] = {.clip = "th/letter_G", .lang = VOICE_LANG_TH, .text = "จี"},
    [VC_TH_LETTER_A + 7] = {.clip = "th/letter_H", .lang = VOICE_LANG_TH, .text = "เอช"},
    [VC_TH_LETTER_A + 8] = {.clip = "th/letter_I", .lang = VOICE_LANG_TH, .text = "ไอ"},
    [VC_TH_LETTER_A + 9] = {.clip = "th/letter_J", .lang = VOICE_LANG_TH, .text = "เจ"},
    [VC_TH_LETTER_A + 10] = {.clip = "th/letter_K", .lang = VOICE_LANG_TH, .text = "เค"},
    [VC_TH_LETTER_A + 11] = {.clip = "th/letter_L", .lang = VOICE_LANG_TH, .text = "แอล"},
    [VC_TH_LETTER_A + 12] = {.clip = "th/letter_M", .lang = VOICE_LANG_TH, .text = "เอ็ม"},
    [VC_TH_LETTER_A + 13] = {.clip = "th/letter_N", .lang = VOICE_LANG_TH, .text = "เอ็น"},
    [VC_TH_LETTER_A + 14] = {.clip = "th/letter_O", .lang = VOICE_LANG_TH, .text = "โอ"},
    [VC_TH_LETTER_A + 15] = {.clip = "th/letter_P", .lang = VOICE_LANG_TH, .text = "พี"},
    [VC_TH_LETTER_A + 16] = {.clip = "th/letter_Q", .lang = VOICE_LANG_TH, .text = "คิว"},
    [VC_TH_LETTER_A + 17] = {.clip = "th/letter_R", .lang = VOICE_LANG_TH, .text = "อาร์"},
    [VC_TH_LETTER_A + 18] = {.clip = "th/letter_S", .lang = VOICE_LANG_TH, .text = "เอส"},
    [VC_TH_LETTER_A + 19] = {.clip = "th/letter_T", .lang = VOICE_LANG_TH, .text = "ที"},
    [VC_TH_LETTER_A + 20] = {.clip = "th/letter_U", .lang = VOICE_LANG_TH, .text = "ยู"},
    [VC_TH_LETTER_A + 21] = {.clip = "th/letter_V", .lang = VOICE_LANG_TH, .text = "วี"},
    [VC_TH_LETTER_A + 22] = {.clip = "th/letter_W", .lang = VOICE_LANG_TH, .text = "ดับเบิลยู"},
    [VC_TH_LETTER_A + 23] = {.clip = "th/letter_X", .lang = VOICE_LANG_TH, .text = "เอ็กซ์"},
    [VC_TH_LETTER_A + 24] = {.clip = "th/letter_Y", .lang = VOICE_LANG_TH, .text = "วาย"},
    [VC_TH_LETTER_A + 25] = {.clip = "th/letter_Z", .lang = VOICE_LANG_TH, .text = "แซด"},

    [VC_EN_PLEASE_NUMBER] = {.clip = "en/please_number",
                             .lang = VOICE_LANG_EN,
                             .text = "Number",
                             .hint = "opens every call"},
    [VC_EN_AT_COUNTER] = {.clip = "en/at_counter",
                          .lang = VOICE_LANG_EN,
                          .text = "please go to counter",
                          .hint = "before the counter number"},
    [VC_EN_DIGIT_0 + 0] = {.clip = "en/digit_0", .lang = VOICE_LANG_EN, .text = "zero"},
    [VC_EN_DIGIT_0 + 1] = {.clip = "en/digit_1", .lang = VOICE_LANG_EN, .text = "one"},
    [VC_EN_DIGIT_0 + 2] = {.clip = "en/digit_2", .lang = VOICE_LANG_EN, .text = "two"},
    [VC_EN_DIGIT_0 + 3] = {.clip = "en/digit_3", .lang = VOICE_LANG_EN, .text = "three"},
    [VC_EN_DIGIT_0 + 4] = {.clip = "en/digit_4", .lang = VOICE_LANG_EN, .text = "four"},
    [VC_EN_DIGIT_0 + 5] = {.clip = "en/digit_5", .lang = VOICE_LANG_EN, .text = "five"},
    [VC_EN_DIGIT_0 + 6] = {.clip = "en/digit_6", .lang = VOICE_LANG_EN, .text = "six"},
    [VC_EN_DIGIT_0 + 7] = {.clip = "en/digit_7", .lang = VOICE_LANG_EN, .text = "seven"},
    [VC_EN_DIGIT_0 + 8] = {.clip = "en/digit_8", .lang = VOICE_LANG_EN, .text = "eight"},
    [VC_EN_DIGIT_0 + 9] = {.clip = "en/digit_9", .lang = VOICE_LANG_EN, .text = "nine"},
    [VC_EN_TEEN_10 + 0] = {.clip = "en/n_10", .lang = VOICE_LANG_EN, .text = "ten"},
    [VC_EN_TEEN_10 + 1] = {.clip = "en/n_11", .lang = VOICE_LANG_EN, .text = "eleven"},
    [VC_EN_TEEN_10 + 2] = {.clip = "en/n_12", .lang = VOICE_LANG_EN, .text = "twelve"},
    [VC_EN_TEEN_10 + 3] = {.clip = "en/n_13", .lang = VOICE_LANG_EN, .text = "thirteen"},
    [VC_EN_TEEN_10 + 4] = {.clip = "en/n_14", .lang = VOICE_LANG_EN, .text = "fourteen"},
    [VC_EN_TEEN_10 + 5] = {.clip = "en/n_15", .lang = VOICE_LANG_EN, .text = "fifteen"},
    [VC_EN_TEEN_10 + 6] = {.clip = "en/n_16", .lang = VOICE_LANG_EN, .text = "sixteen"},
    [VC_EN_TEEN_10 + 7] = {.clip = "en/n_17", .lang = VOICE_LANG_EN, .text = "seventeen"},
    [VC_EN_TEEN_10 + 8] = {.clip = "en/n_18", .lang = VOICE_LANG_EN, .text = "eighteen"},
    [VC_EN_TEEN_10 + 9] = {.clip = "en/n_19", .lang = VOICE_LANG_EN, .text = "nineteen"},
    [VC_EN_TENS_20 + 0] = {.clip = "en/n_20", .lang = VOICE_LANG_EN, .text = "twenty"},
    [VC_EN_TENS_20 + 1] = {.clip = "en/n_30", .lang = VOICE_LANG_EN, .text = "thirty"},
    [VC_EN_TENS_20 + 2] = {.clip = "en/n_40", .lang = VOICE_LANG_EN, .text = "forty"},
    [VC_EN_TENS_20 + 3] = {.clip = "en/n_50", .lang = VOICE_LANG_EN, .text = "fifty"},
    [VC_EN_TENS_20 + 4] = {.clip = "en/n_60", .lang = VOICE_LANG_EN, .text = "sixty"},
    [VC_EN_TENS_20 + 5] = {.clip = "en/n_70", .lang = VOICE_LANG_EN, .text = "seventy"},
    [VC_EN_TENS_20 + 6] = {.clip = "en/n_80", .lang = VOICE_LANG_EN, .text = "eighty"},
    [VC_EN_TENS_20 + 7] = {.clip = "en/n_90", .lang = VOICE_LANG_EN, .text = "ninety"},
    [VC_EN_HUNDRED] = {.clip = "en/hundred", .lang = VOICE_LANG_EN, .text = "hundred"},
    [VC_EN_THOUSAND] = {.clip = "en/thousand", .lang = VOICE_LANG_EN, .text = "thousand"},
    [VC_EN_LETTER_A + 0] = {.clip = "en/letter_A", .lang = VOICE_LANG_EN, .text = "A"},
    [VC_EN_LETTER_A + 1] = {.clip = "en/letter_B", .lang = VOICE_LANG_EN, .text = "B"},
    [VC_EN_LETTER_A + 2] = {.clip = "en/letter_C", .lang = VOICE_LANG_EN, .text = "C"},
    [VC_EN_LETTER_A + 3] = {.clip = "en/letter_D", .lang = VOICE_LANG_EN, .text = "D"},
    [VC_EN_LETTER_A + 4] = {.clip = "en/letter_E", .lang = VOICE_LANG_EN, .text = "E"},
    [VC_EN_LETTER_A + 5] = {.clip = "en/letter_F", .lang = VOICE_LANG_EN, .text = "F"},
    [VC_EN_LETTER_A + 6] = {.clip = "en/letter_G", .lang = VOICE_LANG_EN, .text = "G"},
    [VC_EN_LETTER_A + 7] = {.clip = "en/letter_H", .lang = VOICE_LANG_EN, .text = "H"},
    [VC_EN_LETTER_A + 8] = {.clip = "en/letter_I", .lang = VOICE_LANG_EN, .text = "I"},
    [VC_EN_LETTER_A + 9] = {.clip = "en/letter_J", .lang = VOICE_LANG_EN, .text = "J"},
    [VC_EN_LETTER_A + 10] = {.clip = "en/letter_K", .lang = VOICE_LANG_EN, .text = "K"},
    [VC_EN_LETTER_A + 11] = {.clip = "en/letter_L", .lang = VOICE_LANG_EN, .text = "L"},
    [VC_EN_LETTER_A + 12] = {.clip = "en/letter_M", .lang = VOICE_LANG_EN, .text = "M"},
    [VC_EN_LETTER_A + 13] = {.clip = "en/letter_N", .lang = VOICE_LANG_EN, .text = "N"},
    [VC_EN_LETTER_A + 14] = {.clip = "en/letter_O", .lang = VOICE_LANG_EN, .text = "O"},
    [VC_EN_LETTER_A + 15] = {.clip = "en/letter_P", .lang = VOICE_LANG_EN, .text = "P"},
    [VC_EN_LETTER_A + 16] = {.clip = "en/letter_Q", .lang = VOICE_LANG_EN, .text = "Q"},
    [VC_EN_LETTER_A + 17] = {.clip = "en/letter_R", .lang = VOICE_LANG_EN, .text = "R"},
    [VC_EN_LETTER_A + 18] = {.clip = "en/letter_S", .lang = VOICE_LANG_EN, .text = "S"},
    [VC_EN_LETTER_A + 19] = {.clip = "en/letter_T", .lang = VOICE_LANG_EN, .text = "T"},
    [VC_EN_LETTER_A + 20] = {.clip = "en/letter_U", .lang = VOICE_LANG_EN, .text = "U"},
    [VC_EN_LETTER_A + 21] = {.clip = "en/letter_V", .lang = VOICE_LANG_EN, .text = "V"},
    [VC_EN_LETTER_A + 22] = {.clip = "en/letter_W", .lang = VOICE_LANG_EN, .text = "W"},
    [VC_EN_LETTER_A + 23] = {.clip = "en/letter_X", .lang = VOICE_LANG_EN, .text = "X"},
    [VC_EN_LETTER_A + 24] = {.clip = "en/letter_Y", .lang = VOICE_LANG_EN, .text = "Y"},
    [VC_EN_LETTER_A + 25] = {.clip = "en/letter_Z", .lang = VOICE_LANG_EN, .text = "Z"},
};

/* The clips of one language's call; the rest of the plan is shared code. */
struct lang_clips {
	enum voice_clip please_number;
	enum voice_clip at_counter;
	enum voice_clip letter_a;
};

static const struct lang_clips lang_clips[] = {
    [VOICE_LANG_TH] = {.please_number = VC_TH_PLEASE_NUMBER,
                       .at_counter = VC_TH_AT_COUNTER,
                       .letter_a = VC_TH_LETTER_A},
    [VOICE_LANG_EN] = {.please_number = VC_EN_PLEASE_NUMBER,
                       .at_counter = VC_EN_AT_COUNTER,
                       .letter_a = VC_EN_LETTER_A},
};

const struct voice_plan_options voice_plan_defaults = {
    .chime = true,
    .thai = true,
    .english = false,
    .ticket_style = VOICE_NUMBER_WORDS,
    .counter_style = VOICE_NUMBER_WORDS,
};

/* Words of a number, at most this many clips (9999 in English: 9 clips). */
#define NUMBER_CLIPS_MAX 16

/* Thai words of 0..VOICE_WORDS_MAX into out; returns the count. */
static size_t
thai_words(long value, enum voice_clip *out)
{
	size_t n = 0;
	long thousands = value / 1000, hundreds = value / 100 % 10;
	long tens = value / 10 % 10, units = value % 10;

	if (value == 0) {
		out[n++] = VC_TH_DIGIT_0;
		return n;
	}
	if (thousands) {
		out[n++] = VC_TH_DIGIT_0 + thousands;
		out[n++] = VC_TH_THOUSAND;
	}
	if (hundreds) {
		out[n++] = VC_TH_DIGIT_0 + hundreds;
		out[n++] = VC_TH_HUNDRED;
	}
	if (tens == 1) {
		out[n++] = VC_TH_TEN;
	} else if (tens == 2) {
		out[n++] = VC_TH_TWENTY;
	} else if (tens) {
		out[n++] = VC_TH_DIGIT_0 + tens;
		out[n++] = VC_TH_TEN;
	}
	/* A final 1 is เอ็ด once anything stands before it: 11, 21, 101, 1001. */
	if (units == 1 && value > 10)
		out[n++] = VC_TH_ET;
	else if (units)
		out[n++] = VC_TH_DIGIT_0 + units;
	return n;
}

/* English (en-US, no "and") words of 0..VOICE_WORDS_MAX; returns the count. */
static size_t
english_words(long value, enum voice_clip *out)
{
	size_t n = 0;
	long thousands = value / 1000, hundreds = value / 100 % 10, rest = value % 100;

	if (value == 0) {
		out[n++] = VC_EN_DIGIT_0;
		return n;
	}
	if (thousands) {
		out[n++] = VC_EN_DIGIT_0 + thousands;
		out[n++] = VC_EN_THOUSAND;
	}
	if (hundreds) {
		out[n++] = VC_EN_DIGIT_0 + hundreds;
		out[n++] = VC_EN_HUNDRED;
	}
	if (rest >= 20) {
		out[n++] = VC_EN_TENS_20 + (rest / 10 - 2);
		if (rest % 10)
			out[n++] = VC_EN_DIGIT_0 + rest % 10;
	} else if (rest >= 10) {
		out[n++] = VC_EN_TEEN_10 + (rest - 10);
	} else if (rest) {
		out[n++] = VC_EN_DIGIT_0 + rest;
	}
	return n;
}

int
voice_plan_add_number(struct voice_plan *plan, enum voice_lang lang, long value, int ndigits,
                      enum voice_number_style style)
{
	enum voice_clip words[NUMBER_CLIPS_MAX];
	size_t n = 0;

	if (!plan || (lang != VOICE_LANG_TH && lang != VOICE_LANG_EN) || value < 0 ||
	    value > 999999 || ndigits < 0 || ndigits > VOICE_CODE_DIGITS)
		return SQ_ERR_INVALID;
	if (style == VOICE_NUMBER_WORDS && value <= VOICE_WORDS_MAX) {
		n = lang == VOICE_LANG_TH ? thai_words(value, words) : english_words(value, words);
	} else {
		enum voice_clip digit0 = lang == VOICE_LANG_TH ? VC_TH_DIGIT_0 : VC_EN_DIGIT_0;
		char text[16];
		int len = snprintf(text, sizeof(text), "%0*ld", ndigits, value);

		for (int i = 0; i < len; i++)
			words[n++] = digit0 + (text[i] - '0');
	}
	if (plan->n + n > VOICE_PLAN_MAX)
		return SQ_ERR_NOMEM;
	memcpy(plan->clips + plan->n, words, n * sizeof(words[0]));
	plan->n += n;
	return SQ_OK;
}

/* Append one clip; the caller has checked there is room. */
static void
plan_add(struct voice_plan *plan, enum voice_clip clip)
{
	plan->clips[plan->n++] = clip;
}

/* One language's half of a call: please-number, letters, number, counter. */
static int
plan_language(struct voice_plan *plan, enum voice_lang lang, const char *letters, long number,
              int ndigits, int counter, const struct voice_plan_options *opt)
{
	const struct lang_clips *lc = &lang_clips[lang];
	int rc;

	/* Room for please-number and the letters; the numbers check their own. */
	if (plan->n + 1 + strlen(letters) > VOICE_PLAN_MAX)
		return SQ_ERR_NOMEM;
	plan_add(plan, lc->please_number);
	for (const char *p = letters; *p; p++)
		plan_add(plan, lc->letter_a + (toupper((unsigned char)*p) - 'A'));
	if ((rc = voice_plan_add_number(plan, lang, number, ndigits, opt->ticket_style)))
		return rc;
	if (plan->n + 1 > VOICE_PLAN_MAX)
		return SQ_ERR_NOMEM;
	plan_add(plan, lc->at_counter);
	return voice_plan_add_number(plan, lang, counter, 0, opt->counter_style);
}

int
voice_plan_build(const char *code, int counter, const struct voice_plan_options *opt,
                 struct voice_plan *out, struct sq_error *err)
{
	char letters[3] = "";
	size_t nletters = 0, ndigits = 0;
	long number = 0;
	const char *p;
	int rc;

	if (out)
		out->n = 0;
	if (!out || !code)
		return sq_error_set(err, SQ_ERR_INVALID, "no ticket code to call");
	if (!opt)
		opt = &voice_plan_defaults;
	for (p = code; isalpha((unsigned char)*p) && nletters < 2; p++)
		letters[nletters++] = (char)toupper((unsigned char)*p);
	letters[nletters] = '\0';
	for (; isdigit((unsigned char)*p) && ndigits < VOICE_CODE_DIGITS; p++, ndigits++)
		number = number * 10 + (*p - '0');
	/* isalpha() is locale-dependent; only A-Z have clips. */
	for (size_t i = 0; i < nletters; i++)
		if (letters[i] < 'A' || letters[i] > 'Z')
			nletters = 0;
	if (nletters == 0 || ndigits == 0 || *p)
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "ticket code '%s' is not 1-2 letters then 1-%d digits", code,
		                    VOICE_CODE_DIGITS);
	if (counter < 1 || counter > VOICE_COUNTER_MAX)
		return sq_error_set(err, SQ_ERR_INVALID, "counter %d out of range 1-%d", counter,
		                    VOICE_COUNTER_MAX);
	if (opt->chime)
		plan_add(out, VC_CHIME);
	rc = SQ_OK;
	if (opt->thai)
		rc = plan_language(out, VOICE_LANG_TH, letters, number, (int)ndigits, counter, opt);
	if (!rc && opt->english)
		rc = plan_language(out, VOICE_LANG_EN, letters, number, (int)ndigits, counter, opt);
	if (rc) {
		out->n = 0;
		return sq_error_set(err, rc, "call of '%s' needs more than %d clips", code,
		                    VOICE_PLAN_MAX);
	}
	return SQ_OK;
}

size_t
voice_plan_format(const struct voice_plan *plan, char *buf, size_t size)
{
	size_t need = 0;

	if (size > 0)
		buf[0] = '\0';
	for (size_t i = 0; plan && i < plan->n; i++) {
		const char *name = plan->clips[i] < VC_COUNT ? phrases[plan->clips[i]].clip : "?";
		size_t len = strlen(name) + (i > 0);

		/* Whole names only: a cut name would look like another clip. */
		if (need + len < size)
			snprintf(buf + need, size - need, "%s%s", i > 0 ? " " : "", name);
		need += len;
	}
	return need;
}

const struct voice_phrase *
voice_phrases(void)
{
	return phrases;
}

const struct voice_phrase *
voice_phrase(enum voice_clip clip)
{
	if ((int)clip < 0 || clip >= VC_COUNT)
		return NULL;
	return &phrases[clip];
}

int
voice_clip_find(const char *name, enum voice_clip *out)
{
	for (int i = 0; name && i < VC_COUNT; i++) {
		if (strcmp(phrases[i].clip, name) == 0) {
			if (out)
				*out = (enum voice_clip)i;
			return SQ_OK;
		}
	}
	return SQ_ERR_NOTFOUND;
}

int
voice_number_style_parse(const char *name, enum voice_number_style *out, struct sq_error *err)
{
	static const struct {
		const char *name;
		enum voice_number_style style;
	} styles[] = {
	    {.name = "words", .style = VOICE_NUMBER_WORDS},
	    {.name = "digits", .style = VOICE_NUMBER_DIGITS},
	};

	for (size_t i = 0; name && i < sizeof(styles) / sizeof(styles[0]); i++) {
		if (strcmp(styles[i].name, name) == 0) {
			*out = styles[i].style;
			return SQ_OK;
		}
	}
	return sq_error_set(err, SQ_ERR_INVALID, "number style '%s' is not 'words' or 'digits'",
	                    name ? name : "");
}
