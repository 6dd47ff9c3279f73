/*
 * saduak-idcard-probe - the Thai ID card reader's events, one line each,
 * as the kiosk will see them (tests and installers; not installed).
 *
 *   saduak-idcard-probe --key-file FILE [--reader NAME] [--events N]
 *
 * Polls the reader through pcscd with idcard.h (20 times a second) and
 * prints, for each event:
 *   card inserted: hash HEX        the keyed hash of the citizen ID, never the number
 *   card unreadable: KIND: WHY     another card, a failed read, a wrong check digit
 *   card removed
 *   reader gone: WHY
 *   reader back: NAME
 * --events N exits 0 after N events (for scripts); without it, runs until
 * SIGINT or SIGTERM. A key file that cannot be used: one line, exit 1.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config_secret.h"
#include "idcard.h"
#include "thai_id.h"

static volatile sig_atomic_t stop;

/* Ask the loop to stop. */
static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int
usage(void)
{
	fprintf(stderr,
	        "usage: saduak-idcard-probe --key-file FILE [--reader NAME] [--events N]\n");
	return 1;
}

/* Print ev as one line; the citizen ID only as its hash. */
static void
print_event(struct idcard_event *ev, const uint8_t *key, size_t keylen)
{
	char hash[THAI_ID_HASH_SIZE];

	switch (ev->kind) {
	case IDCARD_EVENT_INSERTED:
		thai_id_hash(key, keylen, ev->cid, hash);
		printf("card inserted: hash %s\n", hash);
		break;
	case IDCARD_EVENT_UNREADABLE:
		printf("card unreadable: %s: %s\n", idcard_fault_name(ev->fault), ev->why);
		break;
	case IDCARD_EVENT_READER_GONE:
		printf("reader gone: %s\n", ev->why);
		break;
	case IDCARD_EVENT_READER_BACK:
		printf("reader back: %s\n", ev->reader);
		break;
	default:
		printf("%s\n", idcard_event_name(ev->kind));
		break;
	}
	explicit_bzero(ev, sizeof(*ev));
}

int
main(int argc, char **argv)
{
	const char *key_file = NULL, *reader = NULL;
	long events = -1;
	uint8_t key[CONFIG_SECRET_MAX];
	size_t keylen;
	struct sq_error err = {0};
	struct idcard *ic = NULL;
	const struct timespec tick = {0, 50 * 1000 * 1000};

	for (int i = 1; i < argc; i++) {
		char *end;

		if (strcmp(argv[i], "--key-file") == 0 && i + 1 < argc)
			key_file = argv[++i];
		else if (strcmp(argv[i], "--reader") == 0 && i + 1 < argc)
			reader = argv[++i];
		else if (strcmp(argv[i], "--events") == 0 && i + 1 < argc) {
			events = strtol(argv[++i], &end, 10);
			if (*end || events < 1)
				return usage();
		} else
			return usage();
	}
	if (!key_file)
		return usage();
	if (config_secret_load(key_file, key, &keylen, &err) != SQ_OK ||
	    idcard_open(reader, &ic, &err) != SQ_OK) {
		fprintf(stderr, "saduak-idcard-probe: %s\n", err.msg);
		return 1;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	while (!stop && events != 0) {
		struct idcard_event ev;

		if (idcard_poll(ic, &ev) == IDCARD_EVENT_NONE) {
			nanosleep(&tick, NULL);
			continue;
		}
		print_event(&ev, key, keylen);
		if (events > 0)
			events--;
	}
	idcard_close(ic);
	explicit_bzero(key, sizeof(key));
	return 0;
}
