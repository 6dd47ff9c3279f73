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
	int rc;

	memset(out, 0, sizeof(*out));
	for (size_t c = 0; c < cfg->n_counters && c < CONFIG_MAX_COUNTERS; c++) {
		struct store_counter sc;

		if ((rc = store_counter_get(s, cfg->counters[c].number, &sc, err)))
			return rc;
		open[c] = sc.status == COUNTER_OPEN;
		/* Minutes on its ticket since the call, or the start of the service. */
		busy[c] = sc.has_ticket ? (double)(now_ms - sc.ticket.state_ms) / 60000.0 : -1;
	}
	for (size_t i = 0; i < cfg->n_services; i++)
		if ((rc = store_waiting_count(s, cfg->services[i].id, &out->waiting[i], err)))
			return rc;
	for (size_t i = 0; i < cfg->n_services; i++) {
		struct estimate_input *in = &out->input[i];
		struct store_service_times times;

		if ((rc = store_service_times(s, cfg->services[i].id, day, &times, err)))
			return rc;
		in->ahead = out->waiting[i];
		in->target_minutes = cfg->services[i].target_minutes;
		in->served = times.n;
		in->mean_minutes = times.mean_minutes;
		in->sd_minutes = times.sd_minutes;
		estimate_counters(cfg, i, open, busy, out->waiting, in);
	}
	return SQ_OK;
}
