#include "store_private.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_value.h"
#include "thaitime.h"

int
store_queue_count(struct store *s, const char *service, struct store_queue_count *out,
                  struct sq_error *err)
{
	sq_stmt *st = store_sql_prepare(s,
	                                "SELECT count(*) FILTER (WHERE state = 'waiting'), "
	                                "count(*) FILTER (WHERE state = 'parked') FROM "
	                                "ticket WHERE service = ? AND state IN ('waiting', "
	                                "'parked')",
	                                "S", service);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return store_sql_fail(s, err, "counting the queue");
	rc = store_sql_step(st);
	if (rc == SQ_ROW) {
		out->waiting = (int)store_sql_col_int(st, 0);
		out->parked = (int)store_sql_col_int(st, 1);
	}
	store_sql_done(s, st);
	return rc == SQ_ROW ? SQ_OK : store_sql_fail(s, err, "counting the queue");
}

int
store_waiting_count(struct store *s, const char *service, int *out, struct sq_error *err)
{
	struct store_queue_count qc;
	int rc = store_queue_count(s, service, &qc, err);

	*out = qc.waiting + qc.parked;
	return rc;
}

int
store_service_times(struct store *s, const char *service, int day, struct store_service_times *out,
                    struct sq_error *err)
{
	sq_stmt *st = store_sql_prepare(
	    s,
	    "SELECT count(d), avg(d), avg(d * d) FROM (SELECT f.at_ms - coalesce((SELECT "
	    "max(at_ms) FROM event e WHERE e.ticket_id = f.ticket_id AND e.kind = 'started'), "
	    "t.called_ms) AS d FROM event f JOIN ticket t ON t.id = f.ticket_id WHERE f.day = ? "
	    "AND f.kind = 'finished' AND f.service = ?) AS durations",
	    "IS", (int64_t)day, service);
	int rc;

	*out = (struct store_service_times){0};
	if (!st)
		return store_sql_fail(s, err, "measuring service times");
	rc = store_sql_step(st);
	if (rc == SQ_ROW && (int)store_sql_col_int(st, 0) > 0) {
		double mean = store_sql_col_double(st, 1) / 60000.0;
		double square = store_sql_col_double(st, 2) / (60000.0 * 60000.0);

		out->n = (int)store_sql_col_int(st, 0);
		out->mean_minutes = mean;
		/* Rounding may leave a tiny negative variance for equal times. */
		out->sd_minutes = square > mean * mean ? sqrt(square - mean * mean) : 0;
	}
	store_sql_done(s, st);
	if (rc != SQ_ROW && rc != SQ_DONE)
		return store_sql_fail(s, err, "measuring service times");
	return SQ_OK;
}

/* A call and its ticket as it is now: the columns call_from_row() reads. */
#define CALL_SQL                                                                                   \
	"SELECT e.id, e.at_ms, t.code, e.service, e.counter, e.kind, t.state, t.counter, "         \
	"t.state_ms FROM event e JOIN ticket t ON t.id = e.ticket_id WHERE e.day = ?1 AND e.kind " \
	"IN ('called', 'recalled') "

static void
call_from_row(sq_stmt *st, struct store_recent_call *c)
{
	int state = queue_state_from_name(store_sql_col_text(st, 6));

	c->event_id = store_sql_col_int(st, 0);
	c->at_ms = store_sql_col_int(st, 1);
	store_copy_text(c->code, sizeof(c->code), store_sql_col_text(st, 2));
	store_copy_text(c->service, sizeof(c->service), store_sql_col_text(st, 3));
	c->counter = (int)store_sql_col_int(st, 4);
	c->recall = strcmp(store_sql_col_text(st, 5), "recalled") == 0;
	c->ticket_state = state < 0 ? TICKET_VOIDED : (enum ticket_state)state;
	c->ticket_counter = (int)store_sql_col_int(st, 7);
	c->ticket_state_ms = store_sql_col_int(st, 8);
}

/* Up to max rows of st (CALL_SQL's) into out; releases st. */
static int
calls_read(struct store *s, sq_stmt *st, struct store_recent_call *out, size_t max, size_t *n,
           struct sq_error *err, const char *what)
{
	int rc = SQ_DONE;

	*n = 0;
	if (!st)
		return store_sql_fail(s, err, what);
	while (*n < max && (rc = store_sql_step(st)) == SQ_ROW)
		call_from_row(st, &out[(*n)++]);
	store_sql_done(s, st);
	if (rc != SQ_ROW && rc != SQ_DONE) {
		*n = 0;
		return store_sql_fail(s, err, what);
	}
	return SQ_OK;
}

