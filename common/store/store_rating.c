#include "store_private.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_table.h"
#include "thaitime.h"

/* ------------------------------------------------------------------------
 * Ratings.
 */

/* Log name, Thai and English label of each reason. */
static const struct {
	const char *name, *th, *en;
} rating_reasons[RATING_REASON_COUNT] = {
    [RATING_REASON_NONE] = {"", "ไม่ระบุ", "not given"},
    [RATING_REASON_WAITING] = {"waiting", "ระยะเวลารอคอย", "Waiting time"},
    [RATING_REASON_COURTESY] = {"courtesy", "ความสุภาพของเจ้าหน้าที่", "Officer's courtesy"},
    [RATING_REASON_INFORMATION] = {"information", "การให้ข้อมูล", "Information"},
    [RATING_REASON_FACILITIES] = {"facilities", "สิ่งอำนวยความสะดวก", "Facilities"},
};

const char *
store_rating_reason_name(enum rating_reason reason)
{
	return (unsigned)reason < RATING_REASON_COUNT ? rating_reasons[reason].name : "";
}

const char *
store_rating_reason_th(enum rating_reason reason)
{
	return (unsigned)reason < RATING_REASON_COUNT ? rating_reasons[reason].th : "";
}

const char *
store_rating_reason_en(enum rating_reason reason)
{
	return (unsigned)reason < RATING_REASON_COUNT ? rating_reasons[reason].en : "";
}

int
store_rating_reason_from_name(const char *name)
{
	if (!name || !*name)
		return RATING_REASON_NONE;
	for (int i = 1; i < RATING_REASON_COUNT; i++)
		if (strcmp(rating_reasons[i].name, name) == 0)
			return i;
	return -1;
}

#define RATING_FIELD(m) CONFIG_FIELD(struct store_rating_settings, m)

/* The keys of [rating]. */
static const struct config_option rating_options[] = {
    {.name = "window_minutes",
     .type = CONFIG_INT,
     RATING_FIELD(window_minutes),
     .min = 1,
     .max = 1440,
     .what = "a number of minutes",
     CONFIG_DEFAULT(STORE_RATING_WINDOW_DEFAULT),
     .unit = "minutes",
     .help = "a finish this recent is offered for rating"},
    {.name = "timeout_seconds",
     .type = CONFIG_INT,
     RATING_FIELD(timeout_seconds),
     .min = 5,
     .max = 600,
     .what = "a number of seconds",
     CONFIG_DEFAULT(STORE_RATING_TIMEOUT_DEFAULT),
     .unit = "seconds",
     .help = "an unanswered rating screen goes back to rest after this"},
};

const struct config_table store_rating_config_table = CONFIG_TABLE("rating", rating_options);

/* Parse sec into *out; with err, a bad key is reported and SQ_ERR_INVALID returned. */
static int
rating_parse(const struct config_section *sec, struct store_rating_settings *out,
             struct sq_error *err)
{
	out->window_minutes = STORE_RATING_WINDOW_DEFAULT;
	out->timeout_seconds = STORE_RATING_TIMEOUT_DEFAULT;
	return config_table_apply(&store_rating_config_table, sec, out, 0, NULL, NULL, err);
}

int
store_rating_config_check(const struct config *cfg, const struct config_section *sec,
                          struct sq_error *err)
{
	struct store_rating_settings tmp;

	(void)cfg;
	return rating_parse(sec, &tmp, err);
}

void
store_rating_settings(const struct config *cfg, struct store_rating_settings *out)
{
	/* Checked at load: a failure here cannot happen, and leaves the defaults. */
	if (rating_parse(config_section_find(cfg, "rating", ""), out, NULL) != SQ_OK) {
		out->window_minutes = STORE_RATING_WINDOW_DEFAULT;
		out->timeout_seconds = STORE_RATING_TIMEOUT_DEFAULT;
	}
}

