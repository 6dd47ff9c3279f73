/* Unit tests of the fair-queue rules (queue.c): pure, table-driven. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "error.h"
#include "queue.h"

#define MAX_CAND 8

struct choose_case {
	const char *name;
	enum counter_policy policy;
	int cap;
	int streak;
	size_t n;
	struct queue_candidate cand[MAX_CAND];
	int rc;
	int64_t want_id;
	enum queue_rule want_rule;
	int want_streak;
};

static const struct choose_case choose_cases[] = {
    {
        .name = "empty queue",
        .cap = 2,
        .n = 0,
        .rc = SQ_ERR_EMPTY,
    },
    {
        .name = "fifo: oldest across services",
        .cap = 2,
        .n = 3,
        .cand = {{.ticket_id = 30, .service_rank = 0},
                 {.ticket_id = 12, .service_rank = 1},
                 {.ticket_id = 20, .service_rank = 2}},
        .want_id = 12,
        .want_rule = QUEUE_RULE_OLDEST,
    },
    {
        .name = "in-order: first service wins even if younger",
        .policy = COUNTER_POLICY_IN_ORDER,
        .cap = 2,
        .n = 2,
        .cand = {{.ticket_id = 30, .service_rank = 0}, {.ticket_id = 12, .service_rank = 1}},
        .want_id = 30,
        .want_rule = QUEUE_RULE_SERVICE_ORDER,
    },
    {
        .name = "priority goes first",
        .cap = 2,
        .n = 2,
        .cand = {{.ticket_id = 5}, {.ticket_id = 9, .priority = true}},
        .want_id = 9,
        .want_rule = QUEUE_RULE_PRIORITY,
        .want_streak = 1,
    },
    {
        .name = "second priority in a row still allowed",
        .cap = 2,
        .streak = 1,
        .n = 2,
        .cand = {{.ticket_id = 5}, {.ticket_id = 9, .priority = true}},
        .want_id = 9,
        .want_rule = QUEUE_RULE_PRIORITY,
        .want_streak = 2,
    },
    {
        .name = "cap reached: the waiting normal ticket goes",
        .cap = 2,
        .streak = 2,
        .n = 2,
        .cand = {{.ticket_id = 5}, {.ticket_id = 9, .priority = true}},
        .want_id = 5,
        .want_rule = QUEUE_RULE_PRIORITY_CAP,
        .want_streak = 0,
    },
    {
        .name = "cap reached but no normal waits: priority, streak not grown",
        .cap = 2,
        .streak = 2,
        .n = 1,
        .cand = {{.ticket_id = 9, .priority = true}},
        .want_id = 9,
        .want_rule = QUEUE_RULE_PRIORITY,
        .want_streak = 0,
    },
    {
        .name = "oldest priority among priorities",
        .cap = 3,
        .n = 3,
        .cand = {{.ticket_id = 40, .priority = true, .service_rank = 0},
                 {.ticket_id = 31, .priority = true, .service_rank = 1},
                 {.ticket_id = 2}},
        .want_id = 31,
        .want_rule = QUEUE_RULE_PRIORITY,
        .want_streak = 1,
    },
    {
        .name = "cap 1 alternates",
        .cap = 1,
        .streak = 1,
        .n = 2,
        .cand = {{.ticket_id = 50, .priority = true}, {.ticket_id = 51}},
        .want_id = 51,
        .want_rule = QUEUE_RULE_PRIORITY_CAP,
    },
};

static void
test_queue_choose_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(choose_cases) / sizeof(choose_cases[0]); i++) {
		const struct choose_case *c = &choose_cases[i];
		struct queue_policy policy = {.policy = c->policy, .priority_cap = c->cap};
		struct queue_choice choice = {0};
		int rc = queue_choose(c->cand, c->n, &policy, c->streak, &choice);
		print_message("case: %s\n", c->name);
		assert_int_equal(rc, c->rc);
		if (rc != SQ_OK)
			continue;
		assert_int_equal(c->cand[choice.index].ticket_id, c->want_id);
		assert_int_equal(choice.rule, c->want_rule);
		assert_int_equal(choice.priority_streak, c->want_streak);
	}
}

/* A long run: with priorities always waiting, normal tickets still get every third call. */
static void
test_queue_choose_never_starves(void **state)
{
	struct queue_policy policy = {.policy = COUNTER_POLICY_OLDEST, .priority_cap = 2};
	int streak = 0, in_row = 0, max_in_row = 0, normal_calls = 0;

	(void)state;
	for (int call = 0; call < 300; call++) {
		struct queue_candidate cand[2] = {
		    {.ticket_id = 1000 + call, .priority = true},
		    {.ticket_id = 1 + call},
		};
		struct queue_choice choice;
		assert_int_equal(queue_choose(cand, 2, &policy, streak, &choice), SQ_OK);
		streak = choice.priority_streak;
		if (cand[choice.index].priority) {
			in_row++;
			if (in_row > max_in_row)
				max_in_row = in_row;
		} else {
			in_row = 0;
			normal_calls++;
		}
	}
	assert_int_equal(max_in_row, 2);
	assert_int_equal(normal_calls, 100);
}

