/*
 * config.c - loading the office's file: sections, keys handed to their
 * setters (config_keys.c) or kept raw for the modules the program names,
 * and the checks once the whole file is read.
 */
#include "booking.h"
#include "config.h"
#include "config_ini.h"
#include "config_private.h"
#include "config_value.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "thaitime.h"

/* Fill ctx->err with "PATH:LINE: [section] key 'K': what" and return -1. */
int
parse_fail(struct parse_ctx *ctx, const char *key, const char *fmt, ...)
{
	char what[384];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	ctx->reported = true;
	if (key)
		sq_error_set(ctx->err, SQ_ERR_INVALID, "%s:%d: [%s] key '%s': %s", ctx->cfg->path,
		             ctx->line, ctx->section, key, what);
	else
		sq_error_set(ctx->err, SQ_ERR_INVALID, "%s:%d: [%s]: %s", ctx->cfg->path, ctx->line,
		             ctx->section, what);
	return -1;
}

/* Copy an already length-checked name into a fixed field. */
void
copy_id(char *dst, size_t n, const char *src)
{
	size_t len = strnlen(src, n - 1);

	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* Replace *field with a copy of value; -1 on allocation failure. */
int
set_string(struct parse_ctx *ctx, char **field, const char *value)
{
	char *copy = strdup(value);

	if (!copy) {
		sq_error_set(ctx->err, SQ_ERR_NOMEM, "out of memory reading '%s'", ctx->cfg->path);
		return -1;
	}
	free(*field);
	*field = copy;
	return 0;
}

/* ---- sections ------------------------------------------------------ */

static bool
valid_id(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n == 0 || n >= max)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
			return false;
	return true;
}

/* A section a module owns: kept as key/value pairs for its check. */
static int
open_raw_section(struct parse_ctx *ctx, const char *kind, const char *name)
{
	struct config *cfg = ctx->cfg;

	if (config_section_find(cfg, kind, name))
		return parse_fail(ctx, NULL, "section appears twice");
	struct config_section *grown =
	    realloc(cfg->sections, (cfg->n_sections + 1) * sizeof(*grown));
	if (!grown)
		return parse_fail(ctx, NULL, "out of memory");
	cfg->sections = grown;
	struct config_section *sec = &cfg->sections[cfg->n_sections];
	*sec = (struct config_section){.path = cfg->path, .line = ctx->line};
	sec->kind = strdup(kind);
	sec->name = strdup(name);
	cfg->n_sections++;
	if (!sec->kind || !sec->name)
		return parse_fail(ctx, NULL, "out of memory");
	ctx->current = sec;
	ctx->type = SECTION_RAW;
	return 0;
}

static int
open_office(struct parse_ctx *ctx, const char *name)
{
	(void)name;
	if (ctx->office_line)
		return parse_fail(ctx, NULL, "section appears twice (first on line %d)",
		                  ctx->office_line);
	ctx->office_line = ctx->line;
	ctx->type = SECTION_OFFICE;
	return 0;
}

static int
open_service(struct parse_ctx *ctx, const char *name)
{
	struct config *cfg = ctx->cfg;
	size_t len = strlen(name);

	if (len < 1 || len > 2 || !isupper((unsigned char)name[0]) ||
	    (len == 2 && !isupper((unsigned char)name[1])))
		return parse_fail(ctx, NULL,
		                  "a service is named by its ticket prefix, one or two "
		                  "capital letters: [service A]");
	int existing = config_service_index(cfg, name);
	if (existing >= 0)
		return parse_fail(ctx, NULL, "section appears twice (first on line %d)",
		                  ctx->service_line[existing]);
	if (cfg->n_services >= CONFIG_MAX_SERVICES)
		return parse_fail(ctx, NULL, "more than %d services", CONFIG_MAX_SERVICES);
	ctx->service_line[cfg->n_services] = ctx->line;
	struct config_service *svc = &cfg->services[cfg->n_services++];
	copy_id(svc->id, sizeof(svc->id), name);
	svc->target_minutes = 15;
	svc->booking = (struct service_booking){.per_slot = 1,
	                                        .days_ahead = 14,
	                                        .checkin_early_minutes = 30,
	                                        .checkin_late_minutes = 15};
	ctx->current = svc;
	ctx->type = SECTION_SERVICE;
	return 0;
}

