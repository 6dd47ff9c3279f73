/* Unit tests of the pure booking rules (booking.c): slots, codes, the check-in window. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "booking.h"

#define MINUTE 60000

/* Mon-fri 08:30-12:00 and 13:00-16:30; Saturday morning only as extended hours. */
static struct config_service
service(int slot_minutes)
{
	struct config_service svc = {
	    .id = "A",
	    .hours =
	        {
	            {.weekdays = 0x1f, .open_minute = 8 * 60 + 30, .close_minute = 12 * 60},
	            {.weekdays = 0x1f, .open_minute = 13 * 60, .close_minute = 16 * 60 + 30},
	            {.weekdays = 0x20,
	             .open_minute = 9 * 60,
	             .close_minute = 12 * 60,
	             .extended = true},
	        },
	    .n_hours = 3,
	    .booking = {.slot_minutes = slot_minutes,
	                .per_slot = 2,
	                .days_ahead = 7,
	                .checkin_early_minutes = 30,
	                .checkin_late_minutes = 15},
	};
	return svc;
}

static void
test_booking_slots_follow_regular_hours(void **state)
{
	struct config_service svc = service(30);
	int starts[BOOKING_MAX_SLOTS];
	size_t n;

	(void)state;
	n = booking_slots(&svc, 0, starts, BOOKING_MAX_SLOTS);
	/* Each window gives (length / 30) whole slots, from its opening. */
	assert_int_equal(n, (12 * 60 - (8 * 60 + 30)) / 30 + (16 * 60 + 30 - 13 * 60) / 30);
	assert_int_equal(starts[0], 8 * 60 + 30);
	assert_int_equal(starts[n - 1], 16 * 60);
	for (size_t i = 1; i < n; i++)
		assert_true(starts[i] > starts[i - 1]);
	assert_true(booking_is_slot(&svc, 4, 13 * 60));
	assert_false(booking_is_slot(&svc, 0, 8 * 60 + 45)); /* not on the grid */
	assert_false(booking_is_slot(&svc, 0, 12 * 60));     /* lunch */
	/* Extended hours and closed days take no bookings. */
	assert_int_equal(booking_slots(&svc, 5, starts, BOOKING_MAX_SLOTS), 0);
	assert_int_equal(booking_slots(&svc, 6, starts, BOOKING_MAX_SLOTS), 0);
	/* A slot must fit whole before the window closes. */
	svc = service(45);
	n = booking_slots(&svc, 0, starts, BOOKING_MAX_SLOTS);
	for (size_t i = 0; i < n; i++)
		assert_true(starts[i] + 45 <= 12 * 60 ||
		            (starts[i] >= 13 * 60 && starts[i] + 45 <= 16 * 60 + 30));
	assert_false(booking_is_slot(&svc, 0, 11 * 60 + 30)); /* 11:30 + 45 > 12:00 */
	/* No slot length, no bookings; a short list still counts them all. */
	svc = service(0);
	assert_int_equal(booking_slots(&svc, 0, starts, BOOKING_MAX_SLOTS), 0);
	svc = service(30);
	assert_int_equal(booking_slots(&svc, 0, starts, 2), n = booking_slots(&svc, 0, NULL, 0));
	assert_true(n > 2);
}

/* Windows that overlap or touch are one stretch of opening time: slots never overlap. */
static void
test_booking_slots_of_overlapping_windows(void **state)
{
	struct config_service svc = {
	    .hours =
	        {
	            {.weekdays = 0x01, .open_minute = 8 * 60, .close_minute = 10 * 60},
	            {.weekdays = 0x01, .open_minute = 9 * 60 + 45, .close_minute = 11 * 60},
	            {.weekdays = 0x01, .open_minute = 11 * 60, .close_minute = 12 * 60},
	        },
	    .n_hours = 3,
	    .booking = {.slot_minutes = 30},
	};
	int starts[BOOKING_MAX_SLOTS];
	size_t n;

	(void)state;
	n = booking_slots(&svc, 0, starts, BOOKING_MAX_SLOTS);
	assert_int_equal(n, (12 * 60 - 8 * 60) / 30);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(starts[i], 8 * 60 + 30 * (int)i);
	assert_false(booking_is_slot(&svc, 0, 9 * 60 + 45));
	/* The most a day can hold, at the shortest slot, around the clock. */
	svc.hours[0] = (struct hours_window){.weekdays = 0x01, .close_minute = 24 * 60};
	svc.booking.slot_minutes = BOOKING_MIN_SLOT_MINUTES;
	assert_int_equal(booking_slots(&svc, 0, starts, BOOKING_MAX_SLOTS), BOOKING_MAX_SLOTS);
}

