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
    "target_minutes = 15\nbooking_slot_minutes = 30\nbooking_per_slot = 2\n"
    "[service B]\nname_th = เบิกจ่ายตรง\nname_en = Billing\nkind = mission\n"
    "hours = mon-fri 08:30-16:30\ntarget_minutes = 10\nbooking_slot_minutes = 20\n"
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
	    test_office_number(f, "SELECT count(*) FROM event WHERE kind = 'finished' AND " FEB);
	double ratings =
	    test_office_number(f, "SELECT count(*) FROM event WHERE kind = 'rated' AND " FEB);
	double free_r = test_office_number(f, "SELECT count(*) FROM event WHERE kind = 'rated' AND "
	                                      "ticket_id IS NULL AND " FEB);
	double mean =
	    test_office_number(f, "SELECT avg(score) FROM event WHERE kind = 'rated' AND " FEB);
	double noshow =
	    test_office_number(f, "SELECT count(*) FROM ticket WHERE state = 'noshow' AND " FEB);
	double issued = test_office_number(f, "SELECT count(*) FROM ticket WHERE " FEB);
	double wait_a =
	    test_office_number(f, "SELECT avg(called_ms - issued_ms) / 60000.0 FROM ticket "
	                          "WHERE prefix = 'A' AND called_ms IS NOT NULL AND " FEB);
	double top_two = test_office_number(
	    f, "SELECT 100.0 * sum(CASE WHEN score >= 4 THEN 1 ELSE 0 END) / count(*) FROM event "
	       "WHERE kind = 'rated' AND " FEB);
	double prasert =
	    test_office_number(f, "SELECT count(*) FROM event WHERE kind = 'rated' AND "
	                          "officer = 'prasert' AND " FEB);
	double first = test_office_number(
	    f, "SELECT count(*) FROM event WHERE kind = 'first_contact' AND " FEB);
	double prio = test_office_number(
	    f, "SELECT count(*) FROM ticket WHERE priority IS NOT NULL AND " FEB);

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
	/* P12: the handling counts are the log's; a row adds up with its transfers. */
	assert_true(r->transferred > 0 && r->parks > 0);
	assert_int_equal(r->transferred,
	                 (int64_t)test_office_number(f, "SELECT count(*) FROM event WHERE kind = "
	                                                "'transferred' AND " FEB));
	assert_int_equal(r->parks,
	                 (int64_t)test_office_number(f, "SELECT count(*) FROM event WHERE "
	                                                "kind = 'parked' AND " FEB));
	assert_int_equal(r->recalls,
	                 (int64_t)test_office_number(f, "SELECT count(*) FROM event WHERE "
	                                                "kind = 'recalled' AND " FEB));
	assert_int_equal(r->calls,
	                 (int64_t)test_office_number(f, "SELECT count(*) FROM event WHERE "
	                                                "kind = 'called' AND " FEB));
	for (size_t s = 0; s < r->n_services; s++) {
		const struct report_service *rs = &r->services[s];
		assert_int_equal(rs->issued + rs->transferred_in - rs->transferred_out,
		                 rs->served + rs->noshow + rs->expired + rs->voided + rs->open);
	}
	/* Bookings: the month's events by kind, and the waits of booked against walk-in tickets. */
	static const struct {
		const char *sql;
		size_t offset;
	} booking_counts[] = {
	    {"SELECT count(*) FROM event WHERE kind = 'booked' AND " FEB,
	     offsetof(struct report_booking, made)},
	    {"SELECT count(*) FROM event WHERE kind = 'cancelled' AND " FEB,
	     offsetof(struct report_booking, cancelled)},
	    {"SELECT count(*) FROM event WHERE kind = 'checked_in' AND " FEB,
	     offsetof(struct report_booking, checked_in)},
	    {"SELECT count(*) FROM event WHERE kind = 'booking_noshow' AND " FEB,
	     offsetof(struct report_booking, no_show)},
	    {"SELECT count(*) FROM ticket WHERE booked = 1 AND " FEB,
	     offsetof(struct report_booking, booked_issued)},
	};
	for (size_t i = 0; i < sizeof(booking_counts) / sizeof(booking_counts[0]); i++) {
		int64_t want = (int64_t)test_office_number(f, booking_counts[i].sql);
		print_message("%s: %lld\n", booking_counts[i].sql, (long long)want);
		assert_true(want > 0);
		assert_int_equal(
		    *(const int64_t *)((const char *)&r->booking + booking_counts[i].offset), want);
	}
	assert_int_equal(r->booking.booked_issued + r->booking.walk_in_issued, r->issued);
	double wait_booked =
	    test_office_number(f, "SELECT avg(called_ms - issued_ms) / 60000.0 FROM ticket "
	                          "WHERE booked = 1 AND called_ms IS NOT NULL AND " FEB);
	double wait_walk_in =
	    test_office_number(f, "SELECT avg(called_ms - issued_ms) / 60000.0 FROM ticket "
	                          "WHERE booked = 0 AND called_ms IS NOT NULL AND " FEB);
	assert_true(fabs(r->booking.wait_booked.mean_min - wait_booked) < 1e-6);
	assert_true(fabs(r->booking.wait_walk_in.mean_min - wait_walk_in) < 1e-6);
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
		assert_int_equal(report_write_file(w, r, path, &err), SQ_OK);
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

