/*
 * config.h - the office, read from one INI file.
 *
 * config_load() reads the file into a struct config (office.h) that the caller owns and
 * frees with config_free(). Every string in it is owned by the struct. A wrong
 * file is refused whole with one line in err naming the file, the line, the
 * section and key, and what is wrong ("demo.ini:12: [service A] key
 * 'target_minutes': '0' is not a number of minutes from 1 to 480"). Unknown
 * sections and keys are errors, never silently ignored.
 *
 * Sections:
 *   [office]            name, phone, contact channels, time zone, database,
 *                       queue settings
 *   [service X]         X = the ticket letter(s): names, kind, hours, target
 *                       time, documents, forms, steps
 *   [priority ID]       a priority class (default: elderly, disabled,
 *                       pregnant, monk when none is given)
 *   [counter N]         N = 1..99: location, the services it serves in order
 *   [officer ID]        optional: who may log in, with name and phone
 *   [display NAME], [printer], [voice], [kiosk], [board], [rating], [backup]
 *                       device and screen settings; kept as raw key/value
 *                       pairs and checked by the module that owns them:
 *                       the caller of config_load_with() hands the loader
 *                       those kinds (struct config_section_kind); the loader
 *                       itself knows no module. config_load() passes the
 *                       office's list (config_office.c).
 *
 * Loading changes no global state: the office's time zone is checked, and
 * the program makes it the process's zone itself (thaitime_set_zone()).
 *
 * Not thread-safe; load once at start, read from anywhere afterwards.
 */
#ifndef SADUAK_CONFIG_H
#define SADUAK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "office.h"
#include "queue.h"

/*
 * A kind of section a module owns, as the program hands it to the loader:
 * [display NAME] is {.kind = "display", .named = true, .device = true, ...}.
 */
struct config_table;
struct config_section_kind {
	const char *kind;
	bool named; /* written [kind NAME] (for the list of kinds in messages) */
	/*
	 * A device: when its section is wrong, that device stays off (its module
	 * refuses it again, with the same line, when it is opened) and the
	 * office runs on; check-config still reports it.
	 */
	bool device;
	const struct config_table *table; /* its keys, one row each */
	/* Check a section of this kind once the whole file is read. */
	int (*check)(const struct config *cfg, const struct config_section *sec,
	             struct sq_error *err);
};

/*
 * Read and check path, with the n_kinds module-owned section kinds in kinds
 * (any other section is an error). On success *out is a new config the
 * caller frees with config_free(); on failure *out is NULL, err holds one
 * line, and the return value is SQ_ERR_INVALID (bad content), SQ_ERR_IO
 * (unreadable) or SQ_ERR_NOMEM. A wrong device section does not fail the
 * load: it is listed in device_faults.
 */
int config_load_with(const char *path, const struct config_section_kind *kinds, size_t n_kinds,
                     struct config **out, struct sq_error *err);

/* config_load_with() the office's sections (config_office.c). */
int config_load(const char *path, struct config **out, struct sq_error *err);

/* The office's section kinds, the one list of them (config_office.c). */
const struct config_section_kind *config_office_sections(size_t *n);

/* Free cfg and every string in it. NULL is a no-op. */
void config_free(struct config *cfg);

/* The service with ticket prefix id, or NULL. */
const struct config_service *config_service_find(const struct config *cfg, const char *id);

/* Index of the service with prefix id, or -1. */
int config_service_index(const struct config *cfg, const char *id);

/* The priority class named id, or NULL. */
const struct config_priority *config_priority_find(const struct config *cfg, const char *id);

/* The counter numbered number, or NULL. */
const struct config_counter *config_counter_find(const struct config *cfg, int number);

/* The officer with login id, or NULL. */
const struct config_officer *config_officer_find(const struct config *cfg, const char *id);

/* The raw section [kind name], or NULL. */
const struct config_section *config_section_find(const struct config *cfg, const char *kind,
                                                 const char *name);

/* The value of key in sec, or NULL if absent. */
const char *config_section_get(const struct config_section *sec, const char *key);

/*
 * Fill err with "PATH:LINE: [kind name] key 'KEY': WHAT" for a device module
 * that found a bad value; kv may be NULL for a whole-section problem. Returns
 * SQ_ERR_INVALID.
 */
int config_section_error(struct sq_error *err, const struct config_section *sec,
                         const struct config_kv *kv, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Where service svc stands at local time lt: open now or not, whether the
 * current window is extended hours, and when it next opens (minutes from now,
 * -1 if it never opens in the coming week). Pure.
 */
struct local_time;
struct service_hours_state {
	bool open;
	bool extended;
	int next_open_in_minutes; /* when closed: minutes until it opens */
	int next_open_weekday;    /* 0 = Monday */
	int next_open_minute;     /* minute of that day */
	int closes_in_minutes;    /* when open: minutes until this window ends */
};
void config_service_hours(const struct config_service *svc, const struct local_time *lt,
                          struct service_hours_state *out);

/* Resolve a possibly relative path against cfg->dir. Caller frees; NULL on OOM. */
char *config_resolve_path(const struct config *cfg, const char *path);

/*
 * Whether a database setting names a PostgreSQL server ("postgresql://...",
 * "postgres://..." or a libpq "service=NAME" string) rather than a SQLite
 * file. Such a setting is not a path: it is kept as written.
 */
bool config_database_is_server(const char *database);

/*
 * A database setting as messages and logs show it: a URL's password
 * (user:PASSWORD@) left out and any password=VALUE as password=***.
 * malloc'd (the caller frees it); NULL when out of memory.
 */
char *config_database_shown(const char *database);

/* The folder part of path into dir (size n): "." when it has none, "/" for the root. */
void config_path_folder(const char *path, char *dir, size_t n);

#endif
