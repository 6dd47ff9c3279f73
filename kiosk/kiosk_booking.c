/*
 * kiosk_booking.c - the reception's booking verbs:
 *
 *   saduak-kiosk checkin CODE               check a citizen in: print the ticket's code
 *   saduak-kiosk book SERVICE YYYY-MM-DD HH:MM   book a slot: print the booking code
 *
 * A refusal prints one line in Thai and English (booking_refusal_th/_en),
 * issues or books nothing, and exits CLI_EXIT_REFUSED, or CLI_EXIT_WALK_IN
 * when a check-in came too late (a walk-in ticket may be issued instead).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "booking.h"
#include "cli.h"
#include "config_value.h"
#include "kiosk.h"
#include "log.h"
#include "store_booking.h"
#include "thaitime.h"

/* Print the refusal in both languages ("… 09:30" when too early) and return its exit code. */
static int
refused(const char *subject, enum booking_refusal why, int64_t opens_ms)
{
	char at[16] = "";

	if (why == BOOKING_TOO_EARLY)
		thaitime_format(at, sizeof(at), opens_ms, THAITIME_TIME);
	log_error("%s: %s%s%s / %s%s%s", subject, booking_refusal_th(why), *at ? " " : "", at,
	          booking_refusal_en(why), *at ? " " : "", at);
	return why == BOOKING_TOO_LATE ? CLI_EXIT_WALK_IN : CLI_EXIT_REFUSED;
}

int
kiosk_checkin_command(struct config *cfg, const struct kiosk_args *args)
{
	struct store *store = NULL;
	struct store_booking_checkin ci;
	struct sq_error err = {0};
	char code[BOOKING_CODE_LEN + 1];
	int status;

	if (args->argc != 1) {
		log_error("'checkin' takes one booking CODE (6 characters, e.g. K7MP2Q)");
		return CLI_EXIT_USAGE;
	}
	/* A code of the wrong shape is no booking: said before the log is opened. */
	if (!booking_code_parse(args->argv[0], code, sizeof(code)))
		return refused(args->argv[0], BOOKING_UNKNOWN, 0);
	if ((status = cli_open_store(cfg, STORE_CHECK_QUICK, &store)) != CLI_EXIT_OK)
		return status;
	int rc = store_booking_checkin(store, cfg, code, NULL, &ci, &err);
	if (rc == SQ_OK) {
		printf("%s\n", ci.ticket.code);
		status = fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_UNAVAILABLE;
	} else if (ci.why != BOOKING_OK) {
		status = refused(code, ci.why, ci.opens_ms);
	} else {
		status = cli_fail(&err);
	}
	store_close(store);
	return status;
}

/* "2026-12-01" into 20261201, or -1 when it is not a date. */
static int
parse_day(const char *text)
{
	int y, m, d, end = 0;

	if (sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &end) != 3 || text[end] != '\0' ||
	    strlen(text) != 10 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	int key = y * 10000 + m * 100 + d;
	/* 31 November normalises to 1 December: not a date. */
	return thaitime_day_key(thaitime_utc_ms(y, m, d, 12, 0)) == key ? key : -1;
}

int
kiosk_book_command(struct config *cfg, const struct kiosk_args *args)
{
	struct store *store = NULL;
	struct store_booking b;
	enum booking_refusal why = BOOKING_OK;
	struct sq_error err = {0};
	char service[4];
	int status;

	if (args->argc != 3) {
		log_error("'book' takes SERVICE YYYY-MM-DD HH:MM (e.g. book A 2026-12-01 09:30)");
		return CLI_EXIT_USAGE;
	}
	snprintf(service, sizeof(service), "%s", args->argv[0]);
	for (char *p = service; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	int day = parse_day(args->argv[1]);
	int minute = config_value_clock(args->argv[2]);
	if (strlen(args->argv[0]) >= sizeof(service) || !config_service_find(cfg, service)) {
		log_error("no service '%s' in %s", args->argv[0], cfg->path);
		return CLI_EXIT_USAGE;
	}
	if (day < 0) {
		log_error("'%s' is not a day YYYY-MM-DD", args->argv[1]);
		return CLI_EXIT_USAGE;
	}
	if (minute < 0 || minute >= 24 * 60) {
		log_error("'%s' is not a time HH:MM", args->argv[2]);
		return CLI_EXIT_USAGE;
	}
	if ((status = cli_open_store(cfg, STORE_CHECK_QUICK, &store)) != CLI_EXIT_OK)
		return status;
	int rc = store_booking_make(store, cfg, service, day, minute, NULL, NULL, &b, &why, &err);
	if (rc == SQ_OK) {
		printf("%s\n", b.code);
		status = fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_UNAVAILABLE;
	} else if (why != BOOKING_OK) {
		status = refused(service, why, 0);
	} else {
		status = cli_fail(&err);
	}
	store_close(store);
	return status;
}
