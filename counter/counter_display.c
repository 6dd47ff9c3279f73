/*
 * counter_display.c - a counter's LED display for the console and the verbs.
 * See counter_display.h.
 */
#include "counter_display.h"

#include <stdio.h>
#include <string.h>

#include "display_proto.h"

int
counter_display_open(const struct config *cfg, int counter, int64_t now_ms,
                     struct counter_display *out, struct sq_error *err)
{
	const struct config_counter *cc = config_counter_find(cfg, counter);
	struct display_config dc;
	int rc;

	memset(out, 0, sizeof(*out));
	out->counter = counter;
	if (!cc || !cc->display)
		return SQ_OK;
	if ((rc = display_config_load(cfg, cc->display, &dc, err)) != SQ_OK)
		return rc;
	if ((rc = led_bus_open(&out->bus, err)) != SQ_OK)
		return rc;
	if ((rc = led_display_add(out->bus, &dc, now_ms, &out->led, err)) != SQ_OK) {
		led_bus_close(out->bus);
		out->bus = NULL;
		return rc;
	}
	return SQ_OK;
}

void
counter_display_close(struct counter_display *cd)
{
	led_bus_close(cd->bus);
	cd->bus = NULL;
	cd->led = NULL;
}

/* Show the ticket plainly. */
static int
show_ticket(struct led_display *d, const char *code, int counter)
{
	return led_display_show_ticket(d, code, counter);
}

/* Show the ticket as a recall. */
static int
show_recall(struct led_display *d, const char *code, int counter)
{
	return led_display_show_recall(d, code, counter);
}

/* Show the break text. */
static int
show_break(struct led_display *d, const char *code, int counter)
{
	(void)code;
	(void)counter;
	return led_display_show_break(d);
}

/* Blank the display. */
static int
show_clear(struct led_display *d, const char *code, int counter)
{
	(void)code;
	(void)counter;
	return led_display_clear(d);
}

/* What each effect calls; NONE has no entry. */
static int (*const show_fns[])(struct led_display *d, const char *code, int counter) = {
    [COUNTER_LED_TICKET] = show_ticket,
    [COUNTER_LED_RECALL] = show_recall,
    [COUNTER_LED_BREAK] = show_break,
    [COUNTER_LED_CLEAR] = show_clear,
};

int
counter_display_put(struct led_display *d, int counter, enum counter_led what, const char *code,
                    struct sq_error *err)
{
	const struct display_config *dc;
	int rc;

	if (!d || what == COUNTER_LED_NONE || !show_fns[what])
		return SQ_OK;
	rc = show_fns[what](d, code ? code : "", counter);
	if (rc == SQ_OK)
		return SQ_OK;
	dc = led_display_config(d);
	if (led_display_state(d) == LED_STATE_OFFLINE)
		return sq_error_set(err, rc, "display %s offline (%s); it catches up when back",
		                    dc->name, led_display_reason(d));
	return sq_error_set(err, rc, "display %s: %s", dc->name,
	                    rc == SQ_ERR_INVALID ? "cannot show this" : sq_strerror(rc));
}

int
counter_display_show(struct counter_display *cd, enum counter_led what, const char *code,
                     struct sq_error *err)
{
	return counter_display_put(cd->led, cd->counter, what, code, err);
}

bool
counter_display_poll(struct counter_display *cd, int64_t now_ms)
{
	return cd->bus && led_display_poll(cd->bus, now_ms) > 0;
}
