#include "report.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "thaitime.h"

#define MINUTE_MS 60000.0

/* A growing set of durations in ms. */
struct samples {
	int64_t *v;
	size_t n, cap;
};

/* Everything one month's pass collects before it becomes figures. */
struct month_acc {
	struct samples wait_svc[CONFIG_MAX_SERVICES];
	struct samples service_svc[CONFIG_MAX_SERVICES];
	struct samples wait_hour[REPORT_HOURS];
	struct samples service_hour[REPORT_HOURS];
	struct samples wait_prio[REPORT_MAX_PRIORITY];
	struct samples wait_prio_all;
	struct samples wait_all, service_all;
};

/* Add v to s; SQ_ERR_NOMEM if it cannot grow. */
static int
samples_add(struct samples *s, int64_t v, struct sq_error *err)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		int64_t *grown = realloc(s->v, cap * sizeof(*grown));
		if (!grown)
			return sq_error_set(err, SQ_ERR_NOMEM, "out of memory building the report");
		s->v = grown;
		s->cap = cap;
	}
	s->v[s->n++] = v;
	return SQ_OK;
}

/* Mean, median and P90 of s in minutes (s is sorted in place). */
static struct report_times
samples_times(struct samples *s)
{
	struct report_times t = {.n = (int64_t)s->n};
	double mean = 0, median = 0, p90 = 0;

	if (!s->n)
		return t;
	stats_sort_i64(s->v, s->n);
	stats_mean_i64(s->v, s->n, &mean);
	stats_percentile_sorted(s->v, s->n, 0.5, &median);
	stats_percentile_sorted(s->v, s->n, 0.9, &p90);
	t.mean_min = mean / MINUTE_MS;
	t.median_min = median / MINUTE_MS;
	t.p90_min = p90 / MINUTE_MS;
	return t;
}

/* Free every sample set of acc. */
static void
acc_release(struct month_acc *acc)
{
	struct samples *all = (struct samples *)acc;
	size_t n = sizeof(*acc) / sizeof(struct samples);

	for (size_t i = 0; i < n; i++)
		free(all[i].v);
	memset(acc, 0, sizeof(*acc));
}

/* Days in month of year (Gregorian). */
static int
days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

/* Report a failed statement and finalize it. */
static int
sql_fail(sqlite3 *db, sqlite3_stmt *st, struct sq_error *err, const char *what)
{
	int rc = sq_error_set(err, SQ_ERR_DB, "report: %s while %s", sqlite3_errmsg(db), what);

	sqlite3_finalize(st);
	return rc;
}

