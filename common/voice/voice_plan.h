/*
 * voice_plan.h - what to say when a ticket is called, as a list of clips.
 *
 * A call is played as a sequence of short recorded clips: the chime,
 * "เชิญหมายเลข" (please, number), the ticket's letters, its number, "ที่ช่อง"
 * (at counter) and the counter number, in Thai and optionally again in
 * English. This module only plans: it turns a ticket code and a counter into
 * the ordered list of clips (struct voice_plan) and it holds the table of
 * every clip an office must record, with the exact words to read
 * (voice_phrases(), for `saduak-kiosk voice --list` and RECORDING.md).
 * Loading and joining the audio is voice_clips.h.
 *
 * Clip names are stable file-name stems: "th/digit_1" is the file
 * th/digit_1.wav in the clip folder. Renaming one breaks every office's
 * recordings, so names are only ever added.
 *
 * Numbers are read in one of two styles:
 *   VOICE_NUMBER_DIGITS  digit by digit, leading zeros included:
 *                        A012 -> "ศูนย์ หนึ่ง สอง" / "zero one two"
 *   VOICE_NUMBER_WORDS   as a number, leading zeros dropped, Thai rules
 *                        (สิบ, ยี่สิบ, เอ็ด for a final 1: 11 สิบเอ็ด, 101
 *                        หนึ่งร้อยเอ็ด): A012 -> "สิบสอง" / "twelve".
 *                        Values above VOICE_WORDS_MAX are read digit by digit.
 *
 * Pure: no I/O, no allocation; all strings are static. Thread-safe.
 */
#ifndef SADUAK_VOICE_PLAN_H
#define SADUAK_VOICE_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* Every clip the software can play. The order is that of voice_phrases(). */
enum voice_clip {
	VC_CHIME, /* optional: synthesized when chime.wav is absent */

	VC_TH_PLEASE_NUMBER,
	VC_TH_AT_COUNTER,
	VC_TH_DIGIT_0, /* .. VC_TH_DIGIT_0 + 9 */
	VC_TH_TEN = VC_TH_DIGIT_0 + 10,
	VC_TH_TWENTY,
	VC_TH_ET,
	VC_TH_HUNDRED,
	VC_TH_THOUSAND,
	VC_TH_LETTER_A, /* .. VC_TH_LETTER_A + 25 */

	VC_EN_PLEASE_NUMBER = VC_TH_LETTER_A + 26,
	VC_EN_AT_COUNTER,
	VC_EN_DIGIT_0,                      /* zero .. nine */
	VC_EN_TEEN_10 = VC_EN_DIGIT_0 + 10, /* ten .. nineteen */
	VC_EN_TENS_20 = VC_EN_TEEN_10 + 10, /* twenty, thirty .. ninety */
	VC_EN_HUNDRED = VC_EN_TENS_20 + 8,
	VC_EN_THOUSAND,
	VC_EN_LETTER_A, /* .. VC_EN_LETTER_A + 25 */

	VC_COUNT = VC_EN_LETTER_A + 26
};

enum voice_lang {
	VOICE_LANG_NONE, /* the chime: no words */
	VOICE_LANG_TH,
	VOICE_LANG_EN,
};

/* One entry of the clip table: what to record and under which name. */
struct voice_phrase {
	const char *clip; /* file-name stem: "th/digit_1" */
	enum voice_lang lang;
	const char *text; /* the exact words to read: "หนึ่ง"; NULL for the chime */
	const char *hint; /* for the person recording, or NULL */
	bool optional;    /* a missing file is not a problem (the chime) */
};

enum voice_number_style {
	VOICE_NUMBER_WORDS,  /* สิบสอง / twelve */
	VOICE_NUMBER_DIGITS, /* ศูนย์ หนึ่ง สอง / zero one two */
};

#define VOICE_WORDS_MAX   9999 /* largest value read as words; above: digit by digit */
#define VOICE_CODE_DIGITS 6    /* most digits in a ticket code */
#define VOICE_COUNTER_MAX 9999
#define VOICE_PLAN_MAX    64 /* clips in one plan; enough for both languages */

struct voice_plan_options {
	bool chime;   /* start with the chime */
	bool thai;    /* say the call in Thai */
	bool english; /* then in English */
	enum voice_number_style ticket_style;
	enum voice_number_style counter_style;
};

/* A planned call: clips to play in order. A plain value; copy freely. */
struct voice_plan {
	size_t n;
	enum voice_clip clips[VOICE_PLAN_MAX];
};

/* The usual call: chime, Thai, no English, both numbers read as words. */
extern const struct voice_plan_options voice_plan_defaults;

/*
 * Plan the call of ticket code (1-2 letters A-Z, lowercase accepted, then
 * 1..VOICE_CODE_DIGITS digits: "A012", "AB007") to counter (1..9999).
 * opt NULL means voice_plan_defaults. Returns SQ_OK and fills *out, or
 * SQ_ERR_INVALID ("ticket code 'A-1' is not letters then digits") with *out
 * empty.
 */
int voice_plan_build(const char *code, int counter, const struct voice_plan_options *opt,
                     struct voice_plan *out, struct sq_error *err);

/*
 * Append the clips that read value (0..999999) in lang (TH or EN) and style to
 * plan; ndigits > 0 pads with leading zeros in the digits style (A012 has 3).
 * Returns SQ_OK, SQ_ERR_INVALID for a bad argument, or SQ_ERR_NOMEM if the
 * plan is full (nothing is appended then).
 */
int voice_plan_add_number(struct voice_plan *plan, enum voice_lang lang, long value, int ndigits,
                          enum voice_number_style style);

/*
 * Write the plan's clip names separated by spaces into buf ("chime
 * th/please_number th/letter_A ..."), for logs and tests. Returns the length
 * the full text needs, like snprintf; buf is always terminated if size > 0.
 */
size_t voice_plan_format(const struct voice_plan *plan, char *buf, size_t size);

/* The whole clip table, VC_COUNT entries indexed by enum voice_clip. Static. */
const struct voice_phrase *voice_phrases(void);

/* The table entry of clip, or NULL if clip is out of range. Static. */
const struct voice_phrase *voice_phrase(enum voice_clip clip);

/* The clip named name ("th/digit_1"): SQ_OK and *out, or SQ_ERR_NOTFOUND. */
int voice_clip_find(const char *name, enum voice_clip *out);

/* Parse "words" or "digits" into *out: SQ_OK or SQ_ERR_INVALID. */
int voice_number_style_parse(const char *name, enum voice_number_style *out, struct sq_error *err);

#endif
