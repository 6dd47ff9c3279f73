/*
 * Tests of store_web.c: ticket tokens, the position shown on a ticket's
 * page against the order in which the counters really call, and ratings
 * from the phone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "report.h"
#include "store.h"
#include "store_booking.h"
#include "store_web.h"
#include "test_office.h"
#include "thaitime.h"

#define MINUTE 60000

/*
 * Counters with overlapping services and both policies, a priority class,
 * bookings checked in (A and B) and both caps, so that the replay exercises
 * every rule of queue_choose().
 */
#define BOOKING_KEYS                                                                               \
	"booking_slot_minutes = 10\nbooking_per_slot = 100\nbooking_checkin_early_minutes = "      \
	"240\n"
static const char *const test_config =
    "[office]\n"
    "name_th = สำนักงานทดสอบ\n"
    "name_en = Test Office\n"
    "database = queue.db\n"
    "priority_cap = 2\n"
    "booking_cap = 1\n"
    "park_return_minutes = 10\n"
    "[service A]\nname_th = เอ\nname_en = A\nhours = daily 00:00-24:00\n" BOOKING_KEYS
    "[service B]\nname_th = บี\nname_en = B\nhours = daily 00:00-24:00\n" BOOKING_KEYS
    "[service C]\nname_th = ซี\nname_en = C\nhours = daily 00:00-24:00\n"
    "[priority elderly]\nname_th = ผู้สูงอายุ\nname_en = Elderly\n"
    "[counter 1]\nlocation_th = ก\nlocation_en = G\nservices = A, B\n"
    "[counter 2]\nlocation_th = ก\nlocation_en = G\nservices = B, A\npolicy = in-order\n"
    "[counter 3]\nlocation_th = ก\nlocation_en = G\nservices = C\n"
    "[counter 4]\nlocation_th = ก\nlocation_en = G\nservices = C, A\n";

static int
setup(void **state)
{
	return test_office_setup(state, test_config);
}

/* A small deterministic generator, so that a failure replays the same day. */
static unsigned
next_random(unsigned *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return (*seed >> 16) & 0x7fff;
}

/*
 * The open counter whose turn it is, as store_web_queue_read() assumes: a
 * free one first, else the one whose ticket was called (or started) longest ago; by
 * number on ties. Counters in done[] have nothing left. 0 when none.
 */
static int
counter_in_turn(struct store *s, const struct config *cfg, const bool *done)
{
	int best = 0;
	int64_t best_ms = 0;

	for (size_t i = 0; i < cfg->n_counters; i++) {
		struct store_counter c;
		int number = cfg->counters[i].number;
		assert_int_equal(store_counter_get(s, number, &c, NULL), SQ_OK);
		if (c.status != COUNTER_OPEN || done[number])
			continue;
		int64_t ms = c.has_ticket ? c.ticket.state_ms : 0;
		if (!best || ms < best_ms) {
			best = number;
			best_ms = ms;
		}
	}
	return best;
}

/* Does counter serve the service of ticket t? */
static bool
counter_serves(const struct config *cfg, int counter, const char *service)
{
	const struct config_counter *cc = config_counter_find(cfg, counter);

	for (size_t i = 0; i < cc->n_services; i++)
		if (strcmp(cfg->services[cc->services[i]].id, service) == 0)
			return true;
	return false;
}

/*
 * Take the positions of every waiting ticket at now, then call everyone on
 * a copy of the log, counters in turn, and check that each position is the
 * number of calls made before it by the counters serving its service.
 * With svc, a normal ticket of that service is taken on the copy first and
 * only its position is checked: where the queue said a ticket taken now
 * would stand (it moves others, so theirs are checked without it).
 * Returns how many positions were checked.
 */