/* What a sink saw of one table: the text of each cell of the rows whose first cell is key. */
struct table_grab {
	const char *table, *key;
	bool in_table;
	char cells[32][64];
	size_t n;
};

static int
grab_begin(void *ctx, const struct report_table *t)
{
	struct table_grab *g = ctx;

	g->in_table = strcmp(t->id, g->table) == 0;
	return SQ_OK;
}

static int
grab_row(void *ctx, const struct report_cell *cells, size_t n)
{
	struct table_grab *g = ctx;

	if (!g->in_table || cells[0].type != REPORT_CELL_TEXT || strcmp(cells[0].text, g->key) != 0)
		return SQ_OK;
	for (g->n = 0; g->n < n && g->n < 32; g->n++)
		report_cell_text(&cells[g->n], g->cells[g->n], sizeof(g->cells[0]));
	return SQ_OK;
}

static int
grab_end(void *ctx, const struct report_table *t)
{
	(void)t;
	((struct table_grab *)ctx)->in_table = false;
	return SQ_OK;
}

/* The cells of row key of table id in r (asserts the row exists). */
static struct table_grab
grab(const struct report *r, const char *table, const char *key)
{
	struct table_grab g = {.table = table, .key = key};
	struct report_sink sink = {
	    .ctx = &g, .begin = grab_begin, .row = grab_row, .end = grab_end};

	assert_int_equal(report_emit_tables(r, &sink), SQ_OK);
	if (!g.n)
		fail_msg("no row %s in table %s", key, table);
	return g;
}

