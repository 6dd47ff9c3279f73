/* Tests of the SQLite log (store.c) on a real database file in a temp folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "clock.h"
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
    "priority_cap = 2\n"
    "park_return_minutes = 10\n"
    "noshow_grace_minutes = 15\n"
    "[service A]\nname_th = เอ\nname_en = A\nhours = daily 00:00-24:00\n"
    "[service B]\nname_th = บี\nname_en = B\nhours = daily 00:00-24:00\n"
    "[counter 1]\nlocation_th = ก\nlocation_en = G\nservices = A\n"
    "[counter 2]\nlocation_th = ก\nlocation_en = G\nservices = B\n"
    "[counter 3]\nlocation_th = ก\nlocation_en = G\nservices = A, B\npolicy = in-order\n";
static int
setup(void **state)
{
	return test_office_setup(state, test_config);
}

static struct store_ticket
issue(struct test_office *f, const char *service, const char *priority, int64_t at)
{
	struct store_ticket t;
	struct sq_error err = {0};

	f->now_ms = at;
	assert_int_equal(store_issue(f->store, f->cfg, service, priority, &t, &err), SQ_OK);
	return t;
}

static void
login(struct test_office *f, int counter, int64_t at)
{
	f->now_ms = at;
	assert_int_equal(
	    store_counter_status_event(f->store, f->cfg, counter, EVENT_LOGIN, "tester", NULL),
	    SQ_OK);
}

/* Call next at counter and check the code and the rule written to the log. */
static void
expect_next(struct test_office *f, int counter, int64_t at, const char *code, enum queue_rule rule)
{
	struct store_call call;
	struct sq_error err = {0};
	int rc;

	f->now_ms = at;
	rc = store_call_next(f->store, f->cfg, counter, &call, &err);

	print_message("counter %d next: want %s (%s), got %s (%s) %s\n", counter, code,
	              queue_rule_name(rule), rc == SQ_OK ? call.ticket.code : "-",
	              rc == SQ_OK ? queue_rule_name(call.rule) : "-", err.msg);
	assert_int_equal(rc, SQ_OK);
	assert_string_equal(call.ticket.code, code);
	assert_int_equal(call.rule, rule);
	assert_int_equal(call.ticket.state, TICKET_CALLED);
	assert_int_equal(call.ticket.counter, counter);
}

static void
test_store_numbers_restart_each_local_day(void **state)
{
	struct test_office *f = *state;
	int64_t midnight = thaitime_utc_ms(2026, 11, 24, 0, 0);

	assert_string_equal(issue(f, "A", NULL, f->t0).code, "A001");
	assert_string_equal(issue(f, "A", NULL, f->t0 + 1).code, "A002");
	assert_string_equal(issue(f, "B", NULL, f->t0 + 2).code, "B001");
	struct store_ticket late = issue(f, "A", NULL, midnight - 1);
	assert_string_equal(late.code, "A003");
	assert_int_equal(late.day, 20261123);
	struct store_ticket next_day = issue(f, "A", NULL, midnight);
	assert_string_equal(next_day.code, "A001");
	assert_int_equal(next_day.day, 20261124);
	/* The id never restarts. */
	assert_true(next_day.id > late.id);
	/* Yesterday's open tickets were closed as expired, each with an event. */
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event WHERE kind = 'expired'"),
	                 4);
	assert_int_equal(
	    test_office_count(f, "SELECT count(*) FROM ticket WHERE state = 'waiting'"), 1);
}

static void
test_store_fifo_and_priority_cap(void **state)
{
	struct test_office *f = *state;
	int64_t t = f->t0;

	issue(f, "A", NULL, t++);       /* A001 */
	issue(f, "A", NULL, t++);       /* A002 */
	issue(f, "A", NULL, t++);       /* A003 */
	issue(f, "A", "elderly", t++);  /* A004 */
	issue(f, "A", "monk", t++);     /* A005 */
	issue(f, "A", "pregnant", t++); /* A006 */
	login(f, 1, t++);
	expect_next(f, 1, t++, "A004", QUEUE_RULE_PRIORITY);
	expect_next(f, 1, t++, "A005", QUEUE_RULE_PRIORITY);
	expect_next(f, 1, t++, "A001", QUEUE_RULE_PRIORITY_CAP);
	expect_next(f, 1, t++, "A006", QUEUE_RULE_PRIORITY);
	expect_next(f, 1, t++, "A002", QUEUE_RULE_OLDEST);
	expect_next(f, 1, t++, "A003", QUEUE_RULE_OLDEST);
	struct store_call call;
	f->now_ms = t;
	assert_int_equal(store_call_next(f->store, f->cfg, 1, &call, NULL), SQ_ERR_EMPTY);
	/* Each "next" finished the ticket before it, the last one included. */
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM ticket WHERE state = 'done'"),
	                 6);
	assert_int_equal(test_office_count(f,
	                                   "SELECT count(*) FROM event WHERE kind = 'called' AND "
	                                   "rule IS NULL"),
	                 0);
	struct store_counter c;
	assert_int_equal(store_counter_get(f->store, 1, &c, NULL), SQ_OK);
	assert_false(c.has_ticket);
}

static void
test_store_in_order_policy(void **state)
{
	struct test_office *f = *state;
	int64_t t = f->t0;

	issue(f, "B", NULL, t++);
	issue(f, "A", NULL, t++);
	login(f, 3, t++);
	/* Counter 3 serves A before B, even though B001 came first. */
	expect_next(f, 3, t++, "A001", QUEUE_RULE_SERVICE_ORDER);
	expect_next(f, 3, t++, "B001", QUEUE_RULE_SERVICE_ORDER);
}

