/*
 * config_table.h - a config section declared as a table, one row per key,
 * and the one validator that reads every such section.
 *
 * A module that owns a section ([kiosk], [display NAME], ...) describes its
 * keys in a static const array of struct config_option, the way tmux's
 * options-table.c does: name, type, range, where the value goes in the
 * module's own struct, default, unit and the help line check-config prints.
 * config_table_apply() then reads a section into that struct: it finds each
 * key's row, refuses unknown and repeated keys and values out of range, and
 * names the file, line, section and key in the one line it writes:
 *
 *   office.ini:12: [kiosk] key 'ticket_seconds': '3' is not a number of
 *   seconds from 5 to 120
 *
 * Values of their own shape (a path resolved against the config file, a
 * list of hours, escaped bytes) are rows of type CONFIG_CUSTOM with a parser.
 * Pure apart from the allocation a custom parser does; any thread.
 */
#ifndef SADUAK_CONFIG_TABLE_H
#define SADUAK_CONFIG_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "error.h"

enum config_type {
	CONFIG_INT,    /* a whole number from min to max, into an int */
	CONFIG_BOOL,   /* yes/no, true/false, on/off, 1/0, into a bool */
	CONFIG_CHOICE, /* one of words, into an int, bool, char or uint8_t (size) */
	CONFIG_TEXT,   /* a string that fits a char[size] */
	CONFIG_STRING, /* a string copied into a malloc'd char * (the owner frees it) */
	CONFIG_CUSTOM, /* parse() does it */
};

/*
 * A custom parser: read value into obj (the module's struct); cfg is the
 * loaded file (for relative paths), maybe NULL. Returns SQ_OK, or
 * SQ_ERR_INVALID with why (size n) saying what is wrong, or SQ_ERR_NOMEM.
 */
typedef int (*config_parse_fn)(void *obj, const char *value, const struct config *cfg, char *why,
                               size_t n);

struct config_option {
	const char *name;
	enum config_type type;
	size_t offset, size;      /* the field in the module's struct: CONFIG_FIELD() */
	long min, max;            /* CONFIG_INT */
	const char *what;         /* CONFIG_INT: "'V' is not WHAT from MIN to MAX" */
	const char *const *words; /* CONFIG_CHOICE: NULL-terminated */
	const int *values;        /* CONFIG_CHOICE: stored for each word; NULL: its index */
	config_parse_fn parse;    /* CONFIG_CUSTOM */
	unsigned variants;        /* bits of the variants that have this key; 0: all */
	const char *def;          /* the default, as one would write it */
	const char *unit;         /* "seconds", "ms"; NULL when it has none */
	const char *help;         /* what it does, one line */
};

/* .offset and .size of member in type, for a row. */
#define CONFIG_FIELD(type, member)                                                                 \
	.offset = offsetof(type, member), .size = sizeof(((type *)0)->member)

/* .def from a number macro: CONFIG_DEFAULT(STORE_BACKUP_KEEP_DEFAULT) is "7". */
#define CONFIG_STR_(x)    #x
#define CONFIG_DEFAULT(x) .def = CONFIG_STR_(x)

/* A NULL-terminated word list for CONFIG_CHOICE rows. */
#define CONFIG_WORDS(...)  ((const char *const[]){__VA_ARGS__, NULL})
#define CONFIG_VALUES(...) ((const int[]){__VA_ARGS__})

struct config_table {
	const char *kind; /* the section: "kiosk" */
	const struct config_option *options;
	size_t n_options;
	/*
	 * A section whose keys depend on a variant ([display] by protocol):
	 * the key that names it, for "not a key of protocol modbus".
	 */
	const char *variant_key;
};

#define CONFIG_TABLE(kind_, rows, ...)                                                             \
	{                                                                                          \
		.kind = kind_, .options = rows, .n_options = sizeof(rows) / sizeof(rows[0]),       \
		__VA_ARGS__                                                                        \
	}

/*
 * Read every key of sec (NULL: none) into obj, which holds the defaults
 * already. variant is the bit of the section's variant (0 when the table
 * has none) and variant_name its name for messages. Stops at the first
 * wrong key: SQ_ERR_INVALID with "FILE:LINE: [SECTION] key 'K': what", or
 * SQ_ERR_NOMEM.
 */
int config_table_apply(const struct config_table *t, const struct config_section *sec, void *obj,
                       unsigned variant, const char *variant_name, const struct config *cfg,
                       struct sq_error *err);

/* The row named name in t, or NULL. */
const struct config_option *config_table_find(const struct config_table *t, const char *name);

/* The key-value pair named key in sec (the first), or NULL. */
const struct config_kv *config_section_kv(const struct config_section *sec, const char *key);

/*
 * One line describing row o for check-config --keys:
 * "ticket_seconds  5..120 seconds (15): the ticket screen returns home after this".
 */
void config_option_describe(const struct config_option *o, char *out, size_t n);

#endif
