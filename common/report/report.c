#include "report.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_report.h"
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
	struct samples wait_uncalled; /* never called, expired or voided */
	struct samples wait_booked, wait_walk_in;
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

/* An exact number of milliseconds in minutes: *x10 as printed (tenths), the return unrounded. */
static double
minutes(struct stats_fraction ms, int64_t *x10)
{
	*x10 = stats_round_div(ms.num * 10, ms.den * MINUTE_MS);
	return (double)ms.num / (double)ms.den / MINUTE_MS;
}

/* Mean, median and P90 of s in minutes (s is sorted in place). */
static struct report_times
samples_times(struct samples *s)
{
	struct report_times t = {.n = (int64_t)s->n};
	struct stats_fraction mean, median, p90;

	if (!s->n)
		return t;
	stats_sort_i64(s->v, s->n);
	/* Durations of a month of tickets are far from overflowing; a failure leaves 0. */
	stats_mean_fraction(s->v, s->n, &mean);
	stats_percentile_fraction(s->v, s->n, 1, 2, &median);
	stats_percentile_fraction(s->v, s->n, 9, 10, &p90);
	t.mean_min = minutes(mean, &t.mean_x10);
	t.median_min = minutes(median, &t.median_x10);
	t.p90_min = minutes(p90, &t.p90_x10);
	return t;
}

/*
 * S2.8: the change from the previous mean to this one in % (tenths), from
 * the two printed means, as a reader recomputes it from the table. False
 * when either month has no data or the previous mean prints as 0.0.
 */