static void
test_store_transfer_keeps_arrival(void **state)
{
	struct test_office *f = *state;
	struct store_ticket t;
	int64_t at = f->t0;

	issue(f, "B", NULL, at++); /* B001 */
	issue(f, "A", NULL, at++); /* A001 */
	issue(f, "B", NULL, at++); /* B002 */
	login(f, 1, at++);
	login(f, 2, at++);
	expect_next(f, 1, at++, "A001", QUEUE_RULE_OLDEST);
	f->now_ms = at++;
	assert_int_equal(
	    store_counter_ticket_event(f->store, f->cfg, 1, EVENT_TRANSFERRED, "B", &t, NULL),
	    SQ_OK);
	assert_string_equal(t.service, "B");
	assert_int_equal(t.state, TICKET_WAITING);
	/* Counter 1 no longer holds it. */
	struct store_counter c;
	assert_int_equal(store_counter_get(f->store, 1, &c, NULL), SQ_OK);
	assert_false(c.has_ticket);
	expect_next(f, 2, at++, "B001", QUEUE_RULE_OLDEST);
	/* A001 arrived before B002, and keeps that place in queue B. */
	expect_next(f, 2, at++, "A001", QUEUE_RULE_OLDEST);
	expect_next(f, 2, at++, "B002", QUEUE_RULE_OLDEST);
	assert_int_equal(test_office_count(f,
	                                   "SELECT count(*) FROM event WHERE kind = 'transferred' "
	                                   "AND service = 'B' AND detail = 'from A'"),
	                 1);
	/* Transferring to an unknown service is refused and writes nothing. */
	int64_t events = test_office_count(f, "SELECT count(*) FROM event");
	f->now_ms = at;
	assert_int_equal(
	    store_counter_ticket_event(f->store, f->cfg, 2, EVENT_TRANSFERRED, "Q", &t, NULL),
	    SQ_ERR_NOTFOUND);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event"), events);
}

static void
test_store_park_returns_after_configured_time(void **state)
{
	struct test_office *f = *state;
	struct store_ticket t;
	int64_t at = f->t0;

	issue(f, "A", NULL, at++); /* A001 */
	issue(f, "A", NULL, at++); /* A002 */
	issue(f, "A", NULL, at++); /* A003 */
	login(f, 1, at++);
	expect_next(f, 1, at, "A001", QUEUE_RULE_OLDEST);
	f->now_ms = at;
	assert_int_equal(
	    store_counter_ticket_event(f->store, f->cfg, 1, EVENT_PARKED, NULL, &t, NULL), SQ_OK);
	assert_int_equal(t.state, TICKET_PARKED);
	/* Within the park time, the queue goes on without it. */
	expect_next(f, 1, at + 9 * MINUTE, "A002", QUEUE_RULE_OLDEST);
	/* After 10 minutes it is back, ahead of A003 by its arrival. */
	expect_next(f, 1, at + 10 * MINUTE, "A001", QUEUE_RULE_OLDEST);
	expect_next(f, 1, at + 11 * MINUTE, "A003", QUEUE_RULE_OLDEST);
}

/* A parked ticket is brought back by reactivate, never called out of turn. */
static void
test_store_parked_is_reactivated_not_called(void **state)
{
	struct test_office *f = *state;
	struct store_call call;
	struct store_queue_count qc;
	struct store_ticket t;
	struct sq_error err = {0};
	int64_t at = f->t0;

	issue(f, "A", NULL, at++); /* A001 */
	issue(f, "A", NULL, at++); /* A002 */
	login(f, 1, at++);
	expect_next(f, 1, at++, "A001", QUEUE_RULE_OLDEST);
	f->now_ms = at++;
	assert_int_equal(
	    store_counter_ticket_event(f->store, f->cfg, 1, EVENT_PARKED, NULL, &t, NULL), SQ_OK);
	assert_int_equal(store_queue_count(f->store, "A", &qc, NULL), SQ_OK);
	assert_int_equal(qc.waiting, 1);
	assert_int_equal(qc.parked, 1);
	f->now_ms = at++;
	assert_int_equal(store_call_ticket(f->store, f->cfg, 1, "A001", "came back", &call, &err),
	                 SQ_ERR_STATE);
	assert_non_null(strstr(err.msg, "reactivate"));
	f->now_ms = at++;
	assert_int_equal(store_reactivate(f->store, f->cfg, 1, "A001", &t, &err), SQ_OK);
	assert_int_equal(t.state, TICKET_WAITING);
	assert_int_equal(store_queue_count(f->store, "A", &qc, NULL), SQ_OK);
	assert_int_equal(qc.waiting, 2);
	assert_int_equal(qc.parked, 0);
	/* Back by its arrival, ahead of A002. */
	expect_next(f, 1, at++, "A001", QUEUE_RULE_OLDEST);
	/* Once its park time is over, a parked ticket is in the queue again. */
	f->now_ms = at;
	assert_int_equal(
	    store_counter_ticket_event(f->store, f->cfg, 1, EVENT_PARKED, NULL, &t, NULL), SQ_OK);
	f->now_ms = at + 10 * MINUTE;
	assert_int_equal(store_call_ticket(f->store, f->cfg, 1, "A001", "back", &call, &err),
	                 SQ_OK);
}