/* Prepare sql with the day range bound to ?1 and ?2; NULL on failure (message in err). */
static sqlite3_stmt *
sql_days(sqlite3 *db, const char *sql, int first_day, int last_day, struct sq_error *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int(st, 1, first_day) != SQLITE_OK ||
	    sqlite3_bind_int(st, 2, last_day) != SQLITE_OK) {
		sq_error_set(err, SQ_ERR_DB, "report: %s", sqlite3_errmsg(db));
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* Index of priority class id in r->priority (0 = normal), or -1. */
static int
priority_index(const struct report *r, const char *id)
{
	for (size_t i = 0; i < r->n_priority; i++)
		if (strcmp(r->priority[i].id, id) == 0)
			return (int)i;
	return -1;
}

/*
 * Tickets of the days: issue counts and final states, waits by service,
 * hour and priority, the heat map. With light set only the waits by
 * service and overall are kept (the previous month).
 */
static int
collect_tickets(sqlite3 *db, struct report *r, int first_day, int last_day, bool light,
                struct month_acc *acc, struct sq_error *err)
{
	const struct config *cfg = r->cfg;
	sqlite3_stmt *st = sql_days(db,
	                            "SELECT prefix, priority, issued_ms, called_ms, state, day "
	                            "FROM ticket WHERE day BETWEEN ?1 AND ?2",
	                            first_day, last_day, err);
	int rc = SQ_OK, step;
	int last_day_seen = 0;
	bool seen[32] = {0};

	if (!st)
		return SQ_ERR_DB;
	while (rc == SQ_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *prefix = (const char *)sqlite3_column_text(st, 0);
		const char *prio = (const char *)sqlite3_column_text(st, 1);
		int64_t issued = sqlite3_column_int64(st, 2);
		bool called = sqlite3_column_type(st, 3) != SQLITE_NULL;
		int64_t wait = sqlite3_column_int64(st, 3) - issued;
		const char *state = (const char *)sqlite3_column_text(st, 4);
		int day = sqlite3_column_int(st, 5);
		int si = config_service_index(cfg, prefix ? prefix : "");

		if (called && si >= 0)
			rc = samples_add(&acc->wait_svc[si], wait, err);
		if (called && rc == SQ_OK)
			rc = samples_add(&acc->wait_all, wait, err);
		if (light || rc != SQ_OK)
			continue;
		struct local_time lt;
		thaitime_local(issued, &lt);
		r->has_data = true;
		if (day != last_day_seen && day % 100 < 32) {
			seen[day % 100] = true;
			last_day_seen = day;
		}
		r->issued++;
		r->heat[lt.weekday][lt.hour]++;
		r->hours[lt.hour].arrivals++;
		struct report_service *rs = si >= 0 ? &r->services[si] : NULL;
		if (rs)
			rs->issued++;
		static const struct {
			const char *state;
			size_t offset;
		} finals[] = {
		    {"noshow", offsetof(struct report_service, noshow)},
		    {"expired", offsetof(struct report_service, expired)},
		    {"voided", offsetof(struct report_service, voided)},
		    {"waiting", offsetof(struct report_service, open)},
		    {"called", offsetof(struct report_service, open)},
		    {"serving", offsetof(struct report_service, open)},
		    {"parked", offsetof(struct report_service, open)},
		};
		for (size_t k = 0; state && k < sizeof(finals) / sizeof(finals[0]); k++) {
			if (strcmp(state, finals[k].state) != 0)
				continue;
			/* The totals in struct report mirror struct report_service's fields. */
			static const size_t total_offset[] = {
			    offsetof(struct report, noshow), offsetof(struct report, expired),
			    offsetof(struct report, voided), offsetof(struct report, open),
			    offsetof(struct report, open),   offsetof(struct report, open),
			    offsetof(struct report, open),
			};
			(*(int64_t *)((char *)r + total_offset[k]))++;
			if (rs)
				(*(int64_t *)((char *)rs + finals[k].offset))++;
		}
		int pi = priority_index(r, prio ? prio : "");
		if (pi < 0)
			pi = 0;
		r->priority[pi].issued++;
		if (pi > 0)
			r->priority_issued++;
		if (called) {
			rc = samples_add(&acc->wait_hour[lt.hour], wait, err);
			if (rc == SQ_OK)
				rc = samples_add(&acc->wait_prio[pi], wait, err);
			if (rc == SQ_OK && pi > 0)
				rc = samples_add(&acc->wait_prio_all, wait, err);
		}
	}
	if (rc == SQ_OK && step != SQLITE_DONE)
		return sql_fail(db, st, err, "reading tickets");
	sqlite3_finalize(st);
	for (int d = 1; d < 32 && !light; d++)
		r->service_days += seen[d];
	return rc;
}

/*
 * Finished tickets of the days: served counts, service times by service
 * and hour begun, and the P1 split by the hours the ticket was issued in.
 */
static int
collect_finished(sqlite3 *db, struct report *r, int first_day, int last_day, bool light,
                 struct month_acc *acc, struct sq_error *err)
{
	const struct config *cfg = r->cfg;
	sqlite3_stmt *st = sql_days(
	    db,
	    "SELECT f.at_ms, f.service, t.prefix, t.issued_ms, (SELECT max(e.at_ms) FROM event e "
	    "WHERE e.ticket_id = f.ticket_id AND e.kind IN ('called', 'started') AND e.id < f.id) "
	    "FROM event f JOIN ticket t ON t.id = f.ticket_id "
	    "WHERE f.day BETWEEN ?1 AND ?2 AND f.kind = 'finished'",
	    first_day, last_day, err);
	int rc = SQ_OK, step;

	if (!st)
		return SQ_ERR_DB;
	while (rc == SQ_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t at = sqlite3_column_int64(st, 0);
		const char *service = (const char *)sqlite3_column_text(st, 1);
		const char *prefix = (const char *)sqlite3_column_text(st, 2);
		int64_t issued = sqlite3_column_int64(st, 3);
		bool has_begin = sqlite3_column_type(st, 4) != SQLITE_NULL;
		int64_t begin = sqlite3_column_int64(st, 4);
		int si = config_service_index(cfg, service ? service : "");

		if (has_begin && si >= 0)
			rc = samples_add(&acc->service_svc[si], at - begin, err);
		if (has_begin && rc == SQ_OK)
			rc = samples_add(&acc->service_all, at - begin, err);
		if (light || rc != SQ_OK)
			continue;
		r->served++;
		if (si >= 0)
			r->services[si].served++;
		if (has_begin) {
			struct local_time lb;
			thaitime_local(begin, &lb);
			rc = samples_add(&acc->service_hour[lb.hour], at - begin, err);
		}
		/* P1: the hours the citizen came in, by the service asked for. */
		struct local_time li;
		struct service_hours_state h = {0};
		const struct config_service *svc = config_service_find(cfg, prefix ? prefix : "");
		thaitime_local(issued, &li);
		if (svc)
			config_service_hours(svc, &li, &h);
		struct report_hour *rh = &r->hours[li.hour];
		if (!h.open) {
			r->served_outside++;
			rh->served_outside++;
		} else if (h.extended) {
			r->served_extended++;
			rh->served_extended++;
		} else {
			r->served_regular++;
			rh->served_regular++;
		}
		if (li.weekday >= 5)
			r->served_weekend++;
	}
	if (rc == SQ_OK && step != SQLITE_DONE)
		return sql_fail(db, st, err, "reading finished tickets");
	sqlite3_finalize(st);
	return rc;
}

/* Counters that called at least one ticket, per day and hour (for S3.1). */
static int
collect_calls(sqlite3 *db, struct report *r, struct sq_error *err)
{
	sqlite3_stmt *st = sql_days(db,
	                            "SELECT DISTINCT day, at_ms / 3600000, counter FROM event "
	                            "WHERE day BETWEEN ?1 AND ?2 AND kind = 'called'",
	                            r->first_day, r->last_day, err);
	int step;

	if (!st)
		return SQ_ERR_DB;
	/* DISTINCT on the UTC hour; the local hour of a whole UTC hour is whole too here. */
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct local_time lt;
		thaitime_local(sqlite3_column_int64(st, 1) * 3600000, &lt);
		r->hours[lt.hour].counters_open += 1;
	}
	if (step != SQLITE_DONE)
		return sql_fail(db, st, err, "reading calls");
	sqlite3_finalize(st);
	for (int h = 0; h < REPORT_HOURS; h++)
		r->hours[h].counters_open =
		    r->service_days ? r->hours[h].counters_open / r->service_days : 0;
	return SQ_OK;
}

