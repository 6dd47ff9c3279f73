/* Tests of config_ini: the INI syntax of the office's file, read with no global settings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_ini.h"

/* What the callback saw, one "section@LINE key=value@LINE" per key. */
struct seen {
	char text[1024];
	const char *stop_at; /* a key that stops the read */
};

static int
collect(void *user, const struct config_ini_key *k)
{
	struct seen *s = user;
	size_t len = strlen(s->text);

	snprintf(s->text + len, sizeof(s->text) - len, "%s@%d %s=%s@%d\n", k->section,
	         k->section_line, k->key, k->value, k->line);
	return s->stop_at && strcmp(k->key, s->stop_at) == 0;
}

/* Parse text; the return value of config_ini_parse(), what was seen in s. */
static int
parse(const char *text, size_t len, struct seen *s)
{
	FILE *f = fmemopen((void *)text, len, "r");
	int rc;

	assert_non_null(f);
	rc = config_ini_parse(f, collect, s);
	fclose(f);
	return rc;
}

static void
test_config_ini_keys_sections_and_comments(void **state)
{
	static const char text[] = "\xEF\xBB\xBF; a comment\n"
	                           "# another\n"
	                           "\n"
	                           "  [office]  \n"
	                           "name_th = สำนักงาน ; not a comment\r\n"
	                           "phone: 02 123\n"
	                           "[service A]\n"
	                           "hours=mon-fri 08:30-16:30\n"
	                           "empty =\n";
	struct seen s = {0};

	(void)state;
	assert_int_equal(parse(text, sizeof(text) - 1, &s), 0);
	assert_string_equal(s.text, "office@4 name_th=สำนักงาน ; not a comment@5\n"
	                            "office@4 phone=02 123@6\n"
	                            "service A@7 hours=mon-fri 08:30-16:30@8\n"
	                            "service A@7 empty=@9\n");
}

static void
test_config_ini_errors_name_the_line(void **state)
{
	static const char nul[] = "[office]\nname\0 = x\n";
	struct seen s = {0};
	char *big;

	(void)state;
	assert_int_equal(parse("[office]\nname = x\nthis is not ini\n", 33, &s), 3);
	memset(&s, 0, sizeof(s));
	assert_int_equal(parse("[office\nname = x\n", 17, &s), 1);
	memset(&s, 0, sizeof(s));
	assert_int_equal(parse(nul, sizeof(nul) - 1, &s), 2);
	/* The callback stops the read at its line. */
	memset(&s, 0, sizeof(s));
	s.stop_at = "b";
	assert_int_equal(parse("a = 1\nb = 2\nc = 3\n", 18, &s), 2);
	assert_string_equal(s.text, "@0 a=1@1\n@0 b=2@2\n");
	/* A line past the limit is refused, one within it read whole. */
	big = malloc(CONFIG_INI_LINE_MAX + 8);
	assert_non_null(big);
	memset(big, 'x', CONFIG_INI_LINE_MAX + 8);
	memcpy(big, "[a]\nk = ", 8);
	big[CONFIG_INI_LINE_MAX + 3] = '\n';
	memset(&s, 0, sizeof(s));
	assert_int_equal(parse(big, CONFIG_INI_LINE_MAX + 4, &s), 0);
	big[CONFIG_INI_LINE_MAX + 3] = 'x';
	big[CONFIG_INI_LINE_MAX + 7] = '\n';
	memset(&s, 0, sizeof(s));
	assert_int_equal(parse(big, CONFIG_INI_LINE_MAX + 8, &s), 2);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_config_ini_keys_sections_and_comments),
	    cmocka_unit_test(test_config_ini_errors_name_the_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