static void
test_store_noshow_grace(void **state)
{
	struct test_office *f = *state;
	struct store_ticket t;
	struct sq_error err = {0};
	int64_t at = f->t0;

	issue(f, "A", NULL, at++); /* A001 */
	issue(f, "A", NULL, at++); /* A002 */
	login(f, 1, at++);
	expect_next(f, 1, at, "A001", QUEUE_RULE_OLDEST);
	f->now_ms = at;
	assert_int_equal(
	    store_counter_ticket_event(f->store, f->cfg, 1, EVENT_NOSHOW, NULL, &t, NULL), SQ_OK);
	f->now_ms = at + 14 * MINUTE;
	/* The citizen turns up 14 minutes later: back in the queue, first by arrival. */
	assert_int_equal(store_reactivate(f->store, f->cfg, 1, "A001", &t, &err), SQ_OK);
	assert_int_equal(t.state, TICKET_WAITING);
	expect_next(f, 1, at + 14 * MINUTE, "A001", QUEUE_RULE_OLDEST);
	f->now_ms = at + 15 * MINUTE;
	assert_int_equal(
	    store_counter_ticket_event(f->store, f->cfg, 1, EVENT_NOSHOW, NULL, &t, NULL), SQ_OK);
	f->now_ms = at + 31 * MINUTE;
	/* Past the grace time it is refused. */
	assert_int_equal(store_reactivate(f->store, f->cfg, 1, "A001", &t, &err), SQ_ERR_STATE);
	assert_non_null(strstr(err.msg, "A001"));
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event WHERE kind = 'noshow'"),
	                 2);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event WHERE kind = 'returned'"),
	                 1);
}

static void
test_store_expiry_keeps_tickets_at_counters(void **state)
{
	struct test_office *f = *state;
	struct store_counter c;
	struct store_ticket t;
	int n = -1;

	issue(f, "A", NULL, f->t0);
	issue(f, "A", NULL, f->t0 + 1);
	login(f, 1, f->t0 + 2);
	expect_next(f, 1, f->t0 + 3, "A001", QUEUE_RULE_OLDEST);
	int64_t tomorrow = thaitime_utc_ms(2026, 11, 24, 8, 0);
	assert_int_equal(store_expire_before(f->store, 20261124, tomorrow, &n, NULL), SQ_OK);
	/* Only the waiting A002 expires; A001 stays with the officer who called it. */
	assert_int_equal(n, 1);
	assert_int_equal(store_counter_get(f->store, 1, &c, NULL), SQ_OK);
	assert_true(c.has_ticket);
	assert_string_equal(c.ticket.code, "A001");
	assert_int_equal(
	    test_office_count(f, "SELECT count(*) FROM ticket WHERE state = 'expired'"), 1);
	/* Running it again finds nothing more. */
	assert_int_equal(store_expire_before(f->store, 20261124, tomorrow, &n, NULL), SQ_OK);
	assert_int_equal(n, 0);
	f->now_ms = tomorrow;
	assert_int_equal(
	    store_counter_ticket_event(f->store, f->cfg, 1, EVENT_FINISHED, NULL, &t, NULL), SQ_OK);
	assert_int_equal(t.state, TICKET_DONE);
}

static void
test_store_midnight_keeps_ticket_in_service(void **state)
{
	struct test_office *f = *state;
	struct store_ticket t;
	int64_t late = thaitime_utc_ms(2026, 11, 23, 23, 50);
	int64_t after = thaitime_utc_ms(2026, 11, 24, 0, 5);

	issue(f, "A", NULL, late);
	login(f, 1, late);
	expect_next(f, 1, late + 1, "A001", QUEUE_RULE_OLDEST);
	f->now_ms = late + 2;
	assert_int_equal(
	    store_counter_ticket_event(f->store, f->cfg, 1, EVENT_STARTED, NULL, &t, NULL), SQ_OK);
	/* An all-day service: the kiosk issues the new day's first ticket. */
	assert_string_equal(issue(f, "A", NULL, after).code, "A001");
	struct sq_error err = {0};
	f->now_ms = after;
	assert_int_equal(
	    store_counter_ticket_event(f->store, f->cfg, 1, EVENT_FINISHED, NULL, &t, &err), SQ_OK);
	assert_int_equal(t.day, 20261123);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event WHERE kind = 'expired'"),
	                 0);
}

/* The scenario of a busy morning: a break must not restart the priority count. */
static void
test_store_priority_cap_holds_across_breaks_and_logins(void **state)
{
	struct test_office *f = *state;
	int64_t t = f->t0;

	issue(f, "A", NULL, t++);       /* A001, a walk-in waiting since 09:00 */
	issue(f, "A", "elderly", t++);  /* A002 */
	issue(f, "A", "monk", t++);     /* A003 */
	issue(f, "A", "pregnant", t++); /* A004 */
	issue(f, "A", "elderly", t++);  /* A005 */
	issue(f, "A", "monk", t++);     /* A006 */
	login(f, 1, t++);
	expect_next(f, 1, t++, "A002", QUEUE_RULE_PRIORITY);
	f->now_ms = t++;
	assert_int_equal(store_counter_ticket_event(f->store, f->cfg, 1, EVENT_FINISHED, NULL,
	                                            &(struct store_ticket){0}, NULL),
	                 SQ_OK);
	f->now_ms = t++;
	assert_int_equal(
	    store_counter_status_event(f->store, f->cfg, 1, EVENT_BREAK, "toilet", NULL), SQ_OK);
	f->now_ms = t++;
	assert_int_equal(store_counter_status_event(f->store, f->cfg, 1, EVENT_RESUME, NULL, NULL),
	                 SQ_OK);
	expect_next(f, 1, t++, "A003", QUEUE_RULE_PRIORITY);
	/* priority_cap = 2: the walk-in goes next. */
	expect_next(f, 1, t++, "A001", QUEUE_RULE_PRIORITY_CAP);
	issue(f, "A", NULL, t++); /* A007, another walk-in */
	expect_next(f, 1, t++, "A004", QUEUE_RULE_PRIORITY);
	f->now_ms = t++;
	/* An officer change keeps the count too. */
	assert_int_equal(store_counter_ticket_event(f->store, f->cfg, 1, EVENT_FINISHED, NULL,
	                                            &(struct store_ticket){0}, NULL),
	                 SQ_OK);
	f->now_ms = t++;
	assert_int_equal(store_counter_status_event(f->store, f->cfg, 1, EVENT_LOGOUT, NULL, NULL),
	                 SQ_OK);
	f->now_ms = t++;
	assert_int_equal(
	    store_counter_status_event(f->store, f->cfg, 1, EVENT_LOGIN, "other", NULL), SQ_OK);
	expect_next(f, 1, t++, "A005", QUEUE_RULE_PRIORITY);
	expect_next(f, 1, t++, "A007", QUEUE_RULE_PRIORITY_CAP);
}

