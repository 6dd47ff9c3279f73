/*
 * saduak-web: the citizen's ticket page behind the QR code and the JSON API.
 *
 *   saduak-web [--config FILE]
 *   saduak-web hash-password       (reads a password on stdin, prints its hash)
 *
 * Listens where [web] says (README "saduak-web") until SIGTERM or SIGINT.
 * The HTTP server runs on libmicrohttpd's one internal thread; this thread
 * waits for the signal to stop and, each second, closes the counters of
 * browser pages gone silent. The two share the store connection and the
 * sessions under the app's lock.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "clock.h"
#include "config_secret.h"
#include "log.h"
#include "web_auth.h"
#include "web_book.h"
#include "web_counter.h"
#include "web_config.h"
#include "web_data.h"
#include "web_http.h"

static void
usage(FILE *to)
{
	fprintf(to, "usage:\n  saduak-web [--config FILE]\n  saduak-web hash-password\n");
}

/*
 * Read one password line from stdin (without echo on a terminal) and print
 * its yescrypt hash for a [web-user NAME] section.
 */
static int
hash_password(void)
{
	char password[256], hash[256];
	struct sq_error err = {0};
	struct termios saved, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
	int status = CLI_EXIT_OK;

	if (tty) {
		fprintf(stderr, "password: ");
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	bool got = fgets(password, sizeof(password), stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
		fprintf(stderr, "\n");
	}
	password[got ? strcspn(password, "\r\n") : 0] = '\0';
	if (!password[0]) {
		log_error("no password given on stdin");
		status = CLI_EXIT_USAGE;
	} else if (web_auth_hash(password, hash, sizeof(hash), &err) != SQ_OK) {
		status = cli_fail(&err);
	} else {
		printf("%s\n", hash);
	}
	explicit_bzero(password, sizeof(password));
	return status;
}

/*
 * Load [web] id_key_file (relative to the config's folder) into key, its
 * length into *len (0 when none is named). The exit code: a key named but
 * unusable stops the server, with one line saying why.
 */
static int
load_id_key(const struct config *cfg, const struct web_config *wc, uint8_t *key, size_t *len)
{
	struct sq_error err = {0};
	char *path;
	int rc;

	*len = 0;
	if (!wc->id_key_file[0])
		return CLI_EXIT_OK;
	if (!(path = config_resolve_path(cfg, wc->id_key_file))) {
		log_error("out of memory");
		return CLI_EXIT_UNAVAILABLE;
	}
	rc = config_secret_load(path, key, len, &err);
	free(path);
	return rc == SQ_OK ? CLI_EXIT_OK : cli_fail(&err);
}

/* Serve until a stop signal; the exit code. */
static int
serve(const struct config *cfg)
{
	struct web_config wc;
	struct screen_log log = {0};
	struct web_data data = {.cfg = cfg, .log = &log};
	struct web_sessions *sessions = calloc(1, sizeof(*sessions));
	struct web_ratelimit *book_limit = calloc(1, sizeof(*book_limit));
	struct web_ratelimit *book_misses = calloc(1, sizeof(*book_misses));
	uint8_t id_key[CONFIG_SECRET_MAX];
	struct web_app app = {.cfg = cfg,
	                      .wc = &wc,
	                      .data = &data,
	                      .sessions = sessions,
	                      .book_limit = book_limit,
	                      .book_misses = book_misses,
	                      .id_key = id_key,
	                      .lock = PTHREAD_MUTEX_INITIALIZER};
	const struct timespec second = {.tv_sec = 1};
	struct web_http *http = NULL;
	struct sq_error err = {0};
	sigset_t stop;
	int status, sig = 0;

	if (!sessions || !book_limit || !book_misses) {
		log_error("out of memory");
		status = CLI_EXIT_UNAVAILABLE;
		goto out;
	}
	if (web_config_parse(cfg, &wc, &err) != SQ_OK) {
		status = cli_fail(&err);
		goto out;
	}
	web_ratelimit_init(book_limit, wc.booking_per_hour, wc.booking_burst);
	web_ratelimit_init(book_misses, WEB_BOOK_MISS_PER_HOUR, WEB_BOOK_MISS_BURST);
	if ((status = load_id_key(cfg, &wc, id_key, &app.id_key_len)) != CLI_EXIT_OK ||
	    /* A log out of reach answers 503 and is tried again; only a damaged one stops it. */
	    (status = screen_log_open(&log, cfg, STORE_CHECK_FULL)) != CLI_EXIT_OK)
		goto out;
	if (app.id_key_len)
		log_info("booking: the ID number's hash key is loaded");
	/* Blocked before the server's thread starts, so it inherits the mask. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	if (pthread_sigmask(SIG_BLOCK, &stop, NULL) != 0 || signal(SIGPIPE, SIG_IGN) == SIG_ERR) {
		log_error("unable to set up signals");
		status = CLI_EXIT_UNAVAILABLE;
		goto out;
	}
	if (web_http_start(&wc, &app, &http, &err) != SQ_OK) {
		status = cli_fail(&err);
		goto out;
	}
	log_info("listening on http://%s:%d/", wc.listen, wc.port);
	/* The loop: each second, close the counters of silent browser pages. */
	while ((sig = sigtimedwait(&stop, NULL, &second)) < 0) {
		pthread_mutex_lock(&app.lock);
		web_counter_idle(&app, clock_monotonic_ms());
		pthread_mutex_unlock(&app.lock);
	}
	log_info("stopping (signal %d)", sig);
	status = CLI_EXIT_OK;
out:
	web_http_stop(http);
	web_data_release(&data);
	screen_log_close(&log);
	explicit_bzero(id_key, sizeof(id_key));
	free(book_misses);
	free(book_limit);
	free(sessions);
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
	if (optind + 1 == argc && strcmp(argv[optind], "hash-password") == 0)
		return hash_password();
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
