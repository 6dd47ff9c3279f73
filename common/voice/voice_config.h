/*
 * voice_config.h - the [voice] section: where the clips are and how calls
 * are spoken.
 *
 *   [voice]
 *   dir = voice            ; the office's recordings, relative to the config file's folder
 *   synthesized_dir = /usr/share/saduak/voice   ; the espeak-ng set (the default
 *                          ; is where the package installs it); a clip missing
 *                          ; from dir is played from here
 *   rate = 22050           ; 22050 or 44100 Hz, the rate of every clip
 *   thai = yes             ; say the call in Thai (default yes)
 *   english = yes          ; then again in English (default no)
 *   ticket_numbers = words ; words (สิบสอง) or digits (หนึ่ง สอง)
 *   counter_numbers = words
 *   volume = 100           ; percent, 0..200
 *   quiet_hours = 21:00-07:00, 12:00-12:30   ; no sound then (calls still shown)
 *   on_missing = skip      ; skip a missing clip, or play the chime alone
 *
 * Every key is optional; without a [voice] section a board speaks Thai from
 * the synthesized set if it is installed, else plays the chime alone. Unknown keys and bad values
 * are refused with "FILE:LINE: [voice] key 'K': what" (config_section_error).
 *
 * voice_config_parse() fills a struct voice_config the caller owns and
 * releases with voice_config_release(). The rest is pure and thread-safe.
 */
#ifndef SADUAK_VOICE_CONFIG_H
#define SADUAK_VOICE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "config_table.h"
#include "error.h"
#include "voice_plan.h"

#define VOICE_QUIET_MAX 4 /* quiet-hour ranges in one [voice] section */

/* A range of local minutes with no sound; end < start wraps past midnight. */
struct voice_quiet_range {
	int start_minute; /* 0..1439 */
	int end_minute;   /* 0..1440, exclusive */
};

struct voice_config {
	char *dir;       /* the office's clip folder (malloc'd), or NULL: none */
	char *synth_dir; /* the synthesized set (malloc'd); never NULL after parsing */
	int rate;        /* 22050 or 44100 */
	bool thai;
	bool english;
	enum voice_number_style ticket_numbers;
	enum voice_number_style counter_numbers;
	int volume_percent;       /* 0..200 */
	bool chime_if_incomplete; /* on_missing = chime */
	struct voice_quiet_range quiet[VOICE_QUIET_MAX];
	size_t n_quiet;
};

/*
 * Read cfg's [voice] section (defaults when there is none) into *out. On
 * failure *out is left empty (safe to release), err names file, line and key,
 * and the code is SQ_ERR_INVALID or SQ_ERR_NOMEM. Release with
 * voice_config_release().
 */
int voice_config_parse(const struct config *cfg, struct voice_config *out, struct sq_error *err);

/* Free what out holds and leave it empty. NULL is a no-op. */
void voice_config_release(struct voice_config *vc);

/* The keys of [voice], one row each (config_table.h). */
extern const struct config_table voice_config_table;

/* The check the loader runs on a [voice] section (config_office.c). */
int voice_config_check(const struct config *cfg, const struct config_section *sec,
                       struct sq_error *err);

/* Whether minute_of_day (local, 0..1439) falls in a quiet range. Pure. */
bool voice_config_quiet_at(const struct voice_config *vc, int minute_of_day);

/* The plan options a call needs: chime, languages and number styles. */
void voice_config_plan_options(const struct voice_config *vc, struct voice_plan_options *out);

/*
 * Parse "21:00-07:00, 12:00-12:30" (or "" / "none") into ranges. Returns
 * SQ_OK, or SQ_ERR_INVALID with why (a short phrase) written to why. Pure.
 */
int voice_quiet_hours_parse(const char *text, struct voice_quiet_range *out, size_t max, size_t *n,
                            char *why, size_t why_size);

#endif
