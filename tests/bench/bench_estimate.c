/*
 * bench_estimate - how close the promised wait comes to the real one.
 *
 *   bench_estimate [--config FILE] [--days N] [--seed S] [--dir DIR] [--keep]
 *                  [--tickets FILE.csv]
 *
 * Simulates --days days (90: three months) of the office of --config
 * (default: the source tree's config/demo.ini) with `saduak-counter
 * simulate`'s engine into a new database under DIR ($TMPDIR, else /tmp),
 * then replays the log event by event. At every ticket's issue it rebuilds
 * what the kiosk saw at that moment (the ticket's place under the queue
 * rules by queue_order_new, as store_web_queue_read gives the kiosk; the
 * counters open for its service; the day's service times so far) and
 * computes, for the same ticket:
 *   - the estimate the kiosk shows (estimate_wait; a range counts as its
 *     middle), unless it says no counter is open;
 *   - the naive estimate, people waiting in its service x target_minutes;
 *   - the previous kiosk estimate (people ahead / open counters x the
 *     day's raw mean service time).
 * The real wait is the first call minus the issue. Prints the median and
 * mean absolute error of each over the tickets that were called and got a
 * number, the improvement over naive against the 30 % target (PASS or
 * MISS), how often a range held the real wait, and what the tickets shown
 * "no counter open yet" really waited. --tickets writes every called
 * ticket's figures as CSV (to see where the errors come from). Exit status
 * 1 only when it cannot run.
 */
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "estimate.h"
#include "queue.h"
#include "queue_order.h"
#include "simulate.h"
#include "store.h"
#include "thaitime.h"

#define TARGET_GAIN 0.30 /* the estimate's error must be at least 30 % below naive */

/* One ticket of the replay. */
struct rticket {
	int state; /* enum ticket_state, -1 before its issue */
	int svc;   /* index in cfg->services */
	bool priority;
	bool booked; /* issued at a booking's check-in */
	int64_t issued_ms, called_ms, started_ms, parked_ms;
	int ahead; /* its place at issue under the queue rules, as the estimate takes it */
	struct estimate est;
	double naive, old;
};

/* Per service: the queue and the day's service times, as the kiosk reads them. */
struct rservice {
	int waiting;
	int n;
	double sum, sumsq; /* minutes */
};

struct replay {
	const struct config *cfg;
	struct rticket *t;
	size_t n_t;
	struct rservice svc[CONFIG_MAX_SERVICES];
	bool open[CONFIG_MAX_COUNTERS];
	int64_t busy_since[CONFIG_MAX_COUNTERS]; /* its current ticket's call or start; 0: free */
	struct queue_streaks streak[CONFIG_MAX_COUNTERS]; /* as the store keeps them */
	int day;
	int64_t day_first, last_id; /* today's first ticket, the last one issued */
	struct queue_waiting *w;    /* scratch: today's tickets a counter could call */
	bool failed;                /* out of memory replaying */
};