/* The officer row for id, added (with config names) if new; NULL when full. */
static struct report_sat *
officer_row(struct report *r, const char *id)
{
	for (size_t i = 0; i < r->n_officers; i++)
		if (strcmp(r->officers_sat[i].key, id) == 0)
			return &r->officers_sat[i];
	if (r->n_officers == REPORT_MAX_OFFICERS)
		return NULL;
	struct report_sat *o = &r->officers_sat[r->n_officers++];
	const struct config_officer *co = config_officer_find(r->cfg, id);
	snprintf(o->key, sizeof(o->key), "%s", id);
	o->name_th = co ? co->name.th : o->key;
	o->name_en = co ? co->name.en : o->key;
	return o;
}

/* Ratings of the month, by kind, service, counter, officer and reason. */
static int
collect_ratings(sqlite3 *db, struct report *r, struct sq_error *err)
{
	sqlite3_stmt *st =
	    sql_days(db,
	             "SELECT ticket_id IS NULL, coalesce(service, ''), coalesce(counter, 0), "
	             "coalesce(officer, ''), score, coalesce(reason, ''), count(*), "
	             "coalesce(detail = 'web', 0) FROM event WHERE day BETWEEN ?1 AND ?2 AND "
	             "kind = 'rated' GROUP BY 1, 2, 3, 4, 5, 6, 8",
	             r->first_day, r->last_day, err);
	int step;

	if (!st)
		return SQ_ERR_DB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		bool free_standing = sqlite3_column_int(st, 0);
		const char *service = (const char *)sqlite3_column_text(st, 1);
		int counter = sqlite3_column_int(st, 2);
		const char *officer = (const char *)sqlite3_column_text(st, 3);
		int score = sqlite3_column_int(st, 4);
		int reason =
		    store_rating_reason_from_name((const char *)sqlite3_column_text(st, 5));
		int64_t n = sqlite3_column_int64(st, 6);

		if (score < 1 || score > 5)
			continue; /* the store never writes one; a foreign row is not counted */
		r->all.counts[score - 1] += n;
		(free_standing ? &r->free_standing : &r->tied)->counts[score - 1] += n;
		/* The channel (saduak-web's phone page logs "web"); the screens log none. */
		if (sqlite3_column_int(st, 7))
			r->phone.counts[score - 1] += n;
		if (reason >= 0)
			r->reasons[reason] += n;
		if (free_standing)
			continue;
		int si = config_service_index(r->cfg, service ? service : "");
		if (si >= 0)
			r->services_sat[si].counts[score - 1] += n;
		for (size_t c = 0; c < r->cfg->n_counters; c++)
			if (r->cfg->counters[c].number == counter)
				r->counters_sat[c].counts[score - 1] += n;
		struct report_sat *o = officer && *officer ? officer_row(r, officer) : NULL;
		if (o)
			o->counts[score - 1] += n;
	}
	if (step != SQLITE_DONE)
		return sql_fail(db, st, err, "reading ratings");
	sqlite3_finalize(st);

	/* Outcome 1.3 is scored over the last year: the 12 months ending with this one. */
	int y0 = r->month == 12 ? r->year : r->year - 1;
	int m0 = r->month == 12 ? 1 : r->month + 1;
	st = sql_days(db,
	              "SELECT score, count(*) FROM event WHERE day BETWEEN ?1 AND ?2 AND "
	              "kind = 'rated' GROUP BY score",
	              y0 * 10000 + m0 * 100 + 1, r->last_day, err);
	if (!st)
		return SQ_ERR_DB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int score = sqlite3_column_int(st, 0);
		if (score >= 1 && score <= 5)
			r->last_year.counts[score - 1] += sqlite3_column_int64(st, 1);
	}
	if (step != SQLITE_DONE)
		return sql_fail(db, st, err, "reading the year's ratings");
	sqlite3_finalize(st);
	return SQ_OK;
}

