/* Tests of ratings in the SQLite log (store_rate and friends, store.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "store.h"
#include "thaitime.h"
#include "test_office.h"

#define MINUTE 60000

static const char *const test_config =
    "[office]\n"
    "name_th = สำนักงานทดสอบ\n"
    "name_en = Test Office\n"
    "database = queue.db\n"
    "[service A]\nname_th = เอ\nname_en = A\nhours = daily 00:00-24:00\n"
    "[counter 1]\nlocation_th = ก\nlocation_en = G\nservices = A\n"
    "[counter 2]\nlocation_th = ก\nlocation_en = G\nservices = A\n"
    "[rating]\nwindow_minutes = 5\ntimeout_seconds = 20\n";

/* Write text as the config file name in f's folder; returns its config or NULL. */
static struct config *
load_config(struct test_office *f, const char *name, const char *text, struct sq_error *err)
{
	char path[128];
	struct config *cfg = NULL;
	FILE *file;

	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	file = fopen(path, "w");
	if (!file)
		return NULL;
	fputs(text, file);
	fclose(file);
	config_load(path, &cfg, err);
	return cfg;
}
static int
setup(void **state)
{
	return test_office_setup(state, test_config);
}

/* Issue a ticket, call it at counter as officer and finish it at `at`. */
static struct store_ticket
serve(struct test_office *f, int counter, const char *officer, int64_t at)
{
	struct store_ticket t, done;
	struct store_call call;
	struct sq_error err = {0};

	f->now_ms = at - 5 * MINUTE;
	assert_int_equal(store_issue(f->store, f->cfg, "A", NULL, &t, &err), SQ_OK);
	f->now_ms = at - 4 * MINUTE;
	store_counter_status_event(f->store, f->cfg, counter, EVENT_LOGIN, officer, NULL);
	f->now_ms = at - 3 * MINUTE;
	assert_int_equal(store_call_next(f->store, f->cfg, counter, &call, &err), SQ_OK);
	f->now_ms = at;
	assert_int_equal(store_counter_ticket_event(f->store, f->cfg, counter, EVENT_FINISHED, NULL,
	                                            &done, &err),
	                 SQ_OK);
	return t;
}

/* A rating right after the finish is stored with ticket, service, counter, officer. */
static void
test_store_rating_stores_everything(void **state)
{
	struct test_office *f = *state;
	struct store_ticket t = serve(f, 2, "somchai", f->t0);
	struct store_rating r;
	struct sq_error err = {0};

	f->now_ms = f->t0 + MINUTE;
	assert_int_equal(store_rate(f->store, f->cfg, 2, 0, 4, RATING_REASON_COURTESY, 0, &r, &err),
	                 SQ_OK);
	assert_int_equal(r.ticket_id, t.id);
	assert_string_equal(r.code, "A001");
	assert_string_equal(r.service, "A");
	assert_int_equal(r.counter, 2);
	assert_string_equal(r.officer, "somchai");
	assert_int_equal(
	    test_office_count(f, "SELECT count(*) FROM event WHERE kind = 'rated' AND "
	                         "ticket_id = 1 AND score = 4 AND reason = 'courtesy' AND "
	                         "counter = 2 AND officer = 'somchai' AND service = 'A'"),
	    1);
	/* The ticket stays done, finished when it was finished. */
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM ticket WHERE state = 'done'"),
	                 1);
	char sql[128];
	snprintf(sql, sizeof(sql), "SELECT state_ms = %lld FROM ticket WHERE id = 1",
	         (long long)f->t0);
	assert_int_equal(test_office_count(f, sql), 1);
}

/* A ticket is rated once; the second try is refused and writes nothing. */
static void
test_store_rating_once_per_ticket(void **state)
{
	struct test_office *f = *state;
	struct store_ticket t = serve(f, 1, "suda", f->t0);
	struct sq_error err = {0};

	f->now_ms = f->t0 + 1000;
	assert_int_equal(store_rate(f->store, f->cfg, 1, 0, 5, RATING_REASON_NONE, 0, NULL, &err),
	                 SQ_OK);
	f->now_ms = f->t0 + 2000;
	assert_int_equal(store_rate(f->store, f->cfg, 1, 0, 1, RATING_REASON_NONE, 0, NULL, &err),
	                 SQ_ERR_STATE);
	assert_non_null(strstr(err.msg, "already been rated"));
	f->now_ms = f->t0 + 3000;
	assert_int_equal(
	    store_rate(f->store, f->cfg, 0, t.id, 1, RATING_REASON_NONE, 0, NULL, &err),
	    SQ_ERR_STATE);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event WHERE kind = 'rated'"),
	                 1);
	/*
	 * The database itself refuses a second rating of a ticket (the row has a
	 * hash, so that the index refuses it, not the trigger wanting one).
	 */
	assert_int_not_equal(
	    test_office_exec(f,
	                     "INSERT INTO event (ticket_id, at_ms, kind, day, score, hash) "
	                     "VALUES (1, 0, 'rated', 20261123, 3, 'x')",
	                     NULL),
	    0);
}