struct transition_case {
	enum ticket_state from;
	enum ticket_event event;
	int to; /* -1 = refused */
};

static const struct transition_case transition_cases[] = {
    {TICKET_WAITING, EVENT_CALLED, TICKET_CALLED},
    {TICKET_WAITING, EVENT_RECALLED, -1},
    {TICKET_WAITING, EVENT_FINISHED, -1},
    {TICKET_WAITING, EVENT_TRANSFERRED, TICKET_WAITING},
    {TICKET_WAITING, EVENT_EXPIRED, TICKET_EXPIRED},
    {TICKET_CALLED, EVENT_CALLED, -1}, /* never called twice */
    {TICKET_CALLED, EVENT_RECALLED, TICKET_CALLED},
    {TICKET_CALLED, EVENT_STARTED, TICKET_SERVING},
    {TICKET_CALLED, EVENT_NOSHOW, TICKET_NOSHOW},
    {TICKET_CALLED, EVENT_PARKED, TICKET_PARKED},
    {TICKET_CALLED, EVENT_TRANSFERRED, TICKET_WAITING},
    {TICKET_CALLED, EVENT_FINISHED, TICKET_DONE},
    {TICKET_SERVING, EVENT_NOSHOW, -1},
    {TICKET_SERVING, EVENT_STARTED, -1},
    {TICKET_SERVING, EVENT_FINISHED, TICKET_DONE},
    {TICKET_PARKED, EVENT_CALLED, TICKET_CALLED},
    {TICKET_PARKED, EVENT_RETURNED, TICKET_WAITING},
    {TICKET_NOSHOW, EVENT_CALLED, -1}, /* must be reactivated first */
    {TICKET_NOSHOW, EVENT_RETURNED, TICKET_WAITING},
    {TICKET_NOSHOW, EVENT_EXPIRED, -1},
    {TICKET_DONE, EVENT_RATED, TICKET_DONE},
    {TICKET_DONE, EVENT_CALLED, -1},
    {TICKET_DONE, EVENT_VOIDED, -1}, /* history is not rewritten */
    {TICKET_EXPIRED, EVENT_CALLED, -1},
    {TICKET_VOIDED, EVENT_RETURNED, -1},
};

static void
test_queue_transition_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(transition_cases) / sizeof(transition_cases[0]); i++) {
		const struct transition_case *c = &transition_cases[i];
		print_message("%s --%s--> %d\n", queue_state_name(c->from),
		              queue_event_name(c->event), c->to);
		assert_int_equal(queue_transition(c->from, c->event), c->to);
	}
	/* Office events never move a ticket. */
	for (int s = 0; s < TICKET_STATE_COUNT; s++)
		for (int e = EVENT_FIRST_CONTACT; e < EVENT_COUNT; e++)
			assert_int_equal(
			    queue_transition((enum ticket_state)s, (enum ticket_event)e), -1);
	assert_int_equal(queue_transition(TICKET_STATE_COUNT, EVENT_CALLED), -1);
}

static void
test_queue_park_return_and_noshow_grace(void **state)
{
	const int64_t t0 = 1700000000000;

	(void)state;
	assert_false(queue_park_returned(t0, t0 + 10 * 60000 - 1, 10));
	assert_true(queue_park_returned(t0, t0 + 10 * 60000, 10));
	assert_true(queue_noshow_in_grace(t0, t0 + 15 * 60000, 15));
	assert_false(queue_noshow_in_grace(t0, t0 + 15 * 60000 + 1, 15));
	assert_true(queue_noshow_in_grace(t0, t0, 0));
}

static void
test_queue_names_round_trip(void **state)
{
	(void)state;
	for (int s = 0; s < TICKET_STATE_COUNT; s++)
		assert_int_equal(queue_state_from_name(queue_state_name((enum ticket_state)s)), s);
	for (int e = 0; e < EVENT_COUNT; e++)
		assert_int_equal(queue_event_from_name(queue_event_name((enum ticket_event)e)), e);
	assert_int_equal(queue_state_from_name("nonsense"), -1);
	assert_string_equal(queue_rule_name(QUEUE_RULE_PRIORITY_CAP), "priority-cap");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_queue_choose_table),
	    cmocka_unit_test(test_queue_choose_never_starves),
	    cmocka_unit_test(test_queue_transition_table),
	    cmocka_unit_test(test_queue_park_return_and_noshow_grace),
	    cmocka_unit_test(test_queue_names_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
