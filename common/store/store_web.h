/*
 * store_web.h - what saduak-web reads from the log: a ticket by the random
 * token its QR code carries, and the queue as the public sees it (people
 * waiting, each waiting ticket's position under the real queue rules, the
 * estimated waits).
 *
 * The token is drawn from getrandom() at issue (STORE_WEB_TOKEN_BITS bits,
 * base64url), stored with the ticket (schema version 3, a unique index) and
 * never derived from its code, so nobody can guess another ticket's page.
 *
 * Same threading rule as store.h: one thread per struct store.
 */
#ifndef SADUAK_STORE_WEB_H
#define SADUAK_STORE_WEB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "error.h"
#include "store.h"

#define STORE_WEB_TOKEN_BYTES 15                              /* from getrandom() */
#define STORE_WEB_TOKEN_BITS  (STORE_WEB_TOKEN_BYTES * 8)     /* 120 */
#define STORE_WEB_TOKEN_LEN   (STORE_WEB_TOKEN_BYTES / 3 * 4) /* 20 base64url characters */

/*
 * A new random token into out (n > STORE_WEB_TOKEN_LEN), NUL-terminated.
 * SQ_ERR_IO when getrandom() fails (err says why), SQ_ERR_INVALID for a
 * short buffer.
 */
int store_web_token_new(char *out, size_t n, struct sq_error *err);

/* True when text has the shape of a token (length and alphabet). */
bool store_web_token_valid(const char *text);

/*
 * The ticket whose token is token. SQ_ERR_NOTFOUND (err says so) when none
 * has it; SQ_ERR_DB, SQ_ERR_BUSY.
 */
int store_ticket_by_token(struct store *s, const char *token, struct store_ticket *out,
                          struct sq_error *err);

/* Whether ticket_id has been rated (on any channel) into *rated. SQ_ERR_DB, SQ_ERR_BUSY. */
int store_web_rated(struct store *s, int64_t ticket_id, bool *rated, struct sq_error *err);

/* A waiting ticket's place. */
struct store_web_place {
	int64_t ticket_id;
	int ahead; /* tickets the counters serving it call before it; -1: no counter */
};

/* One service as the public sees it. */
struct store_web_service {
	size_t service;    /* index into config.services */
	int waiting;       /* waiting, and parked tickets that have returned */
	int counters_open; /* open counters serving it */
	int ahead_new;     /* calls before a normal ticket taken now, as places; -1: no counter */
	int64_t oldest_ms; /* issue time of the longest waiting, 0 when none */
};

/* The queue at one moment. */
struct store_web_queue {
	int day; /* the service day, YYYYMMDD */
	struct store_web_service services[CONFIG_MAX_SERVICES];
	size_t n_services;
	struct store_web_place *places; /* malloc'd, ordered by ticket id */
	size_t n_places;
};

/*
 * Read the queue of today (now_ms) into *out: every waiting ticket (and
 * parked one back in the queue) with its position by queue_order() among
 * the open counters (all counters when none is open): a free counter calls
 * first, then the one whose ticket was called, recalled or started longest
 * ago, and so on in turn; and where a normal ticket of each service taken
 * now would stand. On failure *out is
 * empty (safe to release). Release with store_web_queue_release().
 */
int store_web_queue_read(struct store *s, const struct config *cfg, int64_t now_ms,
                         struct store_web_queue *out, struct sq_error *err);

/* The place of ticket_id in q, or NULL when it is not waiting. */
const struct store_web_place *store_web_queue_place(const struct store_web_queue *q,
                                                    int64_t ticket_id);

/* The day so far, for the supervisor's dashboard. */
#define STORE_WEB_FAULTS 5
struct store_web_today {
	int issued;
	int served;        /* finished */
	int noshow;        /* in state no-show now */
	int ratings;       /* tied to a ticket or not */
	double mean_score; /* 1..5, 0 when no rating */
	struct {
		int64_t at_ms;
		char reason[256];
	} faults[STORE_WEB_FAULTS]; /* device faults logged today, newest first */
	size_t n_faults;
};

/* The figures of service day `day` into *out. SQ_ERR_DB, SQ_ERR_BUSY. */
int store_web_today(struct store *s, int day, struct store_web_today *out, struct sq_error *err);

/*
 * When counter last finished a ticket on day `day` into *at_ms (0 when it
 * has not). SQ_ERR_DB, SQ_ERR_BUSY.
 */
int store_web_last_finish(struct store *s, int day, int counter, int64_t *at_ms,
                          struct sq_error *err);

/* Free what q holds and leave it empty. NULL is a no-op. */
void store_web_queue_release(struct store_web_queue *q);

#endif
