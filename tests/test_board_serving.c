/* The board's "now serving" list: calls at the counter stay, old ones drop. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>

#include "board_serving.h"

#define MINUTE 60000LL

/* A ticket still called to or served at its counter stays however long. */
static void
test_board_serving_keeps_ticket_at_counter(void **state)
{
	(void)state;
	assert_true(board_serving_keeps(2, TICKET_CALLED, 2, 0, 90 * MINUTE));
	assert_true(board_serving_keeps(2, TICKET_SERVING, 2, 0, 300 * MINUTE));
}

/* A finished ticket stays a few minutes, then drops off. */
static void
test_board_serving_drops_finished_after_linger(void **state)
{
	(void)state;
	int64_t done = 10 * MINUTE;

	assert_true(board_serving_keeps(2, TICKET_DONE, 0, done, done + MINUTE));
	assert_true(
	    board_serving_keeps(2, TICKET_DONE, 0, done, done + BOARD_SERVING_LINGER_MS - 1));
	assert_false(board_serving_keeps(2, TICKET_DONE, 0, done, done + BOARD_SERVING_LINGER_MS));
	assert_false(board_serving_keeps(2, TICKET_DONE, 0, done, done + 60 * MINUTE));
}

/* No-show, parked, voided and transferred tickets have left the counter too. */
static void
test_board_serving_drops_tickets_that_left(void **state)
{
	(void)state;
	const enum ticket_state left[] = {TICKET_NOSHOW, TICKET_PARKED, TICKET_VOIDED,
	                                  TICKET_WAITING, TICKET_EXPIRED};

	for (size_t i = 0; i < sizeof(left) / sizeof(left[0]); i++)
		assert_false(board_serving_keeps(3, left[i], 0, 0, 30 * MINUTE));
}

/* A ticket called again to another counter no longer counts for this one. */
static void
test_board_serving_other_counter_holds_it(void **state)
{
	(void)state;
	assert_false(board_serving_keeps(2, TICKET_CALLED, 4, 0, 30 * MINUTE));
	assert_true(board_serving_keeps(4, TICKET_CALLED, 4, 0, 30 * MINUTE));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_board_serving_keeps_ticket_at_counter),
	    cmocka_unit_test(test_board_serving_drops_finished_after_linger),
	    cmocka_unit_test(test_board_serving_drops_tickets_that_left),
	    cmocka_unit_test(test_board_serving_other_counter_holds_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
