#include "config_value.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool
config_value_long(const char *value, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno || end == value || *end != '\0' || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

bool
config_value_int(const char *value, int lo, int hi, int *out)
{
	long v;

	if (!config_value_long(value, lo, hi, &v))
		return false;
	*out = (int)v;
	return true;
}

bool
config_value_bool(const char *value, bool *out)
{
	/* Even indexes mean yes, odd ones no. */
	static const char *const words[] = {"yes", "no", "true", "false", "on", "off", "1", "0"};
	int i = config_value_choice(value, words, sizeof(words) / sizeof(words[0]));

	if (i < 0)
		return false;
	*out = i % 2 == 0;
	return true;
}

bool
config_value_yes_no(const char *value, bool *out, char *why, size_t n)
{
	if (config_value_bool(value, out))
		return true;
	snprintf(why, n, "'%s' is not yes or no", value);
	return false;
}

int
config_value_choice(const char *value, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(value, names[i]) == 0)
			return (int)i;
	return -1;
}

int
config_value_clock(const char *value)
{
	int h, m;

	/* Digits where they belong: sscanf alone would take " 8:30" or "+8:30". */
	if (strlen(value) != 5 || value[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && !isdigit((unsigned char)value[i]))
			return -1;
	h = (value[0] - '0') * 10 + (value[1] - '0');
	m = (value[3] - '0') * 10 + (value[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

bool
config_value_crypt_hash(const char *value)
{
	return value[0] == '$' && strlen(value) >= 20 && !strchr(value, ' ');
}