static void
test_store_counter_states_refuse(void **state)
{
	struct test_office *f = *state;
	struct store_call call;
	struct store_ticket t;
	struct sq_error err = {0};
	int64_t at = f->t0;

	issue(f, "A", NULL, at++);
	f->now_ms = at++;
	assert_int_equal(store_call_next(f->store, f->cfg, 1, &call, &err), SQ_ERR_STATE);
	assert_non_null(strstr(err.msg, "no officer logged in"));
	login(f, 1, at++);
	f->now_ms = at++;
	assert_int_equal(
	    store_counter_status_event(f->store, f->cfg, 1, EVENT_BREAK, "lunch", NULL), SQ_OK);
	f->now_ms = at++;
	assert_int_equal(store_call_next(f->store, f->cfg, 1, &call, &err), SQ_ERR_STATE);
	assert_non_null(strstr(err.msg, "on break (lunch)"));
	f->now_ms = at++;
	assert_int_equal(store_counter_status_event(f->store, f->cfg, 1, EVENT_RESUME, NULL, NULL),
	                 SQ_OK);
	expect_next(f, 1, at++, "A001", QUEUE_RULE_OLDEST);
	f->now_ms = at++;
	assert_int_equal(store_counter_status_event(f->store, f->cfg, 1, EVENT_LOGOUT, NULL, &err),
	                 SQ_ERR_STATE);
	assert_non_null(strstr(err.msg, "holding ticket A001"));
	f->now_ms = at++;
	/* No current ticket: recall is refused. */
	assert_int_equal(
	    store_counter_ticket_event(f->store, f->cfg, 2, EVENT_RECALLED, NULL, &t, &err),
	    SQ_ERR_STATE);
	f->now_ms = at++;
	/* Recall twice is fine; start then no-show is not. */
	assert_int_equal(
	    store_counter_ticket_event(f->store, f->cfg, 1, EVENT_RECALLED, NULL, &t, NULL), SQ_OK);
	f->now_ms = at++;
	assert_int_equal(
	    store_counter_ticket_event(f->store, f->cfg, 1, EVENT_STARTED, NULL, &t, NULL), SQ_OK);
	f->now_ms = at++;
	assert_int_equal(
	    store_counter_ticket_event(f->store, f->cfg, 1, EVENT_NOSHOW, NULL, &t, &err),
	    SQ_ERR_STATE);
	assert_non_null(strstr(err.msg, "A001 is serving"));
	f->now_ms = at++;
	assert_int_equal(
	    store_counter_ticket_event(f->store, f->cfg, 1, EVENT_FINISHED, NULL, &t, NULL), SQ_OK);
	f->now_ms = at++;
	assert_int_equal(store_counter_status_event(f->store, f->cfg, 1, EVENT_LOGOUT, NULL, NULL),
	                 SQ_OK);
	f->now_ms = at;
	assert_int_equal(store_counter_status_event(f->store, f->cfg, 9, EVENT_LOGIN, "x", &err),
	                 SQ_ERR_NOTFOUND);
}

static void
test_store_manual_call_needs_reason(void **state)
{
	struct test_office *f = *state;
	struct store_call call;
	struct sq_error err = {0};
	int64_t at = f->t0;

	issue(f, "A", NULL, at++);
	issue(f, "A", NULL, at++);
	login(f, 1, at++);
	f->now_ms = at++;
	assert_int_equal(store_call_ticket(f->store, f->cfg, 1, "A002", "", &call, &err),
	                 SQ_ERR_INVALID);
	f->now_ms = at++;
	assert_int_equal(store_call_ticket(f->store, f->cfg, 1, "A002", "appointment", &call, &err),
	                 SQ_OK);
	assert_int_equal(call.rule, QUEUE_RULE_MANUAL);
	assert_int_equal(test_office_count(f,
	                                   "SELECT count(*) FROM event WHERE rule = 'manual' AND "
	                                   "reason = 'appointment'"),
	                 1);
	f->now_ms = at++;
	/* It cannot be called again while called. */
	assert_int_equal(store_call_ticket(f->store, f->cfg, 1, "A002", "again", &call, &err),
	                 SQ_ERR_STATE);
	f->now_ms = at;
	assert_int_equal(store_call_ticket(f->store, f->cfg, 1, "A009", "x", &call, &err),
	                 SQ_ERR_NOTFOUND);
}

#define WRITERS 4
#define WRITES  40

