/*
 * saduak-kiosk: the citizen-facing program.
 *
 *   saduak-kiosk [--config FILE] --mode ticket|rating|board [--counter N]
 *   saduak-kiosk [--config FILE] issue SERVICE [--priority CLASS] [--out-of-hours]
 *   saduak-kiosk [--config FILE] checkin CODE | book SERVICE YYYY-MM-DD HH:MM
 *
 * See README.md for every command. Commands and modes are tables; each
 * entry's code lives in its own kiosk_<name>.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "kiosk.h"
#include "log.h"

/* Long options without a short letter (voice). */
enum { OPT_VOICE_LIST = 0x100, OPT_VOICE_CHECK, OPT_VOICE_RENDER };

struct kiosk_command {
	const char *name;
	const char *synopsis;
	kiosk_command_fn run;
	bool config_optional; /* runs with cfg NULL when no config file exists */
};

/* saduak-kiosk COMMAND ... */
static const struct kiosk_command commands[] = {
    {.name = "issue",
     .synopsis = "issue SERVICE [--priority CLASS] [--out-of-hours]",
     .run = kiosk_issue_command},
    {.name = "checkin", .synopsis = "checkin CODE", .run = kiosk_checkin_command},
    {.name = "book", .synopsis = "book SERVICE YYYY-MM-DD HH:MM", .run = kiosk_book_command},
    {.name = "voice",
     .synopsis = "voice --list | --check DIR | --render FILE.wav CODE COUNTER",
     .run = kiosk_voice_command,
     .config_optional = true},
    {.name = "rate",
     .synopsis = "rate [--counter N] SCORE [--reason R]",
     .run = kiosk_rate_command},
};

/* saduak-kiosk --mode MODE */
static const struct kiosk_command modes[] = {
    {.name = "ticket", .synopsis = "--mode ticket", .run = kiosk_ticket_mode},
    {.name = "board", .synopsis = "--mode board", .run = kiosk_board_command},
    {.name = "rating", .synopsis = "--mode rating [--counter N]", .run = kiosk_rating_mode},
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
	    {"reason", required_argument, NULL, 'r'},
	    {"list", no_argument, NULL, OPT_VOICE_LIST},
	    {"check", required_argument, NULL, OPT_VOICE_CHECK},
	    {"render", required_argument, NULL, OPT_VOICE_RENDER},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct kiosk_args args = {0};
	const char *config_path = NULL;
	const struct kiosk_command *cmd;
	struct config *cfg = NULL;
	int opt, status;

	log_init("saduak-kiosk", LOG_LEVEL_INFO);
	while ((opt = getopt_long(argc, argv, "c:m:n:p:or:h", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config_path = optarg;
			break;
		case 'm':
			args.mode = optarg;
			break;
		case 'n':
			if (cli_parse_counter(optarg, &args.counter) != CLI_EXIT_OK)
				return CLI_EXIT_USAGE;
			break;
		case 'p':
			args.priority = optarg;
			break;
		case 'o':
			args.out_of_hours = true;
			break;
		case 'r':
			args.reason = optarg;
			break;
		case OPT_VOICE_LIST:
			args.voice_list = true;
			break;
		case OPT_VOICE_CHECK:
			args.voice_check = optarg;
			break;
		case OPT_VOICE_RENDER:
			args.voice_render = optarg;
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
	if (!(cmd->config_optional && !config_path && access(cli_config_path(NULL), F_OK) != 0) &&
	    (status = cli_load_config(config_path, &cfg)) != CLI_EXIT_OK)
		return status;
	status = cmd->run(cfg, &args);
	config_free(cfg);
	return status;
}
