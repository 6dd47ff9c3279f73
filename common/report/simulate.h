/*
 * simulate.h - realistic office traffic, written through the real store.
 *
 * Two layers:
 *  - the traffic model, pure and deterministic for a seed: a small PRNG
 *    (splitmix64), the arrival profile over the day (peaks at opening and
 *    after lunch), service times around each service's target_minutes
 *    (log-normal), and how citizens rate (most satisfied, officers differ,
 *    long waits lower the score);
 *  - simulate_run(), a discrete-event run of whole service days that calls
 *    the same store functions as the kiosk and the counters (store_issue,
 *    store_call_next, store_counter_ticket_event, store_rate, store_log_event,
 *    store_counter_status_event) with the simulated time as the store's
 *    clock (store_set_clock), so the log it leaves is exactly what a real
 *    office would leave, only faster: a simulated day is one transaction
 *    (store_sim_begin/end), durable like every other write. It never writes
 *    into a log that holds events of a live office (store_sim_check).
 *    Arrivals come only while a service is open (config_service_hours),
 *    officers log in, take staggered lunch breaks and log out; some citizens
 *    do not come when called, some are parked or transferred, some rate the
 *    service within the rating window, some advise at the first-contact desk
 *    ends without a ticket.
 *
 * The same seed, options and config always give the same log. No global
 * state; one thread per run.
 */
#ifndef SADUAK_SIMULATE_H
#define SADUAK_SIMULATE_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "error.h"
#include "store.h"

/* The PRNG: splitmix64, tiny and good enough for traffic. */
struct sim_rng {
	uint64_t state;
};

/* Seed rng; every seed (also 0) gives its own stream. */
void sim_rng_seed(struct sim_rng *rng, uint64_t seed);

/* The next 64 random bits. */
uint64_t sim_rng_next(struct sim_rng *rng);

/* Uniform in [0, 1). */
double sim_rng_uniform(struct sim_rng *rng);

/* Standard normal (Box-Muller). */
double sim_rng_normal(struct sim_rng *rng);

/* Poisson count with the given mean (>= 0), by inversion; fine below ~50. */
int sim_rng_poisson(struct sim_rng *rng, double mean);

/*
 * Relative arrival intensity at minute_of_day (local) on a day of weekday
 * (0 = Monday): 1.0 is an ordinary hour; about 2 in the first hour and a
 * half after opening, 1.6 just after lunch (13:00-14:00), lower over lunch
 * and late in the afternoon, 0.6 in the evening, 0.8 on weekend mornings.
 */
double sim_arrival_weight(int minute_of_day, int weekday);

/*
 * Service duration in ms for a service whose target is target_minutes:
 * log-normal with median 0.8 x target and sigma 0.45, so most finish
 * within the target and a few take twice as long; at least 1 minute.
 */
int64_t sim_service_ms(struct sim_rng *rng, int target_minutes);

/*
 * A citizen's score 1..5 after waiting wait_minutes, served by an officer
 * whose quality is officer_quality (about -0.8 .. +0.4, 0 = typical).
 */
int sim_score(struct sim_rng *rng, double officer_quality, double wait_minutes);

/* What mattered most for that score and wait, or RATING_REASON_NONE (often). */
enum rating_reason sim_reason(struct sim_rng *rng, int score, double wait_minutes);

/*
 * Quality of officer number index (0-based) for a seed: deterministic,
 * spread so that some officers are clearly better rated than others and
 * about one in five falls below the 80 % of S3.3.2.
 */
double sim_officer_quality(uint64_t seed, int index);

struct simulate_options {
	int days; /* calendar days to run, from start_day */
	uint64_t seed;
	int start_year, start_month, start_day; /* local date of the first day */
	double per_day;             /* mean tickets on a regular weekday; 0 = about 70 % of what the
	                               counters can serve */
	double rating_share;        /* share of served citizens who rate (0.45) */
	double noshow_share;        /* share of called tickets nobody answers (0.05) */
	double priority_share;      /* share of tickets with a priority class (0.08) */
	double first_contact_share; /* share of arrivals advised at reception first (0.3) */
	double booking_share; /* share of walk-in arrivals at services taking bookings that booked
	                         a slot that day instead (0.15); of those, 5 % cancel and 10 %
	                         never come */
};

/* Fill opt with the defaults above (days 30, seed 1, start 1 Jan 2026). */
void simulate_defaults(struct simulate_options *opt);

struct simulate_result {
	int64_t issued;
	int64_t served;
	int64_t noshows;
	int64_t parked;
	int64_t transferred;
	int64_t ratings;      /* tied to a ticket */
	int64_t free_ratings; /* free-standing */
	int64_t first_contacts;
	int64_t store_calls; /* store functions called */
	int64_t elapsed_us;  /* wall time of the run */
};

/*
 * Run opt->days days of traffic for cfg into s. The database must hold no
 * event of a live office and no ticket on or after the start day (the run
 * refuses with SQ_ERR_STATE otherwise, so a live log is never touched and two
 * runs cannot interleave). Returns SQ_OK and fills *out (may be NULL), or
 * the first store error with its message in err; what was written before
 * stays (each store call inside a day's transaction fails alone).
 */
int simulate_run(struct store *s, const struct config *cfg, const struct simulate_options *opt,
                 struct simulate_result *out, struct sq_error *err);

#endif
