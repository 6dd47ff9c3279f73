#include "store_private.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "clock.h"
#include "thaitime.h"
#include "store_web.h"
#include "utf8.h"

static const char *const counter_status_names[] = {
    [COUNTER_CLOSED] = "closed",
    [COUNTER_OPEN] = "open",
    [COUNTER_BREAK] = "break",
};

int
store_log_row_id(struct store *s, const struct event_row *e, int64_t *id, struct sq_error *err)
{
	int64_t new_id = 0;
	char hash[EVENT_HASH_HEX_SIZE];
	int rc = store_chain_hash(s, e, hash, err);

	/* detail: "" is kept as text, NULL as NULL ('S'). */
	if (rc == SQ_OK) {
		sq_stmt *st = store_sql_prepare(
		    s,
		    "INSERT INTO event (hash, ticket_id, at_ms, kind, day, service, counter, "
		    "officer, rule, reason, score, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		    "?, "
		    "?) RETURNING id",
		    "SzISIszssszS", hash, e->ticket_id, e->at_ms, queue_event_name(e->kind),
		    (int64_t)e->day, e->service, (int64_t)e->counter, e->officer, e->rule,
		    e->reason, (int64_t)e->score, e->detail);
		/* Without the id wanted, the row need not be waited for (store_sql_run_later()). */
		rc = id ? store_sql_int(s, st, &new_id, err, "writing the log")
		        : store_sql_run_later(s, st, err, "writing the log");
	}
	/* The row written is the log's last now; a failed one leaves it unknown. */
	if (rc == SQ_OK)
		store_chain_tail_keep(s, hash);
	else
		s->chain_tail_known = false;
	if (id)
		*id = new_id;
	return rc;
}

int
store_log_row(struct store *s, const struct event_row *e, struct sq_error *err)
{
	return store_log_row_id(s, e, NULL, err);
}

void
store_copy_text(char *dst, size_t n, const char *src)
{
	utf8_copy(dst, n, src ? src : "");
}

/* Read the TICKET_COLUMNS that begin at column first of the current row into t. */
static void
read_ticket_at(sq_stmt *st, int first, struct store_ticket *t)
{
	memset(t, 0, sizeof(*t));
	t->id = store_sql_col_int(st, first);
	t->day = (int)store_sql_col_int(st, first + 1);
	t->number = (int)store_sql_col_int(st, first + 2);
	store_copy_text(t->code, sizeof(t->code), store_sql_col_text(st, first + 3));
	store_copy_text(t->service, sizeof(t->service), store_sql_col_text(st, first + 4));
	store_copy_text(t->priority, sizeof(t->priority), store_sql_col_text(st, first + 5));
	t->issued_ms = store_sql_col_int(st, first + 6);
	int state = queue_state_from_name(store_sql_col_text(st, first + 7));
	t->state = state < 0 ? TICKET_VOIDED : (enum ticket_state)state;
	t->state_ms = store_sql_col_int(st, first + 8);
	t->counter = (int)store_sql_col_int(st, first + 9);
	store_copy_text(t->officer, sizeof(t->officer), store_sql_col_text(st, first + 10));
	t->called_ms = store_sql_col_int(st, first + 11);
	store_copy_text(t->token, sizeof(t->token), store_sql_col_text(st, first + 12));
	t->booked = store_sql_col_int(st, first + 13) != 0;
}

void
store_read_ticket(sq_stmt *st, struct store_ticket *t)
{
	read_ticket_at(st, 0, t);
}

/* Run a query for one ticket: SQ_OK, SQ_ERR_NOTFOUND (no row) or a db error. */
int
store_query_ticket(struct store *s, sq_stmt *st, struct store_ticket *out, struct sq_error *err)
{
	int rc;

	if (!st)
		return store_sql_fail(s, err, "reading a ticket");
	rc = store_sql_step(st);
	if (rc == SQ_ROW)
		store_read_ticket(st, out);
	store_sql_done(s, st);
	if (rc == SQ_ROW)
		return SQ_OK;
	if (rc == SQ_DONE)
		return SQ_ERR_NOTFOUND;
	return store_sql_fail(s, err, "reading a ticket");
}

int
store_ticket_by_id(struct store *s, int64_t id, struct store_ticket *out, struct sq_error *err)
{
	return store_query_ticket(
	    s, store_sql_prepare(s, "SELECT " TICKET_COLUMNS " FROM ticket WHERE id = ?", "I", id),
	    out, err);
}

