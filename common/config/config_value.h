/*
 * config_value.h - the values a config file may hold, parsed one way for
 * every section: whole numbers in a range, yes/no, one word of a list, and
 * clock times. Pure; no allocation; any thread.
 *
 * A module that owns a section (display, printer, voice, ...) parses its
 * values with these, so "yes" means the same everywhere in the file.
 */
#ifndef SADUAK_CONFIG_VALUE_H
#define SADUAK_CONFIG_VALUE_H

#include <stdbool.h>
#include <stddef.h>

/* A whole decimal number from lo to hi into *out; false (and *out untouched) otherwise. */
bool config_value_long(const char *value, long lo, long hi, long *out);

/* The same into an int; lo and hi must lie in int's range. */
bool config_value_int(const char *value, int lo, int hi, int *out);

/* yes/no, true/false, on/off, 1/0 into *out; false otherwise. */
bool config_value_bool(const char *value, bool *out);

/* The same, and on failure why (size n) says "'VALUE' is not yes or no". */
bool config_value_yes_no(const char *value, bool *out, char *why, size_t n);

/* The index of value among the n names, or -1. */
int config_value_choice(const char *value, const char *const *names, size_t n);

/* "08:30" into minutes after midnight ("24:00" = 1440), or -1. */
int config_value_clock(const char *value);

/*
 * True when value looks like a crypt(3) hash ("$id$salt$hash", no spaces),
 * never a plain password ([web-user] and [officer] password keys).
 */
bool config_value_crypt_hash(const char *value);

#endif
