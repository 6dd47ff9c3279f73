/*
 * store_web.c - tokens, a ticket by token and the public queue (store_web.h).
 */
#include "store_private.h"
#include "store_web.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "queue_order.h"
#include "thaitime.h"

static const char base64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int
store_random(void *buf, size_t n, const char *what, struct sq_error *err)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = getrandom((unsigned char *)buf + got, n - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return sq_error_set(err, SQ_ERR_IO, "unable to draw %s: %s", what,
			                    strerror(errno));
		got += (size_t)r;
	}
	return SQ_OK;
}

int
store_web_token_new(char *out, size_t n, struct sq_error *err)
{
	unsigned char raw[STORE_WEB_TOKEN_BYTES];
	int rc;

	if (n <= STORE_WEB_TOKEN_LEN)
		return sq_error_set(err, SQ_ERR_INVALID, "token buffer of %zu bytes is too short",
		                    n);
	if ((rc = store_random(raw, sizeof(raw), "a ticket token", err)))
		return rc;
	/* Three bytes make four characters; 15 bytes need no padding. */
	for (size_t i = 0, o = 0; i < sizeof(raw); i += 3) {
		uint32_t v = (uint32_t)raw[i] << 16 | (uint32_t)raw[i + 1] << 8 | raw[i + 2];
		for (int k = 3; k >= 0; k--)
			out[o++] = base64url[(v >> (6 * k)) & 63];
	}
	out[STORE_WEB_TOKEN_LEN] = '\0';
	return SQ_OK;
}

bool
store_web_token_valid(const char *text)
{
	size_t len = strspn(text, base64url);

	return len == STORE_WEB_TOKEN_LEN && text[len] == '\0';
}

int
store_ticket_by_token(struct store *s, const char *token, struct store_ticket *out,
                      struct sq_error *err)
{
	int rc = store_query_ticket(
	    s,
	    store_sql_prepare(s, "SELECT " TICKET_COLUMNS " FROM ticket WHERE token = ?", "S",
	                      token),
	    out, err);

	if (rc == SQ_ERR_NOTFOUND)
		return sq_error_set(err, SQ_ERR_NOTFOUND, "no ticket has that token");
	return rc;
}

int
store_web_rated(struct store *s, int64_t ticket_id, bool *rated, struct sq_error *err)
{
	int64_t n = 0;
	int rc = store_sql_int(s,
	                       store_sql_prepare(s,
	                                         "SELECT count(*) FROM event WHERE kind = 'rated' "
	                                         "AND ticket_id = ?",
	                                         "I", ticket_id),
	                       &n, err, "reading a ticket's rating");

	*rated = n > 0;
	return rc;
}

/* A counter taking part in the replay. */
struct server_row {
	struct queue_server server;
	bool open;
};

/* The counters that call; *n_open of them open. */
static int
read_servers(struct store *s, const struct config *cfg, struct server_row *rows, size_t *n,
             size_t *n_open, struct sq_error *err)
{
	struct store_counter counters[CONFIG_MAX_COUNTERS];
	size_t k = 0;
	int rc = store_counters_get(s, cfg, counters, err);

	*n_open = 0;
	if (rc)
		return rc;
	for (size_t i = 0; i < cfg->n_counters; i++) {
		const struct config_counter *cc = &cfg->counters[i];
		const struct store_counter *c = &counters[i];

		rows[k] = (struct server_row){
		    .server = {.services = cc->services,
		               .n_services = cc->n_services,
		               .policy = cc->policy,
		               .streaks = c->streaks,
		               .busy_ms = c->has_ticket ? c->ticket.state_ms : 0},
		    .open = c->status == COUNTER_OPEN,
		};
		*n_open += rows[k].open;
		k++;
	}
	/* With no counter open, the page still orders the queue as if all were. */
	if (*n_open > 0) {
		size_t m = 0;
		for (size_t i = 0; i < k; i++)
			if (rows[i].open)
				rows[m++] = rows[i];
		k = m;
	}
	*n = k;
	return SQ_OK;
}

