/*
 * counter_db_init.c - `saduak-counter db-init URL [--login NAME --role
 * KIND]`: the admin readies an office's PostgreSQL database (store_roles.h)
 * and prints one line per thing it did. Run again, it changes nothing.
 */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"
#include "counter_office.h"
#include "log.h"
#include "store_roles.h"

static int
usage(void)
{
	log_error("usage: saduak-counter db-init URL|service=NAME "
	          "[--login NAME --role kiosk|counter|web|report]");
	return CLI_EXIT_USAGE;
}

static void
print_line(void *arg, const char *line)
{
	(void)arg;
	printf("%s\n", line);
}

int
counter_db_init_command(struct config *cfg, int argc, char **argv)
{
	static const struct option options[] = {
	    {"login", required_argument, NULL, 'l'},
	    {"role", required_argument, NULL, 'r'},
	    {NULL, 0, NULL, 0},
	};
	struct sq_error err = {0};
	const char *login = NULL, *kind = NULL;
	enum store_role role = STORE_ROLE_KIOSK;
	int o;

	(void)cfg;
	optind = 1;
	while ((o = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (o == 'l')
			login = optarg;
		else if (o == 'r')
			kind = optarg;
		else
			return usage();
	}
	if (optind + 1 != argc || !login != !kind)
		return usage();
	if (kind && store_role_parse(kind, &role) != SQ_OK) {
		log_error("--role '%s': use kiosk, counter, web or report", kind);
		return CLI_EXIT_USAGE;
	}
	if (store_db_init(argv[optind], login, role, print_line, NULL, &err) != SQ_OK)
		return cli_fail(&err);
	return CLI_EXIT_OK;
}
