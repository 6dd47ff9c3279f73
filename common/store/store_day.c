/*
 * store_day.c - the service day: numbers restart at local midnight, tickets
 * left open from an earlier day expire (never one held at a counter), and
 * a clock that ran ahead and was corrected gives today's queue back. Every
 * write transaction starts here (store_write_begin), reading the clock under
 * the write lock.
 */
#include "store_private.h"

#include <stdio.h>
#include <stdlib.h>

#include "clock.h"
#include "thaitime.h"

/*
 * Step st (a query of TICKET_COLUMNS) to the end, collecting its rows into
 * *list (malloc'd, *len rows; the caller frees it), then release st. Collect
 * first: updating rows while stepping the same table is not safe.
 */
int
store_collect_tickets(struct store *s, sq_stmt *st, struct store_ticket **list, size_t *len,
                      struct sq_error *err, const char *what)
{
	size_t cap = 0;
	int step, rc = SQ_OK;

	*list = NULL;
	*len = 0;
	if (!st)
		return store_sql_fail(s, err, what);
	while ((step = store_sql_step(st)) == SQ_ROW) {
		if (*len == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct store_ticket *grown = realloc(*list, ncap * sizeof(*grown));
			if (!grown) {
				rc = sq_error_set(err, SQ_ERR_NOMEM, "out of memory");
				break;
			}
			*list = grown;
			cap = ncap;
		}
		store_read_ticket(st, &(*list)[(*len)++]);
	}
	store_sql_done(s, st);
	if (rc == SQ_OK && step != SQ_DONE)
		rc = store_sql_fail(s, err, what);
	return rc;
}

int
store_expire_before(struct store *s, int day, int64_t now_ms, int *n, struct sq_error *err)
{
	sq_stmt *st;
	int count = 0;
	int rc;

	if (n)
		*n = 0;
	/* Once a day per connection is enough: no ticket is ever issued for a past day. */
	if (s->expired_day == day)
		return SQ_OK;
	/*
	 * Only tickets still in the queue expire: one called or being served at
	 * a counter stays with its officer past midnight until finished there.
	 */
	st = store_sql_prepare(s,
	                       "SELECT " TICKET_COLUMNS " FROM ticket WHERE day < ? AND state IN "
	                       "('waiting', 'parked') ORDER BY id",
	                       "I", (int64_t)day);
	struct store_ticket *list = NULL;
	size_t len = 0;
	rc = store_collect_tickets(s, st, &list, &len, err,
	                           "finding tickets left from earlier days");
	for (size_t i = 0; i < len && rc == SQ_OK; i++) {
		struct event_row row = {
		    .ticket_id = list[i].id,
		    .kind = EVENT_EXPIRED,
		    .at_ms = now_ms,
		    .day = list[i].day,
		    .service = list[i].service,
		    .counter = list[i].counter,
		    .reason = "service day ended",
		};
		rc = store_ticket_apply(s, &list[i], &row, err);
		count++;
	}
	free(list);
	if (rc == SQ_OK)
		rc = store_booking_end_days_before(s, day, now_ms, NULL, err);
	if (rc == SQ_OK) {
		s->expired_day = day;
		if (n)
			*n = count;
	}
	return rc;
}

/* Bring back the tickets of day or later that a clock running ahead expired. */
static int
unexpire(struct store *s, int day, int64_t now_ms, struct sq_error *err)
{
	struct store_ticket *list;
	size_t len;
	int rc = store_collect_tickets(
	    s,
	    store_sql_prepare(s,
	                      "SELECT " TICKET_COLUMNS " FROM ticket WHERE state = 'expired' AND "
	                      "day >= ? AND state_ms > ? ORDER BY id",
	                      "II", (int64_t)day, now_ms),
	    &list, &len, err, "finding tickets expired by a clock that ran ahead");

	for (size_t i = 0; i < len && rc == SQ_OK; i++) {
		struct event_row row = {
		    .ticket_id = list[i].id,
		    .kind = EVENT_RETURNED,
		    .at_ms = now_ms,
		    .day = day,
		    .service = list[i].service,
		    .reason = "clock corrected",
		};
		rc = store_ticket_apply(s, &list[i], &row, err);
	}
	free(list);
	return rc;
}

int
store_service_day(struct store *s, int64_t *now_out, int *day, struct sq_error *err)
{
	sq_stmt *st =
	    store_sql_prepare(s, "SELECT at_ms, day, hash FROM event ORDER BY id DESC LIMIT 1", "");
	int64_t last_ms = 0;
	int last_day = 0, step;

	if (!st)
		return store_sql_fail(s, err, "reading the latest event");
	step = store_sql_step(st);
	/* Answered, so the write lock is held: the time is taken under it. */
	int64_t now_ms = *now_out = store_sql_now(s);
	*day = thaitime_day_key(now_ms);
	if (step == SQ_ROW) {
		last_ms = store_sql_col_int(st, 0);
		last_day = (int)store_sql_col_int(st, 1);
	}
	/* The same row's hash, which the write's first event chains to. */
	if (step == SQ_ROW || step == SQ_DONE)
		store_chain_tail_keep(s, step == SQ_ROW ? store_sql_col_text(st, 2) : NULL);
	store_sql_done(s, st);
	if (step != SQ_ROW && step != SQ_DONE)
		return store_sql_fail(s, err, "reading the latest event");
	if (step == SQ_DONE)
		return SQ_OK;
	if (last_ms - now_ms <= STORE_CLOCK_TOLERANCE_MS) {
		int64_t day_start =
		    thaitime_utc_ms(last_day / 10000, last_day / 100 % 100, last_day % 100, 0, 0);
		if (last_day > *day && day_start - now_ms <= STORE_CLOCK_TOLERANCE_MS)
			*day = last_day;
		return SQ_OK;
	}
	char reason[64], detail[24];
	snprintf(reason, sizeof(reason), "clock went back %lld min",
	         (long long)((last_ms - now_ms) / 60000));
	snprintf(detail, sizeof(detail), "%lld", (long long)last_ms);
	struct event_row row = {
	    .kind = EVENT_FAULT,
	    .at_ms = now_ms,
	    .day = *day,
	    .reason = reason,
	    .detail = detail,
	};
	int rc = store_log_row(s, &row, err);
	return rc == SQ_OK ? unexpire(s, *day, now_ms, err) : rc;
}

int
store_write_begin(struct store *s, int64_t *now_ms, int *day, struct sq_error *err)
{
	int rc = store_sql_begin(s, err);

	if (rc == SQ_OK && (rc = store_service_day(s, now_ms, day, err)) != SQ_OK)
		store_sql_end(s, rc, err);
	return rc;
}
