/*
 * kiosk_config.c - the [kiosk] section, one table row per key.
 */
#include "kiosk_config.h"
#include "config_value.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A key of [kiosk]: parse value into kc, or say why not in why. */
struct kiosk_key {
	const char *key;
	bool (*parse)(struct kiosk_config *kc, const char *value, char *why, size_t n);
};

/* A number in lo..hi, or a message naming the unit. */
static bool
parse_range(const char *value, long lo, long hi, const char *unit, int *out, char *why, size_t n)
{
	if (config_value_int(value, (int)lo, (int)hi, out))
		return true;
	snprintf(why, n, "'%s' is not a number of %s from %ld to %ld", value, unit, lo, hi);
	return false;
}

/* layout = standard | wheelchair */
static bool
key_layout(struct kiosk_config *kc, const char *value, char *why, size_t n)
{
	if (strcmp(value, "standard") == 0 || strcmp(value, "wheelchair") == 0) {
		kc->wheelchair = strcmp(value, "wheelchair") == 0;
		return true;
	}
	snprintf(why, n, "'%s' is not standard or wheelchair", value);
	return false;
}

/* language = th | en */
static bool
key_language(struct kiosk_config *kc, const char *value, char *why, size_t n)
{
	if (strcmp(value, "th") == 0 || strcmp(value, "en") == 0) {
		kc->start_english = strcmp(value, "en") == 0;
		return true;
	}
	snprintf(why, n, "'%s' is not th or en", value);
	return false;
}

/* ticket_seconds = 5..120 */
static bool
key_ticket_seconds(struct kiosk_config *kc, const char *value, char *why, size_t n)
{
	return parse_range(value, 5, 120, "seconds", &kc->ticket_seconds, why, n);
}

/* advice_seconds = 10..600 */
static bool
key_advice_seconds(struct kiosk_config *kc, const char *value, char *why, size_t n)
{
	return parse_range(value, 10, 600, "seconds", &kc->advice_seconds, why, n);
}

/* fullscreen = yes | no */
static bool
key_fullscreen(struct kiosk_config *kc, const char *value, char *why, size_t n)
{
	return config_value_yes_no(value, &kc->fullscreen, why, n);
}

/* window_width = 800..3840 */
static bool
key_window_width(struct kiosk_config *kc, const char *value, char *why, size_t n)
{
	return parse_range(value, 800, 3840, "pixels", &kc->window_width, why, n);
}

/* window_height = 480..3840 */
static bool
key_window_height(struct kiosk_config *kc, const char *value, char *why, size_t n)
{
	return parse_range(value, 480, 3840, "pixels", &kc->window_height, why, n);
}

/* A key a chord may end with: one letter or digit, f1..f24, or a named key. */
static bool
chord_key_ok(const char *k)
{
	static const char *const named[] = {"end",    "home",   "pause",  "insert",
	                                    "delete", "escape", "pageup", "pagedown"};
	int f;

	if (strlen(k) == 1)
		return (*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9');
	if (k[0] == 'f' && k[1] != '0' && config_value_int(k + 1, 1, 24, &f))
		return true;
	return config_value_choice(k, named, sizeof(named) / sizeof(named[0])) >= 0;
}

bool
kiosk_chord_parse(const char *text, struct kiosk_chord *out, char *why, size_t n)
{
	static const char *const mods[] = {"ctrl", "shift", "alt", "super"};
	char buf[64];
	char *save = NULL, *part, *key = NULL;
	struct kiosk_chord c = {0};
	int held = 0;

	if (strlen(text) >= sizeof(buf))
		goto bad;
	for (size_t i = 0; text[i]; i++)
		buf[i] = (char)tolower((unsigned char)text[i]);
	buf[strlen(text)] = '\0';
	for (part = strtok_r(buf, "+", &save); part; part = strtok_r(NULL, "+", &save)) {
		int m = config_value_choice(part, mods, sizeof(mods) / sizeof(mods[0]));
		if (key || (m >= 0 && (c.mods & (1u << m))))
			goto bad; /* the key comes last, each modifier once */
		if (m >= 0) {
			c.mods |= 1u << m;
			held++;
		} else {
			key = part;
		}
	}
	if (held < 2 || !key || !chord_key_ok(key))
		goto bad;
	snprintf(c.key, sizeof(c.key), "%s", key);
	*out = c;
	return true;
bad:
	snprintf(why, n,
	         "'%s' is not two or more of ctrl, shift, alt, super and one key, joined by + "
	         "(e.g. ctrl+shift+f12)",
	         text);
	return false;
}

/* exit_keys = ctrl+shift+f12 */
static bool
key_exit_keys(struct kiosk_config *kc, const char *value, char *why, size_t n)
{
	return kiosk_chord_parse(value, &kc->exit, why, n);
}

static const struct kiosk_key kiosk_keys[] = {
    {.key = "layout", .parse = key_layout},
    {.key = "language", .parse = key_language},
    {.key = "ticket_seconds", .parse = key_ticket_seconds},
    {.key = "advice_seconds", .parse = key_advice_seconds},
    {.key = "fullscreen", .parse = key_fullscreen},
    {.key = "window_width", .parse = key_window_width},
    {.key = "window_height", .parse = key_window_height},
    {.key = "exit_keys", .parse = key_exit_keys},
};

/* Parse sec (may be NULL) into out. */
static int
parse_section(const struct config_section *sec, struct kiosk_config *out, struct sq_error *err)
{
	bool seen[sizeof(kiosk_keys) / sizeof(kiosk_keys[0])] = {false};

	*out = (struct kiosk_config){
	    .ticket_seconds = 15,
	    .advice_seconds = 90,
	    .fullscreen = true,
	    .window_width = 1280,
	    .window_height = 800,
	    .exit = {.mods = KIOSK_MOD_CTRL | KIOSK_MOD_SHIFT, .key = "f12"},
	};
	for (size_t i = 0; sec && i < sec->n_kv; i++) {
		const struct config_kv *kv = &sec->kv[i];
		char why[256];
		size_t j;

		for (j = 0; j < sizeof(kiosk_keys) / sizeof(kiosk_keys[0]); j++)
			if (strcmp(kiosk_keys[j].key, kv->key) == 0)
				break;
		if (j == sizeof(kiosk_keys) / sizeof(kiosk_keys[0]))
			return config_section_error(err, sec, kv, "unknown key");
		if (seen[j])
			return config_section_error(err, sec, kv, "given twice");
		seen[j] = true;
		if (!kiosk_keys[j].parse(out, kv->value, why, sizeof(why)))
			return config_section_error(err, sec, kv, "%s", why);
	}
	return SQ_OK;
}

/* The [kiosk] settings of cfg, defaults where absent. */
int
kiosk_config_parse(const struct config *cfg, struct kiosk_config *out, struct sq_error *err)
{
	return parse_section(config_section_find(cfg, "kiosk", NULL), out, err);
}

/* Check [kiosk] at config load. */
int
kiosk_config_check(const struct config *cfg, const struct config_section *sec, struct sq_error *err)
{
	struct kiosk_config kc;

	(void)cfg;
	if (*sec->name)
		return config_section_error(err, sec, NULL,
		                            "there is one [kiosk] section, without a name");
	return parse_section(sec, &kc, err);
}
