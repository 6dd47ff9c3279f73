/*
 * counter_display.h - a counter's LED display, as the console and the
 * command-line verbs drive it.
 *
 * Wraps led_display.h for one counter: opens the bus of the counter's
 * [display NAME] (if it has one), and turns a counter action into what the
 * display shows (enum counter_led of counter_actions.h: ticket, recall,
 * break text, blank). A display fault never fails an action: the caller
 * gets the code to report it.
 *
 * Ownership: counter_display_open() fills a struct the caller releases with
 * counter_display_close(). One thread.
 */
#ifndef SADUAK_COUNTER_DISPLAY_H
#define SADUAK_COUNTER_DISPLAY_H

#include <stdbool.h>

#include "config.h"
#include "counter_actions.h"
#include "error.h"
#include "led_display.h"

struct counter_display {
	struct led_bus *bus;     /* NULL when the counter has no display */
	struct led_display *led; /* owned by bus */
	int counter;
};

/*
 * Open counter's display at monotonic now_ms. SQ_OK with out->led NULL when
 * the counter has none; a display that cannot be reached yet is SQ_OK too
 * (offline, retried by counter_display_poll). SQ_ERR_INVALID or
 * SQ_ERR_NOMEM (err says why) leaves out->led NULL.
 */
int counter_display_open(const struct config *cfg, int counter, int64_t now_ms,
                         struct counter_display *out, struct sq_error *err);

/* Close the bus (waits for written bytes to leave). Safe on a zeroed struct. */
void counter_display_close(struct counter_display *cd);

/*
 * Put what on the display (code for TICKET and RECALL). SQ_OK when the
 * frame went out or there is no display; otherwise the led_display code,
 * with err saying why in one line ("display 1 offline: ...").
 */
int counter_display_show(struct counter_display *cd, enum counter_led what, const char *code,
                         struct sq_error *err);

/*
 * Put what on display d of counter (code for TICKET and RECALL): the one
 * mapping of an action's effect onto frames, which counter_display_show()
 * and the display service (counter_displays.c) share, so that both send the
 * same bytes. Return and err as counter_display_show(); NONE is SQ_OK.
 */
int counter_display_put(struct led_display *d, int counter, enum counter_led what, const char *code,
                        struct sq_error *err);

/* The loop's hook: retry and catch up. True when the display came back. */
bool counter_display_poll(struct counter_display *cd, int64_t now_ms);

#endif
