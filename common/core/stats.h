/*
 * stats.h - the pure statistics every GECC report figure comes from.
 *
 * Auditors recompute these figures by hand or in Excel, so each one follows
 * a published method and says so here:
 *
 *  - sample coverage (Outcome criterion 1.2): Taro Yamane's table and the
 *    margin of error a sample reaches;
 *  - satisfaction (Outcome criterion 1.3, S3.3.2): mean, mean / 5 x 100,
 *    top two boxes, the points band and the Likert band, from the raw count
 *    of each rating level;
 *  - waiting and service times: mean, median and percentiles exactly as
 *    Excel's AVERAGE, MEDIAN and PERCENTILE.INC compute them;
 *  - staffing (S3.1): Erlang C (M/M/c) probability of waiting, service level,
 *    average speed of answer, and the counters needed for a target;
 *  - month-over-month change (S2.8).
 *
 * Rounding rule used throughout: every printed figure (mean 4.21, percentage
 * 80.00, a wait of 1.2 minutes) is rounded once, half away from zero as a
 * spreadsheet's ROUND does, from the exact ratio of integers it is made of
 * (stats_round_div), never through binary floating point (1.15 is not a
 * double: printf would show 1.1). Every band (points, Likert) is applied to
 * the printed figure. So the report never shows a number that an auditor
 * would round or band differently, and no float fuzz enters a band.
 *
 * No I/O, no allocation, no global state: any thread may call anything. The
 * only function that writes to caller memory beyond its out-parameters is
 * stats_sort_i64() (and the percentile functions that call it), which sorts
 * the caller's array in place; the caller owns that array throughout.
 */
#ifndef SADUAK_STATS_H
#define SADUAK_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* ------------------------------------------------------------------------
 * Exact figures and their one rounding rule.
 */

/* A figure as an exact ratio of integers, num / den, den > 0. */
struct stats_fraction {
	int64_t num;
	int64_t den;
};

/*
 * num / den rounded to a whole number, halves away from zero (ROUND(x, 0)
 * of a spreadsheet): scale num by 10^d for d decimals, e.g. 69 s in tenths
 * of a minute is stats_round_div(69000 * 10, 60000) = 12 (1.2, not 1.1).
 * 0 when den <= 0. The caller keeps 2 |num| + den below 2^63.
 */
int64_t stats_round_div(int64_t num, int64_t den);

/* ------------------------------------------------------------------------
 * Sample coverage: Taro Yamane, 95 % confidence, P = 0.5.
 *
 * n = N / (1 + N e^2), rounded to the nearest whole number (halves up) as
 * the published table is. The margin a sample of n out of N reaches is
 * e = sqrt((N - n) / (N n)).
 *
 * "Reaching" a tier is decided on the COUNT: a sample reaches +-e when
 * n >= the table's n for e. This is what an auditor holding the table does,
 * and because the table rounds to nearest, the table's own n can sit just
 * short of e (N = 500, n = 83 gives e = 10.02 %) and must still score. As
 * the margin falls strictly as n grows, this is the same as comparing the
 * margin reached with the margin of the table's n, never with e itself.
 */

/* Largest population the coverage functions accept (keeps integer math exact). */
#define STATS_MAX_POPULATION INT64_C(1000000000000)

/* The tiers of Outcome criterion 1.2, widest first: +-10 %, +-5 %, +-3 %. */
#define STATS_TIERS 3

/*
 * The sample Yamane's table asks of a population for a margin of +-margin_pct
 * percent (whole percent, 1..100). Never more than population; 0 for an empty
 * population. Returns SQ_ERR_INVALID if population is negative or above
 * STATS_MAX_POPULATION, or margin_pct is outside 1..100.
 */
int64_t stats_yamane_n(int64_t population, int margin_pct);

/*
 * The margin of error (a fraction: 0.05 = +-5 %) that sample ratings out of
 * population clients reach, in *margin. 0 when sample == population (a census).
 * Returns SQ_ERR_EMPTY (and *margin = 0) when sample is 0: no margin at all;
 * SQ_ERR_INVALID when either is negative, population is above
 * STATS_MAX_POPULATION, or sample > population.
 */
int stats_yamane_margin(int64_t population, int64_t sample, double *margin);

/*
 * Points of Outcome criterion 1.2: 3 if the sample reaches +-3 %, 2 for
 * +-5 %, 1 for +-10 %, else 0 (also 0 for an empty sample or population).
 * Returns SQ_ERR_INVALID for the inputs stats_yamane_margin() refuses.
 */
int stats_sample_points(int64_t population, int64_t sample);