static int
open_priority(struct parse_ctx *ctx, const char *name)
{
	struct config *cfg = ctx->cfg;

	if (!valid_id(name, CONFIG_ID_LEN))
		return parse_fail(ctx, NULL, "'%s' is not a class name (letters, digits, _)", name);
	if (config_priority_find(cfg, name))
		return parse_fail(ctx, NULL, "section appears twice");
	if (cfg->n_priorities >= CONFIG_MAX_PRIORITIES)
		return parse_fail(ctx, NULL, "more than %d priority classes",
		                  CONFIG_MAX_PRIORITIES);
	struct config_priority *p = &cfg->priorities[cfg->n_priorities++];
	copy_id(p->id, sizeof(p->id), name);
	ctx->current = p;
	ctx->type = SECTION_PRIORITY;
	return 0;
}

static int
open_counter(struct parse_ctx *ctx, const char *name)
{
	struct config *cfg = ctx->cfg;
	long number;

	if (!config_value_long(name, 1, 99, &number))
		return parse_fail(ctx, NULL, "a counter is numbered 1 to 99: [counter 3]");
	if (config_counter_find(cfg, (int)number))
		return parse_fail(ctx, NULL, "section appears twice");
	if (cfg->n_counters >= CONFIG_MAX_COUNTERS)
		return parse_fail(ctx, NULL, "more than %d counters", CONFIG_MAX_COUNTERS);
	ctx->counter_line[cfg->n_counters] = ctx->line;
	struct config_counter *c = &cfg->counters[cfg->n_counters++];
	c->number = (int)number;
	c->rating_screen = true;
	ctx->current = c;
	ctx->type = SECTION_COUNTER;
	return 0;
}

static int
open_officer(struct parse_ctx *ctx, const char *name)
{
	struct config *cfg = ctx->cfg;

	if (!valid_id(name, CONFIG_ID_LEN))
		return parse_fail(ctx, NULL, "'%s' is not a login name (letters, digits, _ or -)",
		                  name);
	if (config_officer_find(cfg, name))
		return parse_fail(ctx, NULL, "section appears twice");
	if (cfg->n_officers >= CONFIG_MAX_OFFICERS)
		return parse_fail(ctx, NULL, "more than %d officers", CONFIG_MAX_OFFICERS);
	struct config_officer *o = &cfg->officers[cfg->n_officers++];
	copy_id(o->id, sizeof(o->id), name);
	ctx->current = o;
	ctx->type = SECTION_OFFICER;
	return 0;
}

/* The office's own sections, as written in the file and opened by the loader. */
static const struct {
	const char *kind;
	const char *shown; /* in the list of known sections */
	bool named;
	int (*open)(struct parse_ctx *ctx, const char *name);
} core_sections[] = {
    {.kind = "office", .shown = "office", .open = open_office},
    {.kind = "service", .shown = "service X", .named = true, .open = open_service},
    {.kind = "priority", .shown = "priority ID", .named = true, .open = open_priority},
    {.kind = "counter", .shown = "counter N", .named = true, .open = open_counter},
    {.kind = "officer", .shown = "officer ID", .named = true, .open = open_officer},
};

#define N_CORE_SECTIONS (sizeof(core_sections) / sizeof(core_sections[0]))

/* "unknown section (expected office, ..., display NAME, printer or backup)". */
static int
unknown_section(struct parse_ctx *ctx)
{
	size_t n = N_CORE_SECTIONS + ctx->n_kinds, len = 0;
	char list[512] = "";

	for (size_t i = 0; i < n && len < sizeof(list); i++) {
		const char *sep = i == 0 ? "" : i + 1 == n ? " or " : ", ";
		if (i < N_CORE_SECTIONS)
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", sep,
			                        core_sections[i].shown);
		else
			len +=
			    (size_t)snprintf(list + len, sizeof(list) - len, "%s%s%s", sep,
			                     ctx->kinds[i - N_CORE_SECTIONS].kind,
			                     ctx->kinds[i - N_CORE_SECTIONS].named ? " NAME" : "");
	}
	return parse_fail(ctx, NULL, "unknown section (expected %s)", list);
}

