/*
 * saduak-counter: the officer's program.
 *
 *   saduak-counter [--config FILE] --counter N VERB [ARGS]
 *       an officer's action without a window; prints what happened
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "counter_verbs.h"
#include "log.h"

static void
usage(FILE *to)
{
	fprintf(to, "usage:\n");
	counter_verb_usage(to);
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
	while ((opt = getopt_long(argc, argv, "c:n:r:h", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config_path = optarg;
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
		case 'r':
			args.reason = optarg;
			break;
		case 'h':
			usage(stdout);
			return CLI_EXIT_OK;
		default:
			usage(stderr);
			return CLI_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		log_error("no command given");
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	if (!counter_verb_exists(argv[optind])) {
		log_error("unknown command '%s'", argv[optind]);
		usage(stderr);
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
