#include "simulate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "booking.h"
#include "clock.h"
#include "store_booking.h"
#include "thaitime.h"

#define MINUTE_MS              60000
#define SIM_MAX_EVENTS_PER_DAY 2000000 /* a runaway model, not an office */

/* ------------------------------------------------------------------------
 * The traffic model (pure).
 */

void
sim_rng_seed(struct sim_rng *rng, uint64_t seed)
{
	rng->state = seed ^ UINT64_C(0x5ad0a4c0ffee1234);
}

uint64_t
sim_rng_next(struct sim_rng *rng)
{
	uint64_t z = (rng->state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

double
sim_rng_uniform(struct sim_rng *rng)
{
	return (double)(sim_rng_next(rng) >> 11) * (1.0 / 9007199254740992.0);
}

double
sim_rng_normal(struct sim_rng *rng)
{
	double u1 = sim_rng_uniform(rng), u2 = sim_rng_uniform(rng);

	if (u1 < 1e-300)
		u1 = 1e-300;
	return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

int
sim_rng_poisson(struct sim_rng *rng, double mean)
{
	double limit = exp(-mean), p = 1.0;
	int k = 0;

	if (mean <= 0)
		return 0;
	do {
		k++;
		p *= sim_rng_uniform(rng);
	} while (p > limit && k < 1000);
	return k - 1;
}

/* Arrival intensity by half hour of the day, weekdays: opening and after-lunch peaks. */
static const double weekday_profile[48] = {
    [16] = 1.2, /* 08:00 (an early window) */
    [17] = 2.1, /* 08:30 opening rush */
    [18] = 2.2, [19] = 1.9, [20] = 1.5, [21] = 1.2,
    [22] = 1.0, [23] = 0.8, [24] = 0.6, /* 12:00 lunch */
    [25] = 0.7, [26] = 1.6,             /* 13:00 after lunch */
    [27] = 1.5, [28] = 1.2, [29] = 1.0, [30] = 0.8,
    [31] = 0.6, [32] = 0.4, [33] = 0.6, /* 16:30 evening hours, people after work */
    [34] = 0.7, [35] = 0.5,
};

double
sim_arrival_weight(int minute_of_day, int weekday)
{
	int slot = minute_of_day / 30;
	double w;

	if (minute_of_day < 0 || minute_of_day >= 1440)
		return 0;
	w = weekday_profile[slot];
	if (w == 0)
		w = 0.3; /* any other configured hour: quiet */
	if (weekday >= 5)
		return slot < 20 ? 0.8 : 0.5; /* weekend mornings */
	/* Mondays are busiest, Fridays quieter. */
	static const double day_factor[5] = {1.15, 1.0, 1.0, 1.0, 0.9};
	return w * day_factor[weekday];
}

int64_t
sim_service_ms(struct sim_rng *rng, int target_minutes)
{
	double median = 0.8 * (target_minutes > 0 ? target_minutes : 10);
	double minutes = median * exp(0.45 * sim_rng_normal(rng));

	if (minutes < 1.0)
		minutes = 1.0;
	return (int64_t)(minutes * MINUTE_MS);
}

int
sim_score(struct sim_rng *rng, double officer_quality, double wait_minutes)
{
	double late = wait_minutes > 15 ? (wait_minutes - 15) : 0;
	double latent =
	    4.5 + officer_quality - 0.03 * (late > 40 ? 40 : late) + 0.75 * sim_rng_normal(rng);
	int score = (int)lround(latent);

	return score < 1 ? 1 : score > 5 ? 5 : score;
}

enum rating_reason
sim_reason(struct sim_rng *rng, int score, double wait_minutes)
{
	double u = sim_rng_uniform(rng);

	if (u < 0.4)
		return RATING_REASON_NONE;
	if (wait_minutes > 20 && u < 0.75)
		return RATING_REASON_WAITING;
	if (score >= 4)
		return u < 0.75 ? RATING_REASON_COURTESY : RATING_REASON_INFORMATION;
	static const enum rating_reason low[] = {RATING_REASON_WAITING, RATING_REASON_INFORMATION,
	                                         RATING_REASON_FACILITIES, RATING_REASON_COURTESY};
	return low[sim_rng_next(rng) % 4];
}

double
sim_officer_quality(uint64_t seed, int index)
{
	/* A fixed ladder, shuffled per seed: one weak, one strong, the rest between. */
	static const double ladder[] = {0.2, -0.05, -0.7, 0.1, 0.3, -0.15, 0.0, -0.35};
	const int n = (int)(sizeof(ladder) / sizeof(ladder[0]));
	struct sim_rng rng;

	sim_rng_seed(&rng, seed ^ UINT64_C(0x0ff1ce));
	int shift = (int)(sim_rng_next(&rng) % (uint64_t)n);
	return ladder[(index + shift) % n];
}

void
simulate_defaults(struct simulate_options *opt)
{
	*opt = (struct simulate_options){
	    .days = 30,
	    .seed = 1,
	    .start_year = 2026,
	    .start_month = 1,
	    .start_day = 1,
	    .per_day = 0,
	    .rating_share = 0.45,
	    .noshow_share = 0.05,
	    .priority_share = 0.08,
	    .first_contact_share = 0.3,
	    .booking_share = 0.15,
	};
}

/* ------------------------------------------------------------------------
 * The run: a discrete-event simulation over the real store.
 */

enum sim_event_type {
	SEV_ARRIVAL,     /* a citizen takes a ticket (arg = service index, arg2 = priority + 1) */
	SEV_CONTACT,     /* advice at the first-contact desk (arg = service, arg2 = outcome) */
	SEV_LOGIN,       /* an officer logs in at the counter */
	SEV_FREE,        /* the counter is free: break, call next, or log out */
	SEV_START,       /* the citizen reached the counter: service starts */
	SEV_DONE,        /* service ends: finish, park or transfer */
	SEV_RECALL,      /* nobody came: call again */
	SEV_NOSHOW,      /* still nobody: no-show */
	SEV_RATE,        /* the citizen taps a face */
	SEV_FREE_RATING, /* a rating at the exit, tied to no ticket */
	SEV_RESUME,      /* back from lunch */
	SEV_WAKE,        /* a parked ticket is back: wake the counters of service arg */
	SEV_BOOK,        /* a citizen books a slot of service arg later that day */
	SEV_CHECKIN,     /* the booked citizen checks in (ticket_id = the code, packed) */
	SEV_CANCEL,      /* the booked citizen cancels (ticket_id = the code, packed) */
};

struct sim_event {
	int64_t at;
	uint64_t seq; /* ties broken by insertion order: deterministic */
	enum sim_event_type type;
	int counter; /* index into run.counters, -1 if none */
	int64_t ticket_id;
	int arg, arg2;
};

struct sim_counter {
	const struct config_counter *cc;
	char officer[CONFIG_ID_LEN];
	double quality;
	bool staffed, logged_in, busy, on_break, break_taken;
	int64_t break_at; /* 0 = no lunch break today */
	int64_t close_at; /* the last of its services closes */
	int64_t ticket_id;
};

/* What the run remembers of a ticket it issued. */
struct sim_ticket {
	int64_t issued_ms;
	int64_t called_ms;
	bool parked, transferred;
};

struct sim_run {
	struct store *store;
	const struct config *cfg;
	const struct simulate_options *opt;
	struct sim_rng rng;
	struct sq_error *err;
	struct simulate_result res;
	struct sim_event *heap;
	size_t n_heap, cap_heap;
	uint64_t seq;
	struct sim_counter counters[CONFIG_MAX_COUNTERS];
	struct sim_ticket *tickets;
	int64_t first_id;
	size_t cap_tickets;
	double service_rate[CONFIG_MAX_SERVICES]; /* arrivals per minute at weight 1 */
	int reception;                            /* counter number of the desk, 0 if none */
	int64_t now_ms; /* the store's clock during the run: the latest event's time */
};

/* The store's clock during a run: the time of the event being handled. */
static int64_t
sim_clock(void *ctx)
{
	const struct sim_run *r = ctx;

	return r->now_ms;
}

/* Push an event; SQ_ERR_NOMEM if the heap cannot grow. */
static int
push(struct sim_run *r, struct sim_event ev)
{
	if (r->n_heap == r->cap_heap) {
		size_t cap = r->cap_heap ? r->cap_heap * 2 : 1024;
		if (cap > SIM_MAX_EVENTS_PER_DAY)
			return sq_error_set(r->err, SQ_ERR_INVALID, "simulation: too many events");
		struct sim_event *grown = realloc(r->heap, cap * sizeof(*grown));
		if (!grown)
			return sq_error_set(r->err, SQ_ERR_NOMEM, "out of memory simulating");
		r->heap = grown;
		r->cap_heap = cap;
	}
	ev.seq = r->seq++;
	size_t i = r->n_heap++;
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		const struct sim_event *p = &r->heap[parent];
		if (p->at < ev.at || (p->at == ev.at && p->seq < ev.seq))
			break;
		r->heap[i] = *p;
		i = parent;
	}
	r->heap[i] = ev;
	return SQ_OK;
}

/* True when a comes before b. */
static bool
before(const struct sim_event *a, const struct sim_event *b)
{
	return a->at < b->at || (a->at == b->at && a->seq < b->seq);
}

/* Pop the earliest event into *out; false when none is left. */
static bool
pop(struct sim_run *r, struct sim_event *out)
{
	if (!r->n_heap)
		return false;
	*out = r->heap[0];
	struct sim_event last = r->heap[--r->n_heap];
	size_t i = 0, n = r->n_heap;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && before(&r->heap[c + 1], &r->heap[c]))
			c++;
		if (!before(&r->heap[c], &last))
			break;
		r->heap[i] = r->heap[c];
		i = c;
	}
	if (n)
		r->heap[i] = last;
	return true;
}