int
store_ticket_find(struct store *s, int day, const char *code, struct store_ticket *out,
                  struct sq_error *err)
{
	int rc = store_query_ticket(
	    s,
	    store_sql_prepare(s, "SELECT " TICKET_COLUMNS " FROM ticket WHERE day = ? AND code = ?",
	                      "IS", (int64_t)day, code),
	    out, err);

	if (rc == SQ_ERR_NOTFOUND)
		return sq_error_set(err, SQ_ERR_NOTFOUND, "no ticket %s today", code);
	return rc;
}

int
store_ticket_apply(struct store *s, struct store_ticket *t, const struct event_row *row,
                   struct sq_error *err)
{
	int to = queue_transition(t->state, row->kind);
	int rc;

	if (to < 0)
		return sq_error_set(err, SQ_ERR_STATE, "ticket %s is %s: it cannot be %s", t->code,
		                    queue_state_name(t->state), queue_event_name(row->kind));
	t->state = (enum ticket_state)to;
	t->state_ms = row->at_ms;
	if (row->kind == EVENT_CALLED && !t->called_ms)
		t->called_ms = row->at_ms;
	if (row->kind == EVENT_TRANSFERRED)
		snprintf(t->service, sizeof(t->service), "%s", row->service);
	/* A ticket at a counter is one that is called or being served there. */
	bool at_counter = t->state == TICKET_CALLED || t->state == TICKET_SERVING;
	if (row->kind == EVENT_CALLED) {
		t->counter = row->counter;
		snprintf(t->officer, sizeof(t->officer), "%s", row->officer ? row->officer : "");
	}
	rc = store_sql_run_later(
	    s,
	    store_sql_prepare(
	        s,
	        "UPDATE ticket SET state = ?, state_ms = ?, service = ?, counter = ?, "
	        "officer = ?, called_ms = ? WHERE id = ?",
	        "SISzszI", queue_state_name(t->state), t->state_ms, t->service,
	        (int64_t)(at_counter ? t->counter : 0), at_counter ? t->officer : "", t->called_ms,
	        t->id),
	    err, "updating a ticket");
	if (rc == SQ_OK)
		rc = store_log_row(s, row, err);
	/* The counter that held the ticket lets go of it when it leaves. */
	if (rc == SQ_OK && !at_counter && t->counter)
		rc = store_sql_run_later(
		    s,
		    store_sql_prepare(s,
		                      "UPDATE counter_state SET ticket_id = NULL WHERE "
		                      "ticket_id = ?",
		                      "I", t->id),
		    err, "updating a counter");
	if (!at_counter)
		t->counter = 0;
	return rc;
}

int
store_issue_locked(struct store *s, const struct config_service *svc, const char *priority,
                   bool booked, int day, int64_t now_ms, const char *token,
                   struct store_ticket *out, struct sq_error *err)
{
	int64_t last = 0;
	/* The last number: one entry of the unique index (max() read every one of the day). */
	int rc = store_sql_int(
	    s,
	    store_sql_prepare(s,
	                      "SELECT number FROM ticket WHERE day = ? AND prefix = ? ORDER BY "
	                      "number DESC LIMIT 1",
	                      "IS", (int64_t)day, svc->id),
	    &last, err, "numbering a ticket");

	if (rc != SQ_OK)
		return rc;
	struct store_ticket *t = out;
	memset(t, 0, sizeof(*t));
	t->day = day;
	t->number = (int)last + 1;
	snprintf(t->code, sizeof(t->code), "%s%03d", svc->id, t->number);
	snprintf(t->service, sizeof(t->service), "%s", svc->id);
	snprintf(t->priority, sizeof(t->priority), "%s", priority ? priority : "");
	t->issued_ms = now_ms;
	t->state = TICKET_WAITING;
	t->state_ms = now_ms;
	t->booked = booked;
	snprintf(t->token, sizeof(t->token), "%s", token);
	rc = store_sql_int(
	    s,
	    store_sql_prepare(s,
	                      "INSERT INTO ticket (day, prefix, number, code, service, "
	                      "priority, issued_ms, state, state_ms, token, booked) VALUES (?, ?, "
	                      "?, ?, ?, ?, ?, 'waiting', ?, ?, ?) RETURNING id",
	                      "ISISSsIISI", (int64_t)day, svc->id, (int64_t)t->number, t->code,
	                      svc->id, t->priority, now_ms, now_ms, t->token, (int64_t)booked),
	    &t->id, err, "issuing a ticket");
	if (rc == SQ_OK) {
		struct event_row row = {
		    .ticket_id = t->id,
		    .kind = EVENT_ISSUED,
		    .at_ms = now_ms,
		    .day = day,
		    .service = svc->id,
		    .detail = *t->priority ? t->priority : NULL,
		};
		rc = store_log_row(s, &row, err);
	}
	return rc;
}