int
store_recent_calls(struct store *s, int day, struct store_recent_call *out, size_t max, size_t *n,
                   struct sq_error *err)
{
	return calls_read(s,
	                  store_sql_prepare(s, CALL_SQL "ORDER BY e.id DESC LIMIT ?2", "II",
	                                    (int64_t)day, (int64_t)max),
	                  out, max, n, err, "reading recent calls");
}

int
store_calls_after(struct store *s, int day, int64_t after_id, struct store_recent_call *out,
                  size_t max, size_t *n, struct sq_error *err)
{
	return calls_read(s,
	                  store_sql_prepare(s, CALL_SQL "AND e.id > ?2 ORDER BY e.id LIMIT ?3",
	                                    "III", (int64_t)day, after_id, (int64_t)max),
	                  out, max, n, err, "reading new calls");
}

/* ------------------------------------------------------------------------
 * Read-only queries for the counter console.
 */

int
store_counter_queue(struct store *s, const struct config *cfg, int counter,
                    struct store_ticket *out, size_t max, size_t *n, struct sq_error *err)
{
	const struct config_counter *cc = config_counter_find(cfg, counter);

	*n = 0;
	if (!cc)
		return store_check_counter(cfg, counter, err);
	/* One query per service, merged by id: each walks the (service, state, id) index. */
	for (size_t i = 0; i < cc->n_services; i++) {
		sq_stmt *st =
		    store_sql_prepare(s,
		                      "SELECT " TICKET_COLUMNS " FROM ticket WHERE "
		                      "service = ? AND state IN ('waiting', 'parked') "
		                      "ORDER BY id LIMIT ?",
		                      "SI", cfg->services[cc->services[i]].id, (int64_t)max);
		int rc;

		if (!st)
			return store_sql_fail(s, err, "reading the queue");
		while ((rc = store_sql_step(st)) == SQ_ROW) {
			struct store_ticket t;
			size_t at;

			store_read_ticket(st, &t);
			/* Insert by id; past max the newest falls off. */
			for (at = *n; at > 0 && out[at - 1].id > t.id; at--)
				;
			if (at == max)
				continue;
			size_t keep = *n < max ? *n : max - 1;
			memmove(&out[at + 1], &out[at], (keep - at) * sizeof(*out));
			out[at] = t;
			if (*n < max)
				(*n)++;
		}
		store_sql_done(s, st);
		if (rc != SQ_DONE) {
			*n = 0;
			return store_sql_fail(s, err, "reading the queue");
		}
	}
	return SQ_OK;
}

int
store_counter_served(struct store *s, int counter, int day, int *served, double *mean_minutes,
                     struct sq_error *err)
{
	sq_stmt *st = store_sql_prepare(
	    s,
	    "SELECT count(*), avg(f.at_ms - coalesce((SELECT max(at_ms) FROM event e WHERE "
	    "e.ticket_id = f.ticket_id AND e.kind = 'started'), t.called_ms)) FROM event f JOIN "
	    "ticket t ON t.id = f.ticket_id WHERE f.day = ? AND f.kind = 'finished' AND "
	    "f.counter = ?",
	    "II", (int64_t)day, (int64_t)counter);
	int rc;

	*served = 0;
	*mean_minutes = 0;
	if (!st)
		return store_sql_fail(s, err, "counting served tickets");
	rc = store_sql_step(st);
	if (rc == SQ_ROW) {
		*served = (int)store_sql_col_int(st, 0);
		if (!store_sql_col_null(st, 1))
			*mean_minutes = store_sql_col_double(st, 1) / 60000.0;
	}
	store_sql_done(s, st);
	if (rc != SQ_ROW && rc != SQ_DONE)
		return store_sql_fail(s, err, "counting served tickets");
	return SQ_OK;
}

int
store_last_event(struct store *s, enum ticket_event kind, int counter, const char *reason_prefix,
                 struct store_last_event *out, struct sq_error *err)
{
	/* substr() rather than LIKE, so that '%' and '_' in a prefix mean themselves. */
	sq_stmt *st = store_sql_prepare(
	    s,
	    "SELECT at_ms, reason FROM event WHERE kind = ? AND (?2 IS NULL OR counter = ?2) AND "
	    "(?3 IS NULL OR substr(coalesce(reason, ''), 1, length(?3)) = ?3) ORDER BY id DESC "
	    "LIMIT 1",
	    "Szs", queue_event_name(kind), (int64_t)counter, reason_prefix);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return store_sql_fail(s, err, "reading the latest event");
	rc = store_sql_step(st);
	if (rc == SQ_ROW) {
		out->found = true;
		out->at_ms = store_sql_col_int(st, 0);
		store_copy_text(out->reason, sizeof(out->reason), store_sql_col_text(st, 1));
	}
	store_sql_done(s, st);
	if (rc != SQ_ROW && rc != SQ_DONE)
		return store_sql_fail(s, err, "reading the latest event");
	return SQ_OK;
}