/* One writer process: issue (or, for the first, call) WRITES times by the wall clock. */
static int
write_by_wall_clock(struct test_office *f, int writer)
{
	struct store *s;
	struct store_call call;
	struct store_ticket t;

	if (store_open(f->cfg->database, &s, NULL) != SQ_OK)
		return 1;
	for (int i = 0; i < WRITES; i++) {
		int rc = writer == 0 ? store_call_next(s, f->cfg, 1, &call, NULL)
		                     : store_issue(s, f->cfg, "A", NULL, &t, NULL);
		if (rc != SQ_OK && rc != SQ_ERR_EMPTY)
			return 1;
	}
	store_close(s);
	return 0;
}

/* Writers racing for the lock never log an event earlier than the one before it. */
static void
test_store_event_times_follow_the_lock(void **state)
{
	struct test_office *f = *state;
	pid_t pids[WRITERS];

	login(f, 1, clock_now_ms());
	for (int w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		assert_true(pids[w] >= 0);
		if (pids[w] == 0)
			_exit(write_by_wall_clock(f, w));
	}
	for (int w = 0; w < WRITERS; w++) {
		int status;
		assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event WHERE kind = 'issued'"),
	                 (WRITERS - 1) * WRITES);
	assert_int_equal(
	    test_office_count(f, "SELECT count(*) FROM (SELECT at_ms - lag(at_ms) OVER "
	                         "(ORDER BY id) AS step FROM event) AS steps WHERE step < 0"),
	    0);
	assert_int_equal(
	    test_office_count(f, "SELECT count(*) FROM event c JOIN event i ON i.ticket_id "
	                         "= c.ticket_id AND i.kind = 'issued' WHERE c.kind = "
	                         "'called' AND c.at_ms < i.at_ms"),
	    0);
}

static void
test_store_log_is_append_only(void **state)
{
	struct test_office *f = *state;
	char *msg = NULL;

	issue(f, "A", NULL, f->t0);
	assert_int_not_equal(test_office_exec(f, "UPDATE event SET kind = 'x'", &msg), 0);
	assert_non_null(strstr(msg, "append-only"));
	free(msg);
	assert_int_not_equal(test_office_exec(f, "DELETE FROM event", NULL), 0);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event WHERE kind = 'issued'"),
	                 1);
}

static void
test_store_changes_seen_by_other_connections(void **state)
{
	struct test_office *f = *state;
	struct store *other;
	struct store_recent_call calls[4];
	size_t n;
	int64_t v1, v2, v3;

	assert_int_equal(store_open(f->cfg->database, &other, NULL), SQ_OK);
	assert_int_equal(store_data_version(other, &v1, NULL), SQ_OK);
	issue(f, "A", NULL, f->t0);
	login(f, 1, f->t0 + 1);
	expect_next(f, 1, f->t0 + 2, "A001", QUEUE_RULE_OLDEST);
	/*
	 * A read first: a PostgreSQL server hands a connection the NOTIFYs of
	 * commits before its query with the answer (they are asynchronous
	 * otherwise), so that nothing arrives between v2 and v3.
	 */
	assert_int_equal(store_recent_calls(other, 20261123, calls, 4, &n, NULL), SQ_OK);
	assert_int_equal(n, 1);
	assert_string_equal(calls[0].code, "A001");
	assert_int_equal(calls[0].counter, 1);
	assert_false(calls[0].recall);
	assert_int_equal(calls[0].ticket_state, TICKET_CALLED);
	assert_int_equal(calls[0].ticket_counter, 1);
	assert_int_equal(calls[0].ticket_state_ms, f->t0 + 2);
	assert_int_equal(store_data_version(other, &v2, NULL), SQ_OK);
	assert_true(v2 != v1);
	assert_int_equal(store_data_version(other, &v3, NULL), SQ_OK);
	assert_true(v3 == v2);
	store_close(other);
}

static void
test_store_waiting_and_service_time(void **state)
{
	struct test_office *f = *state;
	int n = -1;
	struct store_service_times times;

	issue(f, "A", NULL, f->t0);
	issue(f, "A", NULL, f->t0 + 1);
	issue(f, "A", NULL, f->t0 + 2);
	assert_int_equal(store_waiting_count(f->store, "A", &n, NULL), SQ_OK);
	assert_int_equal(n, 3);
	assert_int_equal(store_service_times(f->store, "A", 20261123, &times, NULL), SQ_OK);
	assert_int_equal(times.n, 0);
	assert_true(times.mean_minutes == 0 && times.sd_minutes == 0);
	login(f, 1, f->t0);
	expect_next(f, 1, f->t0 + 1 * MINUTE, "A001", QUEUE_RULE_OLDEST);
	expect_next(f, 1, f->t0 + 5 * MINUTE, "A002", QUEUE_RULE_OLDEST); /* A001: 4 min */
	struct store_ticket t;
	f->now_ms = f->t0 + 6 * MINUTE;
	assert_int_equal(
	    store_counter_ticket_event(f->store, f->cfg, 1, EVENT_STARTED, NULL, &t, NULL), SQ_OK);
	expect_next(f, 1, f->t0 + 14 * MINUTE, "A003", QUEUE_RULE_OLDEST); /* A002: 8 min */
	assert_int_equal(store_service_times(f->store, "A", 20261123, &times, NULL), SQ_OK);
	assert_int_equal(times.n, 2);
	assert_true(times.mean_minutes > 5.999 && times.mean_minutes < 6.001); /* 4 and 8 */
	assert_true(times.sd_minutes > 1.999 && times.sd_minutes < 2.001);
}

/*
 * A log of schema version 6 (PostgreSQL's first) gains version 7's class
 * queue indexes when a program opens it, on either engine, and its queue
 * works as before.
 */