/*
 * The finish event of the ticket to rate: ticket_id's last finish, or the
 * last finish at counter on a service day from since_day (the day the
 * window opened: older finishes can no longer be rated, and the search
 * stays within a day or two of the log). SQ_ERR_NOTFOUND (with a message)
 * when none.
 */
static int
rating_find(struct store *s, int counter, int64_t ticket_id, int since_day,
            struct store_rating_target *out, struct sq_error *err)
{
	sq_stmt *st =
	    ticket_id
	        ? store_sql_prepare(s,
	                            "SELECT id, ticket_id, at_ms, service, counter, officer FROM "
	                            "event WHERE kind = 'finished' AND ticket_id = ? ORDER BY id "
	                            "DESC LIMIT 1",
	                            "I", ticket_id)
	        : store_sql_prepare(s,
	                            "SELECT id, ticket_id, at_ms, service, counter, officer FROM "
	                            "event WHERE kind = 'finished' AND day >= ? AND counter = ? "
	                            "ORDER BY id DESC LIMIT 1",
	                            "II", (int64_t)since_day, (int64_t)counter);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return store_sql_fail(s, err, "finding the ticket to rate");
	rc = store_sql_step(st);
	int64_t tid = 0;
	char service[4] = "", officer[CONFIG_ID_LEN] = "";
	int fcounter = 0;
	if (rc == SQ_ROW) {
		out->finish_event_id = store_sql_col_int(st, 0);
		tid = store_sql_col_int(st, 1);
		out->finished_ms = store_sql_col_int(st, 2);
		store_copy_text(service, sizeof(service), store_sql_col_text(st, 3));
		fcounter = (int)store_sql_col_int(st, 4);
		store_copy_text(officer, sizeof(officer), store_sql_col_text(st, 5));
	}
	store_sql_done(s, st);
	if (rc == SQ_DONE) {
		if (ticket_id)
			return sq_error_set(err, SQ_ERR_STATE, "ticket %lld has not been finished",
			                    (long long)ticket_id);
		return sq_error_set(err, SQ_ERR_NOTFOUND,
		                    "no ticket has been finished at counter %d lately", counter);
	}
	if (rc != SQ_ROW)
		return store_sql_fail(s, err, "finding the ticket to rate");
	rc = store_ticket_by_id(s, tid, &out->ticket, err);
	if (rc == SQ_ERR_NOTFOUND)
		return store_sql_fail(s, err, "reading the finished ticket");
	if (rc != SQ_OK)
		return rc;
	/* The ticket row forgets its counter at the finish: give it the finish's. */
	snprintf(out->ticket.service, sizeof(out->ticket.service), "%s", service);
	snprintf(out->ticket.officer, sizeof(out->ticket.officer), "%s", officer);
	out->ticket.counter = fcounter;
	int64_t rated = 0;
	rc = store_sql_int(
	    s,
	    store_sql_prepare(
	        s, "SELECT count(*) FROM event WHERE kind = 'rated' AND ticket_id = ?", "I", tid),
	    &rated, err, "checking earlier ratings");
	out->rated = rated > 0;
	return rc;
}

/* The service day on which the rating window open at now_ms began. */
static int
window_day(const struct store_rating_settings *set, int64_t now_ms)
{
	return thaitime_day_key(now_ms - (int64_t)set->window_minutes * 60000);
}

/* Whether target may be rated at now_ms: the life cycle, once, the window. */
static int
rating_allowed(const struct store_rating_target *t, int window_minutes, int64_t now_ms,
               struct sq_error *err)
{
	if (queue_transition(t->ticket.state, EVENT_RATED) != TICKET_DONE)
		return sq_error_set(err, SQ_ERR_STATE, "ticket %s is %s: it cannot be rated",
		                    t->ticket.code, queue_state_name(t->ticket.state));
	if (t->rated)
		return sq_error_set(err, SQ_ERR_STATE, "ticket %s has already been rated",
		                    t->ticket.code);
	if (now_ms - t->finished_ms > (int64_t)window_minutes * 60000)
		return sq_error_set(
		    err, SQ_ERR_STATE,
		    "ticket %s was finished at counter %d more than %d minutes ago: "
		    "too late to rate it",
		    t->ticket.code, t->ticket.counter, window_minutes);
	return SQ_OK;
}

