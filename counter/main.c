/*
 * saduak-counter: the officer's program.
 *
 *   saduak-counter [--config FILE] --counter N
 *       the officer's console (an SDL window; counter_console.c)
 *   saduak-counter [--config FILE] --counter N VERB [ARGS]
 *       an officer's action without a window; prints what happened
 *   saduak-counter [--config FILE] OFFICE-COMMAND [OPTIONS]
 *       the supervisor's commands that belong to no counter (report, ...)
 *
 * Office commands are a table; each entry's code lives in its own
 * counter_<name>.c and parses its own options from args.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <string.h>

#include "cli.h"
#include "counter_office.h"
#include "counter_verbs.h"
#include "log.h"

/*
 * A command of the whole office: gets the loaded config (owned by main) and
 * its own words (argv[0] is the command name, for getopt_long); returns a
 * cli_exit code. A command that names its database itself (db-init, run on
 * the server by the admin) gets no config: cfg is NULL.
 */
struct office_command {
	const char *name;
	const char *synopsis;
	int (*run)(struct config *cfg, int argc, char **argv);
	bool no_config;
};

static const struct office_command office_commands[] = {
    {.name = "simulate",
     .synopsis = "simulate --days D --seed S [--start YYYY-MM-DD] [--per-day N]",
     .run = counter_simulate_command},
    {.name = "report",
     .synopsis = "report --month YYYY-MM --format csv|xlsx|html [--out FILE] [--wait-target MIN]",
     .run = counter_report_command},
    {.name = "displays", .synopsis = "displays", .run = counter_displays_command},
    {.name = "backup", .synopsis = "backup [--dir DIR] [--keep N]", .run = counter_backup_command},
    {.name = "verify-log",
     .synopsis = "verify-log [--expect HASH]",
     .run = counter_verify_log_command},
    {.name = "migrate", .synopsis = "migrate --to URL", .run = counter_migrate_command},
    {.name = "db-init",
     .synopsis = "db-init URL|service=NAME [--login NAME --role kiosk|counter|web|report]",
     .run = counter_db_init_command,
     .no_config = true},
    {.name = "check-config",
     .synopsis = "check-config [--config FILE] [--keys]",
     .run = counter_check_config_command},
    {.name = NULL},
};

static const struct office_command *
find_office_command(const char *name)
{
	for (const struct office_command *c = office_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static void
usage(FILE *to)
{
	fprintf(to, "usage:\n");
	fprintf(to, "  saduak-counter [--config FILE] --counter N          (the console window)\n");
	counter_verb_usage(to);
	for (const struct office_command *c = office_commands; c->name; c++)
		fprintf(to, "  saduak-counter [--config FILE] %s\n", c->synopsis);
}

/*
 * An office command parses its own options: only --config may come before
 * it, so look for its name first. True (with *status) when argv named one
 * and it ran.
 */
static bool
run_office_command(int argc, char **argv, int *status)
{
	const char *config_path = NULL;
	struct config *cfg = NULL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
			config_path = argv[++i];
			continue;
		}
		const struct office_command *oc = find_office_command(argv[i]);
		if (!oc)
			return false;
		/* --config may also follow the command's name (check-config --config FILE). */
		for (int j = i + 1; j + 1 < argc; j++)
			if (strcmp(argv[j], "--config") == 0)
				config_path = argv[j + 1];
		if (!oc->no_config && (*status = cli_load_config(config_path, &cfg)) != CLI_EXIT_OK)
			return true;
		*status = oc->run(cfg, argc - i, argv + i);
		config_free(cfg);
		return true;
	}
	return false;
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"counter", required_argument, NULL, 'n'},
	    {"reason", required_argument, NULL, 'r'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct counter_verb_args args = {0};
	const char *config_path = NULL;
	struct config *cfg = NULL;
	int opt, status;

	log_init("saduak-counter", LOG_LEVEL_INFO);
	if (run_office_command(argc, argv, &status))
		return status;
	while ((opt = getopt_long(argc, argv, "c:n:r:h", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config_path = optarg;
			break;
		case 'n':
			if (cli_parse_counter(optarg, &args.counter) != CLI_EXIT_OK)
				return CLI_EXIT_USAGE;
			break;
		case 'r':
			args.reason = optarg;
			break;
		case 'h':
			usage(stdout);
			return CLI_EXIT_OK;
		default:
			/* getopt_long has printed the one line saying what is wrong. */
			return CLI_EXIT_USAGE;
		}
	}
	if (optind >= argc && args.counter) {
		/* --counter N and no verb: the officer's console. */
		if ((status = cli_load_config(config_path, &cfg)) != CLI_EXIT_OK)
			return status;
		status = counter_console_run(cfg, args.counter);
		config_free(cfg);
		return status;
	}
	if (optind >= argc) {
		log_error("no command given (see --help)");
		return CLI_EXIT_USAGE;
	}
	if (!counter_verb_exists(argv[optind])) {
		log_error("unknown command '%s' (see --help)", argv[optind]);
		return CLI_EXIT_USAGE;
	}
	if ((status = cli_load_config(config_path, &cfg)) != CLI_EXIT_OK)
		return status;
	args.argv = argv + optind + 1;
	args.argc = argc - optind - 1;
	status = counter_verb_run(argv[optind], cfg, &args);
	config_free(cfg);
	return status;
}