static void
test_store_migrates_version_6(void **state)
{
	struct test_office *f = *state;
	bool pg = test_office_on_postgresql();
	const char *indexes = pg ? "SELECT count(*) FROM pg_indexes WHERE indexname IN "
	                           "('ticket_priority_queue', 'ticket_booked_queue')"
	                         : "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
	                           "name IN ('ticket_priority_queue', 'ticket_booked_queue')";
	const char *version =
	    pg ? "SELECT value FROM meta WHERE key = 'schema_version'" : "PRAGMA user_version";

	issue(f, "A", NULL, f->t0);               /* A001 */
	issue(f, "A", "elderly", f->t0 + MINUTE); /* A002 */
	store_close(f->store);
	f->store = NULL;
	assert_int_equal(test_office_exec(f,
	                                  pg ? "DROP INDEX ticket_priority_queue; DROP INDEX "
	                                       "ticket_booked_queue; UPDATE meta SET value = 6 "
	                                       "WHERE key = 'schema_version'"
	                                     : "DROP INDEX ticket_priority_queue; DROP INDEX "
	                                       "ticket_booked_queue; PRAGMA user_version = 6",
	                                  NULL),
	                 0);
	assert_int_equal(test_office_count(f, indexes), 0);

	assert_int_equal(store_open(f->cfg->database, &f->store, NULL), SQ_OK);
	store_set_clock(f->store, test_office_clock, f);
	assert_int_equal(test_office_count(f, version), STORE_SCHEMA_VERSION);
	assert_int_equal(test_office_count(f, indexes), 2);
	login(f, 1, f->t0 + 2 * MINUTE);
	expect_next(f, 1, f->t0 + 3 * MINUTE, "A002", QUEUE_RULE_PRIORITY);
	expect_next(f, 1, f->t0 + 4 * MINUTE, "A001", QUEUE_RULE_OLDEST);
}

/*
 * A claim whose last write the database refuses (on a server it is sent
 * without waiting, its error read with the COMMIT) applies nothing: the
 * ticket stays waiting, no event is added, the chain stays whole, and the
 * next claim calls it.
 */
static void
test_store_refused_write_applies_nothing(void **state)
{
	struct test_office *f = *state;
	struct store_call call;
	struct store_log_check check;
	struct sq_error err = {0};
	bool pg = test_office_on_postgresql();
	const char *events = "SELECT count(*) FROM event";

	issue(f, "A", NULL, f->t0);
	login(f, 1, f->t0 + MINUTE);
	int64_t before = test_office_count(f, events);
	assert_int_equal(
	    test_office_exec(f,
	                     pg ? "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
	                          "$$BEGIN RAISE EXCEPTION 'refused by the test'; END$$; CREATE "
	                          "TRIGGER refuse BEFORE UPDATE ON counter_state FOR EACH ROW "
	                          "EXECUTE FUNCTION refuse()"
	                        : "CREATE TRIGGER refuse BEFORE UPDATE ON counter_state BEGIN "
	                          "SELECT RAISE(ABORT, 'refused by the test'); END",
	                     NULL),
	    0);
	f->now_ms = f->t0 + 2 * MINUTE;
	assert_int_equal(store_call_next(f->store, f->cfg, 1, &call, &err), SQ_ERR_DB);
	assert_non_null(strstr(err.msg, "refused by the test"));
	assert_int_equal(test_office_count(f, events), before);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM ticket WHERE code = 'A001' "
	                                      "AND state = 'waiting' AND counter IS NULL"),
	                 1);

	assert_int_equal(
	    test_office_exec(f, pg ? "DROP TRIGGER refuse ON counter_state" : "DROP TRIGGER refuse",
	                     NULL),
	    0);
	expect_next(f, 1, f->t0 + 3 * MINUTE, "A001", QUEUE_RULE_OLDEST);
	assert_int_equal(store_verify_log(f->store, NULL, &check, &err), SQ_OK);
	assert_false(check.broken);
	assert_int_equal(check.events, before + 1);
}

/* All counters read at once are each as read alone: open, closed, with and without a ticket. */
static void
test_store_counters_read_at_once(void **state)
{
	struct test_office *f = *state;
	struct store_counter all[CONFIG_MAX_COUNTERS], one;
	struct sq_error err = {0};

	issue(f, "A", NULL, f->t0);
	issue(f, "B", "elderly", f->t0 + MINUTE);
	login(f, 1, f->t0 + 2 * MINUTE);
	login(f, 3, f->t0 + 2 * MINUTE);
	expect_next(f, 3, f->t0 + 3 * MINUTE, "B001", QUEUE_RULE_PRIORITY);
	assert_int_equal(store_counters_get(f->store, f->cfg, all, &err), SQ_OK);
	for (size_t i = 0; i < f->cfg->n_counters; i++) {
		assert_int_equal(
		    store_counter_get(f->store, f->cfg->counters[i].number, &one, &err), SQ_OK);
		assert_int_equal(all[i].counter, f->cfg->counters[i].number);
		assert_int_equal(all[i].status, one.status);
		assert_string_equal(all[i].officer, one.officer);
		assert_int_equal(all[i].since_ms, one.since_ms);
		assert_int_equal(all[i].streaks.priority, one.streaks.priority);
		assert_int_equal(all[i].has_ticket, one.has_ticket);
		assert_int_equal(all[i].ticket.id, one.ticket.id);
		assert_string_equal(all[i].ticket.code, one.ticket.code);
	}
	assert_int_equal(all[0].status, COUNTER_OPEN);
	assert_false(all[0].has_ticket);
	assert_int_equal(all[1].status, COUNTER_CLOSED);
	assert_true(all[2].has_ticket);
	assert_string_equal(all[2].ticket.code, "B001");
	assert_int_equal(all[2].streaks.priority, 1);
}

