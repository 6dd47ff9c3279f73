/*
 * Tests of time as the queue sees it: the office's zone from the config
 * even when the machine runs on UTC, and clock jumps (an NTP correction
 * backwards, within a day and across local midnight) that must never
 * reorder the queue, repeat a number or lose a waiting ticket. Every store
 * call gets an explicit now_ms, as a jumping wall clock would give it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "store.h"
#include "thaitime.h"
#include "test_office.h"

#define SECOND 1000
#define MINUTE 60000

static const char *const test_config =
    "[office]\n"
    "name_th = สำนักงานทดสอบ\n"
    "name_en = Test Office\n"
    "timezone = Asia/Bangkok\n"
    "database = queue.db\n"
    "[service A]\nname_th = เอ\nname_en = A\nhours = daily 00:00-24:00\n"
    "[counter 1]\nlocation_th = ก\nlocation_en = G\nservices = A\n";
static int
setup(void **state)
{
	/* The machine's own zone is UTC, as on many small boards. */
	if (setenv("TZ", "UTC", 1) != 0)
		return -1;
	tzset();
	return test_office_setup(state, test_config);
}

/* Issue a ticket of service A at now_ms and return it. */
static struct store_ticket
issue_at(struct test_office *f, int64_t now_ms)
{
	struct store_ticket t;
	struct sq_error err = {0};

	f->now_ms = now_ms;
	if (store_issue(f->store, f->cfg, "A", NULL, &t, &err) != SQ_OK)
		fail_msg("issue: %s", err.msg);
	return t;
}

/* Counter 1 calls its next ticket at now_ms; returns its id. */
static int64_t
call_at(struct test_office *f, int64_t now_ms)
{
	struct store_call call;
	struct sq_error err = {0};

	f->now_ms = now_ms;
	if (store_call_next(f->store, f->cfg, 1, &call, &err) != SQ_OK)
		fail_msg("call: %s", err.msg);
	return call.ticket.id;
}

/* Log in at counter 1. */
static void
login_at(struct test_office *f, int64_t now_ms)
{
	f->now_ms = now_ms;
	assert_int_equal(
	    store_counter_status_event(f->store, f->cfg, 1, EVENT_LOGIN, "somchai", NULL), SQ_OK);
}

static void
test_clock_office_zone_when_machine_utc(void **state)
{
	struct local_time lt;
	(void)state;

	/* config_load set the process zone from [office] timezone, over TZ=UTC. */
	assert_string_equal(getenv("TZ"), "Asia/Bangkok");
	/* 17:30 UTC on 23 Nov is 00:30 on 24 Nov in Bangkok: the next service day. */
	int64_t t = thaitime_utc_ms(2026, 11, 24, 0, 30);
	thaitime_local(t, &lt);
	assert_int_equal(lt.hour, 0);
	assert_int_equal(lt.minute, 30);
	assert_int_equal(thaitime_day_key(t), 20261124);
	assert_int_equal(t % (24 * 60 * MINUTE), (17 * 60 + 30) * (int64_t)MINUTE);
}

static void
test_clock_backwards_within_day_keeps_order(void **state)
{
	struct test_office *f = *state;
	int64_t t0 = thaitime_utc_ms(2026, 11, 23, 10, 0);
	struct store_ticket t[5];

	t[0] = issue_at(f, t0);
	t[1] = issue_at(f, t0 + 5 * MINUTE);
	/* NTP pulls the clock back seven minutes. */
	t[2] = issue_at(f, t0 - 2 * MINUTE);
	t[3] = issue_at(f, t0 - 2 * MINUTE + 1);
	t[4] = issue_at(f, t0 + MINUTE);
	for (int i = 0; i < 5; i++) {
		char code[8];
		snprintf(code, sizeof(code), "A%03d", i + 1);
		assert_string_equal(t[i].code, code);
		assert_int_equal(t[i].day, 20261123);
	}
	/* Calls go by issue order, not by the (jumping) issue times. */
	login_at(f, t0 - 3 * MINUTE);
	for (int i = 0; i < 5; i++)
		assert_int_equal(call_at(f, t0 - 3 * MINUTE + i), t[i].id);
}

