/* Tests of checking and cutting UTF-8 (utf8.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "utf8.h"

/* "กขค": three Thai characters of three bytes each. */
#define THAI3 "\xe0\xb8\x81\xe0\xb8\x82\xe0\xb8\x84"

/* ASCII, Thai, and the longest forms are well-formed. */
static void
test_utf8_valid_accepts(void **state)
{
	(void)state;
	assert_true(utf8_valid("", NULL));
	assert_true(utf8_valid("lunch", NULL));
	assert_true(utf8_valid(THAI3, NULL));
	assert_true(utf8_valid("\xc2\xa9 \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf", NULL));
}

/* Each way of being broken is refused, at the first wrong byte. */
static void
test_utf8_valid_refuses(void **state)
{
	static const struct {
		const char *s;
		size_t at;
	} cases[] = {
	    {"ab\xff", 2},           /* never in UTF-8 */
	    {"\x80", 0},             /* a stray continuation byte */
	    {"x\xe0\xb8", 1},        /* a Thai character cut short */
	    {"\xe0\xb8x", 0},        /* cut short before ASCII */
	    {"\xc0\xaf", 0},         /* overlong '/' */
	    {"\xe0\x80\xaf", 0},     /* overlong, three bytes */
	    {"\xed\xa0\x80", 0},     /* a surrogate */
	    {"\xf4\x90\x80\x80", 0}, /* past U+10FFFF */
	    {THAI3 "\xb8\x81", 9},   /* continuation after a whole character */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t at = 999;
		assert_false(utf8_valid(cases[i].s, &at));
		assert_int_equal(at, cases[i].at);
	}
}

/* A cut falls before the character it would split, never inside it. */
static void
test_utf8_cut_at_boundary(void **state)
{
	char out[8];

	(void)state;
	for (size_t max = 0; max <= 9; max++)
		assert_int_equal(utf8_cut_len(THAI3, max), max / 3 * 3);
	assert_int_equal(utf8_cut_len("abc", 10), 3);
	/* 8 bytes: room for two Thai characters (6 bytes) and the NUL. */
	assert_false(utf8_copy(out, sizeof(out), THAI3));
	assert_string_equal(out, "\xe0\xb8\x81\xe0\xb8\x82");
	assert_true(utf8_valid(out, NULL));
	assert_true(utf8_copy(out, sizeof(out), "abc"));
	assert_string_equal(out, "abc");
	assert_false(utf8_copy(out, 1, "a"));
	assert_string_equal(out, "");
}

/* Appending fills a buffer whole characters at a time. */
static void
test_utf8_append(void **state)
{
	char out[12];
	size_t len = 0;

	(void)state;
	len = utf8_append(out, sizeof(out), len, "ab");
	len = utf8_append(out, sizeof(out), len, THAI3); /* 2 + 9 = 11: fits */
	assert_int_equal(len, 11);
	len = utf8_append(out, sizeof(out), len, THAI3); /* no room for a character */
	assert_int_equal(len, 11);
	assert_string_equal(out, "ab" THAI3);
	len = 0;
	len = utf8_append(out, sizeof(out), len, "abc");
	len = utf8_append(out, sizeof(out), len, THAI3); /* 3 + 9 > 11: two fit */
	assert_int_equal(len, 9);
	assert_true(utf8_valid(out, NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_utf8_valid_accepts),
	    cmocka_unit_test(test_utf8_valid_refuses),
	    cmocka_unit_test(test_utf8_cut_at_boundary),
	    cmocka_unit_test(test_utf8_append),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