static void
test_booking_code_alphabet(void **state)
{
	int count[256] = {0};
	char code[BOOKING_CODE_LEN + 1];

	(void)state;
	/* Every byte value maps to a character without look-alikes, each equally often. */
	for (int b = 0; b < 256; b++) {
		uint8_t bytes[BOOKING_CODE_LEN] = {(uint8_t)b, (uint8_t)b, (uint8_t)b,
		                                   (uint8_t)b, (uint8_t)b, (uint8_t)b};
		booking_code_from_bytes(bytes, code);
		assert_int_equal(strlen(code), BOOKING_CODE_LEN);
		assert_null(strpbrk(code, "0O1Il"));
		count[(unsigned char)code[0]]++;
	}
	int distinct = 0;
	for (int c = 0; c < 256; c++) {
		if (!count[c])
			continue;
		distinct++;
		assert_int_equal(count[c], 256 / 32);
	}
	assert_int_equal(distinct, 32);
}

static void
test_booking_code_parse(void **state)
{
	uint8_t bytes[BOOKING_CODE_LEN] = {3, 77, 150, 201, 9, 255};
	char code[BOOKING_CODE_LEN + 1], typed[32], out[BOOKING_CODE_LEN + 1];

	(void)state;
	booking_code_from_bytes(bytes, code);
	/* Lower case, a dash in the middle, spaces around: the same code. */
	for (size_t i = 0; i < BOOKING_CODE_LEN; i++)
		typed[i + (i >= 3) + 1] = (char)(code[i] >= 'A' ? code[i] - 'A' + 'a' : code[i]);
	typed[0] = ' ';
	typed[4] = '-';
	typed[BOOKING_CODE_LEN + 2] = ' ';
	typed[BOOKING_CODE_LEN + 3] = '\0';
	assert_true(booking_code_parse(typed, out, sizeof(out)));
	assert_string_equal(out, code);
	/* Too short, too long, a look-alike, a buffer too small: not a code. */
	assert_false(booking_code_parse("ABCDE", out, sizeof(out)));
	assert_string_equal(out, "");
	assert_false(booking_code_parse("ABCDEFG", out, sizeof(out)));
	assert_false(booking_code_parse("ABCDE0", out, sizeof(out)));
	assert_false(booking_code_parse("ABCDEI", out, sizeof(out)));
	assert_false(booking_code_parse("ABC.EF", out, sizeof(out)));
	assert_false(booking_code_parse(code, out, BOOKING_CODE_LEN));
	assert_false(booking_code_parse(NULL, out, sizeof(out)));
}

static void
test_booking_checkin_window_edges(void **state)
{
	struct config_service svc = service(30);
	const struct service_booking *b = &svc.booking;
	int64_t slot = 1000 * MINUTE;
	int64_t opens = slot - b->checkin_early_minutes * MINUTE;
	int64_t closes = slot + b->checkin_late_minutes * MINUTE;

	(void)state;
	assert_int_equal(booking_checkin_window(slot, opens - 1, b), BOOKING_WINDOW_EARLY);
	assert_int_equal(booking_checkin_window(slot, opens, b), BOOKING_WINDOW_OPEN);
	assert_int_equal(booking_checkin_window(slot, slot, b), BOOKING_WINDOW_OPEN);
	assert_int_equal(booking_checkin_window(slot, closes, b), BOOKING_WINDOW_OPEN);
	assert_int_equal(booking_checkin_window(slot, closes + 1, b), BOOKING_WINDOW_LATE);
}

static void
test_booking_refusals_have_words(void **state)
{
	(void)state;
	for (int r = 0; r < BOOKING_REFUSAL_COUNT; r++) {
		assert_true(strlen(booking_refusal_th((enum booking_refusal)r)) > 0);
		assert_true(strlen(booking_refusal_en((enum booking_refusal)r)) > 0);
		for (int q = 0; q < r; q++)
			assert_string_not_equal(booking_refusal_name((enum booking_refusal)r),
			                        booking_refusal_name((enum booking_refusal)q));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_booking_slots_follow_regular_hours),
	    cmocka_unit_test(test_booking_slots_of_overlapping_windows),
	    cmocka_unit_test(test_booking_code_alphabet),
	    cmocka_unit_test(test_booking_code_parse),
	    cmocka_unit_test(test_booking_checkin_window_edges),
	    cmocka_unit_test(test_booking_refusals_have_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
