/*
 * estimate.c - the wait a citizen is promised (see estimate.h).
 */
#include "estimate.h"

#include <math.h>
#include <stdio.h>

/* Spread of a service time assumed before any is measured: sd = 0.5 x mean. */
#define PRIOR_CV 0.5
/* A range is shown when plus or minus one spread covers more than this. */
#define RANGE_MIN_WIDTH 10.0
/* Ranges are rounded outwards to this many minutes. */
#define RANGE_STEP 5

/* x rounded down (down = true) or up to a multiple of RANGE_STEP. */
static int
round_step(double x, bool down)
{
	double q = x / RANGE_STEP;

	return RANGE_STEP * (int)(down ? floor(q) : ceil(q));
}

void
estimate_counters(const struct config *cfg, size_t svc, const bool *open, const double *busy,
                  struct estimate_input *in)
{
	in->n_counters = 0;
	for (size_t c = 0; c < cfg->n_counters && c < CONFIG_MAX_COUNTERS; c++) {
		const struct config_counter *cc = &cfg->counters[c];
		bool serves = false;

		for (size_t k = 0; k < cc->n_services; k++)
			serves = serves || cc->services[k] == svc;
		if (open[c] && serves)
			in->counters[in->n_counters++] =
			    (struct estimate_counter){.busy_minutes = busy[c]};
	}
}

/*
 * How much longer a service already `busy` minutes long is expected to
 * take, service times being log-normal with this mean and variance (as the
 * simulator's and real offices' are: most short, a few long). A service that
 * has run long is likely to run on, so this never reaches zero:
 * E[S - b | S > b] = mean x P'(b) / P(b) - b, where P(b) = P(S > b) and P'
 * is the same tail of the size-biased distribution.
 */
static double
residual(double busy, double mean, double var)
{
	double s2 = log1p(var / (mean * mean)), s = sqrt(s2), m = log(mean) - s2 / 2, tail, biased;

	if (busy <= 0)
		return mean;
	tail = 0.5 * erfc((log(busy) - m) / (s * M_SQRT2));
	biased = 0.5 * erfc((log(busy) - m - s2) / (s * M_SQRT2));
	/* Far in the tail both vanish: then the service is about done, as far as we know. */
	return tail > 1e-9 ? fmax(mean * biased / tail - busy, 0) : 0;
}

/* When counter c can next call: a busy counter first finishes its ticket. */
static double
first_free(const struct estimate_counter *c, double mean, double var)
{
	return c->busy_minutes < 0 ? 0 : residual(c->busy_minutes, mean, var);
}

void
estimate_wait(const struct estimate_input *in, struct estimate *out)
{
	double k = ESTIMATE_PRIOR_SERVICES, n = in->served > 0 ? in->served : 0;
	double target = in->target_minutes > 0 ? in->target_minutes : 1;
	double mean, var, prior_sd = PRIOR_CV * target, wait = 0, rounds, spread;
	double next[CONFIG_MAX_COUNTERS];
	size_t nc = in->n_counters;

	*out = (struct estimate){.kind = ESTIMATE_NO_COUNTER};
	if (nc == 0)
		return;
	if (nc > CONFIG_MAX_COUNTERS)
		nc = CONFIG_MAX_COUNTERS;
	/* Shrink today's figures towards the target, weighted by the sample. */
	mean = n > 0 ? (n * in->mean_minutes + k * target) / (n + k) : target;
	var = n > 1 ? (n * in->sd_minutes * in->sd_minutes + k * prior_sd * prior_sd) / (n + k)
	            : prior_sd * prior_sd;
	for (size_t c = 0; c < nc; c++)
		next[c] = first_free(&in->counters[c], mean, var);
	/* Hand the calls ahead, then this ticket, each to the counter free first. */
	for (int i = 0; i <= (in->ahead > 0 ? in->ahead : 0); i++) {
		size_t best = 0;

		for (size_t c = 1; c < nc; c++)
			if (next[c] < next[best])
				best = c;
		wait = next[best];
		next[best] += mean;
	}
	/*
	 * Spread: the services the counters do before our call (rounds per
	 * counter) add up their variance, averaged over the counters; and the
	 * mean itself is uncertain while the sample is small.
	 */
	rounds = (in->ahead > 0 ? in->ahead : 0) / (double)nc;
	spread = sqrt(rounds * var / (double)nc + rounds * rounds * var / (n + k));
	out->minutes = (int)lround(wait);
	out->low = out->high = out->minutes;
	out->kind = ESTIMATE_MINUTES;
	if (2 * spread >= RANGE_MIN_WIDTH) {
		out->kind = ESTIMATE_RANGE;
		out->low = round_step(fmax(wait - spread, 0), true);
		out->high = round_step(wait + spread, false);
	}
}

size_t
estimate_text(const struct estimate *e, bool english, char *buf, size_t size)
{
	int len;

	switch (e->kind) {
	case ESTIMATE_NO_COUNTER:
		len = snprintf(buf, size, "%s",
		               english ? "No counter open yet" : "ยังไม่มีช่องเปิดให้บริการ");
		break;
	case ESTIMATE_RANGE:
		len = snprintf(buf, size, english ? "%d-%d min" : "%d-%d นาที", e->low, e->high);
		break;
	default:
		if (e->minutes < 1)
			len = snprintf(buf, size, "%s",
			               english ? "less than a minute" : "ไม่ถึง 1 นาที");
		else
			len = snprintf(buf, size, english ? "about %d min" : "ประมาณ %d นาที",
			               e->minutes);
		break;
	}
	return len < 0 ? 0 : (size_t)len;
}
