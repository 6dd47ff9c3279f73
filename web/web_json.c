#include "web_json.h"

#include <inttypes.h>

/* "key":{"th":..,"en":..} (null for a missing language). */
static void
put_bilingual(struct web_buf *b, const char *key, const struct bilingual *w)
{
	web_buf_printf(b, "\"%s\":{\"th\":", key);
	if (w->th)
		web_buf_json(b, w->th);
	else
		web_buf_str(b, "null");
	web_buf_str(b, ",\"en\":");
	if (w->en)
		web_buf_json(b, w->en);
	else
		web_buf_str(b, "null");
	web_buf_str(b, "}");
}

/* "key":N, or "key":null when absent (negative or zero time). */
static void
put_optional(struct web_buf *b, const char *key, int64_t value, bool present)
{
	if (present)
		web_buf_printf(b, ",\"%s\":%" PRId64, key, value);
	else
		web_buf_printf(b, ",\"%s\":null", key);
}

/*
 * The wait estimate: "wait_minutes" (null when no counter is open for the
 * service, or e is NULL) and, when the estimate is a range, "wait_low" and
 * "wait_high" too (else null).
 */
static void
put_wait(struct web_buf *b, const struct estimate *e)
{
	bool number = e && e->kind != ESTIMATE_NO_COUNTER;
	bool range = e && e->kind == ESTIMATE_RANGE;

	put_optional(b, "wait_minutes", number ? e->minutes : 0, number);
	put_optional(b, "wait_low", range ? e->low : 0, range);
	put_optional(b, "wait_high", range ? e->high : 0, range);
}

/* The counter object of c, or null. */
static void
put_counter(struct web_buf *b, const char *key, const struct config_counter *c)
{
	web_buf_printf(b, ",\"%s\":", key);
	if (!c) {
		web_buf_str(b, "null");
		return;
	}
	web_buf_printf(b, "{\"number\":%d,", c->number);
	put_bilingual(b, "location", &c->location);
	web_buf_str(b, "}");
}

void
web_json_ticket(struct web_buf *b, const struct config *cfg, const struct web_ticket_view *v)
{
	web_buf_str(b, "{\"code\":");
	web_buf_json(b, v->ticket.code);
	web_buf_str(b, ",\"state\":");
	web_buf_json(b, web_phase_name(v->phase));
	web_buf_str(b, ",");
	put_bilingual(b, "office", &cfg->office_name);
	web_buf_str(b, ",\"service\":{\"id\":");
	web_buf_json(b, v->service->id);
	web_buf_str(b, ",");
	put_bilingual(b, "name", &v->service->name);
	web_buf_str(b, "},\"priority\":");
	if (v->priority)
		web_buf_json(b, v->priority->id);
	else
		web_buf_str(b, "null");
	web_buf_printf(b, ",\"issued_ms\":%" PRId64, v->ticket.issued_ms);
	put_optional(b, "ahead", v->ahead, v->ahead >= 0);
	put_wait(b, v->has_wait ? &v->wait : NULL);
	put_counter(b, "counter", v->counter);
	put_optional(b, "called_ms", v->called_ms, v->called_ms > 0);
	put_optional(b, "until_ms", v->until_ms, v->until_ms > 0);
	put_counter(b, "ask_counter", v->ask);
	web_buf_str(b, "}\n");
}

void
web_json_queue(struct web_buf *b, const struct config *cfg, const struct store_web_queue *q,
               const struct web_data *d)
{
	web_buf_str(b, "{");
	put_bilingual(b, "office", &cfg->office_name);
	web_buf_printf(b, ",\"day\":%d,\"services\":[", q->day);
	for (size_t i = 0; i < q->n_services; i++) {
		const struct store_web_service *sv = &q->services[i];
		const struct config_service *svc = &cfg->services[sv->service];
		web_buf_str(b, i ? ",{\"id\":" : "{\"id\":");
		web_buf_json(b, svc->id);
		web_buf_str(b, ",");
		put_bilingual(b, "name", &svc->name);
		struct estimate wait;

		/* A ticket taken now: where it would stand under the queue rules. */
		estimate_wait(&d->estimates.input[sv->service], &wait);
		web_buf_printf(b, ",\"waiting\":%d,\"counters_open\":%d", sv->waiting,
		               sv->counters_open);
		put_wait(b, &wait);
		web_buf_str(b, "}");
	}
	web_buf_str(b, "]}\n");
}

void
web_json_error(struct web_buf *b, int status, const char *message)
{
	web_buf_printf(b, "{\"error\":%d,\"message\":", status);
	web_buf_json(b, message);
	web_buf_str(b, "}\n");
}
