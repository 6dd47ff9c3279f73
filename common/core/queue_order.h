/*
 * queue_order.h - in which order the waiting tickets will be called, by the
 * same queue_choose() the counters use (pure: no I/O, no clock).
 *
 * The citizen's page and the wait estimate use a ticket's position: how
 * many tickets the counters that serve its service will call before it.
 * queue_order() replays the counters calling in turn (a free counter
 * first, then the one whose ticket was called, recalled or started longest
 * ago, in the order given on ties), without new arrivals, each by its own
 * services, policy and priority streak, until nobody is left that any
 * counter could call. The positions are exact when the
 * counters press "next" in that order and nobody new arrives ahead (a
 * priority ticket, a parked ticket returning), and are recomputed on every
 * change of the log.
 *
 * The caller owns every array; nothing is allocated except the scratch
 * queue_order() frees before it returns.
 */
#ifndef SADUAK_QUEUE_ORDER_H
#define SADUAK_QUEUE_ORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "office.h"
#include "queue.h"

/* A ticket any counter could call now. */
struct queue_waiting {
	int64_t id;     /* arrival order */
	size_t service; /* index into config.services */
	bool priority;  /* has a priority class */
	bool booked;    /* a checked-in booking (queue.h: class booking) */
};

/* A counter taking part, in the order it calls first. */
struct queue_server {
	const size_t *services; /* indexes into config.services, in its order */
	size_t n_services;
	enum counter_policy policy;
	struct queue_streaks streaks; /* as stored for the counter */
	int64_t busy_ms; /* when its current ticket was called or started; 0 when free */
};

/*
 * Replay the calls: position[i] (n entries) is set to how many tickets the
 * counters serving waiting[i]'s service call before it, or -1 when no
 * counter of servers serves it. SQ_OK, or SQ_ERR_NOMEM (position untouched).
 */
int queue_order(const struct queue_waiting *waiting, size_t n, const struct queue_server *servers,
                size_t n_servers, int priority_cap, int booking_cap, int *position);

/*
 * Where a ticket like fresh (its service and class; its id is ignored)
 * taken or checked in now would stand behind the n waiting: *ahead is set
 * as position[] above, -1 when no server serves it. SQ_OK, or SQ_ERR_NOMEM
 * (*ahead untouched).
 */
int queue_order_new(const struct queue_waiting *waiting, size_t n,
                    const struct queue_server *servers, size_t n_servers, int priority_cap,
                    int booking_cap, const struct queue_waiting *fresh, int *ahead);

#endif
