/*
 * estimate_read.h - what the wait estimate needs, read from the log now.
 *
 * The kiosk, the board (and the phone page) show the same estimate: this
 * reads, for every service of the config, the people waiting, the counters
 * open for it and how long each has been on its ticket, and the day's
 * service times, into the inputs of estimate_wait (estimate.h).
 *
 * The caller owns the struct; one thread per store, as the store.
 */
#ifndef SADUAK_ESTIMATE_READ_H
#define SADUAK_ESTIMATE_READ_H

#include <stdint.h>

#include "config.h"
#include "error.h"
#include "estimate.h"
#include "store.h"

/* Every service's queue now, indexed like cfg->services. */
struct estimate_now {
	int waiting[CONFIG_MAX_SERVICES];                 /* waiting or parked */
	struct estimate_input input[CONFIG_MAX_SERVICES]; /* ahead = a ticket taken now */
};

/*
 * Fill *out for cfg's services on service day `day` at now_ms. input[i]
 * describes a ticket taken now (everyone waiting is ahead); for a ticket
 * already in the queue set .ahead to its people ahead. SQ_OK, or the store's
 * error (SQ_ERR_DB ...) with err set; *out is then incomplete.
 */
int estimate_read(struct store *s, const struct config *cfg, int day, int64_t now_ms,
                  struct estimate_now *out, struct sq_error *err);

#endif
