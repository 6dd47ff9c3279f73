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
	int booking_cap; /* 0: 2 */
	struct queue_streaks streaks;
	size_t n;
	struct queue_candidate cand[MAX_CAND];
	int rc;
	int64_t want_id;
	enum queue_rule want_rule;
	struct queue_streaks want_streaks;
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
        .want_streaks = {.priority = 1},
    },
    {
        .name = "second priority in a row still allowed",
        .cap = 2,
        .streaks = {.priority = 1},
        .n = 2,
        .cand = {{.ticket_id = 5}, {.ticket_id = 9, .priority = true}},
        .want_id = 9,
        .want_rule = QUEUE_RULE_PRIORITY,
        .want_streaks = {.priority = 2},
    },
    {
        .name = "cap reached: the waiting normal ticket goes",
        .cap = 2,
        .streaks = {.priority = 2},
        .n = 2,
        .cand = {{.ticket_id = 5}, {.ticket_id = 9, .priority = true}},
        .want_id = 5,
        .want_rule = QUEUE_RULE_PRIORITY_CAP,
        .want_streaks = {.priority = 0},
    },
    {
        .name = "cap reached but no normal waits: priority, streak not grown",
        .cap = 2,
        .streaks = {.priority = 2},
        .n = 1,
        .cand = {{.ticket_id = 9, .priority = true}},
        .want_id = 9,
        .want_rule = QUEUE_RULE_PRIORITY,
        .want_streaks = {.priority = 0},
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
        .want_streaks = {.priority = 1},
    },
    {
        .name = "cap 1 alternates",
        .cap = 1,
        .streaks = {.priority = 1},
        .n = 2,
        .cand = {{.ticket_id = 50, .priority = true}, {.ticket_id = 51}},
        .want_id = 51,
        .want_rule = QUEUE_RULE_PRIORITY_CAP,
    },
    {
        .name = "a booking goes ahead of an older walk-in",
        .cap = 2,
        .n = 2,
        .cand = {{.ticket_id = 5}, {.ticket_id = 9, .booked = true}},
        .want_id = 9,
        .want_rule = QUEUE_RULE_BOOKING,
        .want_streaks = {.booking = 1},
    },
    {
        .name = "booking cap reached: the walk-in",
        .cap = 2,
        .booking_cap = 2,
        .streaks = {.booking = 2},
        .n = 2,
        .cand = {{.ticket_id = 5}, {.ticket_id = 9, .booked = true}},
        .want_id = 5,
        .want_rule = QUEUE_RULE_BOOKING_CAP,
    },
    {
        .name = "no walk-in waits: a booking jumps nobody, the streak ends",
        .cap = 2,
        .streaks = {.booking = 2},
        .n = 2,
        .cand = {{.ticket_id = 9, .booked = true}, {.ticket_id = 7, .booked = true}},
        .want_id = 7,
        .want_rule = QUEUE_RULE_BOOKING,
    },
    {
        .name = "priority before booking; the booking streak waits",
        .cap = 2,
        .streaks = {.booking = 1},
        .n = 3,
        .cand = {{.ticket_id = 5},
                 {.ticket_id = 9, .booked = true},
                 {.ticket_id = 20, .priority = true}},
        .want_id = 20,
        .want_rule = QUEUE_RULE_PRIORITY,
        .want_streaks = {.priority = 1, .booking = 1},
    },
    {
        .name = "priority capped: the booking, logged as priority-cap",
        .cap = 2,
        .streaks = {.priority = 2},
        .n = 3,
        .cand = {{.ticket_id = 5},
                 {.ticket_id = 9, .booked = true},
                 {.ticket_id = 20, .priority = true}},
        .want_id = 9,
        .want_rule = QUEUE_RULE_PRIORITY_CAP,
        .want_streaks = {.booking = 1},
    },
    {
        .name = "both capped: the walk-in",
        .cap = 2,
        .streaks = {.priority = 2, .booking = 2},
        .n = 3,
        .cand = {{.ticket_id = 5},
                 {.ticket_id = 9, .booked = true},
                 {.ticket_id = 20, .priority = true}},
        .want_id = 5,
        .want_rule = QUEUE_RULE_PRIORITY_CAP,
    },
    {
        .name = "in-order: a booking of the second service before a walk-in of the first",
        .policy = COUNTER_POLICY_IN_ORDER,
        .cap = 2,
        .n = 2,
        .cand = {{.ticket_id = 3, .service_rank = 0},
                 {.ticket_id = 9, .service_rank = 1, .booked = true}},
        .want_id = 9,
        .want_rule = QUEUE_RULE_BOOKING,
        .want_streaks = {.booking = 1},
    },
};