/* Exact ties round half up as ROUND does: 1.15 min prints 1.2, 3.25 min prints 3.3. */
static void
test_report_rounds_ties_up(void **state)
{
	struct test_office *f = *state;
	struct store_ticket t;
	struct store_call call;
	struct report *r = NULL;
	struct sq_error err = {0};
	int64_t t0 = f->t0;

	assert_int_equal(store_issue(test_office_at(f, t0), f->cfg, "A", NULL, &t, &err), SQ_OK);
	assert_int_equal(store_issue(test_office_at(f, t0), f->cfg, "A", NULL, &t, &err), SQ_OK);
	assert_int_equal(store_counter_status_event(test_office_at(f, t0), f->cfg, 2, EVENT_LOGIN,
	                                            "somchai", &err),
	                 SQ_OK);
	/* A001 waits 60 s, A002 78 s: mean and median 69 s = 1.15 min */
	assert_int_equal(store_call_next(test_office_at(f, t0 + 60000), f->cfg, 2, &call, &err),
	                 SQ_OK);
	assert_int_equal(store_call_next(test_office_at(f, t0 + 78000), f->cfg, 2, &call, &err),
	                 SQ_OK);
	/* B001 waits 195 s = 3.25 min, a double exactly: printf("%.1f") shows 3.2 */
	assert_int_equal(store_issue(test_office_at(f, t0 + 100000), f->cfg, "B", NULL, &t, &err),
	                 SQ_OK);
	assert_int_equal(store_counter_status_event(test_office_at(f, t0), f->cfg, 3, EVENT_LOGIN,
	                                            "prasert", &err),
	                 SQ_OK);
	assert_int_equal(store_call_next(test_office_at(f, t0 + 295000), f->cfg, 3, &call, &err),
	                 SQ_OK);
	assert_string_equal(call.ticket.code, "B001");
	assert_int_equal(report_build(f->store, f->cfg, 2026, 11, 15, 0, &r, &err), SQ_OK);

	struct table_grab a = grab(r, "queue", "A"), b = grab(r, "queue", "B");
	assert_string_equal(a.cells[10], "1.2"); /* wait mean */
	assert_string_equal(a.cells[11], "1.2"); /* wait median */
	assert_string_equal(a.cells[12], "1.3"); /* P90: 76.2 s = 1.27 min */
	assert_string_equal(b.cells[10], "3.3");
	report_free(r);
}

/* Tickets that expired never called have their own row: count and how long they waited. */
static void
test_report_uncalled_row(void **state)
{
	struct test_office *f = *state;
	struct store_ticket t;
	struct store_call call;
	struct report *r = NULL;
	struct sq_error err = {0};
	int64_t t0 = f->t0;
	int n = 0;

	assert_int_equal(store_issue(test_office_at(f, t0), f->cfg, "A", NULL, &t, &err), SQ_OK);
	assert_int_equal(store_issue(test_office_at(f, t0), f->cfg, "A", NULL, &t, &err), SQ_OK);
	assert_int_equal(store_issue(test_office_at(f, t0 + 30000), f->cfg, "A", NULL, &t, &err),
	                 SQ_OK);
	assert_int_equal(store_counter_status_event(test_office_at(f, t0), f->cfg, 2, EVENT_LOGIN,
	                                            "somchai", &err),
	                 SQ_OK);
	/* The day's only call, at 09:01: A002 and A003 are never called. */
	assert_int_equal(store_call_next(test_office_at(f, t0 + 60000), f->cfg, 2, &call, &err),
	                 SQ_OK);
	assert_int_equal(store_expire_before(f->store, 20261124, t0 + 86400000, &n, &err), SQ_OK);
	assert_int_equal(n, 2); /* A001 is at the counter: midnight never takes it */
	assert_int_equal(report_build(f->store, f->cfg, 2026, 11, 15, 0, &r, &err), SQ_OK);
	assert_int_equal(r->wait.n, 1);
	assert_int_equal(r->expired, 2);
	assert_int_equal(r->uncalled_expired, 2);
	assert_int_equal(r->uncalled_voided, 0);

	/* They waited until the last call: 60 s and 30 s, mean 45 s = 0.75 min. */
	struct table_grab u = grab(r, "queue", "uncalled");
	assert_string_equal(u.cells[2], "2");
	assert_string_equal(u.cells[7], "2");
	assert_string_equal(u.cells[10], "0.8");
	assert_string_equal(u.cells[12], "1.0"); /* P90: 30 + 0.9 x 30 s = 0.95 min */
	report_free(r);
}

/*
 * P12 per service (out-of-turn calls, recalls, parks, transfers), the
 * all-officers row of S3.3.2, the kinds of S2.3 and the kiosk's own
 * first-contact outcomes, by name in both languages.
 */