/* First-contact interactions of the month by outcome and service (P13). */
static int
collect_contacts(sqlite3 *db, struct report *r, struct sq_error *err)
{
	sqlite3_stmt *st = sql_days(db,
	                            "SELECT coalesce(reason, ''), coalesce(service, ''), count(*) "
	                            "FROM event WHERE day BETWEEN ?1 AND ?2 AND "
	                            "kind = 'first_contact' GROUP BY 1, 2 ORDER BY 1",
	                            r->first_day, r->last_day, err);
	int step;

	if (!st)
		return SQ_ERR_DB;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *outcome = (const char *)sqlite3_column_text(st, 0);
		const char *service = (const char *)sqlite3_column_text(st, 1);
		int64_t n = sqlite3_column_int64(st, 2);
		size_t i = 0;

		while (i < r->n_outcomes && strcmp(r->outcomes[i].outcome, outcome) != 0)
			i++;
		if (i == r->n_outcomes) {
			if (r->n_outcomes == REPORT_MAX_OUTCOMES)
				i = REPORT_MAX_OUTCOMES - 1; /* lump the rest into the last row */
			else
				snprintf(r->outcomes[r->n_outcomes++].outcome,
				         sizeof(r->outcomes[0].outcome), "%s", outcome);
		}
		r->outcomes[i].count += n;
		r->first_contacts += n;
		int si = config_service_index(r->cfg, service ? service : "");
		if (si >= 0)
			r->outcomes[i].by_service[si] += n;
	}
	if (step != SQLITE_DONE)
		return sql_fail(db, st, err, "reading first contacts");
	sqlite3_finalize(st);
	return SQ_OK;
}

