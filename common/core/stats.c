#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The tiers of Outcome criterion 1.2, widest first. */
static const struct {
	int margin_pct;
	int points;
} tiers[STATS_TIERS] = {
    {.margin_pct = 10, .points = 1},
    {.margin_pct = 5, .points = 2},
    {.margin_pct = 3, .points = 3},
};

int64_t
stats_round_div(int64_t num, int64_t den)
{
	/* floor(|num| / den + 1/2), with the sign of num: halves away from zero. */
	if (den <= 0)
		return 0;
	if (num < 0)
		return -((2 * -num + den) / (2 * den));
	return (2 * num + den) / (2 * den);
}

int64_t
stats_yamane_n(int64_t population, int margin_pct)
{
	int64_t den;

	if (population < 0 || population > STATS_MAX_POPULATION || margin_pct < 1 ||
	    margin_pct > 100)
		return SQ_ERR_INVALID;
	/*
	 * With e = p / 100: n = N / (1 + N p^2 / 10^4) = 10^4 N / (10^4 + N p^2),
	 * an exact ratio of integers, so the half-up rounding is exact too.
	 * N <= 10^12 keeps 2 * 10^4 * N + den below 2^63.
	 */
	den = 10000 + population * (int64_t)margin_pct * margin_pct;
	return stats_round_div(10000 * population, den);
}

static int
check_counts(int64_t population, int64_t sample)
{
	if (population < 0 || sample < 0 || population > STATS_MAX_POPULATION ||
	    sample > population)
		return SQ_ERR_INVALID;
	return SQ_OK;
}

int
stats_yamane_margin(int64_t population, int64_t sample, double *margin)
{
	*margin = 0.0;
	if (check_counts(population, sample) != SQ_OK)
		return SQ_ERR_INVALID;
	if (sample == 0)
		return SQ_ERR_EMPTY;
	*margin = sqrt((double)(population - sample) / ((double)population * (double)sample));
	return SQ_OK;
}

int
stats_sample_points(int64_t population, int64_t sample)
{
	int points = 0;

	if (check_counts(population, sample) != SQ_OK)
		return SQ_ERR_INVALID;
	if (sample == 0)
		return 0;
	for (size_t i = 0; i < STATS_TIERS; i++)
		if (sample >= stats_yamane_n(population, tiers[i].margin_pct))
			points = tiers[i].points;
	return points;
}

int
stats_coverage(int64_t population, int64_t sample, struct stats_coverage *out, struct sq_error *err)
{
	memset(out, 0, sizeof(*out));
	if (population < 0 || sample < 0)
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "negative count: population %lld, sample %lld",
		                    (long long)population, (long long)sample);
	if (population > STATS_MAX_POPULATION)
		return sq_error_set(err, SQ_ERR_INVALID, "population %lld is too large",
		                    (long long)population);
	if (sample > population)
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "sample %lld is more than population %lld: the counts do not "
		                    "cover the same clients",
		                    (long long)sample, (long long)population);

	out->population = population;
	out->sample = sample;
	out->has_margin = stats_yamane_margin(population, sample, &out->margin) == SQ_OK;
	for (size_t i = 0; i < STATS_TIERS; i++) {
		int64_t needed = stats_yamane_n(population, tiers[i].margin_pct);

		out->tier[i].margin_pct = tiers[i].margin_pct;
		out->tier[i].points = tiers[i].points;
		out->tier[i].needed = needed;
		out->tier[i].reached = sample > 0 && sample >= needed;
		out->tier[i].over_half = 2 * needed > population;
		if (out->tier[i].reached)
			out->points = tiers[i].points;
	}
	return SQ_OK;
}

int
stats_percent_points(int percent_x100)
{
	if (percent_x100 < 0 || percent_x100 > 10000)
		return SQ_ERR_INVALID;
	if (percent_x100 < 6000)
		return 1;
	if (percent_x100 <= 7000)
		return 2;
	if (percent_x100 <= 8000)
		return 3;
	if (percent_x100 <= 9500)
		return 4;
	return 5;
}

enum stats_likert
stats_likert_band(int mean_x100)
{
	if (mean_x100 < 100 || mean_x100 > 500)
		return STATS_LIKERT_NONE;
	if (mean_x100 >= 421)
		return STATS_LIKERT_VERY_HIGH;
	if (mean_x100 >= 341)
		return STATS_LIKERT_HIGH;
	if (mean_x100 >= 261)
		return STATS_LIKERT_MODERATE;
	if (mean_x100 >= 181)
		return STATS_LIKERT_LOW;
	return STATS_LIKERT_VERY_LOW;
}

static const struct {
	const char *th;
	const char *en;
} likert_labels[] = {
    [STATS_LIKERT_NONE] = {.th = "ไม่มีข้อมูล", .en = "no data"},
    [STATS_LIKERT_VERY_LOW] = {.th = "น้อยที่สุด", .en = "very low"},
    [STATS_LIKERT_LOW] = {.th = "น้อย", .en = "low"},
    [STATS_LIKERT_MODERATE] = {.th = "ปานกลาง", .en = "moderate"},
    [STATS_LIKERT_HIGH] = {.th = "มาก", .en = "high"},
    [STATS_LIKERT_VERY_HIGH] = {.th = "มากที่สุด", .en = "very high"},
};

