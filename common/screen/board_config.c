/*
 * board_config.c - the [board] section, one table row per key.
 */
#include "board_config.h"
#include "config_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BOARD_FIELD(m) CONFIG_FIELD(struct board_config, m)

static const struct config_option board_options[] = {
    {.name = "notice_th",
     .type = CONFIG_STRING,
     BOARD_FIELD(notice_th),
     .help = "the Thai notice line (default: the office's phone and channels)"},
    {.name = "notice_en",
     .type = CONFIG_STRING,
     BOARD_FIELD(notice_en),
     .help = "the English notice line"},
    {.name = "notice_seconds",
     .type = CONFIG_INT,
     BOARD_FIELD(notice_seconds),
     .min = 2,
     .max = 120,
     .what = "a number of seconds",
     .def = "8",
     .unit = "seconds",
     .help = "each language of the notice shows this long"},
    {.name = "recent",
     .type = CONFIG_INT,
     BOARD_FIELD(recent),
     .min = 1,
     .max = BOARD_RECENT_MAX,
     .what = "a number of rows",
     .def = "6",
     .unit = "rows",
     .help = "rows of the now-serving list"},
    {.name = "flash_seconds",
     .type = CONFIG_INT,
     BOARD_FIELD(flash_seconds),
     .min = 0,
     .max = 60,
     .what = "a number of seconds",
     .def = "5",
     .unit = "seconds",
     .help = "a new call flashes this long"},
};

const struct config_table board_config_table = CONFIG_TABLE("board", board_options);

/* "phone, channels" of the office in one language, as the default notice. */
static char *
default_notice(const struct config *cfg, bool thai)
{
	const char *channels = cfg ? (thai ? cfg->channels.th : cfg->channels.en) : NULL;
	const char *phone = cfg ? cfg->phone : NULL;
	const char *label = thai ? "โทร" : "Phone";
	size_t n;
	char *s;

	if (!phone && !channels)
		return strdup("");
	n = strlen(label) + (phone ? strlen(phone) : 0) + (channels ? strlen(channels) : 0) + 8;
	s = malloc(n);
	if (!s)
		return NULL;
	if (phone && channels)
		snprintf(s, n, "%s %s · %s", label, phone, channels);
	else if (phone)
		snprintf(s, n, "%s %s", label, phone);
	else
		snprintf(s, n, "%s", channels);
	return s;
}

/* Parse sec (may be NULL) into out; out is released on failure. */
static int
parse_section(const struct config *cfg, const struct config_section *sec, struct board_config *out,
              struct sq_error *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	out->notice_seconds = 8;
	out->recent = 6;
	out->flash_seconds = 5;
	if ((rc = config_table_apply(&board_config_table, sec, out, 0, NULL, cfg, err))) {
		board_config_release(out);
		return rc;
	}
	/* Neither notice given: the office's phone and channels, in both languages. */
	if (!out->notice_th && !out->notice_en) {
		out->notice_th = default_notice(cfg, true);
		out->notice_en = default_notice(cfg, false);
	}
	if (!out->notice_th)
		out->notice_th = strdup("");
	if (!out->notice_en)
		out->notice_en = strdup("");
	if (!out->notice_th || !out->notice_en) {
		board_config_release(out);
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory reading [board]");
	}
	return SQ_OK;
}

int
board_config_parse(const struct config *cfg, struct board_config *out, struct sq_error *err)
{
	return parse_section(cfg, config_section_find(cfg, "board", NULL), out, err);
}

void
board_config_release(struct board_config *bc)
{
	if (!bc)
		return;
	free(bc->notice_th);
	free(bc->notice_en);
	memset(bc, 0, sizeof(*bc));
}

int
board_config_check(const struct config *cfg, const struct config_section *sec, struct sq_error *err)
{
	struct board_config tmp;
	int rc = parse_section(cfg, sec, &tmp, err);

	board_config_release(&tmp);
	return rc;
}
