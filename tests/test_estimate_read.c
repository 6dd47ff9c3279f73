/*
 * Tests of estimate_read.c: the wait promised for a ticket counts the calls
 * its counters really make before it under the queue rules (a shared
 * counter's older tickets of another service, priority tickets), and says
 * so when no counter is open.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "estimate_read.h"
#include "test_office.h"
#include "thaitime.h"

#define MINUTE 60000

/* Counter 1 serves A and B, oldest first; priority calls capped at two in a row. */
static const char *const test_config =
    "[office]\n"
    "name_th = สำนักงานทดสอบ\n"
    "name_en = Test Office\n"
    "database = queue.db\n"
    "priority_cap = 2\n"
    "[service A]\nname_th = เอ\nname_en = A\nhours = daily 00:00-24:00\ntarget_minutes = 10\n"
    "[service B]\nname_th = บี\nname_en = B\nhours = daily 00:00-24:00\ntarget_minutes = 10\n"
    "[priority elderly]\nname_th = ผู้สูงอายุ\nname_en = Elderly\n"
    "[counter 1]\nlocation_th = ก\nlocation_en = G\nservices = A, B\n";

static int
setup(void **state)
{
	return test_office_setup(state, test_config);
}

/* Take a ticket of service at ms. */
static struct store_ticket
issue(struct test_office *f, int64_t ms, const char *service, const char *priority)
{
	struct store_ticket t;

	assert_int_equal(store_issue(test_office_at(f, ms), f->cfg, service, priority, &t, NULL),
	                 SQ_OK);
	return t;
}

static void
test_estimate_read_counts_the_calls_made_first(void **state)
{
	struct test_office *f = *state;
	struct estimate_now now = {0};
	struct estimate e;
	struct store_ticket elderly, normal;
	int ahead = -1;
	size_t a = (size_t)config_service_index(f->cfg, "A");

	assert_int_equal(store_counter_status_event(test_office_at(f, f->t0), f->cfg, 1,
	                                            EVENT_LOGIN, "tester", NULL),
	                 SQ_OK);
	for (int i = 0; i < 3; i++)
		issue(f, f->t0 + (i + 1) * 1000, "B", NULL);
	/* Nobody waits for A, but the counter calls the three older B tickets first. */
	assert_int_equal(
	    estimate_read(f->store, f->cfg, thaitime_day_key(f->t0), f->t0 + MINUTE, &now, NULL),
	    SQ_OK);
	assert_int_equal(now.waiting[a], 0);
	assert_int_equal(now.input[a].ahead, 3);
	estimate_wait(&now.input[a], &e);
	assert_int_not_equal(e.kind, ESTIMATE_NO_COUNTER);
	assert_true(e.minutes >= 2 * 10);
	/* A priority ticket overtakes them; a normal one taken after it stands behind all four. */
	elderly = issue(f, f->t0 + 2 * MINUTE, "A", "elderly");
	normal = issue(f, f->t0 + 2 * MINUTE + 1000, "A", NULL);
	assert_int_equal(estimate_read(f->store, f->cfg, thaitime_day_key(f->t0),
	                               f->t0 + 3 * MINUTE, &now, NULL),
	                 SQ_OK);
	estimate_now_ticket(&now, a, elderly.id, &ahead, &e);
	assert_int_equal(ahead, 0);
	assert_int_equal(e.minutes, 0);
	estimate_now_ticket(&now, a, normal.id, &ahead, &e);
	assert_int_equal(ahead, 4);
	assert_true(e.minutes >= 3 * 10);
	assert_int_equal(now.input[a].ahead, 5);
	estimate_now_release(&now);
}

static void
test_estimate_read_no_counter_open(void **state)
{
	struct test_office *f = *state;
	struct estimate_now now = {0};
	struct estimate e;
	char text[128];
	size_t a = (size_t)config_service_index(f->cfg, "A");

	issue(f, f->t0, "A", NULL);
	assert_int_equal(
	    estimate_read(f->store, f->cfg, thaitime_day_key(f->t0), f->t0 + MINUTE, &now, NULL),
	    SQ_OK);
	assert_int_equal(now.waiting[a], 1);
	estimate_wait(&now.input[a], &e);
	assert_int_equal(e.kind, ESTIMATE_NO_COUNTER);
	estimate_text(&e, false, text, sizeof(text));
	assert_string_equal(text, "ยังไม่มีช่องเปิดให้บริการ");
	estimate_now_release(&now);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_estimate_read_counts_the_calls_made_first, setup,
	                                    test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_estimate_read_no_counter_open, setup,
	                                    test_office_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
