/*
 * saduak-kiosk: the citizen-facing program.
 *
 *   saduak-kiosk [--config FILE] --mode ticket|rating|board [--counter N]
 *   saduak-kiosk [--config FILE] issue SERVICE [--priority CLASS] [--out-of-hours]
 *
 * See README.md for every command. Commands and modes are tables; each
 * entry's code lives in its own kiosk_<name>.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kiosk.h"
#include "log.h"

struct kiosk_command {
	const char *name;
	const char *synopsis;
	kiosk_command_fn run;
};

/* saduak-kiosk COMMAND ... */
static const struct kiosk_command commands[] = {
    {.name = "issue",
     .synopsis = "issue SERVICE [--priority CLASS] [--out-of-hours]",
     .run = kiosk_issue_command},
};

/* saduak-kiosk --mode MODE */
static const struct kiosk_command modes[] = {
    {.name = NULL},
};

static void
usage(FILE *to)
{
	fprintf(to, "usage:\n");
	for (const struct kiosk_command *m = modes; m->name; m++)
		fprintf(to, "  saduak-kiosk [--config FILE] %s\n", m->synopsis);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(to, "  saduak-kiosk [--config FILE] %s\n", commands[i].synopsis);
}

static const struct kiosk_command *
find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static const struct kiosk_command *
find_mode(const char *name)
{
	for (const struct kiosk_command *m = modes; m->name; m++)
		if (strcmp(m->name, name) == 0)
			return m;
	return NULL;
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"mode", required_argument, NULL, 'm'},
	    {"counter", required_argument, NULL, 'n'},
	    {"priority", required_argument, NULL, 'p'},
	    {"out-of-hours", no_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct kiosk_args args = {0};
	const char *config_path = NULL;
	const struct kiosk_command *cmd;
	struct config *cfg = NULL;
	int opt, status;

	log_init("saduak-kiosk", LOG_LEVEL_INFO);
	while ((opt = getopt_long(argc, argv, "c:m:n:p:oh", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config_path = optarg;
			break;
		case 'm':
			args.mode = optarg;
			break;
		case 'n': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 99) {
				log_error("--counter '%s' is not a counter number from 1 to 99",
				          optarg);
				return CLI_EXIT_USAGE;
			}
			args.counter = (int)n;
			break;
		}
		case 'p':
			args.priority = optarg;
			break;
		case 'o':
			args.out_of_hours = true;
			break;
		case 'h':
			usage(stdout);
			return CLI_EXIT_OK;
		default:
			/* getopt_long has printed the one line saying what is wrong. */
			return CLI_EXIT_USAGE;
		}
	}
	if (args.mode) {
		cmd = find_mode(args.mode);
		if (!cmd) {
			log_error("unknown mode '%s' (see --help)", args.mode);
			return CLI_EXIT_USAGE;
		}
		args.argv = argv + optind;
		args.argc = argc - optind;
	} else if (optind < argc) {
		cmd = find_command(argv[optind]);
		if (!cmd) {
			log_error("unknown command '%s' (see --help)", argv[optind]);
			return CLI_EXIT_USAGE;
		}
		args.argv = argv + optind + 1;
		args.argc = argc - optind - 1;
	} else {
		log_error("no --mode or command given (see --help)");
		return CLI_EXIT_USAGE;
	}
	if ((status = cli_load_config(config_path, &cfg)) != CLI_EXIT_OK)
		return status;
	status = cmd->run(cfg, &args);
	config_free(cfg);
	return status;
}
