/*
 * kiosk_config.c - the [kiosk] section, one table row per key.
 */
#include "kiosk_config.h"
#include "config_table.h"
#include "config_value.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
static int
parse_exit_keys(void *obj, const char *value, const struct config *cfg, char *why, size_t n)
{
	struct kiosk_config *kc = obj;

	(void)cfg;
	return kiosk_chord_parse(value, &kc->exit, why, n) ? SQ_OK : SQ_ERR_INVALID;
}

/* id_key_file = FILE, relative to the config file's folder. */
static int
parse_id_key_file(void *obj, const char *value, const struct config *cfg, char *why, size_t n)
{
	struct kiosk_config *kc = obj;
	char *abs = cfg && cfg->dir ? config_resolve_path(cfg, value) : strdup(value);
	int rc = SQ_OK;

	if (!abs) {
		snprintf(why, n, "out of memory");
		return SQ_ERR_NOMEM;
	}
	if (!*value || strlen(abs) >= sizeof(kc->id_key_file)) {
		snprintf(why, n, "'%s' is not a file name of 1 to %zu bytes", value,
		         sizeof(kc->id_key_file) - 1);
		rc = SQ_ERR_INVALID;
	} else {
		snprintf(kc->id_key_file, sizeof(kc->id_key_file), "%s", abs);
	}
	free(abs);
	return rc;
}

#define KIOSK_FIELD(m) CONFIG_FIELD(struct kiosk_config, m)

static const struct config_option kiosk_options[] = {
    {.name = "layout",
     .type = CONFIG_CHOICE,
     KIOSK_FIELD(wheelchair),
     .words = CONFIG_WORDS("standard", "wheelchair"),
     .def = "standard",
     .help = "wheelchair: every control in the lower part of the screen"},
    {.name = "language",
     .type = CONFIG_CHOICE,
     KIOSK_FIELD(start_english),
     .words = CONFIG_WORDS("th", "en"),
     .def = "th",
     .help = "the language the screen starts in"},
    {.name = "ticket_seconds",
     .type = CONFIG_INT,
     KIOSK_FIELD(ticket_seconds),
     .min = 5,
     .max = 120,
     .what = "a number of seconds",
     .def = "15",
     .unit = "seconds",
     .help = "the ticket screen returns home after this"},
    {.name = "advice_seconds",
     .type = CONFIG_INT,
     KIOSK_FIELD(advice_seconds),
     .min = 10,
     .max = 600,
     .what = "a number of seconds",
     .def = "90",
     .unit = "seconds",
     .help = "an untouched advice screen returns home after this"},
    {.name = "fullscreen",
     .type = CONFIG_BOOL,
     KIOSK_FIELD(fullscreen),
     .def = "yes",
     .help = "no: a window of window_width x window_height"},
    {.name = "window_width",
     .type = CONFIG_INT,
     KIOSK_FIELD(window_width),
     .min = 800,
     .max = 3840,
     .what = "a number of pixels",
     .def = "1280",
     .unit = "pixels",
     .help = "the window's width when not fullscreen"},
    {.name = "window_height",
     .type = CONFIG_INT,
     KIOSK_FIELD(window_height),
     .min = 480,
     .max = 3840,
     .what = "a number of pixels",
     .def = "800",
     .unit = "pixels",
     .help = "the window's height when not fullscreen"},
    {.name = "exit_keys",
     .type = CONFIG_CUSTOM,
     .parse = parse_exit_keys,
     .def = "ctrl+shift+f12",
     .help = "the supervisor's exit: two or more of ctrl, shift, alt, super and a key"},
    {.name = "id_key_file",
     .type = CONFIG_CUSTOM,
     .parse = parse_id_key_file,
     .help = "booking check-in with the Thai ID card: the key file of the ID hash "
             "(unset: no card reader)"},
    {.name = "idcard_reader",
     .type = CONFIG_TEXT,
     KIOSK_FIELD(idcard_reader),
     .help = "the ID card reader's PC/SC name or its start (unset: the first reader)"},
};

const struct config_table kiosk_config_table = CONFIG_TABLE("kiosk", kiosk_options);

/* Parse sec (may be NULL) into out. */
static int
parse_section(const struct config *cfg, const struct config_section *sec, struct kiosk_config *out,
              struct sq_error *err)
{
	*out = (struct kiosk_config){
	    .ticket_seconds = 15,
	    .advice_seconds = 90,
	    .fullscreen = true,
	    .window_width = 1280,
	    .window_height = 800,
	    .exit = {.mods = KIOSK_MOD_CTRL | KIOSK_MOD_SHIFT, .key = "f12"},
	};
	return config_table_apply(&kiosk_config_table, sec, out, 0, NULL, cfg, err);
}

/* The [kiosk] settings of cfg, defaults where absent. */
int
kiosk_config_parse(const struct config *cfg, struct kiosk_config *out, struct sq_error *err)
{
	return parse_section(cfg, config_section_find(cfg, "kiosk", NULL), out, err);
}

/* Check [kiosk] at config load. */
int
kiosk_config_check(const struct config *cfg, const struct config_section *sec, struct sq_error *err)
{
	struct kiosk_config kc;

	if (*sec->name)
		return config_section_error(err, sec, NULL,
		                            "there is one [kiosk] section, without a name");
	return parse_section(cfg, sec, &kc, err);
}