int
store_issue(struct store *s, const struct config *cfg, const char *service, const char *priority,
            struct store_ticket *out, struct sq_error *err)
{
	const struct config_service *svc = config_service_find(cfg, service);
	int64_t now_ms;
	int day, rc;

	if (!svc)
		return sq_error_set(err, SQ_ERR_NOTFOUND, "no service '%s' in %s", service,
		                    cfg->path);
	if (priority && *priority && !config_priority_find(cfg, priority))
		return sq_error_set(err, SQ_ERR_NOTFOUND, "no priority class '%s' in %s", priority,
		                    cfg->path);
	char token[STORE_WEB_TOKEN_LEN + 1];
	/* Drawn before the lock is taken: getrandom() may block early at boot. */
	if ((rc = store_web_token_new(token, sizeof(token), err)) ||
	    (rc = store_write_begin(s, &now_ms, &day, err)))
		return rc;
	rc = store_expire_before(s, day, now_ms, NULL, err);
	if (rc == SQ_OK)
		rc = store_issue_locked(s, svc, priority, false, day, now_ms, token, out, err);
	return store_sql_end(s, rc, err);
}

/* A counter and its ticket in one statement: a round trip less under the write lock. */
#define COUNTER_SQL                                                                                \
	"SELECT c.counter, c.officer, c.status, c.reason, c.since_ms, c.priority_streak, "         \
	"c.ticket_id, c.booking_streak, t.* FROM counter_state AS c LEFT JOIN "                    \
	"(SELECT " TICKET_COLUMNS " FROM ticket) AS t ON t.id = c.ticket_id"

/* The counter of COUNTER_SQL's row; false when it names a ticket that is not there. */
static bool
counter_from_row(sq_stmt *st, struct store_counter *out)
{
	const char *status = store_sql_col_text(st, 2);
	int64_t ticket_id = store_sql_col_int(st, 6);
	bool ticket_found = !store_sql_col_null(st, 8);

	memset(out, 0, sizeof(*out));
	out->counter = (int)store_sql_col_int(st, 0);
	store_copy_text(out->officer, sizeof(out->officer), store_sql_col_text(st, 1));
	for (size_t i = 0; i < 3; i++)
		if (strcmp(status, counter_status_names[i]) == 0)
			out->status = (enum counter_status)i;
	store_copy_text(out->reason, sizeof(out->reason), store_sql_col_text(st, 3));
	out->since_ms = store_sql_col_int(st, 4);
	out->streaks.priority = (int)store_sql_col_int(st, 5);
	out->streaks.booking = (int)store_sql_col_int(st, 7);
	if (ticket_found)
		read_ticket_at(st, 8, &out->ticket);
	out->has_ticket = ticket_id != 0;
	return !ticket_id || ticket_found;
}

static int
counter_read(struct store *s, int counter, struct store_counter *out, struct sq_error *err)
{
	sq_stmt *st =
	    store_sql_prepare(s, COUNTER_SQL " WHERE c.counter = ?", "I", (int64_t)counter);
	bool whole = true;
	int rc;

	memset(out, 0, sizeof(*out));
	out->counter = counter;
	if (!st)
		return store_sql_fail(s, err, "reading a counter");
	rc = store_sql_step(st);
	if (rc == SQ_ROW)
		whole = counter_from_row(st, out);
	store_sql_done(s, st);
	if (rc != SQ_ROW && rc != SQ_DONE)
		return store_sql_fail(s, err, "reading a counter");
	if (!whole)
		return store_sql_fail(s, err, "reading a counter's ticket");
	return SQ_OK;
}

int
store_counter_get(struct store *s, int counter, struct store_counter *out, struct sq_error *err)
{
	return counter_read(s, counter, out, err);
}

int
store_counters_get(struct store *s, const struct config *cfg, struct store_counter *out,
                   struct sq_error *err)
{
	sq_stmt *st = store_sql_prepare(s, COUNTER_SQL, "");
	bool whole = true;
	int rc;

