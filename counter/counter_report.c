/*
 * counter_report.c - `saduak-counter report --month YYYY-MM --format
 * csv|xlsx|html [--out FILE] [--wait-target MINUTES]`: the supervisor's
 * monthly GECC report (report.h). Without --out the file is
 * saduak-report-YYYY-MM.EXT in the current folder; "--out -" writes CSV or
 * HTML to stdout. Prints the file written and how long the report took.
 * The month's year may be Buddhist-Era (2569-11), as the screens print it.
 * The file is written whole or not at all (report_write_file).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "counter_office.h"
#include "log.h"
#include "report.h"

#define DEFAULT_WAIT_TARGET_MIN 15

/* Print the usage line of the command to stderr and return CLI_EXIT_USAGE. */
static int
usage(void)
{
	log_error("usage: saduak-counter report --month YYYY-MM --format %s [--out FILE] "
	          "[--wait-target MINUTES]",
	          report_writer_names());
	return CLI_EXIT_USAGE;
}

/* Run the report command. */
int
counter_report_command(struct config *cfg, int argc, char **argv)
{
	static const struct option options[] = {
	    {"month", required_argument, NULL, 'm'},
	    {"format", required_argument, NULL, 'f'},
	    {"out", required_argument, NULL, 'o'},
	    {"wait-target", required_argument, NULL, 'w'},
	    {NULL, 0, NULL, 0},
	};
	const struct report_writer *writer = NULL;
	const char *out = NULL;
	char default_out[64];
	int year = 0, month = 0, target = DEFAULT_WAIT_TARGET_MIN, o, status;
	struct sq_error err = {0};
	struct store *store = NULL;
	struct report *r = NULL;

	optind = 1;
	while ((o = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (o) {
		case 'm':
			if (!report_parse_month(optarg, &year, &month)) {
				log_error("--month '%s' is not a month YYYY-MM (the year in "
				          "the Common or the Buddhist Era)",
				          optarg);
				return CLI_EXIT_USAGE;
			}
			break;
		case 'f':
			if (!(writer = report_writer_find(optarg))) {
				log_error("--format '%s' is not %s", optarg, report_writer_names());
				return CLI_EXIT_USAGE;
			}
			break;
		case 'o':
			if (!*optarg) {
				log_error("--out is empty: give a file name, or - for stdout");
				return CLI_EXIT_USAGE;
			}
			out = optarg;
			break;
		case 'w': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < 1 || v > 480) {
				log_error(
				    "--wait-target '%s' is not a number of minutes from 1 to 480",
				    optarg);
				return CLI_EXIT_USAGE;
			}
			target = (int)v;
			break;
		}
		default:
			return usage();
		}
	}
	if (optind < argc || !year || !writer)
		return usage();
	if (!out) {
		snprintf(default_out, sizeof(default_out), "saduak-report-%04d-%02d%s", year, month,
		         writer->extension);
		out = default_out;
	}
	if ((status = cli_open_store(cfg, STORE_CHECK_QUICK, &store)) != CLI_EXIT_OK)
		return status;
	int64_t t0 = clock_monotonic_us();
	if (report_build(store, cfg, year, month, target, clock_now_ms(), &r, &err) != SQ_OK ||
	    report_write_file(writer, r, out, &err) != SQ_OK) {
		status = cli_fail(&err);
	} else {
		int64_t us = clock_monotonic_us() - t0;
		if (strcmp(out, "-") != 0)
			printf("wrote %s (%04d-%02d, %.3f s)\n", out, year, month,
			       (double)us / 1e6);
		status = fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_UNAVAILABLE;
	}
	report_free(r);
	store_close(store);
	return status;
}