/* Everything the report shows for criterion 1.2. */
struct stats_coverage {
	int64_t population; /* N: clients served in the period */
	int64_t sample;     /* n: ratings collected */
	bool has_margin;    /* false when n == 0: no margin to show */
	double margin;      /* e reached, a fraction; 0 without a margin */
	int points;         /* 0..3 */
	struct {
		int margin_pct; /* 10, 5, 3 */
		int points;     /* 1, 2, 3 */
		int64_t needed; /* the table's n for N */
		bool reached;   /* sample >= needed (and sample > 0) */
		bool over_half; /* needed > N / 2: where printed Yamane tables put
		                   a mark ("a", "*": sample everyone) instead of a
		                   number; the criterion uses the number anyway */
	} tier[STATS_TIERS];    /* widest margin first */
};

/*
 * Fill *out for sample ratings out of population clients. An empty sample
 * (or population) is SQ_OK with has_margin false and 0 points. Returns
 * SQ_ERR_INVALID with a message in err, and *out zeroed, when a count is
 * negative, population is above STATS_MAX_POPULATION, or sample > population
 * (more ratings than clients: the two counts do not cover the same period).
 */
int stats_coverage(int64_t population, int64_t sample, struct stats_coverage *out,
                   struct sq_error *err);

/* ------------------------------------------------------------------------
 * Satisfaction from the raw count of each level, 1 (worst) .. 5 (best).
 */

/* Largest number of ratings accepted (keeps integer math exact). */
#define STATS_MAX_RATINGS INT64_C(100000000000000)

/* How ratings become the percentage that is scored (a config setting). */
enum stats_rule {
	STATS_RULE_MEAN = 0,    /* mean / 5 x 100 (the default) */
	STATS_RULE_TOP_TWO = 1, /* share of ratings at 4 or 5 */
};

/* The usual Likert reading of a mean, on the mean rounded to two decimals. */
enum stats_likert {
	STATS_LIKERT_NONE = 0,      /* no ratings */
	STATS_LIKERT_VERY_LOW = 1,  /* 1.00-1.80 น้อยที่สุด */
	STATS_LIKERT_LOW = 2,       /* 1.81-2.60 น้อย */
	STATS_LIKERT_MODERATE = 3,  /* 2.61-3.40 ปานกลาง */
	STATS_LIKERT_HIGH = 4,      /* 3.41-4.20 มาก */
	STATS_LIKERT_VERY_HIGH = 5, /* 4.21-5.00 มากที่สุด */
};

struct stats_satisfaction {
	bool has_data;            /* false: no ratings, every figure below is 0 */
	int64_t total;            /* number of ratings */
	int64_t sum;              /* sum of levels: 5 x count[5] + ... + count[1] */
	int64_t top_two;          /* ratings at 4 or 5 */
	double mean;              /* sum / total, 1.0..5.0, unrounded */
	int mean_x100;            /* mean rounded half up to 2 decimals: 421 = 4.21 */
	int mean_percent_x100;    /* mean / 5 x 100, 2 decimals: 9120 = 91.20 % */
	int top_two_percent_x100; /* top two share, 2 decimals: 8000 = 80.00 % */
	enum stats_rule rule;     /* the rule that gives percent_x100 and points */
	int percent_x100;         /* the scored figure under rule */
	int points;               /* 1..5 on percent_x100; 0 without data */
	enum stats_likert likert; /* band of mean_x100 */
};

/*
 * Figures for counts[0..4] = number of ratings at level 1..5, scored by
 * rule. Returns SQ_OK; SQ_ERR_EMPTY when every count is 0 (*out is then the
 * "no data" state: has_data false, points 0, STATS_LIKERT_NONE);
 * SQ_ERR_INVALID with a message in err (and *out the "no data" state) for a
 * negative count, an unknown rule, or more than STATS_MAX_RATINGS ratings.
 */
int stats_satisfaction(const int64_t counts[5], enum stats_rule rule,
                       struct stats_satisfaction *out, struct sq_error *err);

/*
 * Points of Outcome criterion 1.3 for a percentage given in hundredths
 * (8000 = 80.00 %): below 60 = 1, 60-70 = 2, above 70-80 = 3, above 80-95 = 4,
 * above 95 = 5. Returns SQ_ERR_INVALID for a value outside 0..10000.
 */
int stats_percent_points(int percent_x100);

/* Likert band of a mean given in hundredths (421 = 4.21). NONE outside 100..500. */
enum stats_likert stats_likert_band(int mean_x100);

/* Thai and English label of a Likert band; "ไม่มีข้อมูล" / "no data" for NONE. Static. */
const char *stats_likert_th(enum stats_likert band);
const char *stats_likert_en(enum stats_likert band);

/* Thai and English name of a rule, for the report; "" for an unknown rule. Static. */
const char *stats_rule_th(enum stats_rule rule);
const char *stats_rule_en(enum stats_rule rule);

/* ------------------------------------------------------------------------
 * Descriptive statistics of int64 durations (milliseconds).
 *
 * Percentiles interpolate linearly between closest ranks, exactly as Excel's
 * PERCENTILE.INC (and LibreOffice's PERCENTILE): sorted x[0..n-1],
 * h = (n - 1) p, result = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]).
 * The median is the 0.5 percentile, which is Excel's MEDIAN.
 */