/* The run's record of ticket id, growing the table; NULL on OOM. */
static struct sim_ticket *
ticket_slot(struct sim_run *r, int64_t id)
{
	if (!r->first_id)
		r->first_id = id;
	if (id < r->first_id)
		return NULL;
	size_t i = (size_t)(id - r->first_id);
	if (i >= r->cap_tickets) {
		size_t cap = r->cap_tickets ? r->cap_tickets : 4096;
		while (cap <= i)
			cap *= 2;
		struct sim_ticket *grown = realloc(r->tickets, cap * sizeof(*grown));
		if (!grown)
			return NULL;
		memset(grown + r->cap_tickets, 0, (cap - r->cap_tickets) * sizeof(*grown));
		r->tickets = grown;
		r->cap_tickets = cap;
	}
	return &r->tickets[i];
}

/* Whether counter c serves service index svc. */
static bool
serves(const struct sim_counter *c, size_t svc)
{
	for (size_t i = 0; i < c->cc->n_services; i++)
		if (c->cc->services[i] == svc)
			return true;
	return false;
}

/* A local time with only what config_service_hours reads. */
static struct local_time
day_minute(int weekday, int minute)
{
	return (struct local_time){.weekday = weekday, .minute_of_day = minute};
}

/* Minutes counter cc works on a regular Tuesday, less an hour for lunch. */
static int
counter_minutes(const struct config *cfg, const struct config_counter *cc)
{
	int minutes = 0;

	for (int m = 0; m < 1440; m++) {
		struct local_time lt = day_minute(1, m);
		bool open = false;
		for (size_t k = 0; k < cc->n_services && !open; k++) {
			struct service_hours_state h;
			config_service_hours(&cfg->services[cc->services[k]], &lt, &h);
			open = h.open && !h.extended;
		}
		minutes += open;
	}
	return minutes > 240 ? minutes - 60 : minutes;
}