static int
svc_index(const struct config *cfg, const char *id)
{
	for (size_t i = 0; id && i < cfg->n_services; i++)
		if (strcmp(cfg->services[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Could a counter call ticket t at now: waiting, or parked long enough to be back? */
static bool
callable(const struct replay *r, const struct rticket *t, int64_t now)
{
	return t->state == TICKET_WAITING ||
	       (t->state == TICKET_PARKED &&
	        queue_park_returned(t->parked_ms, now, r->cfg->park_return_minutes));
}

/* Today's tickets a counter could call at now into r->w; how many. */
static size_t
callable_now(struct replay *r, int64_t now)
{
	size_t n = 0;

	for (int64_t id = r->day_first; id <= r->last_id; id++)
		if (callable(r, &r->t[id], now))
			r->w[n++] = (struct queue_waiting){.id = id,
			                                   .service = (size_t)r->t[id].svc,
			                                   .priority = r->t[id].priority,
			                                   .booked = r->t[id].booked};
	return n;
}

/*
 * Where ticket t, just issued, stands under the queue rules among the open
 * counters (queue_order_new, as store_web_queue_read gives the kiosk).
 */
static int
place_at_issue(struct replay *r, const struct rticket *t)
{
	struct queue_server servers[CONFIG_MAX_COUNTERS];
	size_t ns = 0, n = callable_now(r, t->issued_ms);
	int ahead = -1;

	for (size_t c = 0; c < r->cfg->n_counters; c++)
		if (r->open[c])
			servers[ns++] = (struct queue_server){
			    .services = r->cfg->counters[c].services,
			    .n_services = r->cfg->counters[c].n_services,
			    .policy = r->cfg->counters[c].policy,
			    .streaks = r->streak[c],
			    .busy_ms = r->busy_since[c],
			};
	struct queue_waiting fresh = {
	    .service = (size_t)t->svc, .priority = t->priority, .booked = t->booked};
	if (queue_order_new(r->w, n, servers, ns, r->cfg->priority_cap, r->cfg->booking_cap, &fresh,
	                    &ahead) != SQ_OK)
		r->failed = true;
	return ahead;
}

/* What the kiosk would have shown for ticket t issued now. */
static void
estimate_at_issue(struct replay *r, struct rticket *t)
{
	const struct rservice *s = &r->svc[t->svc];
	int target = r->cfg->services[t->svc].target_minutes;
	double mean = s->n ? s->sum / s->n : 0, var = s->n ? s->sumsq / s->n - mean * mean : 0;
	struct estimate_input in = {
	    .ahead = t->ahead = place_at_issue(r, t),
	    .target_minutes = target,
	    .served = s->n,
	    .mean_minutes = mean,
	    .sd_minutes = var > 0 ? sqrt(var) : 0,
	};
	double busy[CONFIG_MAX_COUNTERS];
	int open;

	for (size_t c = 0; c < r->cfg->n_counters; c++)
		busy[c] =
		    r->busy_since[c] ? (double)(t->issued_ms - r->busy_since[c]) / 60000.0 : -1;
	estimate_counters(r->cfg, (size_t)t->svc, r->open, busy, &in);
	open = (int)in.n_counters;
	estimate_wait(&in, &t->est);
	t->naive = (double)s->waiting * target;
	/* What the kiosk promised before estimate.h: no open counter counted as one. */
	t->old = s->waiting > 0
	             ? ceil((double)s->waiting / (open > 0 ? open : 1) * (s->n ? mean : target))
	             : 0;
}

/* One row of the event log. */
struct revent {
	int64_t id, at; /* ticket (0: none), time */
	const char *kind, *rule;
	int day, svc, counter; /* svc: index in cfg->services, -1: none; counter 0: none */
	bool priority;         /* the ticket has a priority class */
	bool booked;           /* the ticket was issued at a booking's check-in */
};

/*
 * Did a ticket of class `from` or lower (classes: 0 priority, 1 booking,
 * 2 walk-in) that counter c serves wait at now?
 */
static bool
lower_waiting(const struct replay *r, size_t c, int64_t now, int from)
{
	const struct config_counter *cc = &r->cfg->counters[c];

	for (int64_t id = r->day_first; id <= r->last_id; id++) {
		const struct rticket *t = &r->t[id];
		int cls = t->priority ? 0 : t->booked ? 1 : 2;
		for (size_t k = 0; k < cc->n_services; k++)
			if (cls >= from && t->svc == (int)cc->services[k] && callable(r, t, now))
				return true;
	}
	return false;
}

/* The counter's streaks after a call of ticket t, as queue_choose() keeps them. */
static void
track_streak(struct replay *r, size_t c, const struct revent *e, const struct rticket *t)
{
	struct queue_streaks *s = &r->streak[c];

	if (!e->rule || strcmp(e->rule, queue_rule_name(QUEUE_RULE_MANUAL)) == 0 || !t)
		return; /* a call out of turn leaves the streaks alone */
	if (t->priority) {
		s->priority = lower_waiting(r, c, e->at, 1) ? s->priority + 1 : 0;
	} else if (t->booked) {
		s->priority = 0;
		s->booking = lower_waiting(r, c, e->at, 2) ? s->booking + 1 : 0;
	} else {
		*s = (struct queue_streaks){0};
	}
}

/* Apply one event of the log to the replay. */
static void
apply(struct replay *r, const struct revent *e)
{
	int kind = queue_event_from_name(e->kind), svc = e->svc, counter = e->counter;
	int64_t at = e->at;
	struct rticket *t = e->id > 0 && (size_t)e->id < r->n_t ? &r->t[e->id] : NULL;

	if (e->day != r->day) {
		for (size_t i = 0; i < CONFIG_MAX_SERVICES; i++)
			r->svc[i].n = 0, r->svc[i].sum = r->svc[i].sumsq = 0;
		r->day = e->day;
		r->day_first = r->last_id + 1;
	}
	for (size_t c = 0; counter > 0 && c < r->cfg->n_counters; c++) {
		if (r->cfg->counters[c].number != counter)
			continue;
		if (kind == EVENT_CALLED)
			track_streak(r, c, e, t);
		if (kind == EVENT_LOGIN || kind == EVENT_RESUME)
			r->open[c] = true;
		else if (kind == EVENT_LOGOUT || kind == EVENT_BREAK)
			r->open[c] = false;
		/* The ticket at the counter: from its call or start until it leaves. */
		if (kind == EVENT_CALLED || kind == EVENT_RECALLED || kind == EVENT_STARTED)
			r->busy_since[c] = at;
		else if (kind == EVENT_FINISHED || kind == EVENT_NOSHOW || kind == EVENT_PARKED ||
		         kind == EVENT_TRANSFERRED || kind == EVENT_VOIDED || kind == EVENT_LOGOUT)
			r->busy_since[c] = 0;
	}
	if (!t || svc < 0)
		return;
	if (kind == EVENT_ISSUED) {
		t->svc = svc;
		t->priority = e->priority;
		t->booked = e->booked;
		t->issued_ms = at;
		estimate_at_issue(r, t);
		t->state = TICKET_WAITING;
		r->last_id = e->id;
		r->svc[svc].waiting++;
		return;
	}
	if (t->state < 0 || queue_transition(t->state, kind) < 0)
		return;
	if (t->state == TICKET_WAITING)
		r->svc[t->svc].waiting--;
	if (kind == EVENT_CALLED && !t->called_ms)
		t->called_ms = at;
	if (kind == EVENT_STARTED)
		t->started_ms = at;
	if (kind == EVENT_PARKED)
		t->parked_ms = at;
	if (kind == EVENT_FINISHED) {
		double m = (double)(at - (t->started_ms ? t->started_ms : t->called_ms)) / 60000.0;

		r->svc[svc].n++;
		r->svc[svc].sum += m;
		r->svc[svc].sumsq += m * m;
	}
	if (kind == EVENT_TRANSFERRED)
		t->svc = svc;
	t->state = queue_transition(t->state, kind);
	if (t->state == TICKET_WAITING)
		r->svc[t->svc].waiting++;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median of v[0..n) (sorts v). */
static double
median(double *v, size_t n)
{
	if (n == 0)
		return NAN;
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
mean_of(const double *v, size_t n)
{
	double s = 0;

	for (size_t i = 0; i < n; i++)
		s += v[i];
	return n ? s / (double)n : NAN;
}

/* One called ticket's figures as a CSV row of --tickets. */
static void
write_ticket(FILE *f, const struct replay *r, int64_t id, double real)
{
	const struct rticket *t = &r->t[id];
	const char *kind[] = {[ESTIMATE_NO_COUNTER] = "none",
	                      [ESTIMATE_MINUTES] = "minutes",
	                      [ESTIMATE_RANGE] = "range"};
	struct local_time lt;

	thaitime_local(t->issued_ms, &lt);

	fprintf(f, "%" PRId64 ",%02d:%02d,%s,%d,%d,%d,%s,%d,%d,%d,%.2f,%.2f\n", id,
	        lt.minute_of_day / 60, lt.minute_of_day % 60, r->cfg->services[t->svc].id,
	        t->priority, t->ahead,
	        (int)lround(t->naive / r->cfg->services[t->svc].target_minutes), kind[t->est.kind],
	        t->est.minutes, t->est.low, t->est.high, t->naive, real);
}

/* Replay the log of store into r and print the figures (and --tickets to f); 0 or 1. */
static int
replay_and_report(struct store *store, struct replay *r, FILE *f)
{
	sqlite3 *db = store_db(store);
	sqlite3_stmt *st = NULL;
	double *e_est, *e_naive, *e_old, *w_none;
	size_t n = 0, n_none = 0, n_range = 0, in_range = 0;
	int64_t max_id = 0;

	if (sqlite3_prepare_v2(db, "SELECT coalesce(max(id), 0) FROM ticket", -1, &st, NULL) ||
	    sqlite3_step(st) != SQLITE_ROW)
		goto fail;
	max_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	r->n_t = (size_t)max_id + 1;
	r->t = calloc(r->n_t, sizeof(*r->t));
	r->w = calloc(r->n_t, sizeof(*r->w));
	e_est = calloc(r->n_t, sizeof(double));
	e_naive = calloc(r->n_t, sizeof(double));
	e_old = calloc(r->n_t, sizeof(double));
	w_none = calloc(r->n_t, sizeof(double));
	if (!r->t || !r->w || !e_est || !e_naive || !e_old || !w_none) {
		fprintf(stderr, "bench_estimate: out of memory\n");
		return 1;
	}
	for (size_t i = 0; i < r->n_t; i++)
		r->t[i].state = -1;
	if (f)
		fprintf(f, "ticket,issued,service,priority,place,waiting,shown,minutes,low,high,"
		           "naive,real\n");
	if (sqlite3_prepare_v2(
	        db,
	        "SELECT coalesce(e.ticket_id, 0), e.at_ms, e.kind, e.day, e.service, "
	        "coalesce(e.counter, 0), e.rule, coalesce(t.priority, '') != '', "
	        "coalesce(t.booked, 0) FROM event e LEFT JOIN ticket t ON t.id = e.ticket_id "
	        "ORDER BY e.id",
	        -1, &st, NULL))
		goto fail;
	while (sqlite3_step(st) == SQLITE_ROW) {
		struct revent e = {
		    .id = sqlite3_column_int64(st, 0),
		    .at = sqlite3_column_int64(st, 1),
		    .kind = (const char *)sqlite3_column_text(st, 2),
		    .day = sqlite3_column_int(st, 3),
		    .svc = svc_index(r->cfg, (const char *)sqlite3_column_text(st, 4)),
		    .counter = sqlite3_column_int(st, 5),
		    .rule = (const char *)sqlite3_column_text(st, 6),
		    .priority = sqlite3_column_int(st, 7) != 0,
		    .booked = sqlite3_column_int(st, 8) != 0,
		};
		apply(r, &e);
	}
	if (r->failed) {
		fprintf(stderr, "bench_estimate: out of memory placing a ticket\n");
		sqlite3_finalize(st);
		return 1;
	}
	sqlite3_finalize(st);
	for (size_t i = 1; i < r->n_t; i++) {
		const struct rticket *t = &r->t[i];
		double real;

		if (t->state < 0 || !t->called_ms)
			continue;
		real = (double)(t->called_ms - t->issued_ms) / 60000.0;
		if (f)
			write_ticket(f, r, (int64_t)i, real);
		if (t->est.kind == ESTIMATE_NO_COUNTER) {
			w_none[n_none++] = real;
			continue;
		}
		if (t->est.kind == ESTIMATE_RANGE) {
			n_range++;
			in_range += real >= t->est.low && real <= t->est.high;
		}
		/* A range is shown, not a number: count its middle. */
		e_est[n] = fabs((t->est.kind == ESTIMATE_RANGE ? (t->est.low + t->est.high) / 2.0
		                                               : t->est.minutes) -
		                real);
		e_naive[n] = fabs(t->naive - real);
		e_old[n] = fabs(t->old - real);
		n++;
	}
	double m_est = mean_of(e_est, n), m_naive = mean_of(e_naive, n), m_old = mean_of(e_old, n);
	double md_est = median(e_est, n), md_naive = median(e_naive, n), md_old = median(e_old, n);
	double gain = md_naive > 0 ? 1 - md_est / md_naive : 0;

	printf("tickets called with a number shown at issue: %zu\n", n);
	printf("absolute error, minutes        median    mean\n");
	printf("  estimate (estimate_wait)   %8.2f %7.2f\n", md_est, m_est);
	printf("  naive (ahead x target)     %8.2f %7.2f\n", md_naive, m_naive);
	printf("  previous (ahead/open x raw mean) %2.2f %7.2f\n", md_old, m_old);
	printf("median error %.1f %% below naive (target at least %.0f %%): %s\n", 100 * gain,
	       100 * TARGET_GAIN, gain >= TARGET_GAIN ? "PASS" : "MISS");
	printf("ranges shown: %zu of %zu (%.0f %%), real wait inside the range: %.0f %%\n", n_range,
	       n, n ? 100.0 * (double)n_range / (double)n : 0,
	       n_range ? 100.0 * (double)in_range / (double)n_range : 0);
	printf("\"no counter open yet\" shown: %zu tickets, which then waited %.1f min (median)\n",
	       n_none, median(w_none, n_none));
	free(e_est);
	free(e_naive);
	free(e_old);
	free(w_none);
	return 0;
fail:
	fprintf(stderr, "bench_estimate: %s\n", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return 1;
}

/* Copy the office's config to dir/office.ini with its log in dir. */
static bool
write_config(const char *from, const char *to)
{
	FILE *in = fopen(from, "r"), *out = in ? fopen(to, "w") : NULL;
	char line[4096];
	bool ok = in && out;

	while (ok && fgets(line, sizeof(line), in))
		fputs(strncmp(line, "database =", 10) == 0 ? "database = queue.db\n" : line, out);
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		ok = false;
	return ok;
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"days", required_argument, NULL, 'n'},
	    {"seed", required_argument, NULL, 's'},
	    {"dir", required_argument, NULL, 'd'},
	    {"keep", no_argument, NULL, 'k'},
	    {"tickets", required_argument, NULL, 't'},
	    {NULL, 0, NULL, 0},
	};
	const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	const char *from = SADUAK_SOURCE "/config/demo.ini", *tickets = NULL;
	FILE *tf = NULL;
	struct simulate_options opt;
	struct simulate_result res;
	struct sq_error err = {0};
	struct config *cfg = NULL;
	struct store *store = NULL;
	struct replay r = {0};
	bool keep = false;
	char dir[512], path[600], cmd[700];
	int o, status = 1;

	simulate_defaults(&opt);
	opt.days = 90;
	opt.seed = 2026;
	while ((o = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (o == 'c')
			from = optarg;
		else if (o == 'n')
			opt.days = atoi(optarg);
		else if (o == 's')
			opt.seed = strtoull(optarg, NULL, 10);
		else if (o == 'd')
			base = optarg;
		else if (o == 'k')
			keep = true;
		else if (o == 't')
			tickets = optarg;
		else
			return 1;
	}
	snprintf(dir, sizeof(dir), "%s/saduak-bench-estimate-XXXXXX", base);
	if (!mkdtemp(dir)) {
		perror("bench_estimate: mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/office.ini", dir);
	if (!write_config(from, path)) {
		fprintf(stderr, "bench_estimate: unable to copy '%s' to '%s'\n", from, path);
		goto out;
	}
	if (config_load(path, &cfg, &err) != SQ_OK ||
	    store_open(cfg->database, &store, &err) != SQ_OK) {
		fprintf(stderr, "bench_estimate: %s\n", err.msg);
		goto out;
	}
	printf("simulating %d days (seed %" PRIu64 ") of %s in %s ...\n", opt.days, opt.seed, from,
	       dir);
	fflush(stdout);
	if (simulate_run(store, cfg, &opt, &res, &err) != SQ_OK) {
		fprintf(stderr, "bench_estimate: %s\n", err.msg);
		goto out;
	}
	printf("simulated %" PRId64 " tickets, %" PRId64 " served\n", res.issued, res.served);
	r.cfg = cfg;
	r.day = -1;
	if (tickets && !(tf = fopen(tickets, "w"))) {
		perror(tickets);
		goto out;
	}
	status = replay_and_report(store, &r, tf);
	if (tf && fclose(tf) != 0) {
		perror(tickets);
		status = 1;
	}
out:
	free(r.t);
	free(r.w);
	store_close(store);
	config_free(cfg);
	if (!keep) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "bench_estimate: unable to remove '%s'\n", dir);
	} else {
		printf("kept %s\n", dir);
	}
	return status;
}