/*
 * Arithmetic mean of v[0..n-1] in *mean. Returns SQ_ERR_EMPTY (*mean = 0)
 * for n == 0, SQ_ERR_INVALID if v is NULL or the sum overflows int64.
 */
int stats_mean_i64(const int64_t *v, size_t n, double *mean);

/*
 * The mean of v[0..n-1] as the exact fraction sum / n in *out. SQ_ERR_EMPTY
 * (*out = 0 / 1) for n == 0, SQ_ERR_INVALID if v is NULL or the sum overflows.
 */
int stats_mean_fraction(const int64_t *v, size_t n, struct stats_fraction *out);

/* Sort v[0..n-1] ascending, in place. The caller owns v. NULL with n == 0 is fine. */
void stats_sort_i64(int64_t *v, size_t n);

/*
 * The p-th percentile (p in 0..1: 0.9 for P90) of v, which must already be
 * sorted ascending, in *out. Returns SQ_ERR_EMPTY (*out = 0) for n == 0,
 * SQ_ERR_INVALID if v is NULL or p is not within 0..1.
 */
int stats_percentile_sorted(const int64_t *v, size_t n, double p, double *out);

/*
 * The p_num / p_den percentile (1 / 2 for the median, 9 / 10 for P90) of v,
 * sorted ascending, as an exact fraction in *out, by the same method as
 * stats_percentile_sorted(). SQ_ERR_EMPTY (*out = 0 / 1) for n == 0,
 * SQ_ERR_INVALID if v is NULL, p_den < 1, p_num is not within 0..p_den, or
 * a value times p_den overflows.
 */
int stats_percentile_fraction(const int64_t *v, size_t n, int64_t p_num, int64_t p_den,
                              struct stats_fraction *out);

/*
 * Sort v in place (it stays sorted: the caller owns and may reuse it), then
 * as stats_percentile_sorted().
 */
int stats_percentile(int64_t *v, size_t n, double p, double *out);

/* Median of v (sorted in place), as Excel MEDIAN. Errors as stats_percentile(). */
int stats_median(int64_t *v, size_t n, double *out);

/* ------------------------------------------------------------------------
 * Staffing: Erlang C, the M/M/c queue (Poisson arrivals, exponential service,
 * c counters, first come first served, nobody leaves). P(W > 0) is computed
 * from the Erlang B recurrence B(k) = A B(k-1) / (k + A B(k-1)), stable for
 * traffic of many thousands of Erlangs.
 */

/* Largest number of counters stats_erlang_servers() will try. */
#define STATS_ERLANG_MAX_SERVERS 100000

struct stats_erlang {
	double traffic;       /* A = arrivals per hour x service s / 3600, Erlangs */
	double occupancy;     /* A / c; >= 1 means the queue grows without end */
	bool stable;          /* A < c */
	double p_wait;        /* P(W > 0), the Erlang C probability; 1 if unstable */
	double service_level; /* P(W <= target) = 1 - C e^(-(c - A) target / s); 0 if unstable */
	double asa_s;         /* average speed of answer: mean wait over all clients,
	                         C s / (c - A) seconds; INFINITY if unstable */
};

/*
 * Erlang C figures for arrivals_per_hour clients an hour, mean service
 * service_s seconds, servers counters and a waiting target of target_s
 * seconds. Returns SQ_ERR_INVALID (and *out zeroed) if arrivals_per_hour or
 * target_s is negative or not finite, service_s is not positive and finite,
 * or servers < 1. An unstable system is SQ_OK with stable false.
 */
int stats_erlang_c(double arrivals_per_hour, double service_s, int servers, double target_s,
                   struct stats_erlang *out);

/*
 * The smallest number of counters, in *servers, for which at least level
 * (0.8 for 80 %) of clients wait no longer than target_s seconds. 0 when no
 * client arrives. Returns SQ_ERR_INVALID (*servers = 0) for the inputs
 * stats_erlang_c() refuses, a level outside (0, 1), or a need above
 * STATS_ERLANG_MAX_SERVERS.
 */
int stats_erlang_servers(double arrivals_per_hour, double service_s, double target_s, double level,
                         int *servers);

/* ------------------------------------------------------------------------
 * Month-over-month change.
 */

/*
 * Percent change from previous to current, two figures in the same unit as
 * printed (tenths of a minute), in tenths of a percent: (current - previous)
 * / previous x 100, rounded once by stats_round_div(), so -125 means 12.5 %
 * shorter; a reader recomputes it from the two printed figures. Returns
 * SQ_ERR_EMPTY (*tenths = 0) when previous is 0: nothing to compare;
 * SQ_ERR_INVALID (*tenths = 0) when either is negative or above
 * STATS_MAX_POPULATION.
 */
int stats_change_tenths(int64_t previous, int64_t current, int64_t *tenths);

#endif