static void
test_report_evidence_rows(void **state)
{
	struct test_office *f = *state;
	struct store_ticket t;
	struct store_call call;
	struct report *r = NULL;
	struct sq_error err = {0};
	int64_t t0 = f->t0;

	for (int i = 0; i < 3; i++)
		assert_int_equal(store_issue(test_office_at(f, t0), f->cfg, "A", NULL, &t, &err),
		                 SQ_OK);
	assert_int_equal(store_counter_status_event(test_office_at(f, t0), f->cfg, 2, EVENT_LOGIN,
	                                            "somchai", &err),
	                 SQ_OK);
	assert_int_equal(store_counter_status_event(test_office_at(f, t0), f->cfg, 3, EVENT_LOGIN,
	                                            "prasert", &err),
	                 SQ_OK);
	/* A003 out of turn, recalled, transferred to B; counter 3 calls it there by code. */
	assert_int_equal(store_call_ticket(test_office_at(f, t0 + 1000), f->cfg, 2, "A003",
	                                   "เอกสารพร้อม", &call, &err),
	                 SQ_OK);
	assert_int_equal(store_counter_ticket_event(test_office_at(f, t0 + 2000), f->cfg, 2,
	                                            EVENT_RECALLED, NULL, &t, &err),
	                 SQ_OK);
	assert_int_equal(store_counter_ticket_event(test_office_at(f, t0 + 3000), f->cfg, 2,
	                                            EVENT_TRANSFERRED, "B", &t, &err),
	                 SQ_OK);
	assert_int_equal(store_call_ticket(test_office_at(f, t0 + 4000), f->cfg, 3, "A003",
	                                   "โอนมาจากช่อง 2", &call, &err),
	                 SQ_OK);
	assert_int_equal(store_counter_ticket_event(test_office_at(f, t0 + 5000), f->cfg, 3,
	                                            EVENT_FINISHED, NULL, &t, &err),
	                 SQ_OK);
	assert_int_equal(store_rate(test_office_at(f, t0 + 6000), f->cfg, 3, 0, 3,
	                            RATING_REASON_NONE, 0, NULL, &err),
	                 SQ_OK);
	/* A001 parked at counter 2, then A002 served and rated 5. */
	assert_int_equal(store_call_next(test_office_at(f, t0 + 7000), f->cfg, 2, &call, &err),
	                 SQ_OK);
	assert_int_equal(store_counter_ticket_event(test_office_at(f, t0 + 8000), f->cfg, 2,
	                                            EVENT_PARKED, NULL, &t, &err),
	                 SQ_OK);
	assert_int_equal(store_call_next(test_office_at(f, t0 + 9000), f->cfg, 2, &call, &err),
	                 SQ_OK);
	assert_int_equal(store_counter_ticket_event(test_office_at(f, t0 + 10000), f->cfg, 2,
	                                            EVENT_FINISHED, NULL, &t, &err),
	                 SQ_OK);
	assert_int_equal(store_rate(test_office_at(f, t0 + 11000), f->cfg, 2, 0, 5,
	                            RATING_REASON_NONE, 0, NULL, &err),
	                 SQ_OK);
	assert_int_equal(store_log_event(test_office_at(f, t0 + 12000), EVENT_FIRST_CONTACT, "A", 0,
	                                 "back", &err),
	                 SQ_OK);
	assert_int_equal(store_log_event(test_office_at(f, t0 + 13000), EVENT_FIRST_CONTACT, "C", 0,
	                                 "advice-only", &err),
	                 SQ_OK);
	assert_int_equal(report_build(f->store, f->cfg, 2026, 11, 15, 0, &r, &err), SQ_OK);

	const struct report_service *a = &r->services[0], *b = &r->services[1];
	assert_int_equal(a->manual_calls, 1);
	assert_int_equal(a->recalls, 1);
	assert_int_equal(a->parks, 1);
	assert_int_equal(a->calls, 3);
	assert_int_equal(b->calls, 1);
	assert_int_equal(b->manual_calls, 1);
	assert_int_equal(a->transferred_out, 1);
	assert_int_equal(b->transferred_in, 1);
	assert_int_equal(b->served, 1);
	/* A: 3 issued - 1 out = 1 served + 1 parked (open); B: 0 + 1 in = 1 served */
	assert_int_equal(a->issued - a->transferred_out, a->served + a->open);
	assert_int_equal(b->issued + b->transferred_in, b->served);
	struct table_grab calls = grab(r, "calls", "A");
	assert_string_equal(calls.cells[3], "1"); /* out of turn */

	/* S3.3.2: every officer's ratings together, 3 and 5: mean 4.00 = 80.00 % */
	struct table_grab all = grab(r, "by_officer", "all");
	assert_string_equal(all.cells[7], "2");
	assert_string_equal(all.cells[11], "80.00");

	/* S2.3: A and B are mission services, C information. */
	struct table_grab mission = grab(r, "kinds", "mission");
	assert_string_equal(mission.cells[2], "A, B");
	assert_string_equal(mission.cells[3], "3");
	assert_string_equal(mission.cells[4], "2");

	/* The kiosk's outcomes by name, never raw, in Thai. */
	assert_string_not_equal(report_outcome_th("back"), "back");
	assert_string_not_equal(report_outcome_en("back"), "back");
	assert_string_not_equal(report_outcome_th("advice-only"), "advice-only");
	assert_string_not_equal(report_outcome_en("advice-only"), "advice-only");
	assert_string_not_equal(report_outcome_th("something-new"), "something-new");
	assert_string_equal(report_outcome_en("something-new"), "something-new");
	assert_int_equal(r->n_outcomes, 2);
	report_free(r);
}

