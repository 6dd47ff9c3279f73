/*
 * board_config.c - the [board] section, one table row per key.
 */
#include "board_config.h"
#include "config_value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A key of [board]: parse value into bc, or say why not in why. */
struct board_key {
	const char *key;
	int (*parse)(struct board_config *bc, const char *value, char *why, size_t why_size);
};

/* Replace *slot with a copy of value. */
static int
set_text(char **slot, const char *value, char *why, size_t why_size)
{
	char *copy = strdup(value);

	if (!copy) {
		snprintf(why, why_size, "out of memory");
		return SQ_ERR_NOMEM;
	}
	free(*slot);
	*slot = copy;
	return SQ_OK;
}

/* notice_th: the Thai notice line. */
static int
key_notice_th(struct board_config *bc, const char *value, char *why, size_t why_size)
{
	return set_text(&bc->notice_th, value, why, why_size);
}

/* notice_en: the English notice line. */
static int
key_notice_en(struct board_config *bc, const char *value, char *why, size_t why_size)
{
	return set_text(&bc->notice_en, value, why, why_size);
}

/* notice_seconds: 2..120. */
static int
key_notice_seconds(struct board_config *bc, const char *value, char *why, size_t why_size)
{
	if (config_value_int(value, 2, 120, &bc->notice_seconds))
		return SQ_OK;
	snprintf(why, why_size, "'%s' is not a number of seconds from 2 to 120", value);
	return SQ_ERR_INVALID;
}

/* recent: 1..BOARD_RECENT_MAX rows. */
static int
key_recent(struct board_config *bc, const char *value, char *why, size_t why_size)
{
	if (config_value_int(value, 1, BOARD_RECENT_MAX, &bc->recent))
		return SQ_OK;
	snprintf(why, why_size, "'%s' is not a number of rows from 1 to %d", value,
	         BOARD_RECENT_MAX);
	return SQ_ERR_INVALID;
}

/* flash_seconds: 0..60. */
static int
key_flash_seconds(struct board_config *bc, const char *value, char *why, size_t why_size)
{
	if (config_value_int(value, 0, 60, &bc->flash_seconds))
		return SQ_OK;
	snprintf(why, why_size, "'%s' is not a number of seconds from 0 to 60", value);
	return SQ_ERR_INVALID;
}

static const struct board_key board_keys[] = {
    {.key = "notice_th", .parse = key_notice_th},
    {.key = "notice_en", .parse = key_notice_en},
    {.key = "notice_seconds", .parse = key_notice_seconds},
    {.key = "recent", .parse = key_recent},
    {.key = "flash_seconds", .parse = key_flash_seconds},
};

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
	char why[256];

	memset(out, 0, sizeof(*out));
	out->notice_seconds = 8;
	out->recent = 6;
	out->flash_seconds = 5;
	for (size_t i = 0; sec && i < sec->n_kv; i++) {
		const struct config_kv *kv = &sec->kv[i];
		const struct board_key *k = NULL;

		for (size_t j = 0; j < sizeof(board_keys) / sizeof(board_keys[0]); j++)
			if (strcmp(board_keys[j].key, kv->key) == 0)
				k = &board_keys[j];
		if (!k) {
			board_config_release(out);
			return config_section_error(err, sec, kv, "unknown key");
		}
		int rc;

		why[0] = '\0';
		if ((rc = k->parse(out, kv->value, why, sizeof(why)))) {
			board_config_release(out);
			if (rc == SQ_ERR_NOMEM)
				return sq_error_set(err, rc, "out of memory reading [board]");
			return config_section_error(err, sec, kv, "%s", why);
		}
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