/*
 * Arrival rates. Each service gets the share of the counters' time that its
 * counters can give it (a counter's time split evenly among its services),
 * so the office's own layout decides the mix; the day's total is per_day
 * tickets on an ordinary Tuesday, or when per_day is 0 about 70 % of what
 * the counters can serve.
 */
static void
plan_rates(struct sim_run *r)
{
	const struct config *cfg = r->cfg;
	const size_t n_staffed = cfg->n_officers && cfg->n_officers < cfg->n_counters
	                             ? cfg->n_officers
	                             : cfg->n_counters;
	double capacity[CONFIG_MAX_SERVICES] = {0}, total = 0;

	for (size_t i = 0; i < n_staffed; i++) {
		const struct config_counter *cc = &cfg->counters[i];
		int minutes = counter_minutes(cfg, cc);
		for (size_t k = 0; k < cc->n_services; k++) {
			const struct config_service *svc = &cfg->services[cc->services[k]];
			double per_ticket = 0.91 * svc->target_minutes + 1.5;
			capacity[cc->services[k]] += minutes / (double)cc->n_services / per_ticket;
		}
	}
	for (size_t s = 0; s < cfg->n_services; s++)
		total += capacity[s];
	double per_day = r->opt->per_day > 0 ? r->opt->per_day : 0.7 * total;
	for (size_t s = 0; s < cfg->n_services; s++) {
		double weight_sum = 0;
		for (int m = 0; m < 1440; m++) {
			struct service_hours_state h;
			struct local_time lt = day_minute(1, m);
			config_service_hours(&cfg->services[s], &lt, &h);
			if (h.open && !h.extended)
				weight_sum += sim_arrival_weight(m, 1);
		}
		double share = total > 0 ? capacity[s] / total : 0;
		r->service_rate[s] = weight_sum > 0 ? per_day * share / weight_sum : 0;
	}
}

/* Count a store call (each is one transaction) and pass its result on. */
static int
counted(struct sim_run *r, int rc)
{
	r->res.store_calls++;
	return rc;
}