/* A new [section] header: find or create what it describes. */
static int
open_section(struct parse_ctx *ctx, const char *section)
{
	char kind[64] = "", name[64] = "";
	int n = sscanf(section, "%63s %63s", kind, name);
	char extra[2];

	snprintf(ctx->section, sizeof(ctx->section), "%s", section);
	ctx->section_line = ctx->line;
	ctx->n_seen = 0;
	if (n < 1 || sscanf(section, "%*s %*s %1s", extra) == 1)
		return parse_fail(ctx, NULL, "a section header is '[kind]' or '[kind name]'");
	for (size_t i = 0; i < N_CORE_SECTIONS; i++)
		if (strcmp(kind, core_sections[i].kind) == 0 && core_sections[i].named == (n == 2))
			return core_sections[i].open(ctx, name);
	for (size_t i = 0; i < ctx->n_kinds; i++)
		if (strcmp(kind, ctx->kinds[i].kind) == 0)
			return open_raw_section(ctx, kind, name);
	return unknown_section(ctx);
}

/* Open a section with ctx->line at its header, so messages name that line. */
static int
begin_section(struct parse_ctx *ctx, const char *section)
{
	int key_line = ctx->line;
	int rc;

	if (ctx->header_line)
		ctx->line = ctx->header_line;
	rc = open_section(ctx, section);
	ctx->line = key_line;
	return rc;
}

static int
raw_key(struct parse_ctx *ctx, const char *key, const char *value)
{
	struct config_section *sec = ctx->current;
	struct config_kv *grown = realloc(sec->kv, (sec->n_kv + 1) * sizeof(*grown));

	if (!grown)
		return parse_fail(ctx, key, "out of memory");
	sec->kv = grown;
	struct config_kv *kv = &sec->kv[sec->n_kv];
	*kv = (struct config_kv){.key = strdup(key), .value = strdup(value), .line = ctx->line};
	sec->n_kv++;
	if (!kv->key || !kv->value)
		return parse_fail(ctx, key, "out of memory");
	return 0;
}

/* One key of the file; returning 0 stops the parse. */
static int
handle_key(struct parse_ctx *ctx, const char *section, const char *key, const char *value)
{
	if (!*section) {
		snprintf(ctx->section, sizeof(ctx->section), "(none)");
		parse_fail(ctx, key, "a key before any [section]");
		return 0;
	}
	if (strcmp(section, ctx->section) != 0 || ctx->type == SECTION_NONE)
		if (begin_section(ctx, section))
			return 0;
	if (ctx->type == SECTION_RAW) {
		for (size_t i = 0; i < ctx->n_seen; i++)
			if (strcmp(ctx->seen_keys[i], key) == 0) {
				parse_fail(ctx, key, "given twice in one section");
				return 0;
			}
		if (raw_key(ctx, key, value))
			return 0;
		struct config_section *sec = ctx->current;
		if (ctx->n_seen < MAX_KEYS_PER_SECTION)
			ctx->seen_keys[ctx->n_seen++] = sec->kv[sec->n_kv - 1].key;
		return 1;
	}
	for (const struct key_spec *k = config_core_keys(ctx->type); k && k->key; k++) {
		if (strcmp(k->key, key) != 0)
			continue;
		if (!k->repeatable) {
			for (size_t i = 0; i < ctx->n_seen; i++)
				if (ctx->seen_keys[i] == k->key) {
					parse_fail(ctx, key, "given twice in one section");
					return 0;
				}
			if (ctx->n_seen < MAX_KEYS_PER_SECTION)
				ctx->seen_keys[ctx->n_seen++] = k->key;
		}
		return k->set(ctx, key, value) == 0;
	}
	parse_fail(ctx, key, "unknown key");
	return 0;
}

/* config_ini_parse()'s callback: nonzero stops the read. */
static int
config_ini_handler(void *user, const struct config_ini_key *k)
{
	struct parse_ctx *ctx = user;

	ctx->line = k->line;
	ctx->header_line = k->section_line;
	return !handle_key(ctx, k->section, k->key, k->value);
}

/* ---- checks once the whole file is read ---------------------------- */