static const struct {
	const char *th;
	const char *en;
} rule_names[] = {
    [STATS_RULE_MEAN] = {.th = "ค่าเฉลี่ย ÷ 5 × 100", .en = "mean / 5 x 100"},
    [STATS_RULE_TOP_TWO] = {.th = "ร้อยละของผู้ให้คะแนนระดับ 4–5",
                            .en = "share of ratings at 4 or 5 (top two boxes)"},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *
stats_likert_th(enum stats_likert band)
{
	if ((unsigned)band >= NELEM(likert_labels))
		band = STATS_LIKERT_NONE;
	return likert_labels[band].th;
}

const char *
stats_likert_en(enum stats_likert band)
{
	if ((unsigned)band >= NELEM(likert_labels))
		band = STATS_LIKERT_NONE;
	return likert_labels[band].en;
}

const char *
stats_rule_th(enum stats_rule rule)
{
	return (unsigned)rule < NELEM(rule_names) ? rule_names[rule].th : "";
}

const char *
stats_rule_en(enum stats_rule rule)
{
	return (unsigned)rule < NELEM(rule_names) ? rule_names[rule].en : "";
}

int
stats_satisfaction(const int64_t counts[5], enum stats_rule rule, struct stats_satisfaction *out,
                   struct sq_error *err)
{
	int64_t total = 0, sum = 0;

	memset(out, 0, sizeof(*out));
	out->rule = rule;
	if (rule != STATS_RULE_MEAN && rule != STATS_RULE_TOP_TWO)
		return sq_error_set(err, SQ_ERR_INVALID, "unknown satisfaction rule %d", (int)rule);
	for (int level = 1; level <= 5; level++) {
		int64_t c = counts[level - 1];

		if (c < 0)
			return sq_error_set(err, SQ_ERR_INVALID, "negative count %lld at level %d",
			                    (long long)c, level);
		if (c > STATS_MAX_RATINGS - total)
			return sq_error_set(err, SQ_ERR_INVALID, "more than %lld ratings",
			                    (long long)STATS_MAX_RATINGS);
		total += c;
		sum += level * c;
	}
	if (total == 0)
		return SQ_ERR_EMPTY;

	/*
	 * Everything printed is rounded half up from the exact ratio of counts
	 * in integers (total <= 10^14 keeps 4000 * sum below 2^63):
	 *   mean x 100         = 100 sum / total
	 *   mean percent x 100 = 2000 sum / total   (mean / 5 x 100 x 100)
	 *   top two x 100      = 10000 top / total
	 */
	out->has_data = true;
	out->total = total;
	out->sum = sum;
	out->top_two = counts[3] + counts[4];
	out->mean = (double)sum / (double)total;
	out->mean_x100 = (int)stats_round_div(100 * sum, total);
	out->mean_percent_x100 = (int)stats_round_div(2000 * sum, total);
	out->top_two_percent_x100 = (int)stats_round_div(10000 * out->top_two, total);
	out->percent_x100 =
	    rule == STATS_RULE_MEAN ? out->mean_percent_x100 : out->top_two_percent_x100;
	out->points = stats_percent_points(out->percent_x100);
	out->likert = stats_likert_band(out->mean_x100);
	return SQ_OK;
}

int
stats_mean_i64(const int64_t *v, size_t n, double *mean)
{
	struct stats_fraction f;
	/* An exact integer sum: the mean is then off by one rounding at most. */
	int rc = stats_mean_fraction(v, n, &f);

	*mean = rc == SQ_OK ? (double)f.num / (double)f.den : 0.0;
	return rc;
}

int
stats_mean_fraction(const int64_t *v, size_t n, struct stats_fraction *out)
{
	int64_t sum = 0;

	*out = (struct stats_fraction){0, 1};
	if (n == 0)
		return SQ_ERR_EMPTY;
	if (!v)
		return SQ_ERR_INVALID;
	for (size_t i = 0; i < n; i++)
		if (__builtin_add_overflow(sum, v[i], &sum))
			return SQ_ERR_INVALID;
	*out = (struct stats_fraction){sum, (int64_t)n};
	return SQ_OK;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

void
stats_sort_i64(int64_t *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_i64);
}

int
stats_percentile_sorted(const int64_t *v, size_t n, double p, double *out)
{
	double h, frac;
	size_t lo;

	*out = 0.0;
	if (!(p >= 0.0 && p <= 1.0)) /* also refuses NaN */
		return SQ_ERR_INVALID;
	if (n == 0)
		return SQ_ERR_EMPTY;
	if (!v)
		return SQ_ERR_INVALID;
	h = (double)(n - 1) * p;
	lo = (size_t)floor(h);
	frac = h - (double)lo;
	/*
	 * (n - 1) p lands on a whole rank more often than binary fractions
	 * admit (0.29 x 100 = 28.999999999999996): snap to it, as a hand
	 * computation would.
	 */
	if (frac > 1.0 - 1e-9) {
		lo++;
		frac = 0.0;
	} else if (frac < 1e-9) {
		frac = 0.0;
	}
	if (lo >= n - 1)
		*out = (double)v[n - 1];
	else if (frac == 0.0)
		*out = (double)v[lo];
	else
		*out = (double)v[lo] + frac * ((double)v[lo + 1] - (double)v[lo]);
	return SQ_OK;
}

int
stats_percentile_fraction(const int64_t *v, size_t n, int64_t p_num, int64_t p_den,
                          struct stats_fraction *out)
{
	int64_t h, lo, rest, num, step = 0;

	*out = (struct stats_fraction){0, 1};
	if (p_den < 1 || p_num < 0 || p_num > p_den || (n > 0 && !v))
		return SQ_ERR_INVALID;
	if (n == 0)
		return SQ_ERR_EMPTY;
	/* h = (n - 1) p = lo + rest / p_den, in integers: no rank is missed by float fuzz. */
	if (__builtin_mul_overflow((int64_t)(n - 1), p_num, &h))
		return SQ_ERR_INVALID;
	lo = h / p_den;
	rest = h % p_den;
	if (__builtin_mul_overflow(v[lo], p_den, &num) ||
	    (rest && (__builtin_sub_overflow(v[lo + 1], v[lo], &step) ||
	              __builtin_mul_overflow(rest, step, &step) ||
	              __builtin_add_overflow(num, step, &num))))
		return SQ_ERR_INVALID;
	*out = (struct stats_fraction){num, p_den};
	return SQ_OK;
}

int
stats_percentile(int64_t *v, size_t n, double p, double *out)
{
	*out = 0.0;
	if (n > 0 && !v)
		return SQ_ERR_INVALID;
	stats_sort_i64(v, n);
	return stats_percentile_sorted(v, n, p, out);
}

int
stats_median(int64_t *v, size_t n, double *out)
{
	return stats_percentile(v, n, 0.5, out);
}

static bool
finite_nonneg(double x)
{
	return isfinite(x) && x >= 0.0;
}

/* P(W > 0) for c counters and a < c Erlangs, through Erlang B. */
static double
erlang_c_prob(double a, int c)
{
	double b = 1.0; /* B(0, a) */

	for (int k = 1; k <= c; k++)
		b = a * b / ((double)k + a * b);
	return (double)c * b / ((double)c - a * (1.0 - b));
}

int
stats_erlang_c(double arrivals_per_hour, double service_s, int servers, double target_s,
               struct stats_erlang *out)
{
	double a, c;

	memset(out, 0, sizeof(*out));
	if (!finite_nonneg(arrivals_per_hour) || !finite_nonneg(target_s) || !isfinite(service_s) ||
	    service_s <= 0.0 || servers < 1)
		return SQ_ERR_INVALID;
	a = arrivals_per_hour * service_s / 3600.0;
	c = (double)servers;
	out->traffic = a;
	out->occupancy = a / c;
	out->stable = a < c;
	if (!out->stable) {
		out->p_wait = 1.0;
		out->service_level = 0.0;
		out->asa_s = INFINITY;
		return SQ_OK;
	}
	out->p_wait = erlang_c_prob(a, servers);
	out->service_level = 1.0 - out->p_wait * exp(-(c - a) * target_s / service_s);
	out->asa_s = out->p_wait * service_s / (c - a);
	return SQ_OK;
}

int
stats_erlang_servers(double arrivals_per_hour, double service_s, double target_s, double level,
                     int *servers)
{
	double a, b = 1.0;

	*servers = 0;
	if (!finite_nonneg(arrivals_per_hour) || !finite_nonneg(target_s) || !isfinite(service_s) ||
	    service_s <= 0.0 || !(level > 0.0 && level < 1.0))
		return SQ_ERR_INVALID;
	if (arrivals_per_hour == 0.0)
		return SQ_OK;
	a = arrivals_per_hour * service_s / 3600.0;
	/*
	 * The service level rises with c. Walk the Erlang B recurrence once,
	 * testing each stable c, rather than restarting it for every c.
	 */
	for (int c = 1; c <= STATS_ERLANG_MAX_SERVERS; c++) {
		double p_wait, level_c;

		b = a * b / ((double)c + a * b);
		if ((double)c <= a)
			continue;
		p_wait = (double)c * b / ((double)c - a * (1.0 - b));
		level_c = 1.0 - p_wait * exp(-((double)c - a) * target_s / service_s);
		/* 1e-12 absorbs rounding when the level is met exactly. */
		if (level_c >= level - 1e-12) {
			*servers = c;
			return SQ_OK;
		}
	}
	return SQ_ERR_INVALID;
}

int
stats_change_tenths(int64_t previous, int64_t current, int64_t *tenths)
{
	*tenths = 0;
	if (previous < 0 || current < 0 || previous > STATS_MAX_POPULATION ||
	    current > STATS_MAX_POPULATION)
		return SQ_ERR_INVALID;
	if (previous == 0)
		return SQ_ERR_EMPTY;
	*tenths = stats_round_div((current - previous) * 1000, previous);
	return SQ_OK;
}