/* One citizen arriving at `at` for service s: the ticket, and advice before or beside it. */
static int
plan_arrival(struct sim_run *r, size_t s, int64_t at)
{
	const struct config *cfg = r->cfg;
	int prio = 0, rc;

	if (cfg->n_priorities && sim_rng_uniform(&r->rng) < r->opt->priority_share) {
		/* The first class (elderly by default) is the most common. */
		double u = sim_rng_uniform(&r->rng);
		prio = u < 0.6 ? 1 : 1 + (int)(sim_rng_next(&r->rng) % cfg->n_priorities);
	}
	/* Some who would walk in booked a slot instead (sim_book). */
	bool booked = prio == 0 && cfg->services[s].booking.slot_minutes > 0 &&
	              sim_rng_uniform(&r->rng) < r->opt->booking_share;
	if ((rc = push(r, (struct sim_event){.at = at,
	                                     .type = booked ? SEV_BOOK : SEV_ARRIVAL,
	                                     .counter = -1,
	                                     .arg = (int)s,
	                                     .arg2 = prio})))
		return rc;
	double u = sim_rng_uniform(&r->rng);
	if (u < r->opt->first_contact_share) {
		/* Advised first, then a ticket: 0 = ticket, 1 = documents. */
		rc = push(
		    r, (struct sim_event){.at = at - 90000,
		                          .type = SEV_CONTACT,
		                          .counter = -1,
		                          .arg = (int)s,
		                          .arg2 = u < r->opt->first_contact_share * 0.7 ? 0 : 1});
		if (rc)
			return rc;
	}
	if (u > 1.0 - r->opt->first_contact_share * 0.25) {
		/* Advice that needs no ticket: 2 = advised, 3 = referred. */
		rc = push(r, (struct sim_event){.at = at + 30000,
		                                .type = SEV_CONTACT,
		                                .counter = -1,
		                                .arg = (int)s,
		                                .arg2 = 2 + (int)(sim_rng_next(&r->rng) % 2)});
		if (rc)
			return rc;
	}
	return SQ_OK;
}

/* The day's arrivals at every service, minute by minute while it is open. */
static int
plan_arrivals(struct sim_run *r, int year, int month, int day, int weekday)
{
	const struct config *cfg = r->cfg;
	int rc;

	for (size_t s = 0; s < cfg->n_services; s++) {
		for (int m = 0; m < 1440; m++) {
			struct service_hours_state h;
			struct local_time lt = day_minute(weekday, m);
			config_service_hours(&cfg->services[s], &lt, &h);
			if (!h.open)
				continue;
			int n = sim_rng_poisson(&r->rng, r->service_rate[s] *
			                                     sim_arrival_weight(m, weekday));
			for (int k = 0; k < n; k++) {
				int64_t at = thaitime_utc_ms(year, month, day, 0, m) +
				             (int64_t)(sim_rng_uniform(&r->rng) * MINUTE_MS);
				if ((rc = plan_arrival(r, s, at)))
					return rc;
			}
		}
	}
	return SQ_OK;
}

/*
 * Officers: each staffed counter opens with its first service and closes
 * with its last, and counters working through midday lunch in two shifts.
 */
static int
plan_counters(struct sim_run *r, int year, int month, int day, int weekday, int64_t midnight)
{
	const struct config *cfg = r->cfg;
	size_t n_off = cfg->n_officers;
	int week = (int)(midnight / (7LL * 86400000)), rc;

	for (size_t i = 0; i < cfg->n_counters; i++) {
		struct sim_counter *c = &r->counters[i];
		int open = -1, close = -1;
		*c = (struct sim_counter){.cc = &cfg->counters[i]};
		for (size_t k = 0; k < c->cc->n_services; k++) {
			const struct config_service *svc = &cfg->services[c->cc->services[k]];
			for (size_t w = 0; w < svc->n_hours; w++) {
				if (!(svc->hours[w].weekdays & (1u << weekday)))
					continue;
				if (open < 0 || svc->hours[w].open_minute < open)
					open = svc->hours[w].open_minute;
				if (svc->hours[w].close_minute > close)
					close = svc->hours[w].close_minute;
			}
		}
		if (open < 0)
			continue;
		int officer = -1;
		if (n_off) {
			if (i >= n_off)
				continue; /* more desks than officers: this one stays closed */
			officer = (int)((i + (size_t)week) % n_off);
			snprintf(c->officer, sizeof(c->officer), "%s", cfg->officers[officer].id);
		} else {
			officer = (int)i;
			snprintf(c->officer, sizeof(c->officer), "officer%02zu", i + 1);
		}
		c->staffed = true;
		c->quality = sim_officer_quality(r->opt->seed, officer);
		c->close_at = thaitime_utc_ms(year, month, day, 0, close);
		int lunch = 11 * 60 + 30 + (int)(i % 2) * 60;
		if (open < lunch && close > lunch + 60)
			c->break_at = thaitime_utc_ms(year, month, day, 0, lunch);
		if ((rc = push(r,
		               (struct sim_event){.at = thaitime_utc_ms(year, month, day, 0, open) -
		                                        5 * MINUTE_MS,
		                                  .type = SEV_LOGIN,
		                                  .counter = (int)i})))
			return rc;
	}
	return SQ_OK;
}

