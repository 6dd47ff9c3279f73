/* Tests of estimate: the wait promised on the kiosk, the ticket and the board. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "estimate.h"

/* One free counter. */
static struct estimate_input
one_free_counter(int ahead, int target)
{
	struct estimate_input in = {.ahead = ahead, .target_minutes = target, .n_counters = 1};

	in.counters[0] = (struct estimate_counter){.busy_minutes = -1};
	return in;
}

static void
test_estimate_no_open_counter_gives_no_number(void **state)
{
	struct estimate_input in = one_free_counter(4, 15);
	struct estimate e;
	char buf[128];

	(void)state;
	in.n_counters = 0;
	estimate_wait(&in, &e);
	assert_int_equal(e.kind, ESTIMATE_NO_COUNTER);
	estimate_text(&e, false, buf, sizeof(buf));
	assert_string_equal(buf, "ยังไม่มีช่องเปิดให้บริการ");
	estimate_text(&e, true, buf, sizeof(buf));
	assert_string_equal(buf, "No counter open yet");
}

static void
test_estimate_few_services_lean_on_the_target(void **state)
{
	struct estimate_input in = one_free_counter(3, 15);
	struct estimate prior, one, many;

	(void)state;
	estimate_wait(&in, &prior);
	/* One 3-second service today. */
	in.served = 1;
	in.mean_minutes = 0.05;
	estimate_wait(&in, &one);
	/* A hundred of them: the day's figures have taken over. */
	in.served = 100;
	estimate_wait(&in, &many);
	assert_true(prior.minutes >= 3 * 15);
	assert_true(one.minutes >= prior.minutes * 3 / 4);
	assert_true(one.minutes <= prior.minutes);
	assert_true(many.minutes < 5);
	assert_true(many.minutes * 4 < one.minutes);
}

static void
test_estimate_range_when_spread_is_wide(void **state)
{
	struct estimate_input in = one_free_counter(6, 20);
	struct estimate e;
	char buf[128], want[128];

	(void)state;
	/* Few measurements and six ahead: the spread is wide, a rounded range. */
	estimate_wait(&in, &e);
	assert_int_equal(e.kind, ESTIMATE_RANGE);
	assert_int_equal(e.low % 5, 0);
	assert_int_equal(e.high % 5, 0);
	assert_true(e.low < e.minutes && e.minutes < e.high);
	estimate_text(&e, true, buf, sizeof(buf));
	assert_non_null(strstr(buf, " min"));
	assert_non_null(strchr(buf, '-'));
	/* Many steady services and one ahead: a number. */
	in = one_free_counter(1, 20);
	in.served = 200;
	in.mean_minutes = 10;
	in.sd_minutes = 1;
	estimate_wait(&in, &e);
	assert_int_equal(e.kind, ESTIMATE_MINUTES);
	assert_in_range(e.minutes, 9, 11);
	assert_int_equal(e.low, e.minutes);
	assert_int_equal(e.high, e.minutes);
	estimate_text(&e, false, buf, sizeof(buf));
	snprintf(want, sizeof(want), "ประมาณ %d นาที", e.minutes);
	assert_string_equal(buf, want);
}

static void
test_estimate_counters_in_parallel_and_busy(void **state)
{
	struct estimate_input in = one_free_counter(1, 10);
	struct estimate e;
	char buf[128];

	(void)state;
	in.served = 50;
	in.mean_minutes = 10;
	in.sd_minutes = 1;
	/* Nobody ahead and a free counter: called at once. */
	in.ahead = 0;
	estimate_wait(&in, &e);
	assert_int_equal(e.minutes, 0);
	estimate_text(&e, true, buf, sizeof(buf));
	assert_string_equal(buf, "less than a minute");
	/* A counter 2 minutes into a 10-minute service frees up in about 8. */
	in.counters[0].busy_minutes = 2;
	estimate_wait(&in, &e);
	assert_in_range(e.minutes, 7, 9);
	/* One twice as long as usual already is likely to run on a while, not to end now. */
	in.counters[0].busy_minutes = 20;
	estimate_wait(&in, &e);
	assert_in_range(e.minutes, 1, 8);
	in.counters[0].busy_minutes = 2;
	/* A second, free counter takes the one ahead; the first is ours. */
	in.ahead = 1;
	in.n_counters = 2;
	in.counters[1] = (struct estimate_counter){.busy_minutes = -1};
	estimate_wait(&in, &e);
	assert_in_range(e.minutes, 7, 9);
	/*
	 * Three calls ahead (of any service: the place holds them all) on two
	 * free counters: each counter counts whole, so ours is the fourth call,
	 * after two services, not after a share of each counter's time.
	 */
	in.counters[0].busy_minutes = -1;
	in.counters[1].busy_minutes = -1;
	in.ahead = 3;
	estimate_wait(&in, &e);
	assert_in_range(e.minutes, 9, 11);
}

static void
test_estimate_counters_open_for_the_service(void **state)
{
	/* Counter 1 serves A and B, counter 2 serves A only, counter 3 is closed. */
	struct config cfg = {.n_services = 2, .n_counters = 3};
	bool open[3] = {true, true, false};
	double busy[3] = {-1, 4, -1};
	struct estimate_input in = {0};

	(void)state;
	cfg.counters[0] = (struct config_counter){.number = 1, .services = {0, 1}, .n_services = 2};
	cfg.counters[1] = (struct config_counter){.number = 2, .services = {0}, .n_services = 1};
	cfg.counters[2] = (struct config_counter){.number = 3, .services = {0}, .n_services = 1};
	estimate_counters(&cfg, 0, open, busy, &in);
	assert_int_equal(in.n_counters, 2);
	assert_true(in.counters[0].busy_minutes < 0);
	assert_true(in.counters[1].busy_minutes == 4);
	/* B: counter 1 only. */
	estimate_counters(&cfg, 1, open, busy, &in);
	assert_int_equal(in.n_counters, 1);
	/* Everyone closed: no counter for A. */
	open[0] = open[1] = false;
	estimate_counters(&cfg, 0, open, busy, &in);
	assert_int_equal(in.n_counters, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_estimate_no_open_counter_gives_no_number),
	    cmocka_unit_test(test_estimate_few_services_lean_on_the_target),
	    cmocka_unit_test(test_estimate_range_when_spread_is_wide),
	    cmocka_unit_test(test_estimate_counters_in_parallel_and_busy),
	    cmocka_unit_test(test_estimate_counters_open_for_the_service),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