static int fail_at(struct parse_ctx *ctx, int line, const char *section, const char *key,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int
fail_at(struct parse_ctx *ctx, int line, const char *section, const char *key, const char *fmt, ...)
{
	char what[384];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (key)
		return sq_error_set(ctx->err, SQ_ERR_INVALID, "%s:%d: [%s] key '%s': %s",
		                    ctx->cfg->path, line, section, key, what);
	return sq_error_set(ctx->err, SQ_ERR_INVALID, "%s:%d: [%s]: %s", ctx->cfg->path, line,
	                    section, what);
}

static int
resolve_counter_services(struct parse_ctx *ctx, size_t slot)
{
	struct config *cfg = ctx->cfg;
	struct config_counter *c = &cfg->counters[slot];
	char section[32];
	char *save = NULL;
	char *text = ctx->counter_services_text[slot];
	int line = ctx->counter_services_line[slot];

	snprintf(section, sizeof(section), "counter %d", c->number);
	if (!text)
		return fail_at(ctx, ctx->counter_line[slot], section, "services",
		               "missing: list the services this counter serves, in order (e.g. "
		               "'services = A, B')");
	for (char *item = strtok_r(text, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char *id = config_ini_strip(item);
		int idx = config_service_index(cfg, id);
		if (idx < 0)
			return fail_at(ctx, line, section, "services",
			               "no [service %s] in this file", id);
		for (size_t i = 0; i < c->n_services; i++)
			if (c->services[i] == (size_t)idx)
				return fail_at(ctx, line, section, "services",
				               "service %s listed twice", id);
		c->services[c->n_services++] = (size_t)idx;
	}
	if (c->n_services == 0)
		return fail_at(ctx, line, section, "services", "empty list");
	if (c->display && !config_section_find(cfg, "display", c->display))
		return fail_at(ctx, ctx->counter_display_line[slot], section, "display",
		               "no [display %s] in this file", c->display);
	if (!c->location.th || !c->location.en)
		return fail_at(ctx, ctx->counter_line[slot], section,
		               c->location.th ? "location_en" : "location_th",
		               "missing: where the counter is, in Thai and English");
	return SQ_OK;
}

static int
set_default_priorities(struct config *cfg, struct sq_error *err)
{
	static const struct {
		const char *id, *th, *en;
	} defaults[] = {
	    {"elderly", "ผู้สูงอายุ", "Elderly"},
	    {"disabled", "ผู้พิการ", "Disabled"},
	    {"pregnant", "หญิงตั้งครรภ์", "Pregnant"},
	    {"monk", "พระภิกษุสงฆ์", "Monk"},
	};

	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		struct config_priority *p = &cfg->priorities[cfg->n_priorities++];
		copy_id(p->id, sizeof(p->id), defaults[i].id);
		p->name.th = strdup(defaults[i].th);
		p->name.en = strdup(defaults[i].en);
		if (!p->name.th || !p->name.en)
			return sq_error_set(err, SQ_ERR_NOMEM, "out of memory");
	}
	return SQ_OK;
}

/* Keep the line saying what is wrong with a device's section; clear err. */
static int
add_device_fault(struct config *cfg, struct sq_error *err)
{
	char **grown = realloc(cfg->device_faults, (cfg->n_device_faults + 1) * sizeof(*grown));
	char *line = strdup(err ? err->msg : "a device section is wrong");

	if (grown)
		cfg->device_faults = grown;
	if (!grown || !line) {
		free(line);
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory reading '%s'", cfg->path);
	}
	cfg->device_faults[cfg->n_device_faults++] = line;
	sq_error_clear(err);
	return SQ_OK;
}

static int
check_config(struct parse_ctx *ctx)
{
	struct config *cfg = ctx->cfg;
	struct sq_error *err = ctx->err;
	char section[32];
	int rc;

	if (!ctx->office_line)
		return sq_error_set(err, SQ_ERR_INVALID, "%s: no [office] section", cfg->path);
	static const struct {
		const char *key;
		size_t offset;
	} required[] = {
	    {"name_th", offsetof(struct config, office_name.th)},
	    {"name_en", offsetof(struct config, office_name.en)},
	    {"database", offsetof(struct config, database)},
	};
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!*(char **)((char *)cfg + required[i].offset))
			return fail_at(ctx, ctx->office_line, "office", required[i].key, "missing");
	if (!cfg->n_services)
		return sq_error_set(err, SQ_ERR_INVALID, "%s: no [service X] section", cfg->path);
	for (size_t i = 0; i < cfg->n_services; i++) {
		struct config_service *svc = &cfg->services[i];
		snprintf(section, sizeof(section), "service %s", svc->id);
		if (!svc->name.th || !svc->name.en)
			return fail_at(ctx, ctx->service_line[i], section,
			               svc->name.th ? "name_en" : "name_th", "missing");
		if (!svc->n_hours)
			return fail_at(ctx, ctx->service_line[i], section, "hours",
			               "missing: when the service is open (e.g. 'mon-fri "
			               "08:30-16:30')");
		bool slots = false;
		for (int d = 0; d < 7 && svc->booking.slot_minutes > 0; d++)
			slots = slots || booking_slots(svc, d, NULL, 0) > 0;
		if (svc->booking.slot_minutes > 0 && !slots)
			return fail_at(ctx, ctx->service_line[i], section, "booking_slot_minutes",
			               "no slot of %d minutes fits in any window of 'hours'",
			               svc->booking.slot_minutes);
	}
	if (!cfg->n_counters)
		return sq_error_set(err, SQ_ERR_INVALID, "%s: no [counter N] section", cfg->path);
	for (size_t i = 0; i < cfg->n_counters; i++)
		if ((rc = resolve_counter_services(ctx, i)))
			return rc;
	for (size_t s = 0; s < cfg->n_services; s++) {
		bool served = false;
		for (size_t i = 0; i < cfg->n_counters && !served; i++)
			for (size_t j = 0; j < cfg->counters[i].n_services; j++)
				served = served || cfg->counters[i].services[j] == s;
		if (!served) {
			snprintf(section, sizeof(section), "service %s", cfg->services[s].id);
			return fail_at(ctx, ctx->service_line[s], section, NULL,
			               "no counter serves it, so its tickets would never be "
			               "called (add it to a counter's 'services')");
		}
	}
	for (size_t i = 0; i < cfg->n_priorities; i++) {
		struct config_priority *p = &cfg->priorities[i];
		if (!p->name.th || !p->name.en)
			return sq_error_set(err, SQ_ERR_INVALID,
			                    "%s: [priority %s] needs name_th and name_en",
			                    cfg->path, p->id);
	}
	if (!cfg->n_priorities && (rc = set_default_priorities(cfg, err)))
		return rc;
	for (size_t i = 0; i < cfg->n_officers; i++)
		if (!cfg->officers[i].name.th || !cfg->officers[i].name.en)
			return sq_error_set(err, SQ_ERR_INVALID,
			                    "%s: [officer %s] needs name_th and name_en", cfg->path,
			                    cfg->officers[i].id);
	if (thaitime_zone_check(cfg->timezone, err) != SQ_OK)
		return sq_error_prefix(err, "%s:%d: [office] key 'timezone'", cfg->path,
		                       ctx->timezone_line);
	for (size_t i = 0; i < cfg->n_sections; i++) {
		const struct config_section *sec = &cfg->sections[i];
		for (const struct config_section_kind *c = ctx->kinds;
		     c < ctx->kinds + ctx->n_kinds; c++) {
			if (strcmp(c->kind, sec->kind) != 0 || !(rc = c->check(cfg, sec, err)))
				continue;
			if (!c->device || rc == SQ_ERR_NOMEM)
				return rc;
			if ((rc = add_device_fault(cfg, err)))
				return rc;
		}
	}
	return SQ_OK;
}

