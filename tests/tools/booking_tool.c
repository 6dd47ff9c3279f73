/*
 * saduak-test-booking - makes and cancels bookings through the store's own
 * functions (store_booking.h), for end-to-end tests of the check-in: what
 * the reception's `saduak-kiosk book` does not (a booking with a keyed ID
 * hash, as /book makes one; a cancellation) without a web server.
 *
 *   saduak-test-booking --config FILE make SERVICE DAYS HH:MM [ID_HASH]
 *       books the slot at HH:MM, DAYS days from today (0 = today), with
 *       an optional keyed ID hash; prints the code
 *   saduak-test-booking --config FILE cancel CODE
 *
 * Exit status as the programs': 0 done, 1 usage, 3 refused (the reason on
 * stderr), 4 database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "store_booking.h"
#include "thaitime.h"

/* The service day YYYYMMDD days after today. */
static int
day_after(int days)
{
	struct local_time lt;

	thaitime_local(clock_now_ms(), &lt);
	thaitime_local(thaitime_utc_ms(lt.year, lt.month, lt.day + days, 12, 0), &lt);
	return lt.day_key;
}

static int
usage(void)
{
	fprintf(stderr, "usage: saduak-test-booking --config FILE make SERVICE DAYS HH:MM "
	                "[ID_HASH] | cancel CODE\n");
	return CLI_EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	struct config *cfg = NULL;
	struct store *store = NULL;
	struct store_booking b;
	struct sq_error err = {0};
	enum booking_refusal why = BOOKING_OK;
	int status, rc = SQ_OK, hh, mm;

	if (argc < 5 || strcmp(argv[1], "--config") != 0)
		return usage();
	if ((status = cli_load_config(argv[2], &cfg)) != CLI_EXIT_OK)
		return status;
	if (strcmp(argv[3], "make") == 0 && (argc == 7 || argc == 8) &&
	    sscanf(argv[6], "%d:%d", &hh, &mm) == 2) {
		if ((status = cli_open_store(cfg, STORE_CHECK_QUICK, &store)) == CLI_EXIT_OK)
			rc = store_booking_make(store, cfg, argv[4], day_after(atoi(argv[5])),
			                        hh * 60 + mm, argc == 8 ? argv[7] : NULL, NULL, &b,
			                        &why, &err);
	} else if (strcmp(argv[3], "cancel") == 0 && argc == 5) {
		if ((status = cli_open_store(cfg, STORE_CHECK_QUICK, &store)) == CLI_EXIT_OK)
			rc = store_booking_cancel(store, argv[4], &b, &why, &err);
	} else {
		config_free(cfg);
		return usage();
	}
	if (status == CLI_EXIT_OK) {
		if (rc == SQ_OK)
			printf("%s\n", b.code);
		else
			status = cli_fail(&err);
	}
	store_close(store);
	config_free(cfg);
	return status;
}
