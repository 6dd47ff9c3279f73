/*
 * Tests of the monthly report (report.c) and the simulator (simulate.c):
 * a simulated month is reported, and the key figures are recomputed
 * independently with plain SQL; an empty month says so; the simulator is
 * deterministic for a seed and its traffic model behaves.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "report.h"
#include "simulate.h"
#include "stats.h"
#include "store.h"
#include "thaitime.h"
#include "test_office.h"

static const char *const test_config =
    "[office]\nname_th = สำนักงานทดสอบ\nname_en = Test Office\ndatabase = queue.db\n"
    "rating_collection = third-party\n"
    "[service A]\nname_th = บำนาญ\nname_en = Pensions\nkind = mission\n"
    "hours = mon-fri 08:30-16:30\nextended_hours = mon-fri 16:30-18:00, sat 09:00-12:00\n"
    "target_minutes = 15\n"
    "[service B]\nname_th = เบิกจ่ายตรง\nname_en = Billing\nkind = mission\n"
    "hours = mon-fri 08:30-16:30\ntarget_minutes = 10\n"
    "[service C]\nname_th = ข้อมูล\nname_en = Information\nkind = information\n"
    "hours = mon-fri 08:30-16:30\ntarget_minutes = 8\n"
    "[counter 1]\nlocation_th = ก\nlocation_en = G\nservices = C\nreception = yes\n"
    "[counter 2]\nlocation_th = ก\nlocation_en = G\nservices = A, B\n"
    "[counter 3]\nlocation_th = ก\nlocation_en = G\nservices = B, A\n"
    "[officer somchai]\nname_th = สมชาย\nname_en = Somchai\n"
    "[officer suda]\nname_th = สุดา\nname_en = Suda\n"
    "[officer prasert]\nname_th = ประเสริฐ\nname_en = Prasert\n";
static int
setup(void **state)
{
	return test_office_setup(state, test_config);
}

/* Simulate days from start with seed into f's database. */
static struct simulate_result
simulate(struct test_office *f, int year, int month, int day, int days, uint64_t seed)
{
	struct simulate_options opt;
	struct simulate_result res;
	struct sq_error err = {0};

	simulate_defaults(&opt);
	opt.start_year = year;
	opt.start_month = month;
	opt.start_day = day;
	opt.days = days;
	opt.seed = seed;
	int rc = simulate_run(f->store, f->cfg, &opt, &res, &err);
	if (rc != SQ_OK)
		print_message("simulate: %s\n", err.msg);
	assert_int_equal(rc, SQ_OK);
	return res;
}