static void
test_clock_backwards_across_midnight_keeps_numbering(void **state)
{
	struct test_office *f = *state;
	int64_t midnight = thaitime_utc_ms(2026, 11, 24, 0, 0);
	struct store_ticket before = issue_at(f, midnight - 10 * MINUTE);
	struct store_ticket t[4];
	struct store_ticket found;
	struct sq_error err = {0};

	assert_string_equal(before.code, "A001");
	assert_int_equal(before.day, 20261123);
	/* The new day starts: its numbering restarts. */
	t[0] = issue_at(f, midnight + 5 * SECOND);
	/* NTP pulls the clock back 20 s, to before midnight. */
	t[1] = issue_at(f, midnight - 15 * SECOND);
	t[2] = issue_at(f, midnight - 10 * SECOND);
	/* And the clock passes midnight again. */
	t[3] = issue_at(f, midnight + 6 * SECOND);
	/* One day, one sequence: no number repeated, none from the old day. */
	for (int i = 0; i < 4; i++) {
		char code[8];
		snprintf(code, sizeof(code), "A%03d", i + 1);
		assert_string_equal(t[i].code, code);
		assert_int_equal(t[i].day, 20261124);
	}
	/* Nobody issued after midnight lost their place to the day's end... */
	for (int i = 0; i < 4; i++) {
		assert_int_equal(store_ticket_find(f->store, 20261124, t[i].code, &found, &err),
		                 SQ_OK);
		assert_int_equal(found.state, TICKET_WAITING);
	}
	/* ...and they are called in the order they were issued. */
	login_at(f, midnight + 10 * SECOND);
	for (int i = 0; i < 4; i++)
		assert_int_equal(call_at(f, midnight + 10 * SECOND + i), t[i].id);
}

/*
 * A kiosk whose clock ran a day ahead, then was corrected: today's queue,
 * its numbering and the ticket at the counter are as before; what was
 * stamped in the false day stays in the log, and the log says which.
 */
static void
test_clock_forward_jump_then_correction(void **state)
{
	struct test_office *f = *state;
	int64_t t0 = thaitime_utc_ms(2026, 11, 23, 10, 0);
	int64_t ahead = thaitime_utc_ms(2026, 11, 24, 10, 0);
	struct store_ticket found;

	assert_string_equal(issue_at(f, t0).code, "A001");
	assert_string_equal(issue_at(f, t0 + MINUTE).code, "A002");
	login_at(f, t0 + 2 * MINUTE);
	int64_t at_counter = call_at(f, t0 + 3 * MINUTE); /* A001 */
	/* The clock jumps a day ahead: a ticket of the false day. */
	struct store_ticket false_day = issue_at(f, ahead);
	assert_int_equal(false_day.day, 20261124);
	int64_t events = test_office_count(f, "SELECT count(*) FROM event");
	/* Corrected: numbering goes on from today's, in today's day. */
	struct store_ticket t3 = issue_at(f, t0 + 5 * MINUTE);
	assert_string_equal(t3.code, "A003");
	assert_int_equal(t3.day, 20261123);
	/* A002 waits again, A001 is still at the counter. */
	assert_int_equal(store_ticket_find(f->store, 20261123, "A002", &found, NULL), SQ_OK);
	assert_int_equal(found.state, TICKET_WAITING);
	assert_int_equal(store_ticket_find(f->store, 20261123, "A001", &found, NULL), SQ_OK);
	assert_int_equal(found.state, TICKET_CALLED);
	assert_int_equal(found.id, at_counter);
	/* Nothing was lost: the correction is logged once, and names the false times. */
	assert_true(test_office_count(f, "SELECT count(*) FROM event") > events);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event WHERE kind = 'fault' AND "
	                                      "reason LIKE 'clock went back%'"),
	                 1);
	assert_int_equal(
	    test_office_count(f, "SELECT count(*) FROM event e, event c WHERE c.kind = "
	                         "'fault' AND c.reason LIKE 'clock went back%' AND e.id < "
	                         "c.id AND e.at_ms > c.at_ms"),
	    2); /* the false day's issue and the expiry it caused */
	/* The queue goes on by arrival. */
	assert_int_equal(call_at(f, t0 + 6 * MINUTE), t3.id - 2);
	assert_int_equal(call_at(f, t0 + 7 * MINUTE), false_day.id);
	assert_int_equal(call_at(f, t0 + 8 * MINUTE), t3.id);
}

/* SADUAK_CLOCK_OFFSET is a whole number of seconds within ten years, or refused. */
static void
test_clock_offset_range(void **state)
{
	static const char *const bad[] = {"99999999999999999999", "9223372036854775", "-315360001",
	                                  "3600s", "one hour"};
	struct sq_error err = {0};
	(void)state;

	assert_int_equal(setenv("SADUAK_CLOCK_OFFSET", "-3600", 1), 0);
	assert_int_equal(clock_offset_check(&err), SQ_OK);
	assert_int_equal(setenv("SADUAK_CLOCK_OFFSET", "315360000", 1), 0);
	assert_int_equal(clock_offset_check(&err), SQ_OK);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(setenv("SADUAK_CLOCK_OFFSET", bad[i], 1), 0);
		assert_int_equal(clock_offset_check(&err), SQ_ERR_INVALID);
		assert_non_null(strstr(err.msg, bad[i]));
	}
	assert_int_equal(unsetenv("SADUAK_CLOCK_OFFSET"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_clock_offset_range),
	    cmocka_unit_test_setup_teardown(test_clock_office_zone_when_machine_utc, setup,
	                                    test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_clock_backwards_within_day_keeps_order, setup,
	                                    test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_clock_backwards_across_midnight_keeps_numbering,
	                                    setup, test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_clock_forward_jump_then_correction, setup,
	                                    test_office_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
