#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "config_value.h"
#include "log.h"
#include "thaitime.h"

int
cli_exit_code(int sq_err)
{
	switch (sq_err) {
	case SQ_OK:
		return CLI_EXIT_OK;
	case SQ_ERR_INVALID:
	case SQ_ERR_NOTFOUND:
		return CLI_EXIT_USAGE;
	case SQ_ERR_EMPTY:
		return CLI_EXIT_EMPTY;
	case SQ_ERR_STATE:
		return CLI_EXIT_REFUSED;
	default:
		return CLI_EXIT_UNAVAILABLE;
	}
}

const char *
cli_config_path(const char *option)
{
	const char *env = getenv("SADUAK_CONFIG");

	if (option)
		return option;
	if (env && *env)
		return env;
	return CLI_DEFAULT_CONFIG;
}

int
cli_fail(const struct sq_error *err)
{
	/* An empty queue is an answer scripts expect, not a failure. */
	if (err->code == SQ_ERR_EMPTY)
		log_info("%s", err->msg);
	else
		log_error("%s", err->msg);
	return cli_exit_code(err->code);
}

int
cli_load_config(const char *config_option, struct config **cfg)
{
	struct sq_error err = {0};

	/* A clock shifted out of range would stamp the log with nonsense. */
	if (clock_offset_check(&err) != SQ_OK) {
		log_error("%s", err.msg);
		return CLI_EXIT_USAGE;
	}
	if (config_load(cli_config_path(config_option), cfg, &err) != SQ_OK) {
		/* A config that cannot be read or is wrong is the user's input error. */
		log_error("%s", err.msg);
		return CLI_EXIT_USAGE;
	}
	/* The program, not the loader, makes the office's zone the process's (checked at load). */
	if (thaitime_set_zone((*cfg)->timezone, &err) != SQ_OK) {
		log_error("%s", err.msg);
		config_free(*cfg);
		*cfg = NULL;
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_OK;
}

int
cli_open_store(const struct config *cfg, enum store_check depth, struct store **store)
{
	struct sq_error err = {0};
	int rc = store_open_checked(cfg->database, depth, store, &err);

	if (rc != SQ_OK) {
		log_error("%s", err.msg);
		/* A server setting libpq cannot read is the user's input error, like a bad key. */
		return rc == SQ_ERR_INVALID ? CLI_EXIT_USAGE : CLI_EXIT_UNAVAILABLE;
	}
	return CLI_EXIT_OK;
}

void
cli_warn_device_faults(const struct config *cfg)
{
	for (size_t i = 0; i < cfg->n_device_faults; i++)
		log_warn("%s (that device stays off until the file is fixed)",
		         cfg->device_faults[i]);
}

int
cli_parse_counter(const char *arg, int *out)
{
	/* Digits only: strtol would also take " 2", "+2" and "2\n". */
	if (strspn(arg, "0123456789") != strlen(arg) || !config_value_int(arg, 1, 99, out)) {
		log_error("--counter '%s' is not a counter number from 1 to 99", arg);
		return CLI_EXIT_USAGE;
	}
	return CLI_EXIT_OK;
}