/* Past [rating] window_minutes the rating is refused; at the edge it is accepted. */
static void
test_store_rating_window(void **state)
{
	struct test_office *f = *state;
	struct sq_error err = {0};
	struct store_rating_target target;

	serve(f, 1, "suda", f->t0);
	f->now_ms = f->t0 + 5 * MINUTE + 1;
	assert_int_equal(store_rate(f->store, f->cfg, 1, 0, 3, RATING_REASON_NONE, 0, NULL, &err),
	                 SQ_ERR_STATE);
	assert_non_null(strstr(err.msg, "more than 5 minutes"));
	assert_int_equal(
	    store_rating_target(f->store, f->cfg, 1, f->t0 + 6 * MINUTE, &target, &err),
	    SQ_ERR_STATE);
	assert_false(target.rated);
	assert_int_equal(
	    store_rating_target(f->store, f->cfg, 1, f->t0 + 5 * MINUTE, &target, &err), SQ_OK);
	assert_string_equal(target.ticket.code, "A001");
	assert_int_equal(target.finished_ms, f->t0);
	f->now_ms = f->t0 + 5 * MINUTE;
	assert_int_equal(store_rate(f->store, f->cfg, 1, 0, 3, RATING_REASON_NONE, 0, NULL, &err),
	                 SQ_OK);
	assert_int_equal(store_rating_target(f->store, f->cfg, 1, f->t0 + MINUTE, &target, &err),
	                 SQ_ERR_STATE);
	assert_true(target.rated);
}

/* Nothing finished at the counter, or a ticket still being served: refused. */
static void
test_store_rating_needs_a_finish(void **state)
{
	struct test_office *f = *state;
	struct store_ticket t;
	struct store_call call;
	struct sq_error err = {0};

	f->now_ms = f->t0;
	assert_int_equal(store_rate(f->store, f->cfg, 1, 0, 5, RATING_REASON_NONE, 0, NULL, &err),
	                 SQ_ERR_NOTFOUND);
	f->now_ms = f->t0;
	assert_int_equal(store_issue(f->store, f->cfg, "A", NULL, &t, &err), SQ_OK);
	f->now_ms = f->t0;
	store_counter_status_event(f->store, f->cfg, 1, EVENT_LOGIN, "suda", NULL);
	f->now_ms = f->t0;
	assert_int_equal(store_call_next(f->store, f->cfg, 1, &call, &err), SQ_OK);
	f->now_ms = f->t0;
	assert_int_equal(
	    store_rate(f->store, f->cfg, 0, t.id, 5, RATING_REASON_NONE, 0, NULL, &err),
	    SQ_ERR_STATE);
	f->now_ms = f->t0;
	assert_int_equal(store_rate(f->store, f->cfg, 9, 0, 5, RATING_REASON_NONE, 0, NULL, &err),
	                 SQ_ERR_NOTFOUND);
	f->now_ms = f->t0;
	assert_int_equal(store_rate(f->store, f->cfg, 1, 0, 0, RATING_REASON_NONE, 0, NULL, &err),
	                 SQ_ERR_INVALID);
	f->now_ms = f->t0;
	assert_int_equal(store_rate(f->store, f->cfg, 1, 0, 6, RATING_REASON_NONE, 0, NULL, &err),
	                 SQ_ERR_INVALID);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event WHERE kind = 'rated'"),
	                 0);
}

/* The last finish at the counter is the one rated, and only at its own counter. */
static void
test_store_rating_last_finish_at_counter(void **state)
{
	struct test_office *f = *state;
	struct sq_error err = {0};
	struct store_rating r;

	struct store_ticket a = serve(f, 1, "suda", f->t0);
	struct store_ticket b = serve(f, 2, "somchai", f->t0 + MINUTE);
	struct store_ticket c = serve(f, 1, "suda", f->t0 + 2 * MINUTE);
	f->now_ms = f->t0 + 3 * MINUTE;
	assert_int_equal(store_rate(f->store, f->cfg, 1, 0, 2, RATING_REASON_WAITING, 0, &r, &err),
	                 SQ_OK);
	assert_int_equal(r.ticket_id, c.id);
	f->now_ms = f->t0 + 3 * MINUTE;
	assert_int_equal(store_rate(f->store, f->cfg, 2, a.id, 2, RATING_REASON_NONE, 0, &r, &err),
	                 SQ_ERR_STATE);
	assert_non_null(strstr(err.msg, "at counter 1, not 2"));
	f->now_ms = f->t0 + 3 * MINUTE;
	assert_int_equal(store_rate(f->store, f->cfg, 2, b.id, 5, RATING_REASON_NONE, 0, &r, &err),
	                 SQ_OK);
	assert_string_equal(r.officer, "somchai");
}

