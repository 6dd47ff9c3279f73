/*
 * voice_config.c - the [voice] section, one table row per key.
 */
#include "voice_config.h"
#include "config_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A folder resolved against the config file's folder into *out. */
static int
parse_folder(char **out, const char *value, const struct config *cfg, char *why, size_t why_size)
{
	if (!*value) {
		snprintf(why, why_size, "is empty: name the folder or leave the key out");
		return SQ_ERR_INVALID;
	}
	free(*out);
	*out = cfg && cfg->dir ? config_resolve_path(cfg, value) : strdup(value);
	return *out ? SQ_OK : SQ_ERR_NOMEM;
}

/* dir: the office's recordings. */
static int
parse_dir(void *obj, const char *value, const struct config *cfg, char *why, size_t why_size)
{
	return parse_folder(&((struct voice_config *)obj)->dir, value, cfg, why, why_size);
}

/* synthesized_dir: the espeak-ng set, where the build left it (tests, the demo). */
static int
parse_synth_dir(void *obj, const char *value, const struct config *cfg, char *why, size_t why_size)
{
	return parse_folder(&((struct voice_config *)obj)->synth_dir, value, cfg, why, why_size);
}

/* quiet_hours: HH:MM-HH:MM ranges separated by commas. */
static int
parse_quiet_hours(void *obj, const char *value, const struct config *cfg, char *why,
                  size_t why_size)
{
	struct voice_config *vc = obj;

	(void)cfg;
	return voice_quiet_hours_parse(value, vc->quiet, VOICE_QUIET_MAX, &vc->n_quiet, why,
	                               why_size);
}

#define VOICE_FIELD(m) CONFIG_FIELD(struct voice_config, m)
#define NUMBER_STYLES                                                                              \
	.words = CONFIG_WORDS("words", "digits"),                                                  \
	.values = CONFIG_VALUES(VOICE_NUMBER_WORDS, VOICE_NUMBER_DIGITS)

static const struct config_option voice_options[] = {
    {.name = "dir",
     .type = CONFIG_CUSTOM,
     .parse = parse_dir,
     .help = "the office's recorded clips, relative to the config file's folder"},
    {.name = "synthesized_dir",
     .type = CONFIG_CUSTOM,
     .parse = parse_synth_dir,
     .def = SADUAK_VOICE_SYNTH_DIR,
     .help = "the clips made with espeak-ng at build time; a recording replaces its clip"},
    {.name = "rate",
     .type = CONFIG_CHOICE,
     VOICE_FIELD(rate),
     .words = CONFIG_WORDS("22050", "44100"),
     .values = CONFIG_VALUES(22050, 44100),
     .def = "22050",
     .unit = "Hz",
     .help = "the rate every clip is recorded at"},
    {.name = "thai",
     .type = CONFIG_BOOL,
     VOICE_FIELD(thai),
     .def = "yes",
     .help = "say the call in Thai"},
    {.name = "english",
     .type = CONFIG_BOOL,
     VOICE_FIELD(english),
     .def = "no",
     .help = "then again in English"},
    {.name = "ticket_numbers",
     .type = CONFIG_CHOICE,
     VOICE_FIELD(ticket_numbers),
     NUMBER_STYLES,
     .def = "words",
     .help = "read a ticket's number as a number or digit by digit"},
    {.name = "counter_numbers",
     .type = CONFIG_CHOICE,
     VOICE_FIELD(counter_numbers),
     NUMBER_STYLES,
     .def = "words",
     .help = "read a counter's number as a number or digit by digit"},
    {.name = "volume",
     .type = CONFIG_INT,
     VOICE_FIELD(volume_percent),
     .min = 0,
     .max = 200,
     .what = "a percentage",
     .def = "100",
     .unit = "%",
     .help = "loudness of the clips"},
    {.name = "quiet_hours",
     .type = CONFIG_CUSTOM,
     .parse = parse_quiet_hours,
     .def = "none",
     .help = "HH:MM-HH:MM ranges, by commas, with no sound (calls are still shown)"},
    {.name = "on_missing",
     .type = CONFIG_CHOICE,
     VOICE_FIELD(chime_if_incomplete),
     .words = CONFIG_WORDS("skip", "chime"),
     .def = "skip",
     .help = "a missing clip: play the rest, or the chime alone"},
};

const struct config_table voice_config_table = CONFIG_TABLE("voice", voice_options);

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
	int rc;

	if (set_defaults(out)) {
		voice_config_release(out);
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory reading [voice]");
	}
	if ((rc = config_table_apply(&voice_config_table, sec, out, 0, NULL, cfg, err))) {
		voice_config_release(out);
		return rc;
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