	for (size_t i = 0; i < cfg->n_counters; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].counter = cfg->counters[i].number;
	}
	if (!st)
		return store_sql_fail(s, err, "reading the counters");
	while ((rc = store_sql_step(st)) == SQ_ROW) {
		struct store_counter c;
		bool row_whole = counter_from_row(st, &c);

		/* A counter no longer in the config keeps its row, unread. */
		for (size_t i = 0; i < cfg->n_counters; i++)
			if (out[i].counter == c.counter) {
				out[i] = c;
				whole = whole && row_whole;
			}
	}
	store_sql_done(s, st);
	if (rc != SQ_DONE)
		return store_sql_fail(s, err, "reading the counters");
	if (!whole)
		return store_sql_fail(s, err, "reading a counter's ticket");
	return SQ_OK;
}

static int
counter_write(struct store *s, const struct store_counter *c, struct sq_error *err)
{
	return store_sql_run_later(
	    s,
	    store_sql_prepare(
	        s,
	        "INSERT INTO counter_state (counter, officer, status, reason, since_ms, "
	        "priority_streak, ticket_id, booking_streak) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
	        "ON CONFLICT (counter) DO UPDATE SET officer = excluded.officer, status = "
	        "excluded.status, reason = excluded.reason, since_ms = excluded.since_ms, "
	        "priority_streak = excluded.priority_streak, ticket_id = excluded.ticket_id, "
	        "booking_streak = excluded.booking_streak",
	        "IsSsIIzI", (int64_t)c->counter, c->officer, counter_status_names[c->status],
	        c->reason, c->since_ms, (int64_t)c->streaks.priority,
	        c->has_ticket ? c->ticket.id : (int64_t)0, (int64_t)c->streaks.booking),
	    err, "updating a counter");
}

int
store_check_counter(const struct config *cfg, int counter, struct sq_error *err)
{
	if (!config_counter_find(cfg, counter))
		return sq_error_set(err, SQ_ERR_NOTFOUND, "no counter %d in %s", counter,
		                    cfg->path);
	return SQ_OK;
}

/* The counter must be open (an officer logged in, not on break) to call. */
static int
require_open(const struct store_counter *c, struct sq_error *err)
{
	if (c->status == COUNTER_CLOSED)
		return sq_error_set(err, SQ_ERR_STATE,
		                    "counter %d: no officer logged in (log in first)", c->counter);
	if (c->status == COUNTER_BREAK)
		return sq_error_set(err, SQ_ERR_STATE, "counter %d is on break (%s): resume first",
		                    c->counter, c->reason);
	return SQ_OK;
}

/* Finish the counter's current ticket, as pressing "next" does. */
static int
finish_current(struct store *s, struct store_counter *c, int day, int64_t now_ms,
               struct store_call *out, struct sq_error *err)
{
	int rc;

	out->finished_previous = false;
	if (!c->has_ticket)
		return SQ_OK;
	struct event_row row = {
	    .ticket_id = c->ticket.id,
	    .kind = EVENT_FINISHED,
	    .at_ms = now_ms,
	    .day = day,
	    .service = c->ticket.service,
	    .counter = c->counter,
	    .officer = c->officer,
	};
	rc = store_ticket_apply(s, &c->ticket, &row, err);
	if (rc == SQ_OK) {
		out->finished_previous = true;
		out->previous = c->ticket;
		c->has_ticket = false;
	}
	return rc;
}

/* The queues of a service, one per class (queue.h), numbered as queue_heads' SQL numbers them. */
enum head_class { HEAD_WALK_IN, HEAD_PRIORITY, HEAD_BOOKING, HEAD_CLASSES };

/*
 * Send the read of the head of each of service's queues: the oldest
 * ticket of each class, waiting or parked long enough. One statement, sent
 * at once (store_sql_send()) so that every service's travel together with
 * the counter's read: one round trip to a server under the office's write
 * lock. Each class has two heads, a waiting one and a parked one,
 * each walking the (service, state, id) index in order and stopping at its
 * first match, rather than one OR that sorts every row; the older wins.
 */
