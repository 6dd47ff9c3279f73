#include "web_data.h"

#include <string.h>

#include "thaitime.h"

static const char *const phase_names[WEB_PHASE_COUNT] = {
    [WEB_PHASE_WAITING] = "waiting",   [WEB_PHASE_CALLED] = "called",
    [WEB_PHASE_RECALLED] = "recalled", [WEB_PHASE_SERVING] = "serving",
    [WEB_PHASE_PARKED] = "parked",     [WEB_PHASE_NOSHOW] = "noshow",
    [WEB_PHASE_DONE] = "done",         [WEB_PHASE_CLOSED] = "closed",
};

const char *
web_phase_name(enum web_phase phase)
{
	return (unsigned)phase < WEB_PHASE_COUNT ? phase_names[phase] : "closed";
}

int
web_data_reach(struct web_data *d, int64_t mono_ms, struct sq_error *err)
{
	switch (screen_log_poll(d->log, mono_ms, &d->polled)) {
	case SCREEN_LOG_DOWN:
		return sq_error_set(err, screen_log_denied(d->log) ? SQ_ERR_DENIED : SQ_ERR_DB,
		                    "%s",
		                    d->log->fault[0] ? d->log->fault : "the log is out of reach");
	case SCREEN_LOG_BACK:
		d->loaded = false; /* read the queue anew */
		break;
	case SCREEN_LOG_UP:
		break;
	}
	return SQ_OK;
}

int
web_data_refresh(struct web_data *d, int64_t now_ms, int64_t mono_ms, struct sq_error *err)
{
	struct estimate_now fresh = {0};
	int64_t version = d->polled;
	int rc;

	if (d->loaded && version == d->version && mono_ms - d->read_ms < WEB_DATA_MAX_AGE_MS &&
	    d->estimates.queue.day == thaitime_day_key(now_ms))
		return SQ_OK;
	if ((rc = estimate_read(d->log->store, d->cfg, thaitime_day_key(now_ms), now_ms, &fresh,
	                        err)))
		return rc;
	estimate_now_release(&d->estimates);
	d->estimates = fresh;
	d->loaded = true;
	d->version = version;
	d->read_ms = mono_ms;
	return SQ_OK;
}

/* The first reception desk, where a citizen asks about a missed call. */
static const struct config_counter *
reception(const struct config *cfg)
{
	for (size_t i = 0; i < cfg->n_counters; i++)
		if (cfg->counters[i].reception)
			return &cfg->counters[i];
	return NULL;
}

/* The phase of t and what goes with it. */
static void
describe(const struct web_data *d, struct web_ticket_view *v)
{
	const struct config *cfg = d->cfg;
	const struct store_ticket *t = &v->ticket;

	switch (t->state) {
	case TICKET_WAITING:
		v->phase = WEB_PHASE_WAITING;
		break;
	case TICKET_CALLED:
		/* A recall moves state_ms past the first call. */
		v->phase = t->state_ms > t->called_ms ? WEB_PHASE_RECALLED : WEB_PHASE_CALLED;
		v->called_ms = t->state_ms;
		break;
	case TICKET_SERVING:
		v->phase = WEB_PHASE_SERVING;
		break;
	case TICKET_PARKED:
		v->phase = WEB_PHASE_PARKED;
		v->until_ms = t->state_ms + (int64_t)cfg->park_return_minutes * 60000;
		break;
	case TICKET_NOSHOW:
		v->phase = WEB_PHASE_NOSHOW;
		v->until_ms = t->state_ms + (int64_t)cfg->noshow_grace_minutes * 60000;
		v->ask = reception(cfg);
		break;
	case TICKET_DONE:
		v->phase = WEB_PHASE_DONE;
		break;
	default:
		v->phase = WEB_PHASE_CLOSED;
		break;
	}
	if (v->phase == WEB_PHASE_CALLED || v->phase == WEB_PHASE_RECALLED ||
	    v->phase == WEB_PHASE_SERVING)
		v->counter = config_counter_find(cfg, t->counter);
	/* A parked ticket back in the queue has a place like a waiting one. */
	const struct store_web_place *p = store_web_queue_place(&d->estimates.queue, t->id);
	if (p) {
		v->ahead = p->ahead;
		v->has_wait = p->ahead >= 0;
		if (v->has_wait)
			estimate_now_wait(&d->estimates, (size_t)(v->service - cfg->services),
			                  p->ahead, &v->wait);
	}
}

int
web_data_ticket(struct web_data *d, const char *token, int64_t now_ms, struct web_ticket_view *out,
                struct sq_error *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	out->ahead = -1;
	if ((rc = store_ticket_by_token(d->log->store, token, &out->ticket, err)))
		return rc;
	/* After its service day a token shows nothing: the page is as good as unknown. */
	if (out->ticket.day != thaitime_day_key(now_ms))
		return sq_error_set(err, SQ_ERR_NOTFOUND, "ticket %s belongs to day %d",
		                    out->ticket.code, out->ticket.day);
	out->service = config_service_find(d->cfg, out->ticket.service);
	if (!out->service)
		return sq_error_set(err, SQ_ERR_NOTFOUND,
		                    "ticket %s: service '%s' is not configured", out->ticket.code,
		                    out->ticket.service);
	out->priority =
	    out->ticket.priority[0] ? config_priority_find(d->cfg, out->ticket.priority) : NULL;
	describe(d, out);
	if (out->phase == WEB_PHASE_DONE) {
		struct store_rating_settings set;
		if ((rc = store_web_rated(d->log->store, out->ticket.id, &out->rated, err)))
			return rc;
		/* A finished ticket's state_ms is its finish. */
		store_rating_settings(d->cfg, &set);
		out->can_rate = !out->rated &&
		                now_ms - out->ticket.state_ms < (int64_t)set.window_minutes * 60000;
	}
	return SQ_OK;
}

int
web_data_office(struct web_data *d, int64_t now_ms, struct web_office_view *out,
                struct sq_error *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	out->queue = &d->estimates.queue;
	if ((rc = store_web_today(d->log->store, thaitime_day_key(now_ms), &out->today, err)))
		return rc;
	if ((rc = store_counters_get(d->log->store, d->cfg, out->counters, err)))
		return rc;
	for (size_t i = 0; i < d->cfg->n_counters; i++) {
		const struct store_counter *c = &out->counters[i];
		int64_t finish = 0;
		if ((rc = store_web_last_finish(d->log->store, thaitime_day_key(now_ms), c->counter,
		                                &finish, err)))
			return rc;
		out->since_ms[i] = c->has_ticket          ? c->ticket.state_ms
		                   : finish > c->since_ms ? finish
		                                          : c->since_ms;
	}
	out->n_counters = d->cfg->n_counters;
	for (size_t i = 0; i < d->cfg->n_services; i++)
		estimate_wait(&d->estimates.input[i], &out->waits[i]);
	return SQ_OK;
}

void
web_data_release(struct web_data *d)
{
	if (d)
		estimate_now_release(&d->estimates);
}
