/*
 * estimate_read.c - the estimate's inputs from the log (see estimate_read.h).
 */
#include "estimate_read.h"

#include <string.h>

int
estimate_read(struct store *s, const struct config *cfg, int day, int64_t now_ms,
              struct estimate_now *out, struct sq_error *err)
{
	bool open[CONFIG_MAX_COUNTERS] = {false};
	double busy[CONFIG_MAX_COUNTERS];
	struct store_counter counters[CONFIG_MAX_COUNTERS];
	int rc;

	estimate_now_release(out);
	if ((rc = store_counters_get(s, cfg, counters, err)))
		return rc;
	for (size_t c = 0; c < cfg->n_counters && c < CONFIG_MAX_COUNTERS; c++) {
		const struct store_counter *sc = &counters[c];

		open[c] = sc->status == COUNTER_OPEN;
		/* Minutes on its ticket since the call, or the start of the service. */
		busy[c] = sc->has_ticket ? (double)(now_ms - sc->ticket.state_ms) / 60000.0 : -1;
	}
	if ((rc = store_web_queue_read(s, cfg, now_ms, &out->queue, err)))
		return rc;
	for (size_t i = 0; i < cfg->n_services; i++) {
		struct estimate_input *in = &out->input[i];
		struct store_service_times times;

		if ((rc = store_waiting_count(s, cfg->services[i].id, &out->waiting[i], err)) ||
		    (rc = store_service_times(s, cfg->services[i].id, day, &times, err))) {
			estimate_now_release(out);
			return rc;
		}
		in->ahead = out->queue.services[i].ahead_new;
		in->target_minutes = cfg->services[i].target_minutes;
		in->served = times.n;
		in->mean_minutes = times.mean_minutes;
		in->sd_minutes = times.sd_minutes;
		estimate_counters(cfg, i, open, busy, in);
	}
	return SQ_OK;
}

void
estimate_now_wait(const struct estimate_now *now, size_t svc, int ahead, struct estimate *out)
{
	struct estimate_input in = now->input[svc];

	in.ahead = ahead;
	estimate_wait(&in, out);
}

void
estimate_now_ticket(const struct estimate_now *now, size_t svc, int64_t ticket_id, int *ahead,
                    struct estimate *out)
{
	const struct store_web_place *p = store_web_queue_place(&now->queue, ticket_id);

	*ahead = p && p->ahead > 0 ? p->ahead : 0;
	estimate_now_wait(now, svc, *ahead, out);
}

void
estimate_now_release(struct estimate_now *now)
{
	store_web_queue_release(&now->queue);
	memset(now, 0, sizeof(*now));
}
