#include "queue_order.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "queue.h"

/* Does the server take tickets of service? */
static bool
serves(const struct queue_server *sv, size_t service)
{
	for (size_t i = 0; i < sv->n_services; i++)
		if (sv->services[i] == service)
			return true;
	return false;
}

/*
 * The ticket server sv calls next among those not yet called, as
 * store_call_next() would choose it: the oldest normal and the oldest
 * priority ticket of each of its services are the candidates. -1 when it
 * has nothing to call. *streak is updated as the store updates it.
 */
static long
next_call(const struct queue_waiting *w, size_t n, const bool *called,
          const struct queue_server *sv, int priority_cap, int *streak,
          struct queue_candidate *cand, size_t *cand_index)
{
	size_t nc = 0;

	for (size_t r = 0; r < sv->n_services; r++) {
		long head[2] = {-1, -1};
		for (size_t i = 0; i < n; i++) {
			long *h = &head[w[i].priority];
			if (called[i] || w[i].service != sv->services[r] ||
			    (*h >= 0 && w[*h].id < w[i].id))
				continue;
			*h = (long)i;
		}
		for (int p = 0; p < 2; p++)
			if (head[p] >= 0) {
				cand[nc] = (struct queue_candidate){
				    .ticket_id = w[head[p]].id, .service_rank = r, .priority = p};
				cand_index[nc++] = (size_t)head[p];
			}
	}
	struct queue_policy policy = {.policy = sv->policy, .priority_cap = priority_cap};
	struct queue_choice choice;
	if (queue_choose(cand, nc, &policy, *streak, &choice) != SQ_OK)
		return -1;
	*streak = choice.priority_streak;
	return (long)cand_index[choice.index];
}

/* order[0..n) = the servers by the turn they call first: free, then busy longest; stable. */
static void
turn_order(const struct queue_server *servers, size_t n, size_t *order)
{
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		for (; j > 0 && servers[order[j - 1]].busy_ms > servers[i].busy_ms; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
}

int
queue_order(const struct queue_waiting *waiting, size_t n, const struct queue_server *sv_given,
            size_t n_servers, int priority_cap, int *position)
{
	struct queue_server *servers = calloc(n_servers ? n_servers : 1, sizeof(*servers));
	size_t *order = calloc(n_servers ? n_servers : 1, sizeof(*order));
	bool *called = calloc(n ? n : 1, sizeof(*called));
	int *streak = calloc(n_servers ? n_servers : 1, sizeof(*streak));
	bool *active = calloc(n_servers ? n_servers : 1, sizeof(*active));
	/* Per server: calls made so far; per ticket, the sum over its servers. */
	int *calls = calloc(n_servers ? n_servers : 1, sizeof(*calls));
	struct queue_candidate *cand = calloc(CONFIG_MAX_SERVICES * 2, sizeof(*cand));
	size_t *cand_index = calloc(CONFIG_MAX_SERVICES * 2, sizeof(*cand_index));
	int rc = SQ_ERR_NOMEM;

	if (!servers || !order || !called || !streak || !active || !calls || !cand || !cand_index)
		goto out;
	turn_order(sv_given, n_servers, order);
	for (size_t k = 0; k < n_servers; k++)
		servers[k] = sv_given[order[k]];
	for (size_t k = 0; k < n_servers; k++) {
		streak[k] = servers[k].priority_streak;
		active[k] = true;
	}
	for (size_t i = 0; i < n; i++)
		position[i] = -1;
	/* Servers take turns; one with nothing left drops out for good (no arrivals). */
	for (size_t left = n_servers, k = 0; left > 0; k = (k + 1) % n_servers) {
		if (!active[k])
			continue;
		long i = next_call(waiting, n, called, &servers[k], priority_cap, &streak[k], cand,
		                   cand_index);
		if (i < 0) {
			active[k] = false;
			left--;
			continue;
		}
		called[i] = true;
		position[i] = 0;
		for (size_t j = 0; j < n_servers; j++)
			if (serves(&servers[j], waiting[i].service))
				position[i] += calls[j];
		calls[k]++;
	}
	rc = SQ_OK;
out:
	free(servers);
	free(order);
	free(called);
	free(streak);
	free(active);
	free(calls);
	free(cand);
	free(cand_index);
	return rc;
}

int
queue_order_new(const struct queue_waiting *waiting, size_t n, const struct queue_server *servers,
                size_t n_servers, int priority_cap, size_t service, bool priority, int *ahead)
{
	struct queue_waiting *w = malloc((n + 1) * sizeof(*w));
	int *position = malloc((n + 1) * sizeof(*position));
	int rc = SQ_ERR_NOMEM;

	if (w && position) {
		int64_t last = 0;
		if (n > 0)
			memcpy(w, waiting, n * sizeof(*w));
		for (size_t i = 0; i < n; i++)
			last = waiting[i].id > last ? waiting[i].id : last;
		/* Taken now: it arrives after everyone waiting. */
		w[n] = (struct queue_waiting){
		    .id = last + 1, .service = service, .priority = priority};
		rc = queue_order(w, n + 1, servers, n_servers, priority_cap, position);
		if (rc == SQ_OK)
			*ahead = position[n];
	}
	free(w);
	free(position);
	return rc;
}
