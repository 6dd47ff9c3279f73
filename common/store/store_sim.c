#include "store_private.h"

#include <stdio.h>

/*
 * The simulator writes through the same store calls as a live office, so
 * its events look like real ones. meta's 'simulated_through' row is the id
 * of the last event a simulation wrote: every event after it is real.
 */

/* SQ_ERR_STATE when the log holds an event written by a live program. */
static int
refuse_real_events(struct store *s, struct sq_error *err)
{
	int64_t real = 0;
	int rc = store_sql_int(
	    s,
	    store_sql_prepare(s,
	                      "SELECT count(*) FROM event WHERE id > coalesce((SELECT value FROM "
	                      "meta WHERE key = 'simulated_through'), 0)",
	                      ""),
	    &real, err, "looking for events of a live office");

	if (rc == SQ_OK && real > 0)
		rc = sq_error_set(err, SQ_ERR_STATE,
		                  "database '%s' holds %lld event%s of a live office: simulate "
		                  "into a database of its own (a copy of the config with another "
		                  "database)",
		                  s->path, (long long)real, real == 1 ? "" : "s");
	return rc;
}

int
store_sim_check(struct store *s, int day, struct sq_error *err)
{
	int64_t n = 0;
	int rc = refuse_real_events(s, err);

	if (rc == SQ_OK)
		rc =
		    store_sql_int(s,
		                  store_sql_prepare(s, "SELECT count(*) FROM ticket WHERE day >= ?",
		                                    "I", (int64_t)day),
		                  &n, err, "looking for tickets of the simulated days");
	if (rc == SQ_OK && n > 0)
		rc = sq_error_set(err, SQ_ERR_STATE,
		                  "the database already holds %lld tickets on or after %d: "
		                  "simulate into a new database or after its last day",
		                  (long long)n, day);
	return rc;
}

int
store_sim_begin(struct store *s, struct sq_error *err)
{
	int rc = store_batch_begin(s, err);

	/* Checked again under the lock: a live program may have written since. */
	if (rc == SQ_OK && (rc = refuse_real_events(s, err)) != SQ_OK)
		store_batch_end(s, rc, err);
	return rc;
}

int
store_sim_end(struct store *s, struct sq_error *err)
{
	int rc = store_sql_run(s,
	                       store_sql_prepare(s,
	                                         "INSERT INTO meta (key, value) SELECT "
	                                         "'simulated_through', coalesce(max(id), 0) FROM "
	                                         "event WHERE true ON CONFLICT (key) DO UPDATE "
	                                         "SET value = excluded.value",
	                                         ""),
	                       err, "marking the simulated events");

	return store_batch_end(s, rc, err);
}
