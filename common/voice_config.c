/*
 * voice_config.c - the [voice] section, one table row per key.
 */
#include "voice_config.h"
#include "config_value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A key of [voice]: parse value into vc, or say why not in why. */
struct voice_key {
	const char *key;
	int (*parse)(struct voice_config *vc, const struct config *cfg, const char *value,
	             char *why, size_t why_size);
};

/* A folder resolved against the config file's folder into *out. */
static int
parse_folder(char **out, const struct config *cfg, const char *value, char *why, size_t why_size)
{
	if (!*value) {
		snprintf(why, why_size, "is empty: name the clip folder or leave the key out");
		return SQ_ERR_INVALID;
	}
	free(*out);
	*out = cfg && cfg->dir ? config_resolve_path(cfg, value) : strdup(value);
	if (!*out) {
		snprintf(why, why_size, "out of memory");
		return SQ_ERR_NOMEM;
	}
	return SQ_OK;
}

/* dir: the office's recordings. */
static int
key_dir(struct voice_config *vc, const struct config *cfg, const char *value, char *why,
        size_t why_size)
{
	return parse_folder(&vc->dir, cfg, value, why, why_size);
}

/* synthesized_dir: the espeak-ng set, where the build left it (tests, the demo). */
static int
key_synth_dir(struct voice_config *vc, const struct config *cfg, const char *value, char *why,
              size_t why_size)
{
	return parse_folder(&vc->synth_dir, cfg, value, why, why_size);
}

/* rate: 22050 or 44100, the rate the clips are recorded at. */
static int
key_rate(struct voice_config *vc, const struct config *cfg, const char *value, char *why,
         size_t why_size)
{
	(void)cfg;
	if (strcmp(value, "22050") == 0 || strcmp(value, "44100") == 0) {
		vc->rate = atoi(value);
		return SQ_OK;
	}
	snprintf(why, why_size, "'%s' is not 22050 or 44100", value);
	return SQ_ERR_INVALID;
}

/* thai: yes or no. */
static int
key_thai(struct voice_config *vc, const struct config *cfg, const char *value, char *why,
         size_t why_size)
{
	(void)cfg;
	return config_value_yes_no(value, &vc->thai, why, why_size) ? SQ_OK : SQ_ERR_INVALID;
}

/* english: yes or no. */
static int
key_english(struct voice_config *vc, const struct config *cfg, const char *value, char *why,
            size_t why_size)
{
	(void)cfg;
	return config_value_yes_no(value, &vc->english, why, why_size) ? SQ_OK : SQ_ERR_INVALID;
}

/* A number style, words or digits, into *out. */
static int
parse_style(const char *value, enum voice_number_style *out, char *why, size_t why_size)
{
	if (voice_number_style_parse(value, out, NULL) == SQ_OK)
		return SQ_OK;
	snprintf(why, why_size, "'%s' is not words or digits", value);
	return SQ_ERR_INVALID;
}

/* ticket_numbers: words or digits. */
static int
key_ticket_numbers(struct voice_config *vc, const struct config *cfg, const char *value, char *why,
                   size_t why_size)
{
	(void)cfg;
	return parse_style(value, &vc->ticket_numbers, why, why_size);
}

/* counter_numbers: words or digits. */
static int
key_counter_numbers(struct voice_config *vc, const struct config *cfg, const char *value, char *why,
                    size_t why_size)
{
	(void)cfg;
	return parse_style(value, &vc->counter_numbers, why, why_size);
}

/* volume: percent 0..200. */
static int
key_volume(struct voice_config *vc, const struct config *cfg, const char *value, char *why,
           size_t why_size)
{
	(void)cfg;
	if (config_value_int(value, 0, 200, &vc->volume_percent))
		return SQ_OK;
	snprintf(why, why_size, "'%s' is not a percentage from 0 to 200", value);
	return SQ_ERR_INVALID;
}

/* quiet_hours: HH:MM-HH:MM ranges separated by commas. */
static int
key_quiet_hours(struct voice_config *vc, const struct config *cfg, const char *value, char *why,
                size_t why_size)
{
	(void)cfg;
	return voice_quiet_hours_parse(value, vc->quiet, VOICE_QUIET_MAX, &vc->n_quiet, why,
	                               why_size);
}

/* on_missing: skip (play the rest) or chime (the chime alone). */
static int
key_on_missing(struct voice_config *vc, const struct config *cfg, const char *value, char *why,
               size_t why_size)
{
	(void)cfg;
	if (strcmp(value, "skip") == 0 || strcmp(value, "chime") == 0) {
		vc->chime_if_incomplete = strcmp(value, "chime") == 0;
		return SQ_OK;
	}
	snprintf(why, why_size, "'%s' is not skip or chime", value);
	return SQ_ERR_INVALID;
}

static const struct voice_key voice_keys[] = {
    {.key = "dir", .parse = key_dir},
    {.key = "synthesized_dir", .parse = key_synth_dir},
    {.key = "rate", .parse = key_rate},
    {.key = "thai", .parse = key_thai},
    {.key = "english", .parse = key_english},
    {.key = "ticket_numbers", .parse = key_ticket_numbers},
    {.key = "counter_numbers", .parse = key_counter_numbers},
    {.key = "volume", .parse = key_volume},
    {.key = "quiet_hours", .parse = key_quiet_hours},
    {.key = "on_missing", .parse = key_on_missing},
};