/* Every ticket a counter could call now, oldest first, into a malloc'd array. */
static int
read_waiting(struct store *s, const struct config *cfg, int day, int64_t now_ms,
             struct queue_waiting **out, size_t *n, struct store_web_queue *q, struct sq_error *err)
{
	sq_stmt *st = store_sql_prepare(
	    s,
	    "SELECT " TICKET_COLUMNS " FROM ticket WHERE day >= ? AND (state = 'waiting' OR "
	    "(state = 'parked' AND state_ms <= ?)) ORDER BY id",
	    "II", (int64_t)day, now_ms - (int64_t)cfg->park_return_minutes * 60000);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return store_sql_fail(s, err, "reading the queue");
	while ((rc = store_sql_step(st)) == SQ_ROW) {
		struct store_ticket t;
		store_read_ticket(st, &t);
		const struct config_service *svc = config_service_find(cfg, t.service);
		if (!svc)
			continue; /* a service taken out of the config: no counter calls it */
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 64;
			struct queue_waiting *grown = realloc(*out, ncap * sizeof(**out));
			if (!grown) {
				store_sql_done(s, st);
				return sq_error_set(err, SQ_ERR_NOMEM,
				                    "out of memory reading the queue");
			}
			*out = grown;
			cap = ncap;
		}
		int64_t *oldest = &q->services[svc - cfg->services].oldest_ms;
		if (!*oldest || t.issued_ms < *oldest)
			*oldest = t.issued_ms;
		(*out)[(*n)++] = (struct queue_waiting){
		    .id = t.id,
		    .service = (size_t)(svc - cfg->services),
		    .priority = t.priority[0] != '\0',
		    .booked = t.booked,
		};
	}
	store_sql_done(s, st);
	if (rc != SQ_DONE)
		return store_sql_fail(s, err, "reading the queue");
	return SQ_OK;
}

/* Fill the per-service counts of q from the waiting tickets and counters. */
static void
summarise(const struct config *cfg, const struct server_row *rows, size_t n_rows, size_t n_open,
          const struct queue_waiting *w, size_t n, struct store_web_queue *q)
{
	q->n_services = cfg->n_services;
	for (size_t i = 0; i < cfg->n_services; i++) {
		struct store_web_service *sv = &q->services[i];

		sv->service = i;
		for (size_t j = 0; j < n; j++)
			sv->waiting += w[j].service == i;
		for (size_t k = 0; n_open > 0 && k < n_rows; k++)
			for (size_t r = 0; r < rows[k].server.n_services; r++)
				sv->counters_open += rows[k].server.services[r] == i;
	}
}