static sq_stmt *
queue_heads_send(struct store *s, const char *service, int64_t parked_before)
{
#define HEAD_SQL(cls, state, where)                                                                \
	"SELECT * FROM (SELECT " TICKET_COLUMNS ", " #cls " AS head_class FROM ticket WHERE "      \
	"service = ?1 AND " state " AND " where " ORDER BY id LIMIT 1) AS h" #cls
#define HEADS_SQL(cls, where)                                                                      \
	HEAD_SQL(cls, "state = 'waiting'", where)                                                  \
	" UNION ALL " HEAD_SQL(cls, "state = 'parked' AND state_ms <= ?2", where)
#define WALK_IN_SQL  HEADS_SQL(0, "priority IS NULL AND booked = 0")
#define PRIORITY_SQL HEADS_SQL(1, "priority IS NOT NULL")
#define BOOKING_SQL  HEADS_SQL(2, "priority IS NULL AND booked = 1")
	static const char heads_sql[] = WALK_IN_SQL
	    " UNION ALL " PRIORITY_SQL " UNION ALL " BOOKING_SQL " ORDER BY head_class, id";
#undef BOOKING_SQL
#undef PRIORITY_SQL
#undef WALK_IN_SQL
#undef HEADS_SQL
#undef HEAD_SQL
	return store_sql_send(s, store_sql_prepare(s, heads_sql, "SI", service, parked_before));
}

/* Read queue_heads_send()'s heads into heads, found[cls] telling which exist; releases st. */
static int
queue_heads_read(struct store *s, sq_stmt *st, struct store_ticket heads[HEAD_CLASSES],
                 bool found[HEAD_CLASSES], struct sq_error *err)
{
	int rc;

	for (int cls = 0; cls < HEAD_CLASSES; cls++)
		found[cls] = false;
	if (!st)
		return store_sql_fail(s, err, "reading the queue");
	while ((rc = store_sql_step(st)) == SQ_ROW) {
		int64_t cls = store_sql_col_int(st, TICKET_N_COLUMNS);
		/* Rows come oldest first within a class: its first one is its head. */
		if (cls >= 0 && cls < HEAD_CLASSES && !found[cls]) {
			store_read_ticket(st, &heads[cls]);
			found[cls] = true;
		}
	}
	store_sql_done(s, st);
	return rc == SQ_DONE ? SQ_OK : store_sql_fail(s, err, "reading the queue");
}

/*
 * The candidates of a counter's services, in its order, from their
 * queue_heads_send() reads (each released); *n of them.
 */
static int
heads_collect(struct store *s, sq_stmt *const reads[], size_t n_services,
              struct store_ticket heads[], struct queue_candidate cand[], size_t *n,
              struct sq_error *err)
{
	int rc = SQ_OK;

	*n = 0;
	for (size_t i = 0; i < n_services; i++) {
		struct store_ticket service_heads[HEAD_CLASSES];
		bool found[HEAD_CLASSES];

		if (rc != SQ_OK) {
			store_sql_done(s, reads[i]);
			continue;
		}
		rc = queue_heads_read(s, reads[i], service_heads, found, err);
		for (int cls = 0; rc == SQ_OK && cls < HEAD_CLASSES; cls++) {
			if (!found[cls])
				continue;
			heads[*n] = service_heads[cls];
			cand[*n] = (struct queue_candidate){
			    .ticket_id = heads[*n].id,
			    .service_rank = i,
			    .priority = cls == HEAD_PRIORITY,
			    .booked = cls == HEAD_BOOKING,
			};
			(*n)++;
		}
	}
	return rc;
}

static int
call_ticket(struct store *s, struct store_counter *c, struct store_ticket *t, enum queue_rule rule,
            const char *reason, int day, int64_t now_ms, struct store_call *out,
            struct sq_error *err)
{
	struct event_row row = {
	    .ticket_id = t->id,
	    .kind = EVENT_CALLED,
	    .at_ms = now_ms,
	    .day = day,
	    .service = t->service,
	    .counter = c->counter,
	    .officer = c->officer,
	    .rule = queue_rule_name(rule),
	    .reason = reason,
	};
	int rc = store_ticket_apply(s, t, &row, err);

	if (rc != SQ_OK)
		return rc;
	c->has_ticket = true;
	c->ticket = *t;
	rc = counter_write(s, c, err);
	out->ticket = *t;
	out->rule = rule;
	return rc;
}

static int
call_next_locked(struct store *s, const struct config *cfg, int counter, int day, int64_t now_ms,
                 struct store_call *out, struct sq_error *err)
{
	const struct config_counter *cc = config_counter_find(cfg, counter);
	struct queue_candidate cand[CONFIG_MAX_SERVICES * HEAD_CLASSES];
	struct store_ticket heads[CONFIG_MAX_SERVICES * HEAD_CLASSES];
	sq_stmt *heads_read[CONFIG_MAX_SERVICES];
	struct store_counter c;
	size_t n = 0;
	int rc = store_expire_before(s, day, now_ms, NULL, err);
	int64_t parked_before = now_ms - (int64_t)cfg->park_return_minutes * 60000;

