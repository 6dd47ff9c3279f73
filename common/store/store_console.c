/*
 * store_console.c - what a counter console reads, in one read transaction.
 * See store_console.h.
 */
#include "store_console.h"

#include "store_private.h"

int
store_console_read(struct store *s, const struct config *cfg, int counter, int day,
                   struct store_console_snapshot *out, struct sq_error *err)
{
	const struct config_counter *cc = config_counter_find(cfg, counter);
	int rc;

	if ((rc = store_check_counter(cfg, counter, err)) != SQ_OK)
		return rc;
	/* A deferred BEGIN: the reads see one commit, and no writer waits for us. */
	if ((rc = store_sql_begin_read(s, err)) != SQ_OK)
		return rc;
	rc = store_counter_get(s, counter, &out->state, err);
	for (size_t i = 0; rc == SQ_OK && i < cc->n_services; i++)
		rc = store_waiting_count(s, cfg->services[cc->services[i]].id, &out->waiting[i],
		                         err);
	if (rc == SQ_OK)
		rc = store_counter_queue(s, cfg, counter, out->queue, STORE_CONSOLE_QUEUE_MAX,
		                         &out->n_queue, err);
	if (rc == SQ_OK)
		rc = store_counter_served(s, counter, day, &out->served, &out->mean_minutes, err);
	if (rc == SQ_OK)
		rc = store_last_event(s, EVENT_FAULT, 0, "printer", &out->printer, err);
	if (rc == SQ_OK)
		rc = store_last_event(s, EVENT_RATED, counter, NULL, &out->rating, err);
	return store_sql_end(s, rc, err);
}
