/*
 * config_private.h - what the loader's files share: the parse state and the
 * helpers that word errors. Not for use outside config*.c.
 */
#ifndef SADUAK_CONFIG_PRIVATE_H
#define SADUAK_CONFIG_PRIVATE_H

#include <stdbool.h>
#include <stdio.h>

#include "config.h"

#define MAX_KEYS_PER_SECTION 64

enum section_type {
	SECTION_NONE,
	SECTION_OFFICE,
	SECTION_SERVICE,
	SECTION_PRIORITY,
	SECTION_COUNTER,
	SECTION_OFFICER,
	SECTION_RAW,
};

/* Where the parser is: the file, the line, the section block being read. */
struct parse_ctx {
	struct config *cfg;
	struct sq_error *err;
	const struct config_section_kind *kinds; /* the module-owned sections */
	size_t n_kinds;
	FILE *file;
	int line;          /* line of the text the handler is looking at */
	bool reported;     /* a handler wrote the error message */
	int header_line;   /* line of the [section] header of the key read */
	int timezone_line; /* line of [office] timezone, for its late check */
	char section[128]; /* the section header text, between [ and ] */
	enum section_type type;
	void *current; /* the service, counter ... being filled */
	int section_line;
	const char *seen_keys[MAX_KEYS_PER_SECTION];
	size_t n_seen;
	int office_line; /* first line of [office], for whole-section errors */
	int counter_services_line[CONFIG_MAX_COUNTERS];
	int counter_display_line[CONFIG_MAX_COUNTERS];
	char *counter_services_text[CONFIG_MAX_COUNTERS];
	int service_line[CONFIG_MAX_SERVICES];
	int counter_line[CONFIG_MAX_COUNTERS];
};

struct key_spec {
	const char *key;
	bool repeatable;
	int (*set)(struct parse_ctx *ctx, const char *key, const char *value);
};

/* Fill ctx->err with "PATH:LINE: [section] key 'K': what" and return -1. */
int parse_fail(struct parse_ctx *ctx, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Copy an already length-checked name into a fixed field. */
void copy_id(char *dst, size_t n, const char *src);

/* Replace *field with a copy of value; -1 on allocation failure. */
int set_string(struct parse_ctx *ctx, char **field, const char *value);

/* The keys of the office's own sections (config_keys.c); NULL for the others. */
const struct key_spec *config_core_keys(enum section_type type);

#endif