	if (rc != SQ_OK)
		return rc;
	/* Sent before the counter is read, to travel with it: finishing its ticket changes no head.
	 */
	for (size_t i = 0; i < cc->n_services; i++)
		heads_read[i] =
		    queue_heads_send(s, cfg->services[cc->services[i]].id, parked_before);
	if ((rc = counter_read(s, counter, &c, err)) || (rc = require_open(&c, err)) ||
	    (rc = finish_current(s, &c, day, now_ms, out, err))) {
		for (size_t i = 0; i < cc->n_services; i++)
			store_sql_done(s, heads_read[i]);
		return rc;
	}
	if ((rc = heads_collect(s, heads_read, cc->n_services, heads, cand, &n, err)))
		return rc;
	struct queue_policy policy = {.policy = cc->policy,
	                              .priority_cap = cfg->priority_cap,
	                              .booking_cap = cfg->booking_cap};
	struct queue_choice choice;
	if (queue_choose(cand, n, &policy, &c.streaks, &choice) != SQ_OK) {
		/* Nothing to call, but a finished ticket must still be saved. */
		rc = counter_write(s, &c, err);
		if (rc == SQ_OK)
			rc = sq_error_set(err, SQ_ERR_EMPTY, "counter %d: no ticket waiting",
			                  counter);
		return rc;
	}
	c.streaks = choice.streaks;
	return call_ticket(s, &c, &heads[choice.index], choice.rule, NULL, day, now_ms, out, err);
}

int
store_call_next(struct store *s, const struct config *cfg, int counter, struct store_call *out,
                struct sq_error *err)
{
	int64_t now_ms;
	int day, rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_check_counter(cfg, counter, err)) ||
	    (rc = store_write_begin(s, &now_ms, &day, err)))
		return rc;
	rc = call_next_locked(s, cfg, counter, day, now_ms, out, err);
	/* An empty queue still commits the finish of the previous ticket. */
	if (rc == SQ_ERR_EMPTY) {
		struct sq_error keep = err ? *err : (struct sq_error){0};
		rc = store_sql_end(s, SQ_OK, err);
		if (rc == SQ_OK) {
			if (err)
				*err = keep;
			rc = SQ_ERR_EMPTY;
		}
		return rc;
	}
	return store_sql_end(s, rc, err);
}

int
store_call_ticket(struct store *s, const struct config *cfg, int counter, const char *code,
                  const char *reason, struct store_call *out, struct sq_error *err)
{
	struct store_counter c;
	struct store_ticket t;
	int64_t now_ms;
	int day, rc;

	memset(out, 0, sizeof(*out));
	if (!reason || !*reason)
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "calling %s out of turn needs a reason (it is logged for the "
		                    "audit)",
		                    code);
	if ((rc = store_check_counter(cfg, counter, err)) ||
	    (rc = store_write_begin(s, &now_ms, &day, err)))
		return rc;
	if ((rc = store_expire_before(s, day, now_ms, NULL, err)) == SQ_OK &&
	    (rc = counter_read(s, counter, &c, err)) == SQ_OK &&
	    (rc = require_open(&c, err)) == SQ_OK &&
	    (rc = store_ticket_find(s, day, code, &t, err)) == SQ_OK) {
		/*
		 * A parked ticket back from its park time is in the queue again; one
		 * still away, or a no-show, comes back only through reactivate.
		 */
		bool rejoined = t.state == TICKET_PARKED &&
		                queue_park_returned(t.state_ms, now_ms, cfg->park_return_minutes);
		if ((t.state == TICKET_PARKED && !rejoined) || t.state == TICKET_NOSHOW)
			rc = sq_error_set(err, SQ_ERR_STATE,
			                  "ticket %s is %s: reactivate it first, it rejoins by its "
			                  "arrival",
			                  code, queue_state_name(t.state));
		else if (t.state != TICKET_WAITING && !rejoined)
			rc = sq_error_set(err, SQ_ERR_STATE, "ticket %s is %s, not waiting", code,
			                  queue_state_name(t.state));
		if (rc == SQ_OK)
			rc = finish_current(s, &c, day, now_ms, out, err);
		if (rc == SQ_OK)
			rc = call_ticket(s, &c, &t, QUEUE_RULE_MANUAL, reason, day, now_ms, out,
			                 err);
	}
	return store_sql_end(s, rc, err);
}