/* Generate the day's arrivals and first contacts, and the counters' logins. */
static int
plan_day(struct sim_run *r, int year, int month, int day)
{
	int64_t midnight = thaitime_utc_ms(year, month, day, 0, 0);
	struct local_time lt0;
	int rc;

	thaitime_local(midnight + 12 * 3600000LL, &lt0);
	if ((rc = plan_arrivals(r, year, month, day, lt0.weekday)))
		return rc;
	return plan_counters(r, year, month, day, lt0.weekday, midnight);
}

/* Wake the idle counters that serve service svc, at now. */
static int
wake(struct sim_run *r, size_t svc, int64_t now)
{
	for (size_t i = 0; i < r->cfg->n_counters; i++) {
		struct sim_counter *c = &r->counters[i];
		if (c->logged_in && !c->busy && !c->on_break && serves(c, svc)) {
			int rc = push(
			    r, (struct sim_event){.at = now, .type = SEV_FREE, .counter = (int)i});
			if (rc)
				return rc;
		}
	}
	return SQ_OK;
}

/* First-contact outcomes written as the event's reason. */
static const char *const contact_outcomes[] = {"ticket", "documents", "advised", "referred"};

/* The counter is free: take the lunch break, call the next ticket, or log out. */
static int
counter_free(struct sim_run *r, struct sim_counter *c, int idx, int64_t now)
{
	const struct config *cfg = r->cfg;
	struct sq_error *err = r->err;
	struct store_call call;
	int rc;

	if (!c->logged_in || c->busy || c->on_break)
		return SQ_OK;
	if (c->break_at && !c->break_taken && now >= c->break_at) {
		if ((rc = counted(r, store_counter_status_event(r->store, cfg, c->cc->number,
		                                                EVENT_BREAK, "lunch", err))))
			return rc;
		c->on_break = c->break_taken = true;
		return push(r, (struct sim_event){
		                   .at = now + 60 * MINUTE_MS, .type = SEV_RESUME, .counter = idx});
	}
	/* Past closing the desk serves who is still waiting, for up to 45 minutes. */
	bool late = now >= c->close_at + 45 * MINUTE_MS;
	rc = late ? SQ_ERR_EMPTY
	          : counted(r, store_call_next(r->store, cfg, c->cc->number, &call, err));
	if (rc == SQ_ERR_EMPTY) {
		if (now >= c->close_at) {
			if ((rc =
			         counted(r, store_counter_status_event(r->store, cfg, c->cc->number,
			                                               EVENT_LOGOUT, NULL, err))))
				return rc;
			c->logged_in = false;
		}
		return SQ_OK;
	}
	if (rc != SQ_OK)
		return rc;
	struct sim_ticket *t = ticket_slot(r, call.ticket.id);
	if (!t)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory simulating");
	if (!t->called_ms)
		t->called_ms = now;
	c->busy = true;
	c->ticket_id = call.ticket.id;
	if (sim_rng_uniform(&r->rng) < r->opt->noshow_share)
		return push(r, (struct sim_event){
		                   .at = now + 2 * MINUTE_MS, .type = SEV_RECALL, .counter = idx});
	int64_t walk = 20000 + (int64_t)(sim_rng_uniform(&r->rng) * 70000);
	return push(r, (struct sim_event){.at = now + walk, .type = SEV_START, .counter = idx});
}

/* The counter lets go of its ticket and is free again after a short pause. */
static int
release(struct sim_run *r, struct sim_counter *c, int idx, int64_t now)
{
	c->busy = false;
	c->ticket_id = 0;
	int64_t pause = 15000 + (int64_t)(sim_rng_uniform(&r->rng) * 60000);
	return push(r, (struct sim_event){.at = now + pause, .type = SEV_FREE, .counter = idx});
}