/* Defaults for everything optional, before the file is read. */
static int
set_defaults(struct config *cfg)
{
	cfg->timezone = strdup("Asia/Bangkok");
	cfg->priority_cap = 2;
	cfg->booking_cap = 2;
	cfg->park_return_minutes = 10;
	cfg->noshow_grace_minutes = 15;
	cfg->satisfaction_rule = SATISFACTION_MEAN;
	return cfg->timezone ? 0 : -1;
}

static int
set_paths(struct config *cfg, const char *path)
{
	/* Room for "." when path is "" or has no folder part. */
	size_t n = strlen(path) + 2;

	cfg->path = strdup(path);
	cfg->dir = malloc(n);
	if (!cfg->path || !cfg->dir)
		return -1;
	config_path_folder(path, cfg->dir, n);
	return 0;
}

int
config_load_with(const char *path, const struct config_section_kind *kinds, size_t n_kinds,
                 struct config **out, struct sq_error *err)
{
	struct config *cfg = NULL;
	struct parse_ctx *ctx = NULL;
	int rc = SQ_OK;

	*out = NULL;
	cfg = calloc(1, sizeof(*cfg));
	ctx = calloc(1, sizeof(*ctx));
	if (!cfg || !ctx || set_paths(cfg, path) || set_defaults(cfg)) {
		rc = sq_error_set(err, SQ_ERR_NOMEM, "out of memory reading '%s'", path);
		goto out;
	}
	ctx->cfg = cfg;
	ctx->err = err;
	ctx->kinds = kinds;
	ctx->n_kinds = n_kinds;
	ctx->file = fopen(path, "r");
	if (!ctx->file) {
		rc = sq_error_set(err, SQ_ERR_IO, "unable to read config '%s': %s", path,
		                  strerror(errno));
		goto out;
	}
	int line = config_ini_parse(ctx->file, config_ini_handler, ctx);
	if (line < 0) {
		rc = sq_error_set(err, SQ_ERR_IO, "unable to read config '%s': %s", path,
		                  strerror(errno));
		goto out;
	}
	if (line > 0) {
		/* The handler wrote the message unless the line itself is not INI. */
		if (!ctx->reported)
			sq_error_set(err, SQ_ERR_INVALID,
			             "%s:%d: not 'key = value', a '[section]' or a comment", path,
			             line);
		rc = SQ_ERR_INVALID;
		goto out;
	}
	rc = check_config(ctx);
	if (rc == SQ_OK) {
		/* A server's address is kept as written; a file is found beside the config. */
		char *db = config_database_is_server(cfg->database)
		               ? strdup(cfg->database)
		               : config_resolve_path(cfg, cfg->database);
		if (!db) {
			rc = sq_error_set(err, SQ_ERR_NOMEM, "out of memory");
			goto out;
		}
		free(cfg->database);
		cfg->database = db;
		sq_error_clear(err);
	}
out:
	if (ctx) {
		if (ctx->file)
			fclose(ctx->file);
		for (size_t i = 0; i < CONFIG_MAX_COUNTERS; i++)
			free(ctx->counter_services_text[i]);
		free(ctx);
	}
	if (rc != SQ_OK) {
		config_free(cfg);
		return rc;
	}
	*out = cfg;
	return SQ_OK;
}