/*
 * A claim that meets the office's write lock held by another program waits
 * as long as store_set_wait() says, then fails as busy with nothing written;
 * once the lock is let go the same claim calls the ticket.
 */
static void
test_store_claim_waits_out_a_held_lock(void **state)
{
	struct test_office *f = *state;
	struct store *other = NULL;
	struct store_call call;
	struct sq_error err = {0};
	const char *events = "SELECT count(*) FROM event";

	issue(f, "A", NULL, f->t0);
	login(f, 1, f->t0 + MINUTE);
	int64_t before = test_office_count(f, events);
	assert_int_equal(store_open(f->cfg->database, &other, &err), SQ_OK);
	assert_int_equal(store_batch_begin(other, &err), SQ_OK); /* holds the write lock */
	store_set_wait(f->store, 300);
	f->now_ms = f->t0 + 2 * MINUTE;
	assert_int_equal(store_call_next(f->store, f->cfg, 1, &call, &err), SQ_ERR_BUSY);
	assert_non_null(strstr(err.msg, "stayed locked by another program"));
	assert_int_equal(store_batch_end(other, SQ_OK, &err), SQ_OK);
	store_close(other);
	assert_int_equal(test_office_count(f, events), before);

	store_set_wait(f->store, 0);
	expect_next(f, 1, f->t0 + 3 * MINUTE, "A001", QUEUE_RULE_OLDEST);
}

/*
 * A day's end that expires many tickets in one write (more statements than a
 * server's pipeline holds at once): every ticket expired with its event,
 * the chain whole, and the next claims as usual.
 */
static void
test_store_expires_a_long_day_in_one_write(void **state)
{
	struct test_office *f = *state;
	struct store_log_check check;
	struct sq_error err = {0};
	int64_t midnight = thaitime_utc_ms(2026, 11, 24, 0, 0);
	enum { LEFT_WAITING = 150 };

	for (int i = 0; i < LEFT_WAITING; i++)
		issue(f, i % 2 ? "B" : "A", NULL, f->t0 + i);
	issue(f, "A", NULL, midnight);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event WHERE kind = 'expired'"),
	                 LEFT_WAITING);
	assert_int_equal(
	    test_office_count(f, "SELECT count(*) FROM ticket WHERE state = 'expired'"),
	    LEFT_WAITING);
	assert_int_equal(store_verify_log(f->store, NULL, &check, &err), SQ_OK);
	assert_false(check.broken);
	login(f, 1, midnight + MINUTE);
	expect_next(f, 1, midnight + 2 * MINUTE, "A001", QUEUE_RULE_OLDEST);
}

/* A log of a newer program, or no longer ours, is refused before anything is written. */
static void
test_store_refuses_newer_or_foreign_schema(void **state)
{
	struct test_office *f = *state;
	struct store *s = NULL;
	struct sq_error err = {0};
	bool pg = test_office_on_postgresql();

	assert_int_equal(test_office_exec(f,
	                                  pg ? "UPDATE meta SET value = 99 WHERE key = "
	                                       "'schema_version'"
	                                     : "PRAGMA user_version = 99",
	                                  NULL),
	                 0);
	assert_int_equal(store_open(f->cfg->database, &s, &err), SQ_ERR_DB);
	assert_null(s);
	assert_non_null(strstr(err.msg, "newer than this program's"));
	assert_int_equal(test_office_exec(f,
	                                  pg ? "DELETE FROM meta WHERE key = 'application_id'"
	                                     : "PRAGMA application_id = 7",
	                                  NULL),
	                 0);
	assert_int_equal(store_open(f->cfg->database, &s, &err), SQ_ERR_DB);
	assert_null(s);
	assert_non_null(strstr(err.msg, "another program"));
}

static void
test_store_refuses_foreign_files(void **state)
{
	struct test_office *f = *state;
	struct store *s = NULL;
	struct sq_error err = {0};
	char path[128];
	FILE *file;
	sqlite3 *db;

	TEST_SQLITE_ONLY("files of other kinds and other programs' SQLite files");

	snprintf(path, sizeof(path), "%s/random.db", f->dir);
	file = fopen(path, "w");
	assert_non_null(file);
	for (int i = 0; i < 4096; i++)
		fputc((i * 7919) & 0xff, file);
	fclose(file);
	assert_int_equal(store_open(path, &s, &err), SQ_ERR_DB);
	assert_null(s);
	assert_non_null(strstr(err.msg, "is not a SQLite database"));

	snprintf(path, sizeof(path), "%s/other.db", f->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE foo (a)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(path, &s, &err), SQ_ERR_DB);
	assert_non_null(strstr(err.msg, "another program"));

	assert_int_equal(store_open("/nonexistent-dir/queue.db", &s, &err), SQ_ERR_DB);
	assert_non_null(strstr(err.msg, "/nonexistent-dir"));
	assert_int_equal(access("/nonexistent-dir", F_OK), -1);
}

/* A server that cannot be reached: one line naming the setting, never its password. */
static void
test_store_server_unreachable(void **state)
{
	struct store *s = NULL;
	struct sq_error err = {0};

	(void)state;
	assert_int_equal(store_open("postgresql://saduak:secret@127.0.0.1:1/office", &s, &err),
	                 SQ_ERR_DB);
	assert_null(s);
	assert_non_null(strstr(err.msg, "database = postgresql://saduak@127.0.0.1:1/office"));
	assert_non_null(strstr(err.msg, "unreachable"));
	assert_null(strstr(err.msg, "secret"));
	assert_null(strchr(err.msg, '\n'));
	assert_int_equal(store_open("service=x password=secret host=127.0.0.1 port=1", &s, &err),
	                 SQ_ERR_DB);
	assert_null(strstr(err.msg, "secret"));
}

