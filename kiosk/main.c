/*
 * saduak-kiosk: the citizen-facing program.
 *
 *   saduak-kiosk [--config FILE] issue SERVICE [--priority CLASS] [--out-of-hours]
 *       issue a ticket without the screen and print its code
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "kiosk_issue.h"
#include "log.h"

static void
usage(FILE *to)
{
	fprintf(to, "usage: saduak-kiosk [--config FILE] issue SERVICE [--priority CLASS] "
	            "[--out-of-hours]\n");
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"priority", required_argument, NULL, 'p'},
	    {"out-of-hours", no_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *config_path = NULL, *priority = NULL;
	bool out_of_hours = false;
	struct config *cfg = NULL;
	struct store *store = NULL;
	struct sq_error err = {0};
	int opt, status;

	log_init("saduak-kiosk", LOG_LEVEL_INFO);
	while ((opt = getopt_long(argc, argv, "c:p:oh", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config_path = optarg;
			break;
		case 'p':
			priority = optarg;
			break;
		case 'o':
			out_of_hours = true;
			break;
		case 'h':
			usage(stdout);
			return CLI_EXIT_OK;
		default:
			usage(stderr);
			return CLI_EXIT_USAGE;
		}
	}
	if (optind >= argc || strcmp(argv[optind], "issue") != 0 || argc - optind != 2) {
		if (optind < argc && strcmp(argv[optind], "issue") != 0)
			log_error("unknown command '%s'", argv[optind]);
		else
			log_error("'issue' takes one SERVICE (a ticket letter such as A)");
		usage(stderr);
		return CLI_EXIT_USAGE;
	}
	status = cli_load_config(config_path, &cfg);
	if (status != CLI_EXIT_OK)
		return status;
	/* Check the input before the database is even opened. */
	const char *service = argv[optind + 1];
	if (!config_service_find(cfg, service)) {
		sq_error_set(&err, SQ_ERR_NOTFOUND, "no service '%s' in %s", service, cfg->path);
	} else if (priority && !config_priority_find(cfg, priority)) {
		sq_error_set(&err, SQ_ERR_NOTFOUND, "no priority class '%s' in %s", priority,
		             cfg->path);
	} else if ((status = cli_open_store(cfg, &store)) != CLI_EXIT_OK) {
		config_free(cfg);
		return status;
	} else {
		struct store_ticket t;
		if (kiosk_issue(store, cfg, service, priority, out_of_hours, clock_now_ms(), &t,
		                &err) == SQ_OK)
			printf("%s\n", t.code);
	}
	status = err.code ? cli_fail(&err) : CLI_EXIT_OK;
	store_close(store);
	config_free(cfg);
	return status;
}
