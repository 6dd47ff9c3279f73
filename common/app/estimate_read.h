/*
 * estimate_read.h - what the wait estimate needs, read from the log now.
 *
 * The kiosk, the printed ticket, the board and the phone page show the
 * same estimate: this reads, for every service of the config, the people
 * waiting, the queue under the counters' rules (store_web_queue_read: each
 * waiting ticket's place, and where a ticket taken now would stand), the
 * counters open for it and how long each has been on its ticket, and the
 * day's service times, into the inputs of estimate_wait (estimate.h).
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
#include "store_web.h"

/* Every service's queue now, indexed like cfg->services. */
struct estimate_now {
	int waiting[CONFIG_MAX_SERVICES];                 /* waiting or parked */
	struct estimate_input input[CONFIG_MAX_SERVICES]; /* ahead = a normal ticket taken now */
	struct store_web_queue queue;                     /* every waiting ticket's place */
};

/*
 * Fill *out for cfg's services on service day `day` at now_ms. input[i]
 * describes a normal ticket taken now; for a ticket already in the queue
 * use estimate_now_ticket. *out must be zeroed or filled by an earlier
 * call (whose queue this releases). SQ_OK, or the store's error (SQ_ERR_DB
 * ...) with err set; *out is then empty.
 */
int estimate_read(struct store *s, const struct config *cfg, int day, int64_t now_ms,
                  struct estimate_now *out, struct sq_error *err);

/*
 * The wait of a ticket of service svc standing `ahead` calls from its turn
 * (its place, as store_web_place.ahead) into *out.
 */
void estimate_now_wait(const struct estimate_now *now, size_t svc, int ahead, struct estimate *out);

/*
 * Ticket ticket_id of service svc: its place into *ahead (0 when it is not
 * waiting: being called, it has nobody ahead) and its wait into *out.
 */
void estimate_now_ticket(const struct estimate_now *now, size_t svc, int64_t ticket_id, int *ahead,
                         struct estimate *out);

/* Free what estimate_read holds; *now is then empty. */
void estimate_now_release(struct estimate_now *now);

#endif