static void
test_queue_choose_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(choose_cases) / sizeof(choose_cases[0]); i++) {
		const struct choose_case *c = &choose_cases[i];
		struct queue_policy policy = {.policy = c->policy,
		                              .priority_cap = c->cap,
		                              .booking_cap = c->booking_cap ? c->booking_cap : 2};
		struct queue_choice choice = {0};
		int rc = queue_choose(c->cand, c->n, &policy, &c->streaks, &choice);
		print_message("case: %s\n", c->name);
		assert_int_equal(rc, c->rc);
		if (rc != SQ_OK)
			continue;
		assert_int_equal(c->cand[choice.index].ticket_id, c->want_id);
		assert_int_equal(choice.rule, c->want_rule);
		assert_int_equal(choice.streaks.priority, c->want_streaks.priority);
		assert_int_equal(choice.streaks.booking, c->want_streaks.booking);
	}
}

/* A long run: with priorities always waiting, normal tickets still get every third call. */
static void
test_queue_choose_never_starves(void **state)
{
	struct queue_policy policy = {
	    .policy = COUNTER_POLICY_OLDEST, .priority_cap = 2, .booking_cap = 2};
	struct queue_streaks streak = {0};
	int in_row = 0, max_in_row = 0, normal_calls = 0;

	(void)state;
	for (int call = 0; call < 300; call++) {
		struct queue_candidate cand[2] = {
		    {.ticket_id = 1000 + call, .priority = true},
		    {.ticket_id = 1 + call},
		};
		struct queue_choice choice;
		assert_int_equal(queue_choose(cand, 2, &policy, &streak, &choice), SQ_OK);
		streak = choice.streaks;
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

/*
 * All three classes always waiting, for every pair of caps: a walk-in is
 * called at least once in every (priority_cap + 1) x (booking_cap + 1)
 * calls, a booking at least once in every priority_cap + 1, and neither cap
 * is ever exceeded.
 */
static void
test_queue_choose_three_classes_never_starve(void **state)
{
	(void)state;
	for (int pc = 1; pc <= 4; pc++) {
		for (int bc = 1; bc <= 4; bc++) {
			struct queue_policy policy = {.priority_cap = pc, .booking_cap = bc};
			struct queue_streaks streak = {0};
			int since_walk_in = 0, since_non_priority = 0, bookings_in_row = 0;
			int max_walk_in_gap = 0, max_booking_gap = 0, max_bookings = 0;

			for (int call = 0; call < 500; call++) {
				struct queue_candidate cand[3] = {
				    {.ticket_id = 2000 + call, .priority = true},
				    {.ticket_id = 1000 + call, .booked = true},
				    {.ticket_id = 1 + call},
				};
				struct queue_choice choice;
				assert_int_equal(queue_choose(cand, 3, &policy, &streak, &choice),
				                 SQ_OK);
				streak = choice.streaks;
				const struct queue_candidate *c = &cand[choice.index];
				since_walk_in = c->priority || c->booked ? since_walk_in + 1 : 0;
				since_non_priority = c->priority ? since_non_priority + 1 : 0;
				if (c->booked)
					bookings_in_row++;
				else if (!c->priority)
					bookings_in_row = 0;
				max_walk_in_gap = since_walk_in > max_walk_in_gap ? since_walk_in
				                                                  : max_walk_in_gap;
				max_booking_gap = since_non_priority > max_booking_gap
				                      ? since_non_priority
				                      : max_booking_gap;
				max_bookings =
				    bookings_in_row > max_bookings ? bookings_in_row : max_bookings;
			}
			print_message("caps %d/%d: walk-in gap %d, priority run %d, bookings %d\n",
			              pc, bc, max_walk_in_gap, max_booking_gap, max_bookings);
			assert_int_equal(max_walk_in_gap, (pc + 1) * (bc + 1) - 1);
			assert_int_equal(max_booking_gap, pc);
			assert_int_equal(max_bookings, bc);
		}
	}
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
	assert_string_equal(queue_rule_name(QUEUE_RULE_BOOKING), "booking");
	assert_string_equal(queue_rule_name(QUEUE_RULE_BOOKING_CAP), "booking-cap");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_queue_choose_table),
	    cmocka_unit_test(test_queue_choose_never_starves),
	    cmocka_unit_test(test_queue_choose_three_classes_never_starve),
	    cmocka_unit_test(test_queue_transition_table),
	    cmocka_unit_test(test_queue_park_return_and_noshow_grace),
	    cmocka_unit_test(test_queue_names_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
