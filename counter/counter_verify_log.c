/*
 * counter_verify_log.c - `saduak-counter verify-log [--expect HASH]`: check
 * the event log's hash chain (store_verify_log) and say in one line whether
 * every event is as it was written.
 *
 * Prints "log intact: N events, last hash H" (exit 0), or names the first
 * event that does not match (exit 6, CLI_EXIT_TAMPERED). An auditor notes
 * the last hash; a later run with --expect that hash checks that the events
 * it ended are still there unchanged, which the chain alone cannot tell for
 * the newest events (removing the last rows leaves a shorter, intact chain).
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>

#include "cli.h"
#include "counter_office.h"
#include "log.h"
#include "thaitime.h"

/* Print the usage line of the command to stderr and return CLI_EXIT_USAGE. */
static int
usage(void)
{
	log_error("usage: saduak-counter verify-log [--expect HASH]");
	return CLI_EXIT_USAGE;
}

void
counter_log_mismatch(const struct store_log_check *c, char *line, size_t n)
{
	struct local_time t;
	int len;

	thaitime_local(c->bad_at_ms, &t);
	len =
	    snprintf(line, n,
	             "event %" PRId64 " (%04d-%02d-%02d %02d:%02d:%02d, %s, %s%s) does not match: "
	             "it or an earlier event was changed or removed",
	             c->bad_id, t.year, t.month, t.day, t.hour, t.minute, t.second, c->bad_kind,
	             c->bad_code[0] ? "ticket " : "no ticket", c->bad_code);
	if (len < 0 || (size_t)len >= n)
		return;
	if (c->missing_first == c->missing_last && c->missing_first)
		snprintf(line + len, n - (size_t)len, " (event %" PRId64 " is missing)",
		         c->missing_first);
	else if (c->missing_first)
		snprintf(line + len, n - (size_t)len,
		         " (events %" PRId64 " to %" PRId64 " are missing)", c->missing_first,
		         c->missing_last);
}

/* Run the verify-log command. */
int
counter_verify_log_command(struct config *cfg, int argc, char **argv)
{
	static const struct option options[] = {
	    {"expect", required_argument, NULL, 'e'},
	    {NULL, 0, NULL, 0},
	};
	struct store_log_check check;
	struct sq_error err = {0};
	struct store *store = NULL;
	const char *expect = NULL;
	int o, status;

	optind = 1;
	while ((o = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (o != 'e')
			return usage();
		expect = optarg;
	}
	if (optind < argc)
		return usage();
	if ((status = cli_open_store(cfg, STORE_CHECK_QUICK, &store)) != CLI_EXIT_OK)
		return status;
	if (store_verify_log(store, expect, &check, &err) != SQ_OK) {
		status = cli_fail(&err);
	} else if (check.broken) {
		char line[COUNTER_MISMATCH_LINE];
		counter_log_mismatch(&check, line, sizeof(line));
		printf("%s\n", line);
		status = CLI_EXIT_TAMPERED;
	} else if (expect && !check.anchor_found) {
		printf("hash %s is no event's hash: events were removed or rewritten since it was "
		       "noted (%" PRId64 " events, last hash %s)\n",
		       expect, check.events, check.events ? check.last_hash : "none");
		status = CLI_EXIT_TAMPERED;
	} else {
		printf("log intact: %" PRId64 " events, last hash %s\n", check.events,
		       check.events ? check.last_hash : "none");
		status = CLI_EXIT_OK;
	}
	if (status != CLI_EXIT_UNAVAILABLE && fflush(stdout) != 0)
		status = CLI_EXIT_UNAVAILABLE;
	store_close(store);
	return status;
}