static size_t
check_positions(struct test_office *f, int64_t now, int round, const char *svc)
{
	struct store_web_queue q;
	struct store_ticket fresh;
	struct sq_error err = {0};
	struct store *copy = NULL;
	char path[128];
	int calls_by[CONFIG_MAX_COUNTERS + 100] = {0};
	bool done[100] = {false};
	size_t checked = 0;

	assert_int_equal(store_web_queue_read(f->store, f->cfg, now, &q, &err), SQ_OK);
	snprintf(path, sizeof(path), "%s/replay-%d.db", f->dir, round);
	assert_int_equal(store_backup(f->store, path, &err), SQ_OK);
	assert_int_equal(store_open(path, &copy, &err), SQ_OK);
	store_set_clock(copy, test_office_clock, f);
	f->now_ms = now;
	fresh.id = 0;
	if (svc)
		assert_int_equal(store_issue(copy, f->cfg, svc, NULL, &fresh, &err), SQ_OK);
	for (int64_t at = now + 1;; at++) {
		int counter = counter_in_turn(copy, f->cfg, done);
		struct store_call call;
		if (!counter)
			break;
		f->now_ms = at;
		int rc = store_call_next(copy, f->cfg, counter, &call, &err);
		if (rc == SQ_ERR_EMPTY) {
			done[counter] = true;
			continue;
		}
		assert_int_equal(rc, SQ_OK);
		const struct store_web_place *p = store_web_queue_place(&q, call.ticket.id);
		int before = 0;
		for (size_t i = 0; i < f->cfg->n_counters; i++) {
			int n = f->cfg->counters[i].number;
			if (counter_serves(f->cfg, n, call.ticket.service))
				before += calls_by[n];
		}
		if (svc ? call.ticket.id == fresh.id : p != NULL) {
			int shown = svc ? q.services[config_service_index(f->cfg, svc)].ahead_new
			                : p->ahead;
			if (shown != before)
				print_message("round %d: %s shown %d ahead, called after %d\n",
				              round, call.ticket.code, shown, before);
			assert_int_equal(shown, before);
			checked++;
		} else {
			/* Only the new ticket has no place; it is checked alone. */
			assert_true(svc && p);
		}
		calls_by[counter]++;
	}
	/* Everyone shown a place was called (the new ticket too). */
	assert_int_equal(checked, svc ? 1 : q.n_places);
	store_close(copy);
	store_web_queue_release(&q);
	remove(path);
	return checked;
}

/* A citizen books the next slot of svc today at now and checks in at once. */
static void
book_and_check_in(struct test_office *f, const char *svc, int64_t now)
{
	struct local_time lt;
	struct store_booking b;
	struct store_booking_checkin ci;
	struct sq_error err = {0};

	thaitime_local(now, &lt);
	int minute = (lt.minute_of_day / 10 + 1) * 10;
	assert_int_equal(store_booking_make(test_office_at(f, now), f->cfg, svc, lt.day_key, minute,
	                                    NULL, NULL, &b, NULL, &err),
	                 SQ_OK);
	assert_int_equal(store_booking_checkin(f->store, f->cfg, b.code, NULL, &ci, &err), SQ_OK);
	assert_true(ci.ticket.booked);
}

/* A day of arrivals, check-ins, calls, parks and breaks; positions checked every few minutes. */
static void
test_store_web_position_is_call_order(void **state)
{
	struct test_office *f = *state;
	static const char *const services[] = {"A", "B", "C"};
	unsigned seed = 20261123;
	size_t checked = 0;
	int64_t now = f->t0;

	TEST_SQLITE_ONLY("each position is replayed on a backup file of the log");
	for (int counter = 1; counter <= 4; counter++)
		assert_int_equal(store_counter_status_event(test_office_at(f, now), f->cfg, counter,
		                                            EVENT_LOGIN, "tester", NULL),
		                 SQ_OK);
	for (int round = 0; round < 40; round++) {
		bool none_done[100] = {false};
		int arrivals = (int)(next_random(&seed) % 5);
		for (int i = 0; i < arrivals; i++) {
			struct store_ticket t;
			const char *svc = services[next_random(&seed) % 3];
			unsigned kind = next_random(&seed) % 8;
			const char *prio = kind < 2 ? "elderly" : NULL;
			now += 7000;
			if (kind >= 5 && strcmp(svc, "C") != 0)
				book_and_check_in(f, svc, now);
			else
				assert_int_equal(store_issue(test_office_at(f, now), f->cfg, svc,
				                             prio, &t, NULL),
				                 SQ_OK);
		}
		int calls = (int)(next_random(&seed) % 3);
		for (int i = 0; i < calls; i++) {
			struct store_call call;
			struct store_ticket parked;
			int counter = counter_in_turn(f->store, f->cfg, none_done);
			now += 11000;
			if (counter &&
			    store_call_next(test_office_at(f, now), f->cfg, counter, &call, NULL) ==
			        SQ_OK &&
			    next_random(&seed) % 5 == 0)
				/* Sent away for a form: it rejoins after park_return_minutes. */
				assert_int_equal(store_counter_ticket_event(
				                     test_office_at(f, now), f->cfg, counter,
				                     EVENT_PARKED, NULL, &parked, NULL),
				                 SQ_OK);
		}
		/* Counter 2 takes a break now and then; the others keep calling. */
		struct store_counter c2;
		assert_int_equal(store_counter_get(f->store, 2, &c2, NULL), SQ_OK);
		if (!c2.has_ticket && next_random(&seed) % 4 == 0)
			assert_int_equal(store_counter_status_event(
			                     test_office_at(f, now), f->cfg, 2,
			                     c2.status == COUNTER_OPEN ? EVENT_BREAK : EVENT_RESUME,
			                     "test", NULL),
			                 SQ_OK);
		now += 2 * MINUTE;
		checked += check_positions(f, now, round, NULL);
		checked += check_positions(f, now, round, services[round % 3]);
	}
	print_message("%zu positions checked against the real call order\n", checked);
	/* The day must have had queues to check, not just empty rounds. */
	assert_true(checked > 200);
	/* And the rules of the classes must have chosen calls on the day itself. */
	for (int rule = 0; rule < QUEUE_RULE_COUNT; rule++) {
		char sql[160];
		if (rule == QUEUE_RULE_MANUAL || rule == QUEUE_RULE_SERVICE_ORDER)
			continue; /* no call out of turn; bookings and priorities keep queues busy
			           */
		snprintf(sql, sizeof(sql),
		         "SELECT count(*) FROM event WHERE kind = 'called' AND rule = '%s'",
		         queue_rule_name((enum queue_rule)rule));
		int64_t n = test_office_count(f, sql);
		print_message("rule %s: %lld calls\n", queue_rule_name((enum queue_rule)rule),
		              (long long)n);
		assert_true(n > 0);
	}
}

