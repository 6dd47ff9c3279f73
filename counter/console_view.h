/*
 * console_view.h - what the officer console shows, as one plain struct.
 *
 * The console's state code (counter_console.c) fills a console_view from
 * what it loaded and decided; the drawing (console_draw.c) draws from it
 * and knows nothing else of the console. The arrow points one way: the
 * state code includes this header, the drawing includes nothing of the
 * state code.
 *
 * Pointers in a view point into the filler's data and are valid for one
 * draw.
 */
#ifndef SADUAK_CONSOLE_VIEW_H
#define SADUAK_CONSOLE_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "console_layout.h"
#include "store.h"
#include "store_console.h"
#include "ui.h"

#define CONSOLE_CHOICE_LEN 160 /* bytes of one chooser entry's text */

/* The colour of a message on the banner. */
enum console_tone {
	CONSOLE_TONE_OK,
	CONSOLE_TONE_WARN,
	CONSOLE_TONE_FAULT,
};

struct console_view {
	const struct config *cfg;
	const struct config_counter *cc;
	int counter;
	bool thai;
	int64_t now_ms; /* the wall clock: header, waited times, "today" */

	const struct store_counter *state; /* officer, status, current ticket */
	const int *waiting;                /* per service of cc, in its order */
	const struct store_ticket *next[STORE_CONSOLE_QUEUE_MAX]; /* in call order */
	size_t n_next;
	int served;          /* today at this counter */
	double mean_minutes; /* their mean service time */
	const struct store_last_event *printer, *rating;

	bool log_down;       /* the log out of reach: the red banner, keys refused */
	bool denied;         /* the PC's database role lacked a right (log down, or just now) */
	bool loaded;         /* the log was read: the panels below hold what it says */
	const char *message; /* the banner's message, "" for none */
	enum console_tone message_tone;

	struct {
		bool configured; /* the counter has an LED display */
		bool online;
		const char *name; /* its [display NAME] */
	} led;

	struct {
		bool on;           /* lit: the action can be taken now */
		const char *label; /* in the console's language */
	} button[CONSOLE_ACTION_COUNT];

	struct {
		const char *title; /* NULL when no chooser is open */
		const char (*text)[CONSOLE_CHOICE_LEN];
		size_t n, page, selected; /* entries; first shown; highlighted */
	} chooser;
};

/*
 * Lay out for the window and the chooser (into *layout, which the caller
 * keeps for finding what a tap hit), then draw v.
 */
void console_draw(const struct console_view *v, struct ui *ui, struct console_layout *layout);

#endif
