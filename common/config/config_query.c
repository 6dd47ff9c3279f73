/*
 * config_query.c - reading a loaded config: lookups by id or number, the raw
 * sections other modules parse, opening hours at a local time, and paths
 * relative to the config file and their folders. Pure: no I/O. (config.c
 * loads and checks.)
 */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "thaitime.h"

const struct config_service *
config_service_find(const struct config *cfg, const char *id)
{
	int i = config_service_index(cfg, id);

	return i < 0 ? NULL : &cfg->services[i];
}

int
config_service_index(const struct config *cfg, const char *id)
{
	for (size_t i = 0; i < cfg->n_services; i++)
		if (strcmp(cfg->services[i].id, id) == 0)
			return (int)i;
	return -1;
}

const struct config_priority *
config_priority_find(const struct config *cfg, const char *id)
{
	for (size_t i = 0; i < cfg->n_priorities; i++)
		if (strcmp(cfg->priorities[i].id, id) == 0)
			return &cfg->priorities[i];
	return NULL;
}

const struct config_counter *
config_counter_find(const struct config *cfg, int number)
{
	for (size_t i = 0; i < cfg->n_counters; i++)
		if (cfg->counters[i].number == number)
			return &cfg->counters[i];
	return NULL;
}

const struct config_officer *
config_officer_find(const struct config *cfg, const char *id)
{
	for (size_t i = 0; i < cfg->n_officers; i++)
		if (strcmp(cfg->officers[i].id, id) == 0)
			return &cfg->officers[i];
	return NULL;
}

const struct config_section *
config_section_find(const struct config *cfg, const char *kind, const char *name)
{
	for (size_t i = 0; i < cfg->n_sections; i++)
		if (strcmp(cfg->sections[i].kind, kind) == 0 &&
		    strcmp(cfg->sections[i].name, name ? name : "") == 0)
			return &cfg->sections[i];
	return NULL;
}

const char *
config_section_get(const struct config_section *sec, const char *key)
{
	for (size_t i = 0; i < sec->n_kv; i++)
		if (strcmp(sec->kv[i].key, key) == 0)
			return sec->kv[i].value;
	return NULL;
}

int
config_section_error(struct sq_error *err, const struct config_section *sec,
                     const struct config_kv *kv, const char *fmt, ...)
{
	char what[384];
	char header[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (*sec->name)
		snprintf(header, sizeof(header), "[%s %s]", sec->kind, sec->name);
	else
		snprintf(header, sizeof(header), "[%s]", sec->kind);
	if (kv)
		return sq_error_set(err, SQ_ERR_INVALID, "%s:%d: %s key '%s': %s", sec->path,
		                    kv->line, header, kv->key, what);
	return sq_error_set(err, SQ_ERR_INVALID, "%s:%d: %s: %s", sec->path, sec->line, header,
	                    what);
}

void
config_service_hours(const struct config_service *svc, const struct local_time *lt,
                     struct service_hours_state *out)
{
	uint8_t today = (uint8_t)(1u << lt->weekday);
	int close = -1;
	int best = -1;

	*out = (struct service_hours_state){.next_open_in_minutes = -1};
	for (size_t i = 0; i < svc->n_hours; i++) {
		const struct hours_window *w = &svc->hours[i];
		if ((w->weekdays & today) && lt->minute_of_day >= w->open_minute &&
		    lt->minute_of_day < w->close_minute && w->close_minute > close) {
			close = w->close_minute;
			out->extended = w->extended;
			out->open = true;
		}
		/* The next opening in the coming week, in minutes from now. */
		for (int d = 0; d < 8; d++) {
			int wd = (lt->weekday + d) % 7;
			int in = d * 1440 + w->open_minute - lt->minute_of_day;
			if (!(w->weekdays & (1u << wd)) || in <= 0)
				continue;
			if (best < 0 || in < best) {
				best = in;
				out->next_open_weekday = wd;
				out->next_open_minute = w->open_minute;
			}
			break;
		}
	}
	/* Windows that follow on (regular, then extended hours) are one stretch. */
	for (bool grew = out->open; grew;) {
		grew = false;
		for (size_t i = 0; i < svc->n_hours; i++) {
			const struct hours_window *w = &svc->hours[i];
			if ((w->weekdays & today) && w->open_minute <= close &&
			    w->close_minute > close) {
				close = w->close_minute;
				grew = true;
			}
		}
	}
	if (out->open)
		out->closes_in_minutes = close - lt->minute_of_day;
	out->next_open_in_minutes = best;
}

char *
config_resolve_path(const struct config *cfg, const char *path)
{
	char *full;
	size_t n;

	if (path[0] == '/')
		return strdup(path);
	n = strlen(cfg->dir) + strlen(path) + 2;
	full = malloc(n);
	if (full)
		snprintf(full, n, "%s/%s", cfg->dir, path);
	return full;
}

bool
config_database_is_server(const char *database)
{
	return strncmp(database, "postgresql://", 13) == 0 ||
	       strncmp(database, "postgres://", 11) == 0 || strncmp(database, "service=", 8) == 0;
}

char *
config_database_shown(const char *setting)
{
	/* Room for "***" in place of every password, however short. */
	size_t room = strlen(setting) + 1;
	for (const char *p = strstr(setting, "password="); p; p = strstr(p + 1, "password="))
		room += 3;
	char *out = malloc(room);
	const char *scheme;

	if (!out)
		return NULL;
	memcpy(out, setting, strlen(setting) + 1);
	if ((scheme = strstr(out, "://"))) {
		char *user = out + (scheme - out) + 3;
		size_t authority = strcspn(user, "/?");
		char *at = memchr(user, '@', authority);
		char *colon = at ? memchr(user, ':', (size_t)(at - user)) : NULL;
		if (colon)
			memmove(colon, at, strlen(at) + 1);
	}
	for (char *p = strstr(out, "password="); p; p = strstr(p, "password=")) {
		p += strlen("password=");
		size_t n = strcspn(p, " &");
		memmove(p + 3, p + n, strlen(p + n) + 1);
		memcpy(p, "***", 3);
		p += 3;
	}
	return out;
}

void
config_path_folder(const char *path, char *dir, size_t n)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(dir, n, ".");
	else if (slash == path)
		snprintf(dir, n, "/");
	else
		snprintf(dir, n, "%.*s", (int)(slash - path), path);
}