int
store_rating_target(struct store *s, const struct config *cfg, int counter, int64_t now_ms,
                    struct store_rating_target *out, struct sq_error *err)
{
	struct store_rating_settings set;
	int rc;

	store_rating_settings(cfg, &set);
	if ((rc = store_check_counter(cfg, counter, err)))
		return rc;
	if ((rc = rating_find(s, counter, 0, window_day(&set, now_ms), out, err)))
		return rc;
	return rating_allowed(out, set.window_minutes, now_ms, err);
}

int
store_rate(struct store *s, const struct config *cfg, int counter, int64_t ticket_id, int score,
           enum rating_reason reason, int64_t answered_ms, struct store_rating *out,
           struct sq_error *err)
{
	return store_rate_via(s, cfg, counter, ticket_id, score, reason, NULL, answered_ms, out,
	                      err);
}

int
store_rate_via(struct store *s, const struct config *cfg, int counter, int64_t ticket_id, int score,
               enum rating_reason reason, const char *channel, int64_t answered_ms,
               struct store_rating *out, struct sq_error *err)
{
	struct store_rating_settings set;
	struct store_rating_target t;
	struct store_rating r = {0};
	int64_t now_ms;
	int day, rc;

	if (score < 1 || score > 5)
		return sq_error_set(err, SQ_ERR_INVALID, "score %d is not from 1 to 5", score);
	if ((unsigned)reason >= RATING_REASON_COUNT)
		return sq_error_set(err, SQ_ERR_INVALID, "unknown rating reason %d", (int)reason);
	if (counter && (rc = store_check_counter(cfg, counter, err)))
		return rc;
	store_rating_settings(cfg, &set);
	if ((rc = store_write_begin(s, &now_ms, &day, err)))
		return rc;
	if (!answered_ms)
		answered_ms = now_ms;
	if (ticket_id || counter) {
		rc = rating_find(s, counter, ticket_id, window_day(&set, answered_ms), &t, err);
		if (rc == SQ_OK && counter && t.ticket.counter != counter)
			rc = sq_error_set(err, SQ_ERR_STATE,
			                  "ticket %s was finished at counter %d, not %d",
			                  t.ticket.code, t.ticket.counter, counter);
		if (rc == SQ_OK)
			rc = rating_allowed(&t, set.window_minutes, answered_ms, err);
		if (rc == SQ_OK) {
			r.ticket_id = t.ticket.id;
			snprintf(r.code, sizeof(r.code), "%s", t.ticket.code);
			snprintf(r.service, sizeof(r.service), "%s", t.ticket.service);
			r.counter = t.ticket.counter;
			snprintf(r.officer, sizeof(r.officer), "%s", t.ticket.officer);
		}
	}
	r.score = score;
	r.reason = reason;
	r.at_ms = now_ms;
	if (rc == SQ_OK) {
		struct event_row row = {
		    .ticket_id = r.ticket_id,
		    .kind = EVENT_RATED,
		    .at_ms = now_ms,
		    .day = day,
		    .service = r.service,
		    .counter = r.counter,
		    .officer = r.officer,
		    .reason = store_rating_reason_name(reason),
		    .score = score,
		    .detail = channel,
		};
		rc = store_log_row_id(s, &row, &r.event_id, err);
		/* The unique index is the last word when two screens race. */
		if (rc == SQ_ERR_DB && store_sql_is_constraint(s))
			rc = sq_error_set(err, SQ_ERR_STATE, "ticket %s has already been rated",
			                  r.code);
	}
	rc = store_sql_end(s, rc, err);
	if (rc == SQ_OK && out)
		*out = r;
	return rc;
}