int
store_counter_ticket_event(struct store *s, const struct config *cfg, int counter,
                           enum ticket_event event, const char *arg, struct store_ticket *out,
                           struct sq_error *err)
{
	struct store_counter c;
	int64_t now_ms;
	int day, rc;

	switch (event) {
	case EVENT_RECALLED:
	case EVENT_STARTED:
	case EVENT_FINISHED:
	case EVENT_NOSHOW:
	case EVENT_PARKED:
		break;
	case EVENT_TRANSFERRED:
		if (!arg || !config_service_find(cfg, arg))
			return sq_error_set(err, SQ_ERR_NOTFOUND, "no service '%s' in %s",
			                    arg ? arg : "", cfg->path);
		break;
	case EVENT_VOIDED:
		if (!arg || !*arg)
			return sq_error_set(err, SQ_ERR_INVALID, "voiding a ticket needs a reason");
		break;
	default:
		return sq_error_set(err, SQ_ERR_INVALID, "'%s' is not an action on a ticket",
		                    queue_event_name(event));
	}
	if ((rc = store_check_counter(cfg, counter, err)) ||
	    (rc = store_write_begin(s, &now_ms, &day, err)))
		return rc;
	rc = counter_read(s, counter, &c, err);
	if (rc == SQ_OK && !c.has_ticket)
		rc = sq_error_set(err, SQ_ERR_STATE, "counter %d has no current ticket", counter);
	if (rc == SQ_OK && event == EVENT_TRANSFERRED && strcmp(arg, c.ticket.service) == 0)
		rc = sq_error_set(err, SQ_ERR_INVALID, "ticket %s is already in service %s",
		                  c.ticket.code, arg);
	if (rc == SQ_OK) {
		char detail[64] = "";
		if (event == EVENT_TRANSFERRED)
			snprintf(detail, sizeof(detail), "from %s", c.ticket.service);
		struct event_row row = {
		    .ticket_id = c.ticket.id,
		    .kind = event,
		    .at_ms = now_ms,
		    .day = day,
		    .service = event == EVENT_TRANSFERRED ? arg : c.ticket.service,
		    .counter = counter,
		    .officer = c.officer,
		    .reason = event == EVENT_VOIDED ? arg : NULL,
		    .detail = *detail ? detail : NULL,
		};
		rc = store_ticket_apply(s, &c.ticket, &row, err);
		if (rc == SQ_OK)
			*out = c.ticket;
	}
	return store_sql_end(s, rc, err);
}

int
store_reactivate(struct store *s, const struct config *cfg, int counter, const char *code,
                 struct store_ticket *out, struct sq_error *err)
{
	struct store_ticket t;
	int64_t now_ms;
	int day, rc;

	if ((rc = store_check_counter(cfg, counter, err)) ||
	    (rc = store_write_begin(s, &now_ms, &day, err)))
		return rc;
	rc = store_ticket_find(s, day, code, &t, err);
	/* Only a clock correction brings back an expired ticket (store_service_day). */
	if (rc == SQ_OK && t.state != TICKET_NOSHOW && t.state != TICKET_PARKED)
		rc = sq_error_set(err, SQ_ERR_STATE,
		                  "ticket %s is %s: only a no-show or a parked "
		                  "ticket can be reactivated",
		                  code, queue_state_name(t.state));
	if (rc == SQ_OK && t.state == TICKET_NOSHOW &&
	    !queue_noshow_in_grace(t.state_ms, now_ms, cfg->noshow_grace_minutes))
		rc = sq_error_set(err, SQ_ERR_STATE,
		                  "ticket %s was marked no-show more than %d minutes ago: issue a "
		                  "new ticket",
		                  code, cfg->noshow_grace_minutes);
	if (rc == SQ_OK) {
		struct event_row row = {
		    .ticket_id = t.id,
		    .kind = EVENT_RETURNED,
		    .at_ms = now_ms,
		    .day = day,
		    .service = t.service,
		    .counter = counter,
		    .reason = t.state == TICKET_NOSHOW ? "no-show reactivated" : "back early",
		};
		rc = store_ticket_apply(s, &t, &row, err);
		if (rc == SQ_OK)
			*out = t;
	}
	return store_sql_end(s, rc, err);
}

