/*
 * config_ini.h - the INI syntax of the office's file, read line by line.
 *
 *   ; a comment (also # at the start of a line)
 *   [kind name]
 *   key = value          ("key: value" too; spaces around both are dropped)
 *
 * The reader hands each key to the caller's callback with its section, the
 * line of that section's header and its own line, the way git's config
 * parser does; it knows nothing of what the keys mean. A UTF-8 byte-order
 * mark at the start is skipped; a semicolon inside a value is part of it.
 * No global state; any thread.
 */
#ifndef SADUAK_CONFIG_INI_H
#define SADUAK_CONFIG_INI_H

#include <stdio.h>

#define CONFIG_INI_LINE_MAX 16384 /* bytes of one line: Thai text is 3 bytes a letter */

struct config_ini_key {
	const char *section; /* the text between [ and ], "" before any header */
	int section_line;    /* line of that header, 0 before any */
	const char *key;
	const char *value;
	int line;
};

/* s without spaces at either end, in place; returns where it now starts. */
char *config_ini_strip(char *s);

/* Called for every key; nonzero stops the read. */
typedef int (*config_ini_fn)(void *user, const struct config_ini_key *k);

/*
 * Read file to its end. Returns 0; the line of the first line that is not
 * a comment, a header or a key (a header without ']', a line longer than
 * CONFIG_INI_LINE_MAX) or whose callback stopped the read; or -1 if the
 * file could not be read or memory ran out (errno says which).
 */
int config_ini_parse(FILE *file, config_ini_fn fn, void *user);

#endif
