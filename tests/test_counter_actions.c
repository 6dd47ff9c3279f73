/*
 * Tests of the one table of counter actions and its executor
 * (counter_actions.c) on a real log: a lit button is never refused by the
 * store, bad text is refused before anything is written, and a long reason
 * is cut whole characters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "counter_actions.h"
#include "store.h"
#include "test_office.h"
#include "utf8.h"

#define MINUTE 60000

static const char *const test_config =
    "[office]\n"
    "name_th = สำนักงานทดสอบ\n"
    "name_en = Test Office\n"
    "database = queue.db\n"
    "[service A]\nname_th = เอ\nname_en = A\nhours = daily 00:00-24:00\n"
    "[service B]\nname_th = บี\nname_en = B\nhours = daily 00:00-24:00\n"
    "[counter 1]\nlocation_th = ก\nlocation_en = G\nservices = A, B\n";

static int
setup(void **state)
{
	return test_office_setup(state, test_config);
}

/* Run the action named name at counter 1, minute m after t0. */
static int
act(struct test_office *f, enum counter_action_id id, const struct counter_action_args *args, int m,
    struct counter_action_result *out)
{
	struct sq_error err = {0};

	return counter_action_run(&counter_actions[id], test_office_at(f, f->t0 + m * MINUTE),
	                          f->cfg, 1, args, out, &err);
}

/* The states a counter can be in, built from a fresh log. */
enum built {
	BUILT_CLOSED,
	BUILT_OPEN,
	BUILT_CALLED,
	BUILT_SERVING,
	BUILT_BREAK,
	BUILT_COUNT,
};

/*
 * Tickets A001..A003 and B001; A001 called and marked no-show (so that it
 * can be reactivated); then the state asked for.
 */
static void
build(struct test_office *f, enum built b)
{
	struct counter_action_result r;
	struct store_ticket t;
	struct sq_error err = {0};

	for (int i = 0; i < 3; i++)
		assert_int_equal(store_issue(test_office_at(f, f->t0), f->cfg, "A", NULL, &t, &err),
		                 SQ_OK);
	assert_int_equal(store_issue(test_office_at(f, f->t0), f->cfg, "B", NULL, &t, &err), SQ_OK);
	assert_int_equal(
	    act(f, COUNTER_ACTION_LOGIN, &(struct counter_action_args){.officer = "o1"}, 1, &r),
	    SQ_OK);
	assert_int_equal(act(f, COUNTER_ACTION_NEXT, &(struct counter_action_args){0}, 2, &r),
	                 SQ_OK);
	assert_int_equal(act(f, COUNTER_ACTION_NOSHOW, &(struct counter_action_args){0}, 3, &r),
	                 SQ_OK);
	if (b == BUILT_CALLED || b == BUILT_SERVING)
		assert_int_equal(
		    act(f, COUNTER_ACTION_NEXT, &(struct counter_action_args){0}, 4, &r), SQ_OK);
	if (b == BUILT_SERVING)
		assert_int_equal(
		    act(f, COUNTER_ACTION_START, &(struct counter_action_args){0}, 5, &r), SQ_OK);
	if (b == BUILT_BREAK)
		assert_int_equal(act(f, COUNTER_ACTION_BREAK,
		                     &(struct counter_action_args){.reason = "lunch"}, 4, &r),
		                 SQ_OK);
	if (b == BUILT_CLOSED)
		assert_int_equal(
		    act(f, COUNTER_ACTION_LOGOUT, &(struct counter_action_args){0}, 4, &r), SQ_OK);
}

/*
 * In every state, every action whose button is lit (its `allowed` holds) is
 * taken by the store; and each state lights at least one action.
 */
static void
test_counter_actions_lit_means_accepted(void **state)
{
	(void)state;
	for (int b = 0; b < BUILT_COUNT; b++) {
		int lit = 0;
		for (int id = 0; id < COUNTER_ACTION_COUNT; id++) {
			const struct counter_action *a = &counter_actions[id];
			const struct counter_action_args args = {
			    .officer = "o2",
			    .service = "B",
			    .code = a->call == COUNTER_CALL_REACTIVATE ? "A001" : "A003",
			    .reason = "r",
			};
			struct counter_action_result r;
			struct store_counter c;
			struct sq_error err = {0};
			void *office = NULL;

			assert_int_equal(setup(&office), 0);
			build(office, (enum built)b);
			assert_int_equal(
			    store_counter_get(((struct test_office *)office)->store, 1, &c, &err),
			    SQ_OK);
			if (counter_action_allowed(a, &c)) {
				lit++;
				int rc = act(office, (enum counter_action_id)id, &args, 10, &r);
				if (rc != SQ_OK)
					fail_msg("state %d: lit action '%s' refused (%d)", b,
					         a->name, rc);
			}
			test_office_teardown(&office);
		}
		assert_true(lit > 0);
	}
}

/* Each action is found by its verb, and no two share one. */
static void
test_counter_actions_names(void **state)
{
	(void)state;
	for (int i = 0; i < COUNTER_ACTION_COUNT; i++) {
		assert_non_null(counter_actions[i].name);
		assert_ptr_equal(counter_action_find(counter_actions[i].name), &counter_actions[i]);
		assert_non_null(counter_actions[i].th);
		assert_non_null(counter_actions[i].en);
		assert_true(counter_actions[i].allowed ||
		            counter_actions[i].call == COUNTER_CALL_TICKET_EVENT);
	}
	assert_null(counter_action_find("dance"));
}