int
store_counter_status_event(struct store *s, const struct config *cfg, int counter,
                           enum ticket_event event, const char *arg, struct sq_error *err)
{
	struct store_counter c;
	int64_t now_ms;
	int day, rc;

	if (event == EVENT_LOGIN) {
		if (!arg || !*arg)
			return sq_error_set(err, SQ_ERR_INVALID, "login needs an officer id");
		if (cfg->n_officers && !config_officer_find(cfg, arg))
			return sq_error_set(err, SQ_ERR_NOTFOUND, "no [officer %s] in %s", arg,
			                    cfg->path);
		if (strlen(arg) >= CONFIG_ID_LEN)
			return sq_error_set(err, SQ_ERR_INVALID, "officer id '%s' is too long",
			                    arg);
	} else if (event != EVENT_LOGOUT && event != EVENT_BREAK && event != EVENT_RESUME) {
		return sq_error_set(err, SQ_ERR_INVALID, "'%s' is not a counter status",
		                    queue_event_name(event));
	}
	if ((rc = store_check_counter(cfg, counter, err)) ||
	    (rc = store_write_begin(s, &now_ms, &day, err)))
		return rc;
	rc = counter_read(s, counter, &c, err);
	if (rc == SQ_OK && c.has_ticket && event != EVENT_RESUME)
		rc = sq_error_set(err, SQ_ERR_STATE,
		                  "counter %d is holding ticket %s: finish, park or transfer it "
		                  "first",
		                  counter, c.ticket.code);
	if (rc == SQ_OK) {
		switch (event) {
		case EVENT_LOGIN:
			snprintf(c.officer, sizeof(c.officer), "%s", arg);
			c.status = COUNTER_OPEN;
			c.reason[0] = '\0';
			break;
		case EVENT_LOGOUT:
			if (c.status == COUNTER_CLOSED)
				rc = sq_error_set(err, SQ_ERR_STATE, "counter %d is not logged in",
				                  counter);
			c.status = COUNTER_CLOSED;
			break;
		case EVENT_BREAK:
			if (c.status != COUNTER_OPEN)
				rc = sq_error_set(err, SQ_ERR_STATE, "counter %d is not open",
				                  counter);
			c.status = COUNTER_BREAK;
			/* A long reason is cut whole characters, never mid-character. */
			utf8_copy(c.reason, sizeof(c.reason), arg && *arg ? arg : "break");
			break;
		default:
			if (c.status != COUNTER_BREAK)
				rc = sq_error_set(err, SQ_ERR_STATE, "counter %d is not on break",
				                  counter);
			c.status = COUNTER_OPEN;
			c.reason[0] = '\0';
			break;
		}
	}
	/*
	 * The streaks are the counter's, not the officer's or the shift's:
	 * they survive breaks and logins, so a walk-in is never passed more
	 * than the caps allow in a row (queue.h).
	 */
	if (rc == SQ_OK) {
		c.since_ms = now_ms;
		struct event_row row = {
		    .kind = event,
		    .at_ms = now_ms,
		    .day = day,
		    .counter = counter,
		    .officer = c.officer,
		    /* A break's reason; a logout's when it has one (an idle page closed). */
		    .reason = event == EVENT_BREAK                   ? c.reason
		              : event == EVENT_LOGOUT && arg && *arg ? arg
		                                                     : NULL,
		};
		rc = counter_write(s, &c, err);
		if (rc == SQ_OK)
			rc = store_log_row(s, &row, err);
		if (event == EVENT_LOGOUT)
			c.officer[0] = '\0';
		if (rc == SQ_OK && event == EVENT_LOGOUT)
			rc = counter_write(s, &c, err);
	}
	return store_sql_end(s, rc, err);
}

int
store_log_event(struct store *s, enum ticket_event event, const char *service, int counter,
                const char *reason, struct sq_error *err)
{
	struct event_row row = {
	    .kind = event,
	    .service = service,
	    .counter = counter,
	    .reason = reason,
	};
	int rc;

	if (event != EVENT_FIRST_CONTACT && event != EVENT_FAULT)
		return sq_error_set(err, SQ_ERR_INVALID, "'%s' belongs to a ticket or counter",
		                    queue_event_name(event));
	if ((rc = store_write_begin(s, &row.at_ms, &row.day, err)))
		return rc;
	rc = store_log_row(s, &row, err);
	return store_sql_end(s, rc, err);
}