/* Tokens are 20 base64url characters, all different; codes are not tokens. */
static void
test_store_web_token(void **state)
{
	struct test_office *f = *state;
	struct store_ticket a, b, found;
	struct sq_error err = {0};

	assert_int_equal(store_issue(test_office_at(f, f->t0), f->cfg, "A", NULL, &a, &err), SQ_OK);
	assert_int_equal(store_issue(test_office_at(f, f->t0), f->cfg, "A", NULL, &b, &err), SQ_OK);
	assert_int_equal(strlen(a.token), STORE_WEB_TOKEN_LEN);
	assert_true(store_web_token_valid(a.token));
	assert_string_not_equal(a.token, b.token);
	assert_int_equal(store_ticket_by_token(f->store, b.token, &found, &err), SQ_OK);
	assert_int_equal(found.id, b.id);
	assert_string_equal(found.token, b.token);
	assert_int_equal(store_ticket_by_token(f->store, "A001", &found, &err), SQ_ERR_NOTFOUND);
	assert_false(store_web_token_valid("A001"));
	assert_false(store_web_token_valid("AAAAAAAAAAAAAAAAAAA/"));
	assert_false(store_web_token_valid("AAAAAAAAAAAAAAAAAAAAA"));
}

/*
 * A rating from the phone is an ordinary rating with channel "web": once
 * per ticket across channels, and the month's report counts it apart and in
 * the combined figure.
 */
static void
test_store_web_rating_channel(void **state)
{
	struct test_office *f = *state;
	struct store_ticket t[2], done;
	struct store_call call;
	struct report *r = NULL;
	struct sq_error err = {0};
	int64_t now = f->t0;

	assert_int_equal(store_counter_status_event(test_office_at(f, now), f->cfg, 1, EVENT_LOGIN,
	                                            "tester", NULL),
	                 SQ_OK);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(
		    store_issue(test_office_at(f, now), f->cfg, "A", NULL, &t[i], NULL), SQ_OK);
		assert_int_equal(
		    store_call_next(test_office_at(f, now += MINUTE), f->cfg, 1, &call, NULL),
		    SQ_OK);
		assert_int_equal(store_counter_ticket_event(test_office_at(f, now += MINUTE),
		                                            f->cfg, 1, EVENT_FINISHED, NULL, &done,
		                                            NULL),
		                 SQ_OK);
	}
	assert_int_equal(store_rate_via(test_office_at(f, now), f->cfg, 0, t[0].id, 5,
	                                RATING_REASON_NONE, "web", 0, NULL, &err),
	                 SQ_OK);
	/* The screen, then the phone again: the ticket is rated already. */
	assert_int_equal(store_rate(test_office_at(f, now), f->cfg, 0, t[0].id, 1,
	                            RATING_REASON_NONE, 0, NULL, NULL),
	                 SQ_ERR_STATE);
	assert_int_equal(store_rate_via(test_office_at(f, now), f->cfg, 0, t[0].id, 1,
	                                RATING_REASON_NONE, "web", 0, NULL, NULL),
	                 SQ_ERR_STATE);
	assert_int_equal(store_rate(test_office_at(f, now), f->cfg, 0, t[1].id, 3,
	                            RATING_REASON_NONE, 0, NULL, &err),
	                 SQ_OK);
	assert_int_equal(report_build(f->store, f->cfg, 2026, 11, 15, now, &r, &err), SQ_OK);
	assert_int_equal(r->all.sat.total, 2);
	assert_int_equal(r->tied.sat.total, 2);
	assert_int_equal(r->phone.sat.total, 1);
	assert_int_equal(r->phone.counts[4], 1);
	report_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_store_web_token, setup, test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_store_web_rating_channel, setup,
	                                    test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_store_web_position_is_call_order, setup,
	                                    test_office_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