/* What the display shows after an action: the table's effect, resume its own. */
static void
test_counter_actions_led(void **state)
{
	struct test_office *f = *state;
	struct counter_action_result r;

	build(f, BUILT_OPEN);
	assert_int_equal(act(f, COUNTER_ACTION_NEXT, &(struct counter_action_args){0}, 10, &r),
	                 SQ_OK);
	assert_int_equal(r.led, COUNTER_LED_TICKET);
	assert_string_equal(r.led_code, "A002");
	assert_int_equal(act(f, COUNTER_ACTION_RECALL, &(struct counter_action_args){0}, 11, &r),
	                 SQ_OK);
	assert_int_equal(r.led, COUNTER_LED_RECALL);
	assert_string_equal(r.led_code, "A002");
	assert_int_equal(act(f, COUNTER_ACTION_PARK, &(struct counter_action_args){0}, 12, &r),
	                 SQ_OK);
	assert_int_equal(r.led, COUNTER_LED_CLEAR);
	assert_int_equal(act(f, COUNTER_ACTION_BREAK, &(struct counter_action_args){0}, 13, &r),
	                 SQ_OK);
	assert_int_equal(r.led, COUNTER_LED_BREAK);
	/* Back from a break with no ticket held: the display is blanked. */
	assert_int_equal(act(f, COUNTER_ACTION_RESUME, &(struct counter_action_args){0}, 14, &r),
	                 SQ_OK);
	assert_int_equal(r.led, COUNTER_LED_CLEAR);
}

/* An officer id or a reason that is not UTF-8 is refused; nothing is written. */
static void
test_counter_actions_refuse_bad_utf8(void **state)
{
	struct test_office *f = *state;
	struct counter_action_result r;
	char before[32], after[32];
	struct sq_error err = {0};

	build(f, BUILT_CALLED);
	test_office_text(f, "SELECT count(*) || '/' || max(id) FROM event", before, sizeof(before));
	assert_int_equal(act(f, COUNTER_ACTION_VOID,
	                     &(struct counter_action_args){.reason = "wrong \xe0\xb8"}, 10, &r),
	                 SQ_ERR_INVALID);
	assert_int_equal(act(f, COUNTER_ACTION_CALL,
	                     &(struct counter_action_args){.code = "A003", .reason = "\xff"}, 10,
	                     &r),
	                 SQ_ERR_INVALID);
	assert_int_equal(act(f, COUNTER_ACTION_NOSHOW, &(struct counter_action_args){0}, 10, &r),
	                 SQ_OK);
	assert_int_equal(act(f, COUNTER_ACTION_LOGOUT, &(struct counter_action_args){0}, 11, &r),
	                 SQ_OK);
	/* The good actions after them are written (the check above can tell). */
	test_office_text(f, "SELECT count(*) || '/' || max(id) FROM event", after, sizeof(after));
	assert_string_not_equal(before, after);
	snprintf(before, sizeof(before), "%s", after);
	assert_int_equal(counter_action_run(&counter_actions[COUNTER_ACTION_LOGIN],
	                                    test_office_at(f, f->t0 + 12 * MINUTE), f->cfg, 1,
	                                    &(struct counter_action_args){.officer = "o\xc0\xaf"},
	                                    &r, &err),
	                 SQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "officer id is not valid UTF-8"));
	test_office_text(f, "SELECT count(*) || '/' || max(id) FROM event", after, sizeof(after));
	assert_string_equal(before, after);
}

/* A break reason longer than the counter keeps is cut whole characters. */
static void
test_counter_actions_long_thai_reason(void **state)
{
	struct test_office *f = *state;
	struct counter_action_result r;
	struct store_counter c;
	struct sq_error err = {0};
	char reason[200] = "", logged[200];
	size_t len = 0;

	while (len + 3 < sizeof(reason))
		len = utf8_append(reason, sizeof(reason), len, "ก"); /* 3 bytes each */
	assert_true(len > sizeof(c.reason));
	build(f, BUILT_OPEN);
	assert_int_equal(
	    act(f, COUNTER_ACTION_BREAK, &(struct counter_action_args){.reason = reason}, 10, &r),
	    SQ_OK);
	assert_int_equal(store_counter_get(f->store, 1, &c, &err), SQ_OK);
	assert_true(utf8_valid(c.reason, NULL));
	assert_int_equal(strlen(c.reason), (sizeof(c.reason) - 1) / 3 * 3);
	assert_memory_equal(c.reason, reason, strlen(c.reason));
	test_office_text(f, "SELECT reason FROM event WHERE kind = 'break'", logged,
	                 sizeof(logged));
	assert_true(utf8_valid(logged, NULL));
	assert_string_equal(logged, c.reason);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_counter_actions_lit_means_accepted),
	    cmocka_unit_test(test_counter_actions_names),
	    cmocka_unit_test_setup_teardown(test_counter_actions_led, setup, test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_counter_actions_refuse_bad_utf8, setup,
	                                    test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_counter_actions_long_thai_reason, setup,
	                                    test_office_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