int
store_web_queue_read(struct store *s, const struct config *cfg, int64_t now_ms,
                     struct store_web_queue *out, struct sq_error *err)
{
	struct server_row rows[CONFIG_MAX_COUNTERS] = {0};
	struct queue_server servers[CONFIG_MAX_COUNTERS];
	struct queue_waiting *w = NULL;
	int *position = NULL;
	size_t n_rows = 0, n_open = 0, n = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	out->day = thaitime_day_key(now_ms);
	if ((rc = read_servers(s, cfg, rows, &n_rows, &n_open, err)) ||
	    (rc = read_waiting(s, cfg, out->day, now_ms, &w, &n, out, err)))
		goto out;
	summarise(cfg, rows, n_rows, n_open, w, n, out);
	for (size_t k = 0; k < n_rows; k++)
		servers[k] = rows[k].server;
	position = calloc(n ? n : 1, sizeof(*position));
	out->places = calloc(n ? n : 1, sizeof(*out->places));
	if (!position || !out->places ||
	    queue_order(w, n, servers, n_rows, cfg->priority_cap, cfg->booking_cap, position) !=
	        SQ_OK) {
		rc = sq_error_set(err, SQ_ERR_NOMEM, "out of memory ordering the queue");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		out->places[i] =
		    (struct store_web_place){.ticket_id = w[i].id, .ahead = position[i]};
	out->n_places = n;
	for (size_t i = 0; i < cfg->n_services; i++)
		if (queue_order_new(w, n, servers, n_rows, cfg->priority_cap, cfg->booking_cap,
		                    &(struct queue_waiting){.service = i},
		                    &out->services[i].ahead_new) != SQ_OK) {
			rc = sq_error_set(err, SQ_ERR_NOMEM, "out of memory ordering the queue");
			goto out;
		}
out:
	free(w);
	free(position);
	if (rc != SQ_OK)
		store_web_queue_release(out);
	return rc;
}

int
store_web_today(struct store *s, int day, struct store_web_today *out, struct sq_error *err)
{
	int64_t issued = 0, served = 0, noshow = 0, ratings = 0;
	sq_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_sql_int(s,
	                        store_sql_prepare(s, "SELECT count(*) FROM ticket WHERE day = ?",
	                                          "I", (int64_t)day),
	                        &issued, err, "counting today's tickets")) ||
	    (rc = store_sql_int(s,
	                        store_sql_prepare(s,
	                                          "SELECT count(*) FROM ticket WHERE day = ? AND "
	                                          "state = 'done'",
	                                          "I", (int64_t)day),
	                        &served, err, "counting today's tickets")) ||
	    (rc = store_sql_int(s,
	                        store_sql_prepare(s,
	                                          "SELECT count(*) FROM ticket WHERE day = ? AND "
	                                          "state = 'noshow'",
	                                          "I", (int64_t)day),
	                        &noshow, err, "counting today's tickets")) ||
	    (rc = store_sql_int(s,
	                        store_sql_prepare(s,
	                                          "SELECT count(*) FROM event WHERE kind = 'rated' "
	                                          "AND day = ?",
	                                          "I", (int64_t)day),
	                        &ratings, err, "counting today's ratings")))
		return rc;
	out->issued = (int)issued;
	out->served = (int)served;
	out->noshow = (int)noshow;
	out->ratings = (int)ratings;
	st = store_sql_prepare(s, "SELECT avg(score) FROM event WHERE kind = 'rated' AND day = ?",
	                       "I", (int64_t)day);
	if (!st)
		return store_sql_fail(s, err, "reading today's ratings");
	if (store_sql_step(st) == SQ_ROW)
		out->mean_score = store_sql_col_double(st, 0);
	store_sql_done(s, st);
	st = store_sql_prepare(s,
	                       "SELECT at_ms, reason FROM event WHERE kind = 'fault' AND day = ? "
	                       "ORDER BY id DESC LIMIT 5",
	                       "I", (int64_t)day);
	if (!st)
		return store_sql_fail(s, err, "reading today's faults");
	while (out->n_faults < STORE_WEB_FAULTS && (rc = store_sql_step(st)) == SQ_ROW) {
		out->faults[out->n_faults].at_ms = store_sql_col_int(st, 0);
		store_copy_text(out->faults[out->n_faults].reason,
		                sizeof(out->faults[out->n_faults].reason),
		                store_sql_col_text(st, 1));
		out->n_faults++;
	}
	store_sql_done(s, st);
	if (rc != SQ_ROW && rc != SQ_DONE)
		return store_sql_fail(s, err, "reading today's faults");
	return SQ_OK;
}

int
store_web_last_finish(struct store *s, int day, int counter, int64_t *at_ms, struct sq_error *err)
{
	/* The (kind, day, counter) index answers this without a scan. */
	return store_sql_int(s,
	                     store_sql_prepare(s,
	                                       "SELECT max(at_ms) FROM event WHERE kind = "
	                                       "'finished' AND day = ? AND counter = ?",
	                                       "II", (int64_t)day, (int64_t)counter),
	                     at_ms, err, "reading a counter's last finish");
}

/* bsearch order of places: by ticket id. */
static int
place_cmp(const void *key, const void *elem)
{
	int64_t id = *(const int64_t *)key;
	const struct store_web_place *p = elem;

	return id < p->ticket_id ? -1 : id > p->ticket_id;
}

const struct store_web_place *
store_web_queue_place(const struct store_web_queue *q, int64_t ticket_id)
{
	if (!q->places)
		return NULL;
	return bsearch(&ticket_id, q->places, q->n_places, sizeof(q->places[0]), place_cmp);
}

void
store_web_queue_release(struct store_web_queue *q)
{
	if (!q)
		return;
	free(q->places);
	memset(q, 0, sizeof(*q));
}