static bool
change_x10(const struct report_times *prev, const struct report_times *cur, int64_t *out)
{
	*out = 0;
	return prev->n && cur->n &&
	       stats_change_tenths(prev->mean_x10, cur->mean_x10, out) == SQ_OK;
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

/* Index of priority class id in r->priority (0 = normal), or -1. */
static int
priority_index(const struct report *r, const char *id)
{
	for (size_t i = 0; i < r->n_priority; i++)
		if (strcmp(r->priority[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* One pass over the days of a month: what the row callbacks add to. */
struct pass {
	struct report *r;
	struct month_acc *acc;
	bool light; /* the previous month: only the waits and service times */
	int last_day_seen;
	bool seen[32]; /* days of the month with a ticket */
};

/* Count one ticket's final state in r's and its service's totals. */
static void
count_state(struct report *r, struct report_service *rs, const char *state)
{
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
	/* The totals in struct report mirror struct report_service's fields. */
	static const size_t total_offset[] = {
	    offsetof(struct report, noshow), offsetof(struct report, expired),
	    offsetof(struct report, voided), offsetof(struct report, open),
	    offsetof(struct report, open),   offsetof(struct report, open),
	    offsetof(struct report, open),
	};

	for (size_t k = 0; k < sizeof(finals) / sizeof(finals[0]); k++) {
		if (strcmp(state, finals[k].state) != 0)
			continue;
		(*(int64_t *)((char *)r + total_offset[k]))++;
		if (rs)
			(*(int64_t *)((char *)rs + finals[k].offset))++;
	}
}

/*
 * A ticket never called: if it expired or was voided, count it and how long
 * it had waited, to the void or, as expiry is logged at the next day's first
 * event, to the day's last call (the office had stopped calling then).
 */
static int
add_uncalled(struct report *r, struct month_acc *acc, const struct store_report_ticket *t,
             struct sq_error *err)
{
	int64_t end;

	if (strcmp(t->state, "voided") == 0) {
		r->uncalled_voided++;
		end = t->state_ms;
	} else if (strcmp(t->state, "expired") == 0) {
		r->uncalled_expired++;
		end = t->last_call_ms > t->issued_ms ? t->last_call_ms : t->issued_ms;
	} else {
		return SQ_OK;
	}
	return samples_add(&acc->wait_uncalled, end - t->issued_ms, err);
}

/*
 * A ticket of the days: issue counts and final states, waits by service,
 * hour and priority, the heat map. In a light pass only the waits by
 * service and overall are kept.
 */
static int
add_ticket(void *ctx, const struct store_report_ticket *t, struct sq_error *err)
{
	struct pass *p = ctx;
	struct report *r = p->r;
	struct month_acc *acc = p->acc;
	int64_t wait = t->called_ms - t->issued_ms;
	int si = config_service_index(r->cfg, t->prefix);
	int rc = SQ_OK;

	if (t->called && si >= 0)
		rc = samples_add(&acc->wait_svc[si], wait, err);
	if (t->called && rc == SQ_OK)
		rc = samples_add(&acc->wait_all, wait, err);
	if (p->light || rc != SQ_OK)
		return rc;
	struct local_time lt;
	thaitime_local(t->issued_ms, &lt);
	r->has_data = true;
	if (t->day != p->last_day_seen && t->day % 100 < 32) {
		p->seen[t->day % 100] = true;
		p->last_day_seen = t->day;
	}
	r->issued++;
	r->heat[lt.weekday][lt.hour]++;
	r->hours[lt.hour].arrivals++;
	if (si >= 0)
		r->services[si].issued++;
	/* The final state belongs to the service the ticket ended in (after transfers). */
	int now_si = config_service_index(r->cfg, t->service);
	count_state(r, now_si >= 0 ? &r->services[now_si] : NULL, t->state);
	if (!t->called)
		rc = add_uncalled(r, acc, t, err);
	int pi = priority_index(r, t->priority);
	if (pi < 0)
		pi = 0;
	r->priority[pi].issued++;
	if (pi > 0)
		r->priority_issued++;
	if (t->booked)
		r->booking.booked_issued++;
	else
		r->booking.walk_in_issued++;
	if (t->called && rc == SQ_OK)
		rc = samples_add(t->booked ? &acc->wait_booked : &acc->wait_walk_in, wait, err);
	if (t->called && rc == SQ_OK) {
		rc = samples_add(&acc->wait_hour[lt.hour], wait, err);
		if (rc == SQ_OK)
			rc = samples_add(&acc->wait_prio[pi], wait, err);
		if (rc == SQ_OK && pi > 0)
			rc = samples_add(&acc->wait_prio_all, wait, err);
	}
	return rc;
}

/* Tickets of the days (add_ticket), then the number of service days. */
static int
collect_tickets(struct store *s, struct pass *p, int first_day, int last_day, struct sq_error *err)
{
	int rc = store_report_tickets(s, first_day, last_day, add_ticket, p, err);

	for (int d = 1; d < 32 && !p->light; d++)
		p->r->service_days += p->seen[d];
	return rc;
}

/*
 * A finished ticket of the days: served counts, service times by service
 * and hour begun, and the P1 split by the hours the ticket was issued in.
 */
static int
add_finish(void *ctx, const struct store_report_finish *f, struct sq_error *err)
{
	struct pass *p = ctx;
	struct report *r = p->r;
	const struct config *cfg = r->cfg;
	int64_t took = f->at_ms - f->begin_ms;
	int si = config_service_index(cfg, f->service);
	int rc = SQ_OK;

	if (f->has_begin && si >= 0)
		rc = samples_add(&p->acc->service_svc[si], took, err);
	if (f->has_begin && rc == SQ_OK)
		rc = samples_add(&p->acc->service_all, took, err);
	if (p->light || rc != SQ_OK)
		return rc;
	r->served++;
	if (si >= 0)
		r->services[si].served++;
	if (f->has_begin) {
		struct local_time lb;
		thaitime_local(f->begin_ms, &lb);
		rc = samples_add(&p->acc->service_hour[lb.hour], took, err);
	}
	/* P1: the hours the citizen came in, by the service asked for. */
	struct local_time li;
	struct service_hours_state h = {0};
	const struct config_service *svc = config_service_find(cfg, f->prefix);
	thaitime_local(f->issued_ms, &li);
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
	return rc;
}

/* One counter calling in one hour of one day (for S3.1). */
static int
add_call_hour(void *ctx, int64_t hour_ms, struct sq_error *err)
{
	struct report *r = ctx;
	struct local_time lt;

	(void)err;
	/* The store groups by UTC hour; the local hour of a whole UTC hour is whole too here. */
	thaitime_local(hour_ms, &lt);
	r->hours[lt.hour].counter_days++;
	return SQ_OK;
}

/* Counters that called at least one ticket, per day and hour (for S3.1). */
static int
collect_calls(struct store *s, struct report *r, struct sq_error *err)
{
	int rc = store_report_call_hours(s, r->first_day, r->last_day, add_call_hour, r, err);

	if (rc != SQ_OK)
		return rc;
	for (int h = 0; h < REPORT_HOURS && r->service_days; h++) {
		struct report_hour *rh = &r->hours[h];
		rh->counters_open = (double)rh->counter_days / r->service_days;
		rh->counters_open_x10 = stats_round_div(rh->counter_days * 10, r->service_days);
	}
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

/* A group of ratings of the month, by kind, service, counter, officer and reason. */
static int
add_rating(void *ctx, const struct store_report_rating *g, struct sq_error *err)
{
	struct report *r = ctx;
	int score = g->score;
	int reason = store_rating_reason_from_name(g->reason);
	int64_t n = g->count;

	(void)err;
	if (score < 1 || score > 5)
		return SQ_OK; /* the store never writes one; a foreign row is not counted */
	r->all.counts[score - 1] += n;
	(g->free_standing ? &r->free_standing : &r->tied)->counts[score - 1] += n;
	if (g->phone)
		r->phone.counts[score - 1] += n;
	if (reason >= 0)
		r->reasons[reason] += n;
	if (g->free_standing)
		return SQ_OK;
	int si = config_service_index(r->cfg, g->service);
	if (si >= 0)
		r->services_sat[si].counts[score - 1] += n;
	for (size_t c = 0; c < r->cfg->n_counters; c++)
		if (r->cfg->counters[c].number == g->counter)
			r->counters_sat[c].counts[score - 1] += n;
	struct report_sat *o = *g->officer ? officer_row(r, g->officer) : NULL;
	if (o)
		o->counts[score - 1] += n;
	if (*g->officer)
		r->officers_all.counts[score - 1] += n;
	return SQ_OK;
}

/* Ratings of the month (add_rating), and of the last year by score. */
static int
collect_ratings(struct store *s, struct report *r, struct sq_error *err)
{
	int rc = store_report_ratings(s, r->first_day, r->last_day, add_rating, r, err);

	/* Outcome 1.3 is scored over the last year: the 12 months ending with this one. */
	int y0 = r->month == 12 ? r->year : r->year - 1;
	int m0 = r->month == 12 ? 1 : r->month + 1;
	if (rc == SQ_OK)
		rc = store_report_score_counts(s, y0 * 10000 + m0 * 100 + 1, r->last_day,
		                               r->last_year.counts, err);
	return rc;
}

/* A group of first-contact interactions of the month, by outcome and service (P13). */
static int
add_contact(void *ctx, const struct store_report_contact *c, struct sq_error *err)
{
	struct report *r = ctx;
	size_t i = 0;

	(void)err;
	while (i < r->n_outcomes && strcmp(r->outcomes[i].outcome, c->outcome) != 0)
		i++;
	if (i == r->n_outcomes) {
		if (r->n_outcomes == REPORT_MAX_OUTCOMES)
			i = REPORT_MAX_OUTCOMES - 1; /* lump the rest into the last row */
		else
			snprintf(r->outcomes[r->n_outcomes++].outcome,
			         sizeof(r->outcomes[0].outcome), "%s", c->outcome);
	}
	r->outcomes[i].count += c->count;
	r->first_contacts += c->count;
	int si = config_service_index(r->cfg, c->service);
	if (si >= 0)
		r->outcomes[i].by_service[si] += c->count;
	return SQ_OK;
}

/* A group of calls, recalls, parks or transfers of the month, by service (P12). */
static int
add_handling(void *ctx, const struct store_report_handling *h, struct sq_error *err)
{
	struct report *r = ctx;
	int si = config_service_index(r->cfg, h->service);
	struct report_service *rs = si >= 0 ? &r->services[si] : NULL;

	(void)err;
	if (strcmp(h->kind, "transferred") == 0) {
		int from = config_service_index(r->cfg, h->from);
		r->transferred += h->count;
		if (rs)
			rs->transferred_in += h->count;
		if (from >= 0)
			r->services[from].transferred_out += h->count;
		return SQ_OK;
	}
	static const struct {
		const char *kind;
		size_t offset; /* in struct report_service, mirrored in struct report */
		size_t total;
	} counted[] = {
	    {"called", offsetof(struct report_service, calls), offsetof(struct report, calls)},
	    {"recalled", offsetof(struct report_service, recalls),
	     offsetof(struct report, recalls)},
	    {"parked", offsetof(struct report_service, parks), offsetof(struct report, parks)},
	};
	for (size_t k = 0; k < sizeof(counted) / sizeof(counted[0]); k++) {
		if (strcmp(h->kind, counted[k].kind) != 0)
			continue;
		*(int64_t *)((char *)r + counted[k].total) += h->count;
		if (rs)
			*(int64_t *)((char *)rs + counted[k].offset) += h->count;
	}
	if (strcmp(h->kind, "called") == 0 && strcmp(h->rule, "manual") == 0) {
		r->manual_calls += h->count;
		if (rs)
			rs->manual_calls += h->count;
	}
	return SQ_OK;
}

/* Tickets and finishes of first_day..last_day into p. */
static int
collect_days(struct store *s, struct pass *p, int first_day, int last_day, struct sq_error *err)
{
	int rc = collect_tickets(s, p, first_day, last_day, err);

	if (rc == SQ_OK)
		rc = store_report_finishes(s, first_day, last_day, add_finish, p, err);
	return rc;
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
		rh->arrivals_per_day_x10 = stats_round_div(rh->arrivals * 10, r->service_days);
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
month_over_month(struct store *store, struct report *r, struct sq_error *err)
{
	struct month_acc prev = {0};
	int py = r->month == 1 ? r->year - 1 : r->year;
	int pm = r->month == 1 ? 12 : r->month - 1;
	int first = py * 10000 + pm * 100 + 1, last = first + days_in_month(py, pm) - 1;
	struct pass p = {.r = r, .acc = &prev, .light = true};
	int rc = collect_days(store, &p, first, last, err);

	if (rc == SQ_OK) {
		r->prev_wait = samples_times(&prev.wait_all);
		r->prev_service = samples_times(&prev.service_all);
		r->has_prev = r->prev_wait.n > 0 || r->prev_service.n > 0;
		r->has_wait_change = change_x10(&r->prev_wait, &r->wait, &r->wait_change_x10);
		r->has_service_change =
		    change_x10(&r->prev_service, &r->service, &r->service_change_x10);
		for (size_t s = 0; s < r->n_services; s++) {
			struct report_service *rs = &r->services[s];
			rs->prev_wait = samples_times(&prev.wait_svc[s]);
			rs->prev_service = samples_times(&prev.service_svc[s]);
			rs->has_wait_change =
			    change_x10(&rs->prev_wait, &rs->wait, &rs->wait_change_x10);
			rs->has_service_change =
			    change_x10(&rs->prev_service, &rs->service, &rs->service_change_x10);
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
	snprintf(r->officers_all.key, sizeof(r->officers_all.key), "%s", "all");
	r->officers_all.name_th = "เจ้าหน้าที่ทุกคน";
	r->officers_all.name_en = "All officers";
	for (size_t s = 0, len = 0; s < cfg->n_services; s++)
		if (cfg->services[s].booking.slot_minutes > 0 && len < sizeof(r->booking.services))
			len += (size_t)snprintf(r->booking.services + len,
			                        sizeof(r->booking.services) - len, "%s%s",
			                        len ? ", " : "", cfg->services[s].id);
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
	r->uncalled_wait = samples_times(&acc->wait_uncalled);
	r->booking.wait_booked = samples_times(&acc->wait_booked);
	r->booking.wait_walk_in = samples_times(&acc->wait_walk_in);
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
	finish_sat(&r->officers_all, rule);
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
	r->month_open = thaitime_day_key(r->generated_ms) <= r->last_day;
	r->log_starts_late = r->log_first_day > r->first_day && r->log_first_day <= r->last_day;
	r->sample_short = r->population > 0 && r->sample < r->coverage.tier[0].needed;
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
	if ((rc = store_report_begin(s, err)) != SQ_OK) {
		free(r);
		return rc;
	}
	struct pass p = {.r = r, .acc = &acc};
	rc = store_report_log_start(s, &r->log_first_day, err);
	if (rc == SQ_OK)
		rc = store_report_log_hash(s, r->last_day, r->log_hash, err);
	if (rc == SQ_OK)
		rc = collect_days(s, &p, r->first_day, r->last_day, err);
	if (rc == SQ_OK)
		rc = collect_calls(s, r, err);
	if (rc == SQ_OK)
		rc = collect_ratings(s, r, err);
	if (rc == SQ_OK)
		rc = store_report_contacts(s, r->first_day, r->last_day, add_contact, r, err);
	if (rc == SQ_OK)
		rc = store_report_handling(s, r->first_day, r->last_day, add_handling, r, err);
	struct store_report_bookings bookings;
	if (rc == SQ_OK &&
	    (rc = store_report_bookings(s, r->first_day, r->last_day, &bookings, err)) == SQ_OK) {
		r->booking.made = bookings.made;
		r->booking.cancelled = bookings.cancelled;
		r->booking.checked_in = bookings.checked_in;
		r->booking.no_show = bookings.no_show;
	}
	if (rc == SQ_OK) {
		finish(r, &acc);
		rc = month_over_month(s, r, err);
	}
	store_report_end(s);
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

size_t
report_caveats(const struct report *r, struct report_caveat out[REPORT_MAX_CAVEATS])
{
	size_t n = 0;
	char th[64], en[64];

	if (r->month_open) {
		thaitime_format(th, sizeof(th), r->generated_ms, THAITIME_TH_DATE_TIME);
		thaitime_format(en, sizeof(en), r->generated_ms, THAITIME_EN_DATE_TIME);
		snprintf(out[n].th, sizeof(out[n].th), "เดือนยังไม่สิ้นสุด: ตัวเลขนับถึง %s เท่านั้น", th);
		snprintf(out[n].en, sizeof(out[n].en),
		         "The month is not over: the figures count up to %s only", en);
		n++;
	}
	if (r->log_starts_late) {
		int d = r->log_first_day;
		int64_t noon = thaitime_utc_ms(d / 10000, d / 100 % 100, d % 100, 12, 0);
		thaitime_format(th, sizeof(th), noon, THAITIME_TH_DATE);
		thaitime_format(en, sizeof(en), noon, THAITIME_EN_DATE);
		snprintf(out[n].th, sizeof(out[n].th), "บันทึกเริ่มวันที่ %s: เดือนนี้นับจากวันนั้นเท่านั้น", th);
		snprintf(out[n].en, sizeof(out[n].en),
		         "The log starts on %s: the month is counted from that day only", en);
		n++;
	}
	if (r->sample_short) {
		snprintf(out[n].th, sizeof(out[n].th),
		         "มีการประเมิน %" PRId64 " รายการ น้อยกว่า %" PRId64
		         " ที่ต้องการสำหรับ ±10 %% (ยามาเน่): ร้อยละความพึงพอใจยังไม่ใช่กลุ่มตัวอย่างที่ใช้ได้",
		         r->sample, r->coverage.tier[0].needed);
		snprintf(out[n].en, sizeof(out[n].en),
		         "%" PRId64 " ratings, fewer than the %" PRId64
		         " that ±10 %% needs (Yamane): the satisfaction figure is not yet a valid "
		         "sample",
		         r->sample, r->coverage.tier[0].needed);
		n++;
	}
	return n;
}

/* First-contact outcomes the simulator and the reception desk write. */
static const struct {
	const char *outcome, *th, *en;
} outcome_names[] = {
    {"ticket", "แนะนำแล้วออกบัตรคิว", "Advised, then a ticket"},
    {"documents", "ช่วยเตรียมเอกสาร/กรอกแบบฟอร์ม", "Helped with documents and forms"},
    {"advised", "ตอบข้อสงสัยเสร็จสิ้น ไม่ต้องรับบัตรคิว", "Answered, no ticket needed"},
    {"referred", "แนะนำไปหน่วยงานอื่น", "Referred to another agency"},
    /* The kiosk's own first-contact screen (kiosk_ticket.c). */
    {"back", "อ่านคำแนะนำแล้วกลับ ไม่รับบัตรคิว", "Read the advice, went back without a ticket"},
    {"advice-only", "รับคำแนะนำอย่างเดียว ไม่รับบัตรคิว", "Advice only, no ticket"},
};

const char *
report_outcome_th(const char *outcome)
{
	for (size_t i = 0; i < sizeof(outcome_names) / sizeof(outcome_names[0]); i++)
		if (strcmp(outcome_names[i].outcome, outcome) == 0)
			return outcome_names[i].th;
	/* An outcome this program does not know keeps its raw text in the English column only. */
	return *outcome ? "อื่น ๆ" : "ไม่ระบุ";
}

const char *
report_outcome_en(const char *outcome)
{
	for (size_t i = 0; i < sizeof(outcome_names) / sizeof(outcome_names[0]); i++)
		if (strcmp(outcome_names[i].outcome, outcome) == 0)
			return outcome_names[i].en;
	return *outcome ? outcome : "not given";
}