/* How many rows of table id have key as first cell. */
struct key_count {
	const char *table, *key;
	bool in_table;
	int n;
};

static int
count_begin(void *ctx, const struct report_table *t)
{
	struct key_count *c = ctx;

	c->in_table = strcmp(t->id, c->table) == 0;
	return SQ_OK;
}

static int
count_row(void *ctx, const struct report_cell *cells, size_t n)
{
	struct key_count *c = ctx;

	if (c->in_table && n && cells[0].type == REPORT_CELL_TEXT &&
	    strcmp(cells[0].text, c->key) == 0)
		c->n++;
	return SQ_OK;
}

static int
count_rows(const struct report *r, const char *table, const char *key)
{
	struct key_count c = {.table = table, .key = key};
	struct report_sink sink = {
	    .ctx = &c, .begin = count_begin, .row = count_row, .end = grab_end};

	assert_int_equal(report_emit_tables(r, &sink), SQ_OK);
	return c.n;
}

/*
 * A month not over, a log that starts after the 1st and too few ratings for
 * +-10 % each put a caveat beside the headline figures, in every format.
 */
static void
test_report_caveats(void **state)
{
	struct test_office *f = *state;
	struct store_ticket t;
	struct store_call call;
	struct report_caveat caveats[REPORT_MAX_CAVEATS];
	struct report *r = NULL;
	struct sq_error err = {0};
	int64_t t0 = f->t0; /* Monday 23 November 2026 */
	char path[160], cmd[512];

	assert_int_equal(store_issue(test_office_at(f, t0), f->cfg, "A", NULL, &t, &err), SQ_OK);
	assert_int_equal(store_counter_status_event(test_office_at(f, t0), f->cfg, 2, EVENT_LOGIN,
	                                            "somchai", &err),
	                 SQ_OK);
	assert_int_equal(store_call_next(test_office_at(f, t0 + 60000), f->cfg, 2, &call, &err),
	                 SQ_OK);
	assert_int_equal(store_counter_ticket_event(test_office_at(f, t0 + 120000), f->cfg, 2,
	                                            EVENT_FINISHED, NULL, &t, &err),
	                 SQ_OK);

	/* Made on 23 November: the month is not over, the log began that day, no rating. */
	assert_int_equal(report_build(f->store, f->cfg, 2026, 11, 15, t0 + 3600000, &r, &err),
	                 SQ_OK);
	assert_true(r->month_open && r->log_starts_late && r->sample_short);
	assert_int_equal(r->log_first_day, 20261123);
	assert_int_equal(report_caveats(r, caveats), 3);
	assert_non_null(strstr(caveats[0].en, "not over"));
	assert_non_null(strstr(caveats[1].en, "23 Nov 2569 BE"));
	assert_non_null(strstr(caveats[2].en, "0 ratings, fewer than the 1"));
	assert_int_equal(count_rows(r, "outcome1", "!"), 3);
	static const char *const formats[] = {"csv", "xlsx", "html"};
	for (size_t i = 0; i < 3; i++) {
		const struct report_writer *w = report_writer_find(formats[i]);
		snprintf(path, sizeof(path), "%s/partial%s", f->dir, w->extension);
		assert_int_equal(report_write_file(w, r, path, &err), SQ_OK);
	}
	snprintf(cmd, sizeof(cmd), "grep -q 'The month is not over' '%s/partial.csv'", f->dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "grep -q 'class=warn>ข้อควรระวัง' '%s/partial.html'", f->dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd),
	         "python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
	         "sys.exit(not any(b\"The log starts on\" in z.read(n) for n in z.namelist()))' "
	         "'%s/partial.xlsx'",
	         f->dir);
	assert_int_equal(system(cmd), 0);
	report_free(r);

	/* Made after the month, with its one client's rating: no caveat about November. */
	assert_int_equal(store_rate(test_office_at(f, t0 + 180000), f->cfg, 2, 0, 5,
	                            RATING_REASON_NONE, 0, NULL, &err),
	                 SQ_OK);
	assert_int_equal(
	    report_build(f->store, f->cfg, 2026, 12, 15, t0 + 40LL * 86400000, &r, &err), SQ_OK);
	assert_false(r->month_open || r->log_starts_late || r->sample_short);
	report_free(r);
	assert_int_equal(
	    report_build(f->store, f->cfg, 2026, 11, 15, t0 + 40LL * 86400000, &r, &err), SQ_OK);
	assert_false(r->month_open || r->sample_short);
	assert_true(r->log_starts_late);
	assert_int_equal(report_caveats(r, caveats), 1);
	report_free(r);
}

