/*
 * cli.h - what both programs' command lines share: the config file, the
 * database, and the exit codes scripts rely on.
 *
 * Exit codes (documented in README.md):
 *   0 success
 *   1 usage or input error (bad option, unknown service, bad config file)
 *   2 queue empty: nothing waiting for this counter
 *   3 refused now: counter closed or on break, service closed, no current
 *     ticket, ticket not in a state that allows the action
 *   4 database unavailable: cannot open, locked past the timeout, corrupt
 *   5 a booking's check-in came too late: a walk-in ticket may be issued
 *   6 the event log's hash chain does not match (verify-log; migrate
 *     refuses such a log): an event was changed or removed after it was written
 */
#ifndef SADUAK_CLI_H
#define SADUAK_CLI_H

#include "config.h"
#include "store.h"

enum cli_exit {
	CLI_EXIT_OK = 0,
	CLI_EXIT_USAGE = 1,
	CLI_EXIT_EMPTY = 2,
	CLI_EXIT_REFUSED = 3,
	CLI_EXIT_UNAVAILABLE = 4,
	CLI_EXIT_WALK_IN = 5,
	CLI_EXIT_TAMPERED = 6,
};

#define CLI_DEFAULT_CONFIG "/etc/saduak/saduak.ini"

/* The exit code for an error code of error.h. */
int cli_exit_code(int sq_err);

/*
 * The config file to use: the --config argument if given, else
 * $SADUAK_CONFIG, else CLI_DEFAULT_CONFIG. Static or argument storage.
 */
const char *cli_config_path(const char *option);

/*
 * Load the config and make its time zone the process's, printing one line
 * to stderr on failure. Returns a cli_exit code; on success the caller owns
 * *cfg (config_free). Refuses first an out-of-range SADUAK_CLOCK_OFFSET
 * (clock_offset_check).
 */
int cli_load_config(const char *config_option, struct config **cfg);

/*
 * Open the config's database, printing one line to stderr on failure.
 * Returns a cli_exit code; on success the caller owns *store (store_close).
 * Open it only after the input is checked, so bad input writes nothing.
 * Every program opens the log this way: it must first pass its integrity
 * check (store_open_checked; depth STORE_CHECK_FULL for a program that runs
 * all day, STORE_CHECK_QUICK for a one-shot command), so a damaged log is
 * never written to nor read as if whole; exit code 4 with one line saying
 * to restore a backup.
 */
int cli_open_store(const struct config *cfg, enum store_check depth, struct store **store);

/*
 * Log each device section of cfg that is wrong (config.device_faults), once
 * at the start of a program that runs all day; one-shot commands leave it to
 * the device they use.
 */
void cli_warn_device_faults(const struct config *cfg);

/*
 * Parse the argument of --counter: a counter number from 1 to 99, digits
 * only (no sign, no spaces), into *out.
 * Returns CLI_EXIT_OK, or CLI_EXIT_USAGE having printed one line.
 */
int cli_parse_counter(const char *arg, int *out);

/* Print "program: message" for err to stderr and return its exit code. */
int cli_fail(const struct sq_error *err);

#endif
