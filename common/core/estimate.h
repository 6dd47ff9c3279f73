/*
 * estimate.h - the wait a citizen is promised: one honest estimate for the
 * kiosk, the printed ticket, the board and the phone page.
 *
 * A wait is the time until a ticket is called. It is estimated from its
 * place under the queue rules (the calls the counters serving its service
 * make before it, queue_order.h), the counters open for the service now
 * (how long each has been busy) and today's service times: those calls
 * are handed to the counters as each frees up, and this ticket's call is
 * the next free moment after them. The place already holds the other
 * services' tickets a shared counter calls first, so each counter counts
 * whole: its time is not split among its services a second time. Three
 * rules keep the promise honest:
 *   - a service with no open counter has no wait to promise: the estimate
 *     says so (ESTIMATE_NO_COUNTER) instead of giving a number;
 *   - today's mean service time, taken from a handful of services, is
 *     unreliable (one 3-second service is not a 3-second office): it is
 *     blended with the configured target_minutes, the target weighing as
 *     much as ESTIMATE_PRIOR_SERVICES services (a Bayesian shrinkage), so the
 *     day's own figures take over as they accumulate;
 *   - when the likely spread is wide the estimate is a range rounded to
 *     5 minutes ("15-25 min"), not a precise-looking number.
 *
 * Pure: no I/O, no allocation, thread-safe. The texts are static Thai and
 * English; estimate_text writes them into the caller's buffer.
 */
#ifndef SADUAK_ESTIMATE_H
#define SADUAK_ESTIMATE_H

#include <stdbool.h>
#include <stddef.h>

#include "office.h"

/* How many services the configured target weighs against today's sample. */
#define ESTIMATE_PRIOR_SERVICES 5

/* An open counter that serves the service, as the estimate sees it. */
struct estimate_counter {
	double busy_minutes; /* how long it has been on its current ticket; < 0: free */
};

/* What the estimate is made from. */
struct estimate_input {
	int ahead;           /* calls before this ticket by its service's counters (its place) */
	int target_minutes;  /* [service] target_minutes: the prior service time */
	int served;          /* services finished today: the size of the sample */
	double mean_minutes; /* their mean service time (ignored when served is 0) */
	double sd_minutes;   /* their standard deviation (ignored when served < 2) */
	size_t n_counters;   /* open counters serving the service (estimate_counters) */
	struct estimate_counter counters[CONFIG_MAX_COUNTERS];
};

enum estimate_kind {
	ESTIMATE_NO_COUNTER, /* no counter open for the service: no number to give */
	ESTIMATE_MINUTES,    /* about `minutes` */
	ESTIMATE_RANGE,      /* `low`-`high` minutes, rounded to 5 */
};

struct estimate {
	enum estimate_kind kind;
	int minutes;   /* the expected wait (for a range, its middle); 0 for NO_COUNTER */
	int low, high; /* the range; both equal minutes for ESTIMATE_MINUTES */
};

/*
 * Fill in->n_counters and in->counters with the counters of cfg that serve
 * service svc and are open (open[c] for cfg->counters[c]), each with
 * busy[c] (minutes on its current ticket, < 0 when free).
 */
void estimate_counters(const struct config *cfg, size_t svc, const bool *open, const double *busy,
                       struct estimate_input *in);

/* Estimate the wait described by in into *out. */
void estimate_wait(const struct estimate_input *in, struct estimate *out);

/*
 * The estimate in words, Thai or English: "ประมาณ 12 นาที" / "about 12 min",
 * "15-25 นาที" / "15-25 min", "ไม่ถึง 1 นาที" / "less than a minute",
 * "ยังไม่มีช่องเปิดให้บริการ" / "No counter open yet". Returns the length the
 * text needs, like snprintf; buf is always terminated when size > 0.
 */
size_t estimate_text(const struct estimate *e, bool english, char *buf, size_t size);

#endif