/* Turn the counts of a group into its figures under the configured rule. */
static void
finish_sat(struct report_sat *s, enum stats_rule rule)
{
	stats_satisfaction(s->counts, rule, &s->sat, NULL);
	if (!s->sat.has_data)
		return;
	s->other_percent_x100 =
	    rule == STATS_RULE_MEAN ? s->sat.top_two_percent_x100 : s->sat.mean_percent_x100;
	s->other_points = stats_percent_points(s->other_percent_x100);
	s->reaches_80 = s->sat.percent_x100 >= 8000;
}

/* S3.1: counters each hour needs so that 80 % wait no longer than the target. */
static void
finish_staffing(struct report *r)
{
	for (int h = 0; h < REPORT_HOURS; h++) {
		struct report_hour *rh = &r->hours[h];
		double service_s =
		    (rh->service.n ? rh->service.mean_min : r->service.mean_min) * 60;

		rh->arrivals_per_day = r->service_days ? (double)rh->arrivals / r->service_days : 0;
		rh->erlang_ok = false;
		if (!rh->arrivals) {
			rh->counters_needed = 0;
			rh->erlang_ok = true;
		} else if (service_s > 0 &&
		           stats_erlang_servers(rh->arrivals_per_day, service_s,
		                                r->wait_target_min * 60.0, REPORT_SERVICE_LEVEL,
		                                &rh->counters_needed) == SQ_OK) {
			rh->erlang_ok = true;
		}
	}
}

/* The previous month's means and the change to this month's (S2.8). */
static int
month_over_month(sqlite3 *db, struct report *r, struct sq_error *err)
{
	struct month_acc prev = {0};
	int py = r->month == 1 ? r->year - 1 : r->year;
	int pm = r->month == 1 ? 12 : r->month - 1;
	int first = py * 10000 + pm * 100 + 1, last = first + days_in_month(py, pm) - 1;
	int rc = collect_tickets(db, r, first, last, true, &prev, err);

	if (rc == SQ_OK)
		rc = collect_finished(db, r, first, last, true, &prev, err);
	if (rc == SQ_OK) {
		r->prev_wait = samples_times(&prev.wait_all);
		r->prev_service = samples_times(&prev.service_all);
		r->has_prev = r->prev_wait.n > 0 || r->prev_service.n > 0;
		r->has_wait_change = r->prev_wait.n && r->wait.n &&
		                     stats_change_percent(r->prev_wait.mean_min, r->wait.mean_min,
		                                          &r->wait_change_pct) == SQ_OK;
		r->has_service_change =
		    r->prev_service.n && r->service.n &&
		    stats_change_percent(r->prev_service.mean_min, r->service.mean_min,
		                         &r->service_change_pct) == SQ_OK;
		for (size_t s = 0; s < r->n_services; s++) {
			struct report_service *rs = &r->services[s];
			rs->prev_wait = samples_times(&prev.wait_svc[s]);
			rs->prev_service = samples_times(&prev.service_svc[s]);
			rs->has_wait_change =
			    rs->prev_wait.n && rs->wait.n &&
			    stats_change_percent(rs->prev_wait.mean_min, rs->wait.mean_min,
			                         &rs->wait_change_pct) == SQ_OK;
			rs->has_service_change =
			    rs->prev_service.n && rs->service.n &&
			    stats_change_percent(rs->prev_service.mean_min, rs->service.mean_min,
			                         &rs->service_change_pct) == SQ_OK;
		}
	}
	acc_release(&prev);
	return rc;
}

