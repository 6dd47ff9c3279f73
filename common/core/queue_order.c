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

/* The queue a waiting ticket is in: 0 walk-in, 1 priority, 2 booking. */
static int
class_of(const struct queue_waiting *w)
{
	return w->priority ? 1 : w->booked ? 2 : 0;
}

/*
 * The ticket server sv calls next among those not yet called, as
 * store_call_next() would choose it: the oldest ticket of each class of
 * each of its services are the candidates. -1 when it has nothing to call.
 * *streaks is updated as the store updates it.
 */
static long
next_call(const struct queue_waiting *w, size_t n, const bool *called,
          const struct queue_server *sv, const struct queue_policy *caps,
          struct queue_streaks *streaks, struct queue_candidate *cand, size_t *cand_index)
{
	size_t nc = 0;

	for (size_t r = 0; r < sv->n_services; r++) {
		long head[3] = {-1, -1, -1};
		for (size_t i = 0; i < n; i++) {
			long *h = &head[class_of(&w[i])];
			if (called[i] || w[i].service != sv->services[r] ||
			    (*h >= 0 && w[*h].id < w[i].id))
				continue;
			*h = (long)i;
		}
		for (int c = 0; c < 3; c++)
			if (head[c] >= 0) {
				cand[nc] = (struct queue_candidate){.ticket_id = w[head[c]].id,
				                                    .service_rank = r,
				                                    .priority = w[head[c]].priority,
				                                    .booked = w[head[c]].booked};
				cand_index[nc++] = (size_t)head[c];
			}
	}
	struct queue_policy policy = *caps;
	struct queue_choice choice;
	policy.policy = sv->policy;
	if (queue_choose(cand, nc, &policy, streaks, &choice) != SQ_OK)
		return -1;
	*streaks = choice.streaks;
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
            size_t n_servers, int priority_cap, int booking_cap, int *position)
{
	const struct queue_policy caps = {.priority_cap = priority_cap, .booking_cap = booking_cap};
	struct queue_server *servers = calloc(n_servers ? n_servers : 1, sizeof(*servers));
	size_t *order = calloc(n_servers ? n_servers : 1, sizeof(*order));
	bool *called = calloc(n ? n : 1, sizeof(*called));
	struct queue_streaks *streak = calloc(n_servers ? n_servers : 1, sizeof(*streak));
	bool *active = calloc(n_servers ? n_servers : 1, sizeof(*active));
	/* Per server: calls made so far; per ticket, the sum over its servers. */
	int *calls = calloc(n_servers ? n_servers : 1, sizeof(*calls));
	struct queue_candidate *cand = calloc(CONFIG_MAX_SERVICES * 3, sizeof(*cand));
	size_t *cand_index = calloc(CONFIG_MAX_SERVICES * 3, sizeof(*cand_index));
	int rc = SQ_ERR_NOMEM;

	if (!servers || !order || !called || !streak || !active || !calls || !cand || !cand_index)
		goto out;
	turn_order(sv_given, n_servers, order);
	for (size_t k = 0; k < n_servers; k++)
		servers[k] = sv_given[order[k]];
	for (size_t k = 0; k < n_servers; k++) {
		streak[k] = servers[k].streaks;
		active[k] = true;
	}
	for (size_t i = 0; i < n; i++)
		position[i] = -1;
	/* Servers take turns; one with nothing left drops out for good (no arrivals). */
	for (size_t left = n_servers, k = 0; left > 0; k = (k + 1) % n_servers) {
		if (!active[k])
			continue;
		long i =
		    next_call(waiting, n, called, &servers[k], &caps, &streak[k], cand, cand_index);
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
                size_t n_servers, int priority_cap, int booking_cap,
                const struct queue_waiting *fresh, int *ahead)
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
		w[n] = *fresh;
		w[n].id = last + 1;
		rc = queue_order(w, n + 1, servers, n_servers, priority_cap, booking_cap, position);
		if (rc == SQ_OK)
			*ahead = position[n];
	}
	free(w);
	free(position);
	return rc;
}