/* Service ends: mostly finished (and perhaps rated), sometimes parked or transferred. */
static int
service_done(struct sim_run *r, struct sim_counter *c, int idx, int64_t now)
{
	const struct config *cfg = r->cfg;
	struct store_ticket st;
	struct sim_ticket *t = ticket_slot(r, c->ticket_id);
	double u = sim_rng_uniform(&r->rng);
	int rc;

	if (!t)
		return sq_error_set(r->err, SQ_ERR_NOMEM, "out of memory simulating");
	if (!t->parked && !t->transferred && u < 0.03) {
		if ((rc = counted(r, store_counter_ticket_event(r->store, cfg, c->cc->number,
		                                                EVENT_PARKED, NULL, &st, r->err))))
			return rc;
		t->parked = true;
		r->res.parked++;
		int svc = config_service_index(cfg, st.service);
		if ((rc = push(r,
		               (struct sim_event){
		                   .at = now + (int64_t)cfg->park_return_minutes * MINUTE_MS + 5000,
		                   .type = SEV_WAKE,
		                   .counter = -1,
		                   .arg = svc})))
			return rc;
		return release(r, c, idx, now);
	}
	if (!t->parked && !t->transferred && u < 0.05 && cfg->n_services > 1) {
		/* To another service open now, the next one in the config's order. */
		struct store_counter sc;
		struct local_time lt;
		if ((rc = counted(r, store_counter_get(r->store, c->cc->number, &sc, r->err))))
			return rc;
		thaitime_local(now, &lt);
		int from = config_service_index(cfg, sc.ticket.service);
		for (size_t k = 1; k < cfg->n_services; k++) {
			size_t to = ((size_t)(from < 0 ? 0 : from) + k) % cfg->n_services;
			struct service_hours_state h;
			config_service_hours(&cfg->services[to], &lt, &h);
			if (!h.open)
				continue;
			if ((rc = counted(r, store_counter_ticket_event(
			                         r->store, cfg, c->cc->number, EVENT_TRANSFERRED,
			                         cfg->services[to].id, &st, r->err))))
				return rc;
			t->transferred = true;
			r->res.transferred++;
			if ((rc = wake(r, to, now)))
				return rc;
			return release(r, c, idx, now);
		}
	}
	if ((rc = counted(r, store_counter_ticket_event(r->store, cfg, c->cc->number,
	                                                EVENT_FINISHED, NULL, &st, r->err))))
		return rc;
	r->res.served++;
	if (sim_rng_uniform(&r->rng) < r->opt->rating_share) {
		int64_t tap = 10000 + (int64_t)(sim_rng_uniform(&r->rng) * 80000);
		if ((rc = push(r, (struct sim_event){.at = now + tap,
		                                     .type = SEV_RATE,
		                                     .counter = idx,
		                                     .ticket_id = c->ticket_id})))
			return rc;
	} else if (sim_rng_uniform(&r->rng) < 0.05) {
		/* Some who did not rate at the counter rate at the exit. */
		if ((rc = push(r, (struct sim_event){.at = now + 3 * MINUTE_MS,
		                                     .type = SEV_FREE_RATING,
		                                     .counter = idx})))
			return rc;
	}
	return release(r, c, idx, now);
}

/* A citizen takes a ticket. */
static int
on_arrival(struct sim_run *r, const struct sim_event *ev)
{
	const struct config *cfg = r->cfg;
	const char *prio = ev->arg2 ? cfg->priorities[ev->arg2 - 1].id : NULL;
	struct store_ticket st;
	int rc;

	if ((rc = counted(
	         r, store_issue(r->store, cfg, cfg->services[ev->arg].id, prio, &st, r->err))))
		return rc;
	struct sim_ticket *t = ticket_slot(r, st.id);
	if (!t)
		return sq_error_set(r->err, SQ_ERR_NOMEM, "out of memory simulating");
	t->issued_ms = ev->at;
	r->res.issued++;
	return wake(r, (size_t)ev->arg, ev->at);
}

/* A booking code packed into an event's 48 spare bits, and back. */
static int64_t
code_pack(const char *code)
{
	int64_t v = 0;

	for (size_t i = 0; i < BOOKING_CODE_LEN; i++)
		v = v << 8 | (unsigned char)code[i];
	return v;
}

static void
code_unpack(int64_t v, char code[BOOKING_CODE_LEN + 1])
{
	for (size_t i = BOOKING_CODE_LEN; i-- > 0; v >>= 8)
		code[i] = (char)(v & 0xff);
	code[BOOKING_CODE_LEN] = '\0';
}

/*
 * A citizen books the first slot of service ev->arg starting at least 15
 * minutes from now, today; then checks in inside the window, cancels, or
 * never comes. With no slot left today, or the slot full, they walk in.
 */
