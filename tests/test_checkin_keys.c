/*
 * Unit tests of kiosk/checkin_keys.c: what a keyboard or a barcode scanner
 * types becomes a booking code only as a whole line ended by Enter.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "booking.h"
#include "checkin_keys.h"

/* Feed text as keys, as a scanner types it (lower case: SDL's key codes). */
static enum checkin_key
type(struct checkin_keys *c, const char *text)
{
	enum checkin_key last = CHECKIN_KEY_IGNORED;

	for (const char *p = text; *p; p++)
		last = checkin_keys_feed(c, *p, false);
	return last;
}

static void
test_checkin_keys_scanned_code(void **state)
{
	struct checkin_keys c;
	char code[BOOKING_CODE_LEN + 1];

	(void)state;
	checkin_keys_clear(&c);
	assert_int_equal(type(&c, "k7m-p2q"), CHECKIN_KEY_CHANGED);
	assert_string_equal(c.typed, "K7M-P2Q");
	assert_int_equal(checkin_keys_code_len(&c), 6);
	assert_int_equal(checkin_keys_feed(&c, '\r', false), CHECKIN_KEY_ENTER);
	assert_true(checkin_keys_code(&c, code, sizeof(code)));
	assert_string_equal(code, "K7MP2Q");
}

static void
test_checkin_keys_not_a_code(void **state)
{
	struct checkin_keys c;
	char code[BOOKING_CODE_LEN + 1];

	(void)state;
	/* Too short, a look-alike, a ticket's number and an ID number are no codes. */
	static const char *const lines[] = {"K7MP2", "K7MP2O", "A012", "1234567890123", "K7MP2QX"};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		checkin_keys_clear(&c);
		type(&c, lines[i]);
		assert_false(checkin_keys_code(&c, code, sizeof(code)));
		assert_string_equal(code, "");
	}
}

static void
test_checkin_keys_too_long_keeps_no_tail(void **state)
{
	struct checkin_keys c;
	char code[BOOKING_CODE_LEN + 1], line[CHECKIN_TYPED_MAX + 16];

	(void)state;
	/* A long scan ending in a code is still no code: nothing is cut off to fit. */
	memset(line, 'A', sizeof(line));
	memcpy(line + sizeof(line) - 7, "K7MP2Q", 7);
	checkin_keys_clear(&c);
	type(&c, line);
	assert_true(c.too_long);
	assert_false(checkin_keys_code(&c, code, sizeof(code)));
	/* Backspace on such a line starts it again. */
	checkin_keys_feed(&c, '\b', false);
	assert_int_equal(c.len, 0);
	assert_false(c.too_long);
}

static void
test_checkin_keys_commands_and_backspace(void **state)
{
	struct checkin_keys c;
	char code[BOOKING_CODE_LEN + 1];

	(void)state;
	checkin_keys_clear(&c);
	type(&c, "K7MP2QQ");
	assert_int_equal(checkin_keys_feed(&c, '\b', false), CHECKIN_KEY_CHANGED);
	assert_true(checkin_keys_code(&c, code, sizeof(code)));
	/* A key held with Ctrl, Alt or Super is a command: the line is gone. */
	assert_int_equal(checkin_keys_feed(&c, 'q', true), CHECKIN_KEY_CHANGED);
	assert_int_equal(c.len, 0);
	/* Keys that type nothing change nothing (Shift alone: SDL's code above ASCII). */
	type(&c, "K7");
	assert_int_equal(checkin_keys_feed(&c, 0x400000E1, false), CHECKIN_KEY_IGNORED);
	assert_string_equal(c.typed, "K7");
	/* Backspace on an empty line is harmless. */
	checkin_keys_clear(&c);
	checkin_keys_feed(&c, '\b', false);
	assert_int_equal(c.len, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_checkin_keys_scanned_code),
	    cmocka_unit_test(test_checkin_keys_not_a_code),
	    cmocka_unit_test(test_checkin_keys_too_long_keeps_no_tail),
	    cmocka_unit_test(test_checkin_keys_commands_and_backspace),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