/* "HH:MM" at s (exactly five characters) into minutes; -1 if not a time. */
static int
parse_hhmm(const char *s, size_t len, bool allow_24)
{
	int h, m;

	if (len != 5 || s[2] != ':')
		return -1;
	for (size_t i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_24)))
		return -1;
	return h * 60 + m;
}

int
voice_quiet_hours_parse(const char *text, struct voice_quiet_range *out, size_t max, size_t *n,
                        char *why, size_t why_size)
{
	const char *p = text;

	*n = 0;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p || strcmp(p, "none") == 0)
		return SQ_OK;
	for (;;) {
		const char *item = p, *dash, *end;
		size_t len;
		int start, stop;

		while (*item == ' ' || *item == '\t')
			item++;
		end = strchr(item, ',');
		len = end ? (size_t)(end - item) : strlen(item);
		while (len && (item[len - 1] == ' ' || item[len - 1] == '\t'))
			len--;
		dash = memchr(item, '-', len);
		start = dash ? parse_hhmm(item, (size_t)(dash - item), false) : -1;
		stop = dash ? parse_hhmm(dash + 1, len - (size_t)(dash + 1 - item), true) : -1;
		if (start < 0 || stop < 0 || start == stop) {
			snprintf(why, why_size,
			         "'%.*s' is not a range of times such as 21:00-07:00", (int)len,
			         item);
			*n = 0;
			return SQ_ERR_INVALID;
		}
		if (*n == max) {
			snprintf(why, why_size, "more than %zu ranges", max);
			*n = 0;
			return SQ_ERR_INVALID;
		}
		out[*n].start_minute = start;
		out[*n].end_minute = stop;
		(*n)++;
		if (!end)
			return SQ_OK;
		p = end + 1;
	}
}

/* Defaults of a board with no [voice] section: SQ_OK or SQ_ERR_NOMEM. */
static int
set_defaults(struct voice_config *vc)
{
	memset(vc, 0, sizeof(*vc));
	vc->synth_dir = strdup(SADUAK_VOICE_SYNTH_DIR);
	vc->rate = 22050;
	vc->thai = true;
	vc->english = false;
	vc->ticket_numbers = VOICE_NUMBER_WORDS;
	vc->counter_numbers = VOICE_NUMBER_WORDS;
	vc->volume_percent = 100;
	return vc->synth_dir ? SQ_OK : SQ_ERR_NOMEM;
}

/* Parse sec (may be NULL) into out; out is released on failure. */
static int
parse_section(const struct config *cfg, const struct config_section *sec, struct voice_config *out,
              struct sq_error *err)
{
	char why[256];

	if (set_defaults(out)) {
		voice_config_release(out);
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory reading [voice]");
	}
	for (size_t i = 0; sec && i < sec->n_kv; i++) {
		const struct config_kv *kv = &sec->kv[i];
		const struct voice_key *k = NULL;

		for (size_t j = 0; j < sizeof(voice_keys) / sizeof(voice_keys[0]); j++)
			if (strcmp(voice_keys[j].key, kv->key) == 0)
				k = &voice_keys[j];
		if (!k) {
			voice_config_release(out);
			return config_section_error(err, sec, kv, "unknown key");
		}
		int rc;

		why[0] = '\0';
		if ((rc = k->parse(out, cfg, kv->value, why, sizeof(why)))) {
			voice_config_release(out);
			if (rc == SQ_ERR_NOMEM)
				return sq_error_set(err, rc, "out of memory reading [voice]");
			return config_section_error(err, sec, kv, "%s", why);
		}
	}
	if (!out->thai && !out->english && sec) {
		voice_config_release(out);
		return config_section_error(err, sec, NULL,
		                            "thai and english are both off: nothing to say");
	}
	return SQ_OK;
}

int
voice_config_parse(const struct config *cfg, struct voice_config *out, struct sq_error *err)
{
	return parse_section(cfg, cfg ? config_section_find(cfg, "voice", NULL) : NULL, out, err);
}

void
voice_config_release(struct voice_config *vc)
{
	if (!vc)
		return;
	free(vc->dir);
	free(vc->synth_dir);
	memset(vc, 0, sizeof(*vc));
}

int
voice_config_check(const struct config *cfg, const struct config_section *sec, struct sq_error *err)
{
	struct voice_config tmp;
	int rc = parse_section(cfg, sec, &tmp, err);

	voice_config_release(&tmp);
	return rc;
}

bool
voice_config_quiet_at(const struct voice_config *vc, int minute_of_day)
{
	for (size_t i = 0; i < vc->n_quiet; i++) {
		const struct voice_quiet_range *r = &vc->quiet[i];

		if (r->start_minute < r->end_minute) {
			if (minute_of_day >= r->start_minute && minute_of_day < r->end_minute)
				return true;
		} else if (minute_of_day >= r->start_minute || minute_of_day < r->end_minute) {
			return true; /* wraps past midnight */
		}
	}
	return false;
}

void
voice_config_plan_options(const struct voice_config *vc, struct voice_plan_options *out)
{
	*out = voice_plan_defaults;
	out->chime = true;
	out->thai = vc->thai;
	out->english = vc->english;
	out->ticket_style = vc->ticket_numbers;
	out->counter_style = vc->counter_numbers;
}