/* Name the rows of r from the config, before anything is counted. */
static void
init_rows(struct report *r)
{
	const struct config *cfg = r->cfg;

	r->n_services = cfg->n_services;
	for (size_t s = 0; s < cfg->n_services; s++) {
		r->services[s].svc = &cfg->services[s];
		snprintf(r->services_sat[s].key, sizeof(r->services_sat[s].key), "%s",
		         cfg->services[s].id);
		r->services_sat[s].name_th = cfg->services[s].name.th;
		r->services_sat[s].name_en = cfg->services[s].name.en;
	}
	for (size_t c = 0; c < cfg->n_counters; c++) {
		struct report_sat *rs = &r->counters_sat[c];
		snprintf(rs->key, sizeof(rs->key), "%d", cfg->counters[c].number);
		rs->name_th = cfg->counters[c].location.th;
		rs->name_en = cfg->counters[c].location.en;
	}
	for (size_t o = 0; o < cfg->n_officers; o++)
		officer_row(r, cfg->officers[o].id);
	r->priority[0] = (struct report_priority){.name_th = "ทั่วไป", .name_en = "Normal"};
	r->n_priority = 1;
	for (size_t p = 0; p < cfg->n_priorities && r->n_priority < REPORT_MAX_PRIORITY; p++) {
		struct report_priority *rp = &r->priority[r->n_priority++];
		snprintf(rp->id, sizeof(rp->id), "%s", cfg->priorities[p].id);
		rp->name_th = cfg->priorities[p].name.th;
		rp->name_en = cfg->priorities[p].name.en;
	}
	snprintf(r->all.key, sizeof(r->all.key), "%s", "");
	r->all.name_th = "ทั้งหมด";
	r->all.name_en = "All ratings";
	r->tied.name_th = "ประเมินหลังรับบริการ (ผูกกับบัตรคิว)";
	r->tied.name_en = "After service (tied to a ticket)";
	r->phone.name_th = "  ในนั้น ทางโทรศัพท์ (QR บนบัตรคิว)";
	r->phone.name_en = "  of which by phone (the ticket's QR page)";
	r->free_standing.name_th = "จุดประเมินอิสระ (ไม่ผูกกับบัตรคิว)";
	r->free_standing.name_en = "Free-standing point (no ticket)";
	r->last_year.name_th = "12 เดือนล่าสุด";
	r->last_year.name_en = "Last 12 months";
}

/* Everything after the passes: times, satisfaction, coverage, staffing. */
static void
finish(struct report *r, struct month_acc *acc)
{
	enum stats_rule rule = r->cfg->satisfaction_rule == SATISFACTION_TOP_TWO
	                           ? STATS_RULE_TOP_TWO
	                           : STATS_RULE_MEAN;

	r->wait = samples_times(&acc->wait_all);
	r->service = samples_times(&acc->service_all);
	r->priority_wait = samples_times(&acc->wait_prio_all);
	for (size_t s = 0; s < r->n_services; s++) {
		r->services[s].wait = samples_times(&acc->wait_svc[s]);
		r->services[s].service = samples_times(&acc->service_svc[s]);
		finish_sat(&r->services_sat[s], rule);
	}
	for (int h = 0; h < REPORT_HOURS; h++) {
		r->hours[h].wait = samples_times(&acc->wait_hour[h]);
		r->hours[h].service = samples_times(&acc->service_hour[h]);
	}
	for (size_t p = 0; p < r->n_priority; p++)
		r->priority[p].wait = samples_times(&acc->wait_prio[p]);
	finish_sat(&r->all, rule);
	finish_sat(&r->tied, rule);
	finish_sat(&r->phone, rule);
	finish_sat(&r->free_standing, rule);
	finish_sat(&r->last_year, rule);
	for (size_t c = 0; c < r->cfg->n_counters; c++)
		finish_sat(&r->counters_sat[c], rule);
	for (size_t o = 0; o < r->n_officers; o++) {
		finish_sat(&r->officers_sat[o], rule);
		if (r->officers_sat[o].sat.has_data && !r->officers_sat[o].reaches_80)
			r->officers_below_80++;
	}
	r->third_party = r->cfg->third_party_survey;
	r->collection_points = r->third_party ? 2 : 1;
	r->population = r->served;
	r->sample = r->all.sat.total;
	int64_t sample = r->sample;
	if (sample > r->population) {
		r->sample_capped = true;
		sample = r->population;
	}
	stats_coverage(r->population, sample, &r->coverage, NULL);
	finish_staffing(r);
	for (int d = 1; d <= days_in_month(r->year, r->month); d++) {
		struct local_time lt;
		thaitime_local(thaitime_utc_ms(r->year, r->month, d, 12, 0), &lt);
		r->weekday_dates[lt.weekday]++;
	}
}

