/* Tests of what a counter console reads in one go (store_console.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "store.h"
#include "store_console.h"
#include "test_office.h"
#include "thaitime.h"

#define MINUTE 60000

static const char *const test_config =
    "[office]\n"
    "name_th = สำนักงานทดสอบ\n"
    "name_en = Test Office\n"
    "database = queue.db\n"
    "[service A]\nname_th = เอ\nname_en = A\nhours = daily 00:00-24:00\n"
    "[service B]\nname_th = บี\nname_en = B\nhours = daily 00:00-24:00\n"
    "[counter 1]\nlocation_th = ก\nlocation_en = G\nservices = B, A\n"
    "[counter 2]\nlocation_th = ข\nlocation_en = H\nservices = A\n";

static int
setup(void **state)
{
	return test_office_setup(state, test_config);
}

/* The snapshot holds what the single queries give, for the counter asked. */
static void
test_store_console_read(void **state)
{
	struct test_office *f = *state;
	struct store_console_snapshot snap;
	struct store_ticket t;
	struct store_call call;
	struct sq_error err = {0};
	int n_a;
	int day = thaitime_day_key(f->t0);
	static const char *const issue[] = {"A", "A", "B", "A"};

	for (size_t i = 0; i < sizeof(issue) / sizeof(issue[0]); i++)
		assert_int_equal(
		    store_issue(test_office_at(f, f->t0), f->cfg, issue[i], NULL, &t, &err), SQ_OK);
	assert_int_equal(store_counter_status_event(test_office_at(f, f->t0 + MINUTE), f->cfg, 1,
	                                            EVENT_LOGIN, "o1", &err),
	                 SQ_OK);
	assert_int_equal(
	    store_call_next(test_office_at(f, f->t0 + 2 * MINUTE), f->cfg, 1, &call, &err), SQ_OK);
	assert_int_equal(store_counter_ticket_event(test_office_at(f, f->t0 + 6 * MINUTE), f->cfg,
	                                            1, EVENT_FINISHED, NULL, &t, &err),
	                 SQ_OK);
	assert_int_equal(
	    store_call_next(test_office_at(f, f->t0 + 7 * MINUTE), f->cfg, 1, &call, &err), SQ_OK);

	assert_int_equal(store_console_read(f->store, f->cfg, 1, day, &snap, &err), SQ_OK);
	assert_int_equal(snap.state.status, COUNTER_OPEN);
	assert_string_equal(snap.state.officer, "o1");
	assert_true(snap.state.has_ticket);
	assert_string_equal(snap.state.ticket.code, call.ticket.code);
	/* Four issued, one finished, one held: two waiting, as the single queries say. */
	for (size_t i = 0; i < 2; i++) {
		int n;
		assert_int_equal(store_waiting_count(f->store, i ? "A" : "B", &n, &err), SQ_OK);
		assert_int_equal(snap.waiting[i], n);
	}
	assert_int_equal(snap.waiting[0] + snap.waiting[1], 2);
	assert_int_equal(snap.n_queue, 2);
	assert_int_equal(snap.served, 1);
	assert_true(snap.mean_minutes > 0);
	assert_false(snap.printer.found);
	assert_false(snap.rating.found);

	/* Counter 2 has nobody; it sees the A tickets waiting. */
	assert_int_equal(store_console_read(f->store, f->cfg, 2, day, &snap, &err), SQ_OK);
	assert_int_equal(snap.state.status, COUNTER_CLOSED);
	assert_int_equal(store_waiting_count(f->store, "A", &n_a, &err), SQ_OK);
	assert_int_equal(snap.waiting[0], n_a);
	assert_int_equal(snap.served, 0);

	/* A counter not in the config is refused, naming it. */
	assert_int_equal(store_console_read(f->store, f->cfg, 9, day, &snap, &err),
	                 SQ_ERR_NOTFOUND);
	assert_non_null(strstr(err.msg, "9"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_store_console_read, setup, test_office_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