/*
 * The server ends the store's connection (a restart, a cable out and back):
 * the next write makes a new one by itself and is applied once.
 */
static void
test_store_reconnects_after_a_lost_connection(void **state)
{
	struct test_office *f = *state;
	int64_t v1, v2;

	TEST_POSTGRESQL_ONLY("a SQLite file has no connection to lose");
	issue(f, "A", NULL, f->t0);
	assert_int_equal(store_data_version(f->store, &v1, NULL), SQ_OK);
	/* Waits (up to 10 s) until the connection is gone. */
	assert_int_equal(test_office_exec(f,
	                                  "SELECT pg_terminate_backend(pid, 10000) FROM "
	                                  "pg_stat_activity WHERE datname = current_database() "
	                                  "AND pid <> pg_backend_pid()",
	                                  NULL),
	                 0);
	issue(f, "A", NULL, f->t0 + 1);
	assert_int_equal(test_office_count(f, "SELECT count(*) FROM event WHERE kind = 'issued'"),
	                 2);
	assert_int_equal(test_office_count(f, "SELECT max(number) FROM ticket"), 2);
	/* The screens learn that something may have changed while they were away. */
	assert_int_equal(store_data_version(f->store, &v2, NULL), SQ_OK);
	assert_true(v2 != v1);
}

/* Checking an empty database on a server (check-config) finds no log and makes none. */
static void
test_store_verify_leaves_an_empty_server_database(void **state)
{
	struct test_office *f = *state;
	struct store *s = NULL;
	struct sq_error err = {0};
	char setting[96], sql[96];

	TEST_POSTGRESQL_ONLY("tests/test_store_backup.c checks a missing SQLite file");
	snprintf(setting, sizeof(setting), "postgresql:///%s_empty", f->pg_name);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s_empty", f->pg_name);
	assert_int_equal(test_office_exec(f, sql, NULL), 0);
	/* Twice: the first check made no table. */
	for (int i = 0; i < 2; i++) {
		assert_int_equal(store_verify_file(setting, STORE_CHECK_FULL, &err),
		                 SQ_ERR_NOTFOUND);
		assert_non_null(strstr(err.msg, "holds no log yet"));
	}
	/* The first program to open it makes the tables. */
	assert_int_equal(store_open(setting, &s, &err), SQ_OK);
	store_close(s);
	assert_int_equal(store_verify_file(setting, STORE_CHECK_FULL, &err), SQ_OK);
	snprintf(sql, sizeof(sql), "DROP DATABASE %s_empty", f->pg_name);
	assert_int_equal(test_office_exec(f, sql, NULL), 0);
}

/* A log on a server is backed up with the server's pg_dump, not copied by the store. */
static void
test_store_backup_refused_on_a_server(void **state)
{
	struct test_office *f = *state;
	struct sq_error err = {0};
	char path[128];

	TEST_POSTGRESQL_ONLY("tests/test_store_backup.c covers SQLite's backups");
	snprintf(path, sizeof(path), "%s/copy.db", f->dir);
	assert_int_equal(store_backup(f->store, path, &err), SQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "pg_dump"));
	assert_int_equal(access(path, F_OK), -1);
}

static void
test_store_integrity_check(void **state)
{
	struct test_office *f = *state;

	assert_int_equal(store_check_integrity(f->store, NULL), SQ_OK);
}

#define STORE_TEST(name) cmocka_unit_test_setup_teardown(name, setup, test_office_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    STORE_TEST(test_store_numbers_restart_each_local_day),
	    STORE_TEST(test_store_fifo_and_priority_cap),
	    STORE_TEST(test_store_in_order_policy),
	    STORE_TEST(test_store_transfer_keeps_arrival),
	    STORE_TEST(test_store_park_returns_after_configured_time),
	    STORE_TEST(test_store_parked_is_reactivated_not_called),
	    STORE_TEST(test_store_noshow_grace),
	    STORE_TEST(test_store_expiry_keeps_tickets_at_counters),
	    STORE_TEST(test_store_midnight_keeps_ticket_in_service),
	    STORE_TEST(test_store_priority_cap_holds_across_breaks_and_logins),
	    STORE_TEST(test_store_counter_states_refuse),
	    STORE_TEST(test_store_manual_call_needs_reason),
	    STORE_TEST(test_store_event_times_follow_the_lock),
	    STORE_TEST(test_store_log_is_append_only),
	    STORE_TEST(test_store_counters_read_at_once),
	    STORE_TEST(test_store_refused_write_applies_nothing),
	    STORE_TEST(test_store_claim_waits_out_a_held_lock),
	    STORE_TEST(test_store_expires_a_long_day_in_one_write),
	    STORE_TEST(test_store_changes_seen_by_other_connections),
	    STORE_TEST(test_store_waiting_and_service_time),
	    STORE_TEST(test_store_migrates_version_6),
	    STORE_TEST(test_store_refuses_newer_or_foreign_schema),
	    STORE_TEST(test_store_refuses_foreign_files),
	    STORE_TEST(test_store_server_unreachable),
	    STORE_TEST(test_store_reconnects_after_a_lost_connection),
	    STORE_TEST(test_store_verify_leaves_an_empty_server_database),
	    STORE_TEST(test_store_backup_refused_on_a_server),
	    STORE_TEST(test_store_integrity_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