static int
on_book(struct sim_run *r, const struct sim_event *ev)
{
	const struct config_service *svc = &r->cfg->services[ev->arg];
	int starts[BOOKING_MAX_SLOTS];
	struct local_time lt;
	struct store_booking b;
	enum booking_refusal why = BOOKING_OK;
	size_t i = 0;

	thaitime_local(ev->at, &lt);
	size_t n = booking_slots(svc, lt.weekday, starts, BOOKING_MAX_SLOTS);
	while (i < n && starts[i] < lt.minute_of_day + 15)
		i++;
	int rc = i < n ? counted(r, store_booking_make(r->store, r->cfg, svc->id, lt.day_key,
	                                               starts[i], NULL, NULL, &b, &why, r->err))
	               : SQ_ERR_STATE;
	if (rc == SQ_ERR_STATE)
		return on_arrival(r, ev);
	if (rc)
		return rc;
	int64_t slot_ms = thaitime_utc_ms(lt.year, lt.month, lt.day, 0, starts[i]);
	double u = sim_rng_uniform(&r->rng);
	if (u < 0.10)
		return SQ_OK; /* never comes: a no-show when the day ends */
	struct sim_event next = {.counter = -1, .arg = ev->arg, .ticket_id = code_pack(b.code)};
	if (u < 0.15) {
		next.type = SEV_CANCEL;
		next.at = ev->at + (int64_t)(sim_rng_uniform(&r->rng) * (double)(slot_ms - ev->at));
	} else {
		/* Most come a little early, within the window. */
		next.type = SEV_CHECKIN;
		next.at = slot_ms - (int64_t)(sim_rng_uniform(&r->rng) *
		                              svc->booking.checkin_early_minutes * MINUTE_MS);
		if (next.at < ev->at)
			next.at = ev->at;
	}
	return push(r, next);
}

/* The booked citizen checks in: a ticket of class booking, as at the kiosk. */
static int
on_checkin(struct sim_run *r, const struct sim_event *ev)
{
	struct store_booking_checkin ci;
	char code[BOOKING_CODE_LEN + 1];
	int rc;

	code_unpack(ev->ticket_id, code);
	rc = counted(r, store_booking_checkin(r->store, r->cfg, code, NULL, &ci, r->err));
	/* Turned away (the run's clock held back past the window): a walk-in ticket. */
	if (rc == SQ_ERR_STATE && ci.why == BOOKING_TOO_LATE)
		return on_arrival(r, ev);
	if (rc)
		return rc;
	struct sim_ticket *t = ticket_slot(r, ci.ticket.id);
	if (!t)
		return sq_error_set(r->err, SQ_ERR_NOMEM, "out of memory simulating");
	t->issued_ms = ev->at;
	r->res.issued++;
	return wake(r, (size_t)ev->arg, ev->at);
}

/* An officer opens counter c: free now, at the lunch break, and at closing. */
static int
on_login(struct sim_run *r, struct sim_counter *c, const struct sim_event *ev)
{
	int rc;

	if ((rc = counted(r, store_counter_status_event(r->store, r->cfg, c->cc->number,
	                                                EVENT_LOGIN, c->officer, r->err))))
		return rc;
	c->logged_in = true;
	if ((rc = push(r,
	               (struct sim_event){.at = ev->at, .type = SEV_FREE, .counter = ev->counter})))
		return rc;
	if (c->break_at &&
	    (rc = push(r, (struct sim_event){
	                      .at = c->break_at, .type = SEV_FREE, .counter = ev->counter})))
		return rc;
	return push(
	    r, (struct sim_event){.at = c->close_at, .type = SEV_FREE, .counter = ev->counter});
}

/* The citizen served at counter c rates the service, the wait weighing on it. */
static int
on_rate(struct sim_run *r, struct sim_counter *c, const struct sim_event *ev)
{
	struct sim_ticket *t = ticket_slot(r, ev->ticket_id);
	double wait = t && t->called_ms ? (double)(t->called_ms - t->issued_ms) / MINUTE_MS : 0;
	int score = sim_score(&r->rng, c->quality, wait), rc;

	if ((rc = counted(r, store_rate(r->store, r->cfg, c->cc->number, ev->ticket_id, score,
	                                sim_reason(&r->rng, score, wait), 0, NULL, r->err))))
		return rc;
	r->res.ratings++;
	return SQ_OK;
}

