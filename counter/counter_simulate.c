/*
 * counter_simulate.c - `saduak-counter simulate --days D --seed S
 * [--start YYYY-MM-DD] [--per-day N]`: fill the config's
 * database with realistic office traffic through the store (simulate.h),
 * for the demo, the report and the benchmarks. Prints what it wrote and its
 * rate in tickets per second.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "counter_office.h"
#include "log.h"
#include "simulate.h"
#include "thaitime.h"

/* Parse a whole number in [lo, hi] into *out; false if it is not one. */
static bool
parse_long(const char *text, long long lo, long long hi, long long *out)
{
	char *end;
	long long v = strtoll(text, &end, 10);

	if (end == text || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

/* Parse YYYY-MM-DD into opt's start date; false if it is not a real date. */
static bool
parse_start(const char *text, struct simulate_options *opt)
{
	int y, m, d;
	char tail;

	if (sscanf(text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 2000 || y > 2100 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	struct local_time lt;
	thaitime_local(thaitime_utc_ms(y, m, d, 12, 0), &lt);
	if (lt.day != d)
		return false;
	opt->start_year = y;
	opt->start_month = m;
	opt->start_day = d;
	return true;
}

/* Run the simulate command. */
int
counter_simulate_command(struct config *cfg, int argc, char **argv)
{
	static const struct option options[] = {
	    {"days", required_argument, NULL, 'd'},
	    {"seed", required_argument, NULL, 's'},
	    {"start", required_argument, NULL, 't'},
	    {"per-day", required_argument, NULL, 'p'},
	    {NULL, 0, NULL, 0},
	};
	struct simulate_options opt;
	struct simulate_result res;
	struct sq_error err = {0};
	struct store *store = NULL;
	bool have_days = false, have_seed = false;
	long long v;
	int o, status;

	simulate_defaults(&opt);
	optind = 1;
	while ((o = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (o) {
		case 'd':
			if (!parse_long(optarg, 1, 3660, &v)) {
				log_error("--days '%s' is not a number of days from 1 to 3660",
				          optarg);
				return CLI_EXIT_USAGE;
			}
			opt.days = (int)v;
			have_days = true;
			break;
		case 's':
			if (!parse_long(optarg, 0, INT64_MAX, &v)) {
				log_error("--seed '%s' is not a whole number from 0", optarg);
				return CLI_EXIT_USAGE;
			}
			opt.seed = (uint64_t)v;
			have_seed = true;
			break;
		case 't':
			if (!parse_start(optarg, &opt)) {
				log_error("--start '%s' is not a date YYYY-MM-DD", optarg);
				return CLI_EXIT_USAGE;
			}
			break;
		case 'p':
			if (!parse_long(optarg, 1, 100000, &v)) {
				log_error(
				    "--per-day '%s' is not a number of tickets from 1 to 100000",
				    optarg);
				return CLI_EXIT_USAGE;
			}
			opt.per_day = (double)v;
			break;
		default:
			log_error("usage: saduak-counter simulate --days D --seed S [--start "
			          "YYYY-MM-DD] [--per-day N]");
			return CLI_EXIT_USAGE;
		}
	}
	if (optind < argc || !have_days || !have_seed) {
		log_error("usage: saduak-counter simulate --days D --seed S [--start YYYY-MM-DD] "
		          "[--per-day N]");
		return CLI_EXIT_USAGE;
	}
	if ((status = cli_open_store(cfg, STORE_CHECK_QUICK, &store)) != CLI_EXIT_OK)
		return status;
	if (simulate_run(store, cfg, &opt, &res, &err) != SQ_OK) {
		status = cli_fail(&err);
		store_close(store);
		return status;
	}
	store_close(store);
	double seconds = (double)res.elapsed_us / 1e6;
	printf("simulated %d days from %04d-%02d-%02d (seed %" PRIu64 "): %" PRId64
	       " tickets issued, %" PRId64 " served, %" PRId64 " no-shows, %" PRId64
	       " parked, %" PRId64 " transferred, %" PRId64 " ratings (+%" PRId64
	       " free-standing), %" PRId64 " first contacts\n",
	       opt.days, opt.start_year, opt.start_month, opt.start_day, opt.seed, res.issued,
	       res.served, res.noshows, res.parked, res.transferred, res.ratings, res.free_ratings,
	       res.first_contacts);
	printf("%.2f s, %.0f tickets/s, %.0f store calls/s\n", seconds,
	       seconds > 0 ? (double)res.issued / seconds : 0,
	       seconds > 0 ? (double)res.store_calls / seconds : 0);
	return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_UNAVAILABLE;
}
