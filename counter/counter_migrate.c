/*
 * counter_migrate.c - `saduak-counter migrate --to URL`: move the office's
 * log (the config's database, a SQLite file) into an empty database on a
 * PostgreSQL server (store_migrate), every id and hash kept.
 *
 * The source must pass its integrity check and its hash chain (a broken
 * chain is refused with verify-log's line, exit 6: it is not carried over
 * as if whole); the target must be a PostgreSQL setting (else exit 1) that
 * holds no log yet (else exit 1); a server out of reach exits 4. Nothing is
 * written to the target on a refusal, and a failed copy is rolled back
 * whole. On success one line says what was copied and what to do next.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "clock.h"
#include "counter_office.h"
#include "log.h"

/* Print the usage line of the command to stderr and return CLI_EXIT_USAGE. */
static int
usage(void)
{
	log_error("usage: saduak-counter migrate --to URL");
	return CLI_EXIT_USAGE;
}

/* Copy from the open source log into the setting to; a cli_exit code. */
static int
migrate(struct store *src, const char *to)
{
	struct store_migrate_result result = {0};
	struct sq_error err = {0};
	int64_t t0 = clock_monotonic_us();
	int rc = store_migrate(src, to, &result, &err);

	if (rc == SQ_ERR_STATE && result.source.broken) {
		char line[COUNTER_MISMATCH_LINE];
		counter_log_mismatch(&result.source, line, sizeof(line));
		log_error("not migrated: the log's %s (verify-log)", line);
		return CLI_EXIT_TAMPERED;
	}
	if (rc != SQ_OK)
		return cli_fail(&err);
	char *shown = config_database_shown(to);
	printf("copied %" PRId64 " tickets, %" PRId64 " events, %" PRId64
	       " bookings in %.1f s; last hash %s; now set database = %s in saduak.ini\n",
	       result.tickets, result.events, result.bookings,
	       (double)(clock_monotonic_us() - t0) / 1e6, result.events ? result.last_hash : "none",
	       shown ? shown : to);
	free(shown);
	return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_UNAVAILABLE;
}

/* Run the migrate command. */
int
counter_migrate_command(struct config *cfg, int argc, char **argv)
{
	static const struct option options[] = {
	    {"to", required_argument, NULL, 't'},
	    {NULL, 0, NULL, 0},
	};
	struct store *src = NULL;
	const char *to = NULL;
	int o, status;

	optind = 1;
	while ((o = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (o != 't')
			return usage();
		to = optarg;
	}
	if (optind < argc || !to)
		return usage();
	if (config_database_is_server(cfg->database)) {
		log_error("the config's database is already on a PostgreSQL server: migrate copies "
		          "a SQLite log (a server's log moves with pg_dump, see README)");
		return CLI_EXIT_USAGE;
	}
	/* The whole file is checked: a damaged log is not copied as if whole. */
	if ((status = cli_open_store(cfg, STORE_CHECK_FULL, &src)) != CLI_EXIT_OK)
		return status;
	status = migrate(src, to);
	store_close(src);
	return status;
}