/* Handle one event. */
static int
step(struct sim_run *r, const struct sim_event *ev)
{
	const struct config *cfg = r->cfg;
	struct sim_counter *c = ev->counter >= 0 ? &r->counters[ev->counter] : NULL;
	struct store_ticket st;
	int rc;

	/*
	 * The log's clock never goes back, as in a real office: where a day's
	 * last service runs past midnight into the next day's first events (an
	 * all-day service), those wait for it.
	 */
	if (ev->at > r->now_ms)
		r->now_ms = ev->at;
	switch (ev->type) {
	case SEV_ARRIVAL:
		return on_arrival(r, ev);
	case SEV_CONTACT:
		if ((rc = counted(r, store_log_event(r->store, EVENT_FIRST_CONTACT,
		                                     cfg->services[ev->arg].id, r->reception,
		                                     contact_outcomes[ev->arg2], r->err))))
			return rc;
		r->res.first_contacts++;
		return SQ_OK;
	case SEV_LOGIN:
		return on_login(r, c, ev);
	case SEV_FREE:
		return counter_free(r, c, ev->counter, ev->at);
	case SEV_START: {
		if ((rc = counted(r, store_counter_ticket_event(r->store, cfg, c->cc->number,
		                                                EVENT_STARTED, NULL, &st, r->err))))
			return rc;
		const struct config_service *svc = config_service_find(cfg, st.service);
		int target = svc ? svc->target_minutes : 10;
		return push(r, (struct sim_event){.at = ev->at + sim_service_ms(&r->rng, target),
		                                  .type = SEV_DONE,
		                                  .counter = ev->counter});
	}
	case SEV_DONE:
		return service_done(r, c, ev->counter, ev->at);
	case SEV_RECALL:
		if ((rc =
		         counted(r, store_counter_ticket_event(r->store, cfg, c->cc->number,
		                                               EVENT_RECALLED, NULL, &st, r->err))))
			return rc;
		return push(r, (struct sim_event){.at = ev->at + 3 * MINUTE_MS,
		                                  .type = SEV_NOSHOW,
		                                  .counter = ev->counter});
	case SEV_NOSHOW:
		if ((rc = counted(r, store_counter_ticket_event(r->store, cfg, c->cc->number,
		                                                EVENT_NOSHOW, NULL, &st, r->err))))
			return rc;
		r->res.noshows++;
		return release(r, c, ev->counter, ev->at);
	case SEV_RATE:
		return on_rate(r, c, ev);
	case SEV_FREE_RATING: {
		int score = sim_score(&r->rng, 0, 0);
		if ((rc = counted(r, store_rate(r->store, cfg, 0, 0, score,
		                                sim_reason(&r->rng, score, 0), 0, NULL, r->err))))
			return rc;
		r->res.free_ratings++;
		return SQ_OK;
	}
	case SEV_RESUME:
		if ((rc = counted(r, store_counter_status_event(r->store, cfg, c->cc->number,
		                                                EVENT_RESUME, NULL, r->err))))
			return rc;
		c->on_break = false;
		return counter_free(r, c, ev->counter, ev->at);
	case SEV_WAKE:
		return ev->arg >= 0 ? wake(r, (size_t)ev->arg, ev->at) : SQ_OK;
	case SEV_BOOK:
		return on_book(r, ev);
	case SEV_CHECKIN:
		return on_checkin(r, ev);
	case SEV_CANCEL: {
		char code[BOOKING_CODE_LEN + 1];
		code_unpack(ev->ticket_id, code);
		return counted(r, store_booking_cancel(r->store, code, NULL, NULL, r->err));
	}
	}
	return SQ_OK;
}

int
simulate_run(struct store *s, const struct config *cfg, const struct simulate_options *opt,
             struct simulate_result *out, struct sq_error *err)
{
	struct sim_run *r = calloc(1, sizeof(*r));
	int64_t started = clock_monotonic_us();
	int rc;

	if (out)
		memset(out, 0, sizeof(*out));
	if (!r)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory simulating");
	if (opt->days < 1 || opt->days > 3660) {
		free(r);
		return sq_error_set(err, SQ_ERR_INVALID, "days %d is not from 1 to 3660",
		                    opt->days);
	}
	r->store = s;
	r->cfg = cfg;
	r->opt = opt;
	r->err = err;
	sim_rng_seed(&r->rng, opt->seed);
	for (size_t i = 0; i < cfg->n_counters; i++)
		if (cfg->counters[i].reception && !r->reception)
			r->reception = cfg->counters[i].number;
	plan_rates(r);
	rc = store_sim_check(s, opt->start_year * 10000 + opt->start_month * 100 + opt->start_day,
	                     err);
	store_set_clock(s, sim_clock, r);
	/* A day is one transaction: fast, and as durable as every other write. */
	for (int d = 0; d < opt->days && rc == SQ_OK; d++) {
		if ((rc = store_sim_begin(s, err)))
			break;
		/* thaitime_utc_ms normalises day overflow into the next months. */
		struct local_time lt;
		thaitime_local(
		    thaitime_utc_ms(opt->start_year, opt->start_month, opt->start_day + d, 12, 0),
		    &lt);
		rc = plan_day(r, lt.year, lt.month, lt.day);
		struct sim_event ev;
		while (rc == SQ_OK && pop(r, &ev))
			rc = step(r, &ev);
		/* What the day wrote before a failure stays, like a live office's writes. */
		int end = store_sim_end(s, err);
		if (rc == SQ_OK)
			rc = end;
	}
	store_set_clock(s, NULL, NULL);
	r->res.elapsed_us = clock_monotonic_us() - started;
	if (out)
		*out = r->res;
	free(r->heap);
	free(r->tickets);
	free(r);
	return rc;
}
