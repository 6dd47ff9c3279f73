/*
 * bench_report - the monthly report on a year of a busy office, and the
 * simulator's rate.
 *
 *   bench_report [--dir DIR] [--days N] [--per-day N] [--keep]
 *
 * Writes a config for a busy office (4 services, 40 counters, 40 officers)
 * in a new folder under DIR (default $TMPDIR, else /tmp), simulates
 * --days days (365) of --per-day tickets a weekday (1000: about 250,000 a
 * year) through the store, then times report_build() and each writer for
 * the busiest month, against the target of under 1 s for the report. Prints
 * the figures with PASS or MISS; exit status 1 only when it cannot run.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "report.h"
#include "simulate.h"
#include "store.h"
#include "thaitime.h"

#define COUNTERS 40

/* Write the busy office's config to path; false on failure. */
static bool
write_config(const char *path)
{
	static const char *const services[] = {"A, B", "B, A", "C, D", "D, C", "A", "B"};
	FILE *f = fopen(path, "w");

	if (!f)
		return false;
	fputs("[office]\nname_th = สำนักงานทดสอบ\nname_en = Busy Office\ndatabase = queue.db\n"
	      "[service A]\nname_th = บำนาญ\nname_en = Pensions\nkind = mission\n"
	      "hours = mon-fri 08:30-16:30\nextended_hours = mon-fri 16:30-18:00, sat 09:00-12:00\n"
	      "target_minutes = 15\n"
	      "[service B]\nname_th = เบิกจ่าย\nname_en = Billing\nkind = mission\n"
	      "hours = mon-fri 08:30-16:30\ntarget_minutes = 10\n"
	      "[service C]\nname_th = ข้อมูล\nname_en = Information\nkind = information\n"
	      "hours = mon-fri 08:30-16:30\ntarget_minutes = 8\n"
	      "[service D]\nname_th = ร้องเรียน\nname_en = Complaints\nkind = complaint\n"
	      "hours = mon-fri 08:30-16:30\ntarget_minutes = 20\n",
	      f);
	for (int c = 1; c <= COUNTERS; c++)
		fprintf(f,
		        "[counter %d]\nlocation_th = ชั้น 1\nlocation_en = Floor 1\nservices = %s\n%s"
		        "[officer o%02d]\nname_th = เจ้าหน้าที่ %d\nname_en = Officer %d\n",
		        c, services[c % 6], c == 1 ? "reception = yes\n" : "", c, c, c);
	return fclose(f) == 0;
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
	    {"dir", required_argument, NULL, 'd'},
	    {"days", required_argument, NULL, 'n'},
	    {"per-day", required_argument, NULL, 'p'},
	    {"keep", no_argument, NULL, 'k'},
	    {NULL, 0, NULL, 0},
	};
	const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	struct simulate_options opt;
	struct simulate_result res;
	struct sq_error err = {0};
	struct config *cfg = NULL;
	struct store *store = NULL;
	bool keep = false;
	char dir[512], path[600];
	int o, status = 1;

	simulate_defaults(&opt);
	opt.days = 365;
	opt.per_day = 1000;
	opt.seed = 2026;
	while ((o = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (o == 'd')
			base = optarg;
		else if (o == 'n')
			opt.days = atoi(optarg);
		else if (o == 'p')
			opt.per_day = atof(optarg);
		else if (o == 'k')
			keep = true;
		else
			return 1;
	}
	snprintf(dir, sizeof(dir), "%s/saduak-bench-report-XXXXXX", base);
	if (!mkdtemp(dir)) {
		perror("bench_report: mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/office.ini", dir);
	if (!write_config(path) || config_load(path, &cfg, &err) != SQ_OK ||
	    thaitime_set_zone(cfg->timezone, &err) != SQ_OK ||
	    store_open(cfg->database, &store, &err) != SQ_OK) {
		fprintf(stderr, "bench_report: %s\n", err.msg);
		goto out;
	}
	printf("simulating %d days of %.0f tickets a weekday in %s ...\n", opt.days, opt.per_day,
	       dir);
	fflush(stdout);
	if (simulate_run(store, cfg, &opt, &res, &err) != SQ_OK) {
		fprintf(stderr, "bench_report: %s\n", err.msg);
		goto out;
	}
	double sim_s = (double)res.elapsed_us / 1e6;
	printf("simulator: %" PRId64 " tickets, %" PRId64 " ratings, %" PRId64
	       " store transactions in %.1f s: %.0f tickets/s, %.0f transactions/s "
	       "(synchronous=OFF)\n",
	       res.issued, res.ratings + res.free_ratings, res.store_calls, sim_s,
	       (double)res.issued / sim_s, (double)res.store_calls / sim_s);

	/* The month in the middle of the run: a full month with a previous one. */
	int year = opt.start_year, month = opt.start_month + (opt.days / 30) / 2;
	while (month > 12) {
		month -= 12;
		year++;
	}
	for (int round = 0; round < 3; round++) {
		struct report *r = NULL;
		int64_t t0 = clock_monotonic_us();
		if (report_build(store, cfg, year, month, 15, clock_now_ms(), &r, &err) != SQ_OK) {
			fprintf(stderr, "bench_report: %s\n", err.msg);
			goto out;
		}
		double build_s = (double)(clock_monotonic_us() - t0) / 1e6;
		printf("report %04d-%02d (round %d, %s cache): %" PRId64 " issued, %" PRId64
		       " served, %" PRId64 " ratings; built in %.3f s",
		       year, month, round + 1, round ? "warm" : "cold", r->issued, r->served,
		       r->sample, build_s);
		static const char *const formats[] = {"csv", "xlsx", "html"};
		double total_s = build_s;
		for (size_t i = 0; i < 3; i++) {
			const struct report_writer *w = report_writer_find(formats[i]);
			char out[700];
			snprintf(out, sizeof(out), "%s/report%s", dir, w->extension);
			int64_t t1 = clock_monotonic_us();
			if (w->write(r, out, &err) != SQ_OK) {
				fprintf(stderr, "bench_report: %s\n", err.msg);
				report_free(r);
				goto out;
			}
			double ws = (double)(clock_monotonic_us() - t1) / 1e6;
			total_s += ws;
			printf(", %s %.3f s", formats[i], ws);
		}
		printf("; total %.3f s (target < 1 s: %s)\n", total_s,
		       total_s < 1 ? "PASS" : "MISS");
		report_free(r);
	}
	status = 0;
out:
	store_close(store);
	config_free(cfg);
	if (!keep) {
		snprintf(path, sizeof(path), "rm -rf '%s'", dir);
		if (system(path) != 0)
			fprintf(stderr, "bench_report: could not remove %s\n", dir);
	} else {
		printf("kept %s\n", dir);
	}
	return status;
}
