/*
 * web_data.h - what saduak-web's pages and API show: the public queue, read
 * again only when the log changed (another process committed) or a few
 * seconds passed (parked tickets return, estimates move with the clock),
 * and the view of one ticket by its token.
 *
 * Owned by the server's one thread: every request is answered on it, so
 * one store connection and one cached queue serve all clients.
 */
#ifndef SADUAK_WEB_DATA_H
#define SADUAK_WEB_DATA_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "estimate.h"
#include "estimate_read.h"
#include "screen_log.h"
#include "store.h"
#include "store_web.h"

/* The cached queue is read again after this long even without a commit. */
#define WEB_DATA_MAX_AGE_MS 5000

struct web_data {
	const struct config *cfg;      /* not owned */
	struct screen_log *log;        /* the store, and whether it answers; not owned */
	int64_t polled;                /* data_version as web_data_reach() last read it */
	struct estimate_now estimates; /* the queue and the wait estimate's inputs at that read */
	bool loaded;                   /* estimates holds a read */
	int64_t version;               /* data_version at that read */
	int64_t read_ms;               /* monotonic time of that read */
};

/* What a ticket's page says, in the order of its life. */
enum web_phase {
	WEB_PHASE_WAITING,
	WEB_PHASE_CALLED,
	WEB_PHASE_RECALLED,
	WEB_PHASE_SERVING,
	WEB_PHASE_PARKED,
	WEB_PHASE_NOSHOW,
	WEB_PHASE_DONE,
	WEB_PHASE_CLOSED, /* voided or expired */
	WEB_PHASE_COUNT,
};

/* One ticket as its page shows it. Pointers point into the config. */
struct web_ticket_view {
	struct store_ticket ticket;
	enum web_phase phase;
	const struct config_service *service;
	const struct config_priority *priority; /* NULL for none */
	const struct config_counter *counter;   /* called, recalled, serving; else NULL */
	int64_t called_ms;                      /* the latest call or recall */
	int ahead;                              /* waiting: calls before it; -1 unknown */
	bool has_wait;                          /* waiting with a place: wait is set */
	struct estimate wait;                   /* waiting: estimated wait */
	int64_t until_ms;                       /* parked: returns; noshow: reactivable until */
	const struct config_counter *ask;       /* noshow: where to ask (reception), or NULL */
	bool rated;                             /* done: rated, on any channel */
	bool can_rate;                          /* done: not rated and within the window */
};

/*
 * Whether the log answers now (screen_log_poll(): a short wait; while it is
 * out of reach, tried again at most every second, opened anew if need be):
 * SQ_OK, or SQ_ERR_DB with the failure in err (SQ_ERR_DENIED when the role
 * lacks a right: screen_log_denied()). Every request asks first, so
 * that a log out of reach answers 503 at once instead of holding the server.
 */
int web_data_reach(struct web_data *d, int64_t mono_ms, struct sq_error *err);

/*
 * Bring the cached queue up to date at now_ms (wall) / mono_ms (monotonic).
 * SQ_OK, or the store's error (the old queue is kept). Call
 * web_data_reach() first.
 */
int web_data_refresh(struct web_data *d, int64_t now_ms, int64_t mono_ms, struct sq_error *err);

/*
 * The view of the ticket with token at now_ms. SQ_ERR_NOTFOUND for an
 * unknown token and for a ticket of another service day (its details are no
 * longer shown), else the store's error. Call web_data_refresh() first.
 */
int web_data_ticket(struct web_data *d, const char *token, int64_t now_ms,
                    struct web_ticket_view *out, struct sq_error *err);

/* The floor as the supervisor's dashboard shows it. */
struct web_office_view {
	const struct store_web_queue *queue; /* the cached queue; owned by web_data */
	struct store_web_today today;
	struct store_counter counters[CONFIG_MAX_COUNTERS]; /* in config order */
	/* Since when each counter is in its state: its ticket's call or start, else
	   the later of its last status change and its last finish today (idle time). */
	int64_t since_ms[CONFIG_MAX_COUNTERS];
	size_t n_counters;
	struct estimate waits[CONFIG_MAX_SERVICES]; /* a ticket taken now, per service */
};

/* The dashboard's figures at now_ms. Call web_data_refresh() first. */
int web_data_office(struct web_data *d, int64_t now_ms, struct web_office_view *out,
                    struct sq_error *err);

/* Log name of a phase: "waiting", "called", ... Static. */
const char *web_phase_name(enum web_phase phase);

/* Free the cached queue. NULL is a no-op. */
void web_data_release(struct web_data *d);

#endif