/* One number from plain SQL. */
static double
sql_number(struct test_office *f, const char *sql)
{
	sqlite3_stmt *st;
	double v = NAN;

	assert_int_equal(sqlite3_prepare_v2(store_db(f->store), sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	return v;
}

#define FEB "day BETWEEN 20260201 AND 20260228"

/* The key figures of a simulated month agree with plain SQL on the log. */
static void
test_report_matches_plain_sql(void **state)
{
	struct test_office *f = *state;
	struct report *r = NULL;
	struct sq_error err = {0};

	simulate(f, 2026, 1, 1, 59, 42);
	assert_int_equal(report_build(f->store, f->cfg, 2026, 2, 15, 0, &r, &err), SQ_OK);
	assert_true(r->has_data);

	double served =
	    sql_number(f, "SELECT count(*) FROM event WHERE kind = 'finished' AND " FEB);
	double ratings = sql_number(f, "SELECT count(*) FROM event WHERE kind = 'rated' AND " FEB);
	double free_r = sql_number(f, "SELECT count(*) FROM event WHERE kind = 'rated' AND "
	                              "ticket_id IS NULL AND " FEB);
	double mean = sql_number(f, "SELECT avg(score) FROM event WHERE kind = 'rated' AND " FEB);
	double noshow =
	    sql_number(f, "SELECT count(*) FROM ticket WHERE state = 'noshow' AND " FEB);
	double issued = sql_number(f, "SELECT count(*) FROM ticket WHERE " FEB);
	double wait_a = sql_number(f, "SELECT avg(called_ms - issued_ms) / 60000.0 FROM ticket "
	                              "WHERE prefix = 'A' AND called_ms IS NOT NULL AND " FEB);
	double top_two = sql_number(f, "SELECT 100.0 * sum(score >= 4) / count(*) FROM event "
	                               "WHERE kind = 'rated' AND " FEB);
	double prasert = sql_number(f, "SELECT count(*) FROM event WHERE kind = 'rated' AND "
	                               "officer = 'prasert' AND " FEB);
	double first =
	    sql_number(f, "SELECT count(*) FROM event WHERE kind = 'first_contact' AND " FEB);
	double prio =
	    sql_number(f, "SELECT count(*) FROM ticket WHERE priority IS NOT NULL AND " FEB);

	print_message("N %.0f n %.0f (free %.0f) mean %.4f no-show %.0f wait A %.2f\n", served,
	              ratings, free_r, mean, noshow, wait_a);
	assert_true(served > 500 && ratings > 100 && free_r > 0);
	assert_int_equal(r->population, (int64_t)served);
	assert_int_equal(r->sample, (int64_t)ratings);
	assert_int_equal(r->free_standing.sat.total, (int64_t)free_r);
	assert_int_equal(r->tied.sat.total, (int64_t)(ratings - free_r));
	assert_true(fabs(r->all.sat.mean - mean) < 1e-9);
	/* The printed figures: mean / 5 x 100 and the top-two share, to two decimals. */
	assert_int_equal(r->all.sat.mean_percent_x100, (int)floor(mean / 5 * 100 * 100 + 0.5));
	assert_int_equal(r->all.sat.top_two_percent_x100, (int)floor(top_two * 100 + 0.5));
	assert_int_equal(r->noshow, (int64_t)noshow);
	assert_int_equal(r->issued, (int64_t)issued);
	assert_true(fabs(r->services[0].wait.mean_min - wait_a) < 1e-6);
	assert_int_equal(r->first_contacts, (int64_t)first);
	assert_int_equal(r->priority_issued, (int64_t)prio);
	/* The configured collection method and Yamane's table for this N. */
	assert_int_equal(r->collection_points, 2);
	assert_int_equal(r->coverage.tier[1].needed, stats_yamane_n((int64_t)served, 5));
	for (size_t o = 0; o < r->n_officers; o++)
		if (strcmp(r->officers_sat[o].key, "prasert") == 0)
			assert_int_equal(r->officers_sat[o].sat.total, (int64_t)prasert);
	/* Served = regular + extended + outside, and every arrival is in the heat map. */
	assert_int_equal(r->served_regular + r->served_extended + r->served_outside, r->served);
	int64_t heat = 0;
	for (int d = 0; d < REPORT_WEEKDAYS; d++)
		for (int h = 0; h < REPORT_HOURS; h++)
			heat += r->heat[d][h];
	assert_int_equal(heat, r->issued);
	assert_true(r->served_weekend > 0); /* Saturday mornings of service A */
	assert_true(r->has_prev && r->has_wait_change);
	report_free(r);
}

/* A month without data (and without ratings) is a report that says so. */
static void
test_report_empty_month(void **state)
{
	struct test_office *f = *state;
	struct report *r = NULL;
	struct sq_error err = {0};
	char path[128];

	assert_int_equal(report_build(f->store, f->cfg, 2025, 6, 15, 0, &r, &err), SQ_OK);
	assert_false(r->has_data);
	assert_int_equal(r->population, 0);
	assert_int_equal(r->sample, 0);
	assert_false(r->all.sat.has_data);
	assert_false(r->coverage.has_margin);
	assert_int_equal(r->coverage.points, 0);
	assert_false(r->has_prev);
	for (int h = 0; h < REPORT_HOURS; h++)
		assert_int_equal(r->hours[h].counters_needed, 0);
	static const char *const formats[] = {"csv", "xlsx", "html"};
	for (size_t i = 0; i < 3; i++) {
		const struct report_writer *w = report_writer_find(formats[i]);
		assert_non_null(w);
		snprintf(path, sizeof(path), "%s/empty%s", f->dir, w->extension);
		assert_int_equal(w->write(r, path, &err), SQ_OK);
	}
	snprintf(path, sizeof(path), "grep -q 'ไม่มีข้อมูล' '%s/empty.html'", f->dir);
	assert_int_equal(system(path), 0);
	report_free(r);
	assert_null(report_writer_find("pdf"));
	assert_int_equal(report_build(f->store, f->cfg, 2025, 13, 15, 0, &r, &err), SQ_ERR_INVALID);
	assert_null(r);
}

/* Ratings but no service in the month: no division by zero, a census at most. */
static void
test_report_ratings_without_service(void **state)
{
	struct test_office *f = *state;
	struct report *r = NULL;
	struct sq_error err = {0};

	f->now_ms = thaitime_utc_ms(2025, 7, 3, 10, 0);
	assert_int_equal(store_rate(f->store, f->cfg, 0, 0, 5, RATING_REASON_NONE, 0, NULL, &err),
	                 SQ_OK);
	assert_int_equal(report_build(f->store, f->cfg, 2025, 7, 15, 0, &r, &err), SQ_OK);
	assert_int_equal(r->sample, 1);
	assert_true(r->sample_capped);
	assert_int_equal(r->coverage.points, 0);
	assert_true(r->all.sat.has_data);
	assert_int_equal(r->all.sat.percent_x100, 10000);
	report_free(r);
}

/* The same seed gives the same log; another seed another one. */
static void
test_simulate_deterministic(void **state)
{
	struct test_office *f = *state;
	struct simulate_result a = simulate(f, 2026, 3, 2, 3, 7);
	double sum_a = sql_number(f, "SELECT sum(at_ms % 1000003) + count(*) FROM event");
	struct test_office g = {0};
	void *gp = &g;

	assert_int_equal(setup(&gp), 0);
	struct test_office *h = gp;
	struct simulate_result b = simulate(h, 2026, 3, 2, 3, 7);
	double sum_b = sql_number(h, "SELECT sum(at_ms % 1000003) + count(*) FROM event");
	assert_int_equal(a.issued, b.issued);
	assert_int_equal(a.ratings, b.ratings);
	assert_true(sum_a == sum_b);
	test_office_teardown(&gp);
	/* Days already simulated are refused. */
	struct simulate_options opt;
	struct sq_error err = {0};
	simulate_defaults(&opt);
	opt.start_year = 2026;
	opt.start_month = 3;
	opt.start_day = 3;
	assert_int_equal(simulate_run(f->store, f->cfg, &opt, NULL, &err), SQ_ERR_STATE);
}

/* The traffic model: peaks, ranges, means. */
static void
test_simulate_model(void **state)
{
	struct sim_rng rng;
	double sum = 0;

	(void)state;
	sim_rng_seed(&rng, 3);
	assert_true(sim_arrival_weight(9 * 60, 1) > sim_arrival_weight(12 * 60, 1));
	assert_true(sim_arrival_weight(13 * 60 + 15, 1) > sim_arrival_weight(12 * 60 + 15, 1));
	assert_true(sim_arrival_weight(9 * 60, 0) > sim_arrival_weight(9 * 60, 4));
	assert_true(sim_arrival_weight(-1, 0) == 0 && sim_arrival_weight(1440, 0) == 0);
	for (int i = 0; i < 20000; i++)
		sum += sim_rng_poisson(&rng, 3.0);
	assert_true(fabs(sum / 20000 - 3.0) < 0.1);
	sum = 0;
	for (int i = 0; i < 20000; i++) {
		int64_t ms = sim_service_ms(&rng, 10);
		assert_true(ms >= 60000);
		sum += (double)ms / 60000;
	}
	assert_true(sum / 20000 > 7.5 && sum / 20000 < 10.5);
	int counts[6] = {0};
	for (int i = 0; i < 20000; i++) {
		int s = sim_score(&rng, 0, 5);
		assert_true(s >= 1 && s <= 5);
		counts[s]++;
	}
	assert_true(counts[5] > counts[2] && counts[4] > counts[1] && counts[1] > 0);
	/* Long waits lower the scores; a weak officer is rated lower. */
	double good = 0, slow = 0, weak = 0;
	for (int i = 0; i < 20000; i++) {
		good += sim_score(&rng, 0, 5);
		slow += sim_score(&rng, 0, 60);
		weak += sim_score(&rng, -0.7, 5);
	}
	assert_true(good > slow && good > weak);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_report_matches_plain_sql, setup,
	                                    test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_report_empty_month, setup, test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_report_ratings_without_service, setup,
	                                    test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_simulate_deterministic, setup,
	                                    test_office_teardown),
	    cmocka_unit_test(test_simulate_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
