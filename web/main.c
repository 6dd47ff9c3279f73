/*
 * saduak-web: the citizen's ticket page behind the QR code and the JSON API.
 *
 *   saduak-web [--config FILE]
 *
 * Listens where [web] says (README "saduak-web") until SIGTERM or SIGINT.
 * The HTTP server runs on libmicrohttpd's one internal thread, which owns
 * the store connection; this thread only waits for the signal to stop.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "log.h"
#include "web_config.h"
#include "web_data.h"
#include "web_http.h"

static void
usage(FILE *to)
{
	fprintf(to, "usage:\n  saduak-web [--config FILE]\n");
}

/* Serve until a stop signal; the exit code. */
static int
serve(const struct config *cfg)
{
	struct web_config wc;
	struct web_data data = {.cfg = cfg};
	struct web_http *http = NULL;
	struct sq_error err = {0};
	sigset_t stop;
	int status, sig = 0;

	if (web_config_parse(cfg, &wc, &err) != SQ_OK)
		return cli_fail(&err);
	if ((status = cli_open_store_checked(cfg, &data.store)) != CLI_EXIT_OK)
		return status;
	/* Blocked before the server's thread starts, so it inherits the mask. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	if (pthread_sigmask(SIG_BLOCK, &stop, NULL) != 0 || signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
		log_error("unable to set up signals");
		status = CLI_EXIT_UNAVAILABLE;
		goto out;
	}
	if (web_http_start(&wc, &data, &http, &err) != SQ_OK) {
		status = cli_fail(&err);
		goto out;
	}
	log_info("listening on http://%s:%d/", wc.listen, wc.port);
	if (sigwait(&stop, &sig) != 0)
		log_error("waiting for a stop signal failed");
	log_info("stopping (signal %d)", sig);
	status = CLI_EXIT_OK;
out:
	web_http_stop(http);
	web_data_release(&data);
	store_close(data.store);
	return status;
}

int
main(int argc, char **argv)
{
	static const struct option options[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *config_path = NULL;
	struct config *cfg = NULL;
	int opt, status;

	log_init("saduak-web", LOG_LEVEL_INFO);
	while ((opt = getopt_long(argc, argv, "c:h", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			config_path = optarg;
			break;
		case 'h':
			usage(stdout);
			return CLI_EXIT_OK;
		default:
			/* getopt_long has printed the one line saying what is wrong. */
			return CLI_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		log_error("unexpected argument '%s' (see --help)", argv[optind]);
		return CLI_EXIT_USAGE;
	}
	if ((status = cli_load_config(config_path, &cfg)) != CLI_EXIT_OK)
		return status;
	cli_warn_device_faults(cfg);
	status = serve(cfg);
	config_free(cfg);
	return status;
}