/* A free-standing rating has no ticket, service, counter or officer. */
static void
test_store_rating_free_standing(void **state)
{
	struct test_office *f = *state;
	struct sq_error err = {0};
	struct store_rating r;

	f->now_ms = f->t0;
	assert_int_equal(
	    store_rate(f->store, f->cfg, 0, 0, 4, RATING_REASON_FACILITIES, 0, &r, &err), SQ_OK);
	assert_int_equal(r.ticket_id, 0);
	f->now_ms = f->t0 + 1;
	assert_int_equal(store_rate(f->store, f->cfg, 0, 0, 4, RATING_REASON_NONE, 0, &r, &err),
	                 SQ_OK);
	assert_int_equal(
	    test_office_count(f, "SELECT count(*) FROM event WHERE kind = 'rated' AND "
	                         "ticket_id IS NULL AND counter IS NULL AND service IS NULL"),
	    2);
	assert_int_equal(
	    test_office_count(f, "SELECT count(*) FROM event WHERE reason = 'facilities'"), 1);
}

/* Reason names round-trip; unknown names are refused. */
static void
test_store_rating_reason_names(void **state)
{
	(void)state;
	for (int i = 0; i < RATING_REASON_COUNT; i++) {
		assert_int_equal(store_rating_reason_from_name(store_rating_reason_name(i)), i);
		assert_true(*store_rating_reason_th(i));
		assert_true(*store_rating_reason_en(i));
	}
	assert_int_equal(store_rating_reason_from_name(NULL), RATING_REASON_NONE);
	assert_int_equal(store_rating_reason_from_name("speed"), -1);
}

/* [rating] settings: read, defaulted, and a bad value refused with file and key. */
static void
test_store_rating_settings(void **state)
{
	struct test_office *f = *state;
	struct store_rating_settings set;
	struct sq_error err = {0};
	struct config *cfg;

	store_rating_settings(f->cfg, &set);
	assert_int_equal(set.window_minutes, 5);
	assert_int_equal(set.timeout_seconds, 20);
	cfg = load_config(f, "plain.ini",
	                  "[office]\nname_th = ก\nname_en = G\ndatabase = q.db\n"
	                  "[service A]\nname_th = เอ\nname_en = A\nhours = daily 00:00-24:00\n"
	                  "[counter 1]\nlocation_th = ก\nlocation_en = G\nservices = A\n",
	                  &err);
	if (!cfg)
		print_message("%s\n", err.msg);
	assert_non_null(cfg);
	store_rating_settings(cfg, &set);
	assert_int_equal(set.window_minutes, STORE_RATING_WINDOW_DEFAULT);
	assert_int_equal(set.timeout_seconds, STORE_RATING_TIMEOUT_DEFAULT);
	config_free(cfg);
	cfg = load_config(f, "bad.ini",
	                  "[office]\nname_th = ก\nname_en = G\ndatabase = q.db\n"
	                  "[service A]\nname_th = เอ\nname_en = A\nhours = daily 00:00-24:00\n"
	                  "[counter 1]\nlocation_th = ก\nlocation_en = G\nservices = A\n"
	                  "[rating]\nwindow_minutes = 0\n",
	                  &err);
	assert_null(cfg);
	assert_non_null(strstr(err.msg, "bad.ini:14"));
	assert_non_null(strstr(err.msg, "window_minutes"));
	cfg = load_config(f, "bad2.ini",
	                  "[office]\nname_th = ก\nname_en = G\ndatabase = q.db\n"
	                  "[service A]\nname_th = เอ\nname_en = A\nhours = daily 00:00-24:00\n"
	                  "[counter 1]\nlocation_th = ก\nlocation_en = G\nservices = A\n"
	                  "[rating]\nwindow = 5\n",
	                  &err);
	assert_null(cfg);
	assert_non_null(strstr(err.msg, "unknown key"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_store_rating_stores_everything, setup,
	                                    test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_store_rating_once_per_ticket, setup,
	                                    test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_store_rating_window, setup, test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_store_rating_needs_a_finish, setup,
	                                    test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_store_rating_last_finish_at_counter, setup,
	                                    test_office_teardown),
	    cmocka_unit_test_setup_teardown(test_store_rating_free_standing, setup,
	                                    test_office_teardown),
	    cmocka_unit_test(test_store_rating_reason_names),
	    cmocka_unit_test_setup_teardown(test_store_rating_settings, setup,
	                                    test_office_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