/* --month: exactly YYYY-MM; a Buddhist-Era year is the same month. */
static void
test_report_parse_month(void **state)
{
	static const struct {
		const char *text;
		bool ok;
		int year, month;
	} cases[] = {
	    {"2026-01", true, 2026, 1}, {"2569-11", true, 2026, 11}, {"2743-12", true, 2200, 12},
	    {"2000-01", true, 2000, 1}, {"2026-+1", false, 0, 0},    {"2026-1", false, 0, 0},
	    {" 2026-01", false, 0, 0},  {"2026-01 ", false, 0, 0},   {"2026-13", false, 0, 0},
	    {"2026-00", false, 0, 0},   {"1999-12", false, 0, 0},    {"2744-01", false, 0, 0},
	    {"2026/01", false, 0, 0},   {"+026-01", false, 0, 0},    {"", false, 0, 0},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int year = -1, month = -1;
		bool ok = report_parse_month(cases[i].text, &year, &month);
		if (ok != cases[i].ok)
			fail_msg("'%s': %s", cases[i].text, ok ? "accepted" : "refused");
		if (ok) {
			assert_int_equal(year, cases[i].year);
			assert_int_equal(month, cases[i].month);
		} else {
			assert_int_equal(year, -1);
		}
	}
}

/* The same seed gives the same log; another seed another one. */
static void
test_simulate_deterministic(void **state)
{
	struct test_office *f = *state;
	struct simulate_result a = simulate(f, 2026, 3, 2, 3, 7);
	double sum_a = test_office_number(f, "SELECT sum(at_ms % 1000003) + count(*) FROM event");
	struct test_office g = {0};
	void *gp = &g;

	assert_int_equal(setup(&gp), 0);
	struct test_office *h = gp;
	struct simulate_result b = simulate(h, 2026, 3, 2, 3, 7);
	double sum_b = test_office_number(h, "SELECT sum(at_ms % 1000003) + count(*) FROM event");
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
	    cmocka_unit_test(test_report_parse_month),
	    cmocka_unit_test_setup_teardown(test_report_rounds_ties_up, setup,
	                                    test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_report_uncalled_row, setup, test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_report_evidence_rows, setup, test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_report_caveats, setup, test_office_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