static void
bilingual_free(struct bilingual *b)
{
	free(b->th);
	free(b->en);
}

void
config_free(struct config *cfg)
{
	if (!cfg)
		return;
	free(cfg->path);
	free(cfg->dir);
	bilingual_free(&cfg->office_name);
	free(cfg->phone);
	bilingual_free(&cfg->channels);
	free(cfg->timezone);
	free(cfg->database);
	free(cfg->ticket_url);
	for (size_t i = 0; i < cfg->n_services; i++) {
		struct config_service *s = &cfg->services[i];
		bilingual_free(&s->name);
		for (size_t j = 0; j < s->n_documents; j++)
			bilingual_free(&s->documents[j]);
		for (size_t j = 0; j < s->n_forms; j++)
			bilingual_free(&s->forms[j]);
		for (size_t j = 0; j < s->n_steps; j++)
			bilingual_free(&s->steps[j]);
	}
	for (size_t i = 0; i < cfg->n_priorities; i++)
		bilingual_free(&cfg->priorities[i].name);
	for (size_t i = 0; i < cfg->n_counters; i++) {
		bilingual_free(&cfg->counters[i].location);
		free(cfg->counters[i].display);
	}
	for (size_t i = 0; i < cfg->n_officers; i++) {
		bilingual_free(&cfg->officers[i].name);
		free(cfg->officers[i].phone);
		free(cfg->officers[i].password);
	}
	for (size_t i = 0; i < cfg->n_sections; i++) {
		struct config_section *sec = &cfg->sections[i];
		for (size_t j = 0; j < sec->n_kv; j++) {
			free(sec->kv[j].key);
			free(sec->kv[j].value);
		}
		free(sec->kv);
		free(sec->kind);
		free(sec->name);
	}
	free(cfg->sections);
	for (size_t i = 0; i < cfg->n_device_faults; i++)
		free(cfg->device_faults[i]);
	free(cfg->device_faults);
	free(cfg);
}
