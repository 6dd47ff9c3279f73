/*
 * libFuzzer target for the value parsers: the first byte picks one, the rest
 * (up to a NUL or newline) is the value as written after "key = ".
 *   clock      config_value_clock: a time it accepts is minutes 0..1440
 *              and prints back as the same text (HH:MM)
 *   number     config_value_long and _int: in the asked range
 *   yes/no     config_value_bool and _yes_no: only the documented words;
 *              a refusal says why in one line
 *   hours      a service's hours = ..., loaded through config_load()
 *   counter    a counter's number ([counter N]) and its services = ...
 * The last two go through the public loader (fuzz_config.h), which owns
 * their parsers.
 */
#define _GNU_SOURCE /* memfd_create, see fuzz_config.h */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "config_value.h"
#include "fuzz_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define VALUE_MAX 600

static void
fuzz_clock(const char *v)
{
	char back[16];
	int m = config_value_clock(v);

	if (m < 0)
		return;
	snprintf(back, sizeof(back), "%02d:%02d", m / 60, m % 60);
	if (m > 24 * 60 || strcmp(back, v) != 0) {
		fprintf(stderr, "clock '%s' read as %d minutes (%s)\n", v, m, back);
		abort();
	}
}

static void
fuzz_number(const char *v, uint8_t a, uint8_t b)
{
	long lo = (long)a * 37 - 1000, hi = lo + (long)b * b, l = 12345;
	int i = 12345;

	if (config_value_long(v, lo, hi, &l) && (l < lo || l > hi || l != strtol(v, NULL, 10)))
		abort();
	if (!config_value_long(v, lo, hi, &l) && l != 12345)
		abort(); /* a refusal leaves *out untouched */
	if (config_value_int(v, (int)lo, (int)hi, &i) && (i < lo || i > hi))
		abort();
}

static void
fuzz_yes_no(const char *v)
{
	static const char *const words[] = {"yes", "no", "true", "false", "on", "off", "1", "0"};
	char why[128] = "";
	bool b, known = false;

	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		known |= strcmp(v, words[k]) == 0;
	if (config_value_bool(v, &b) != known)
		abort();
	if (config_value_yes_no(v, &b, why, sizeof(why)) != known)
		abort();
	if (!known && (why[0] == '\0' || strchr(why, '\n')))
		abort();
}

/* Load a one-service, one-counter office with v in the place picked. */
static void
fuzz_in_config(const char *v, int where)
{
	/* The text before and after v. */
	static const char *const places[][2] = {
	    {"[service A]\nname_th = a\nname_en = a\nhours = ",
	     "\n[counter 1]\nlocation_th = a\nlocation_en = a\nservices = A\n"},
	    {"[service A]\nname_th = a\nname_en = a\nhours = daily 08:00-16:00\n[counter ",
	     "]\nlocation_th = a\nlocation_en = a\nservices = A\n"},
	    {"[service A]\nname_th = a\nname_en = a\nhours = daily 08:00-16:00\n"
	     "[service BC]\nname_th = b\nname_en = b\nhours = daily 08:00-16:00\n"
	     "[counter 1]\nlocation_th = a\nlocation_en = a\nservices = ",
	     "\n"},
	};
	static char text[VALUE_MAX + 512];
	struct config *cfg = NULL;
	int n = snprintf(text, sizeof(text),
	                 "[office]\nname_th = o\nname_en = o\ndatabase = q.db\n%s%s%s",
	                 places[where][0], v, places[where][1]);

	if (fuzz_config_load(text, (size_t)n, &cfg) == SQ_OK) {
		fuzz_config_check(cfg);
		config_free(cfg);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char v[VALUE_MAX + 1];
	size_t n = 0;

	if (size < 3)
		return 0;
	while (n < size - 3 && n < VALUE_MAX && data[3 + n] != '\0' && data[3 + n] != '\n') {
		v[n] = (char)data[3 + n];
		n++;
	}
	v[n] = '\0';
	switch (data[0] % 6) {
	case 0:
		fuzz_clock(v);
		break;
	case 1:
		fuzz_number(v, data[1], data[2]);
		break;
	case 2:
		fuzz_yes_no(v);
		break;
	default:
		fuzz_in_config(v, data[0] % 6 - 3);
		break;
	}
	return 0;
}
