/*
 * store_console.h - what a counter console reads from the log, in one go.
 *
 * A counter's screen (the native console, later the browser counter page)
 * shows the counter's state, the waiting count per service, the tickets it
 * could call, today's figures and the latest printer fault and rating. They
 * are read here in one read transaction, so one screen never mixes two
 * moments of the log (a ticket both called and still in the queue).
 *
 * Threading: as store.h (one connection, one thread at a time).
 */
#ifndef SADUAK_STORE_CONSOLE_H
#define SADUAK_STORE_CONSOLE_H

#include <stddef.h>

#include "config.h"
#include "error.h"
#include "store.h"

#define STORE_CONSOLE_QUEUE_MAX 64 /* waiting tickets read for the list and the chooser */

/* Everything a counter's screen shows. */
struct store_console_snapshot {
	struct store_counter state;       /* officer, status, current ticket */
	int waiting[CONFIG_MAX_SERVICES]; /* per service of the counter, in its order */
	struct store_ticket queue[STORE_CONSOLE_QUEUE_MAX]; /* as store_counter_queue */
	size_t n_queue;
	int served;                      /* tickets finished here on the day */
	double mean_minutes;             /* their mean service time */
	struct store_last_event printer; /* the latest printer fault (any counter) */
	struct store_last_event rating;  /* the latest rating at this counter */
};

/*
 * Read what counter's screen shows on service day `day` into *out, in one
 * read transaction (it takes no write lock). SQ_ERR_NOTFOUND for a counter
 * not in cfg, SQ_ERR_DB or SQ_ERR_BUSY (err says why).
 */
int store_console_read(struct store *s, const struct config *cfg, int counter, int day,
                       struct store_console_snapshot *out, struct sq_error *err);

#endif