int
report_build(struct store *s, const struct config *cfg, int year, int month, int wait_target_min,
             int64_t now_ms, struct report **out, struct sq_error *err)
{
	struct month_acc acc = {0};
	struct report *r;
	sqlite3 *db = store_db(s);
	int rc;

	*out = NULL;
	if (year < 1970 || year > 9999 || month < 1 || month > 12)
		return sq_error_set(err, SQ_ERR_INVALID, "%04d-%02d is not a month", year, month);
	if (wait_target_min < 1 || wait_target_min > 480)
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "waiting target %d is not a number of minutes from 1 to 480",
		                    wait_target_min);
	if (!(r = calloc(1, sizeof(*r))))
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory building the report");
	r->cfg = cfg;
	r->year = year;
	r->month = month;
	r->first_day = year * 10000 + month * 100 + 1;
	r->last_day = r->first_day + days_in_month(year, month) - 1;
	r->generated_ms = now_ms;
	r->wait_target_min = wait_target_min;
	init_rows(r);
	/* One read transaction: every figure comes from the same snapshot of the log. */
	if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		free(r);
		return sq_error_set(err, SQ_ERR_DB, "report: %s", sqlite3_errmsg(db));
	}
	rc = collect_tickets(db, r, r->first_day, r->last_day, false, &acc, err);
	if (rc == SQ_OK)
		rc = collect_finished(db, r, r->first_day, r->last_day, false, &acc, err);
	if (rc == SQ_OK)
		rc = collect_calls(db, r, err);
	if (rc == SQ_OK)
		rc = collect_ratings(db, r, err);
	if (rc == SQ_OK)
		rc = collect_contacts(db, r, err);
	if (rc == SQ_OK) {
		finish(r, &acc);
		rc = month_over_month(db, r, err);
	}
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	acc_release(&acc);
	if (rc != SQ_OK) {
		free(r);
		return rc;
	}
	*out = r;
	return SQ_OK;
}

void
report_free(struct report *r)
{
	free(r);
}

/* First-contact outcomes the simulator and the reception desk write. */
static const struct {
	const char *outcome, *th, *en;
} outcome_names[] = {
    {"ticket", "แนะนำแล้วออกบัตรคิว", "Advised, then a ticket"},
    {"documents", "ช่วยเตรียมเอกสาร/กรอกแบบฟอร์ม", "Helped with documents and forms"},
    {"advised", "ตอบข้อสงสัยเสร็จสิ้น ไม่ต้องรับบัตรคิว", "Answered, no ticket needed"},
    {"referred", "แนะนำไปหน่วยงานอื่น", "Referred to another agency"},
};

const char *
report_outcome_th(const char *outcome)
{
	for (size_t i = 0; i < sizeof(outcome_names) / sizeof(outcome_names[0]); i++)
		if (strcmp(outcome_names[i].outcome, outcome) == 0)
			return outcome_names[i].th;
	return *outcome ? outcome : "ไม่ระบุ";
}

const char *
report_outcome_en(const char *outcome)
{
	for (size_t i = 0; i < sizeof(outcome_names) / sizeof(outcome_names[0]); i++)
		if (strcmp(outcome_names[i].outcome, outcome) == 0)
			return outcome_names[i].en;
	return *outcome ? outcome : "not given";
}

/* The writers, by the name given to --format. */
static const struct report_writer writers[] = {
    {.name = "csv", .extension = ".csv", .write = report_write_csv},
    {.name = "xlsx", .extension = ".xlsx", .write = report_write_xlsx},
    {.name = "html", .extension = ".html", .write = report_write_html},
};

const struct report_writer *
report_writer_find(const char *name)
{
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		if (strcmp(writers[i].name, name) == 0)
			return &writers[i];
	return NULL;
}

const char *
report_writer_names(void)
{
	return "csv|xlsx|html";
}
