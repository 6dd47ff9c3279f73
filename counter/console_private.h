/*
 * console_private.h - what the officer console's state files share: the
 * console's state (counter_console.c: loading, actions, the LED display,
 * events) and its choosers (console_choose.c). The drawing does not see
 * this: it draws a console_view (console_view.h). Not for other modules.
 */
#ifndef SADUAK_CONSOLE_PRIVATE_H
#define SADUAK_CONSOLE_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "console_layout.h"
#include "console_view.h"
#include "counter_actions.h"
#include "counter_display.h"
#include "screen_log.h"
#include "store.h"
#include "store_console.h"
#include "ui.h"

#define CHOICES_MAX 64 /* entries of one chooser (pages of 9) */

enum chooser {
	CHOOSE_NONE,
	CHOOSE_OFFICER,
	CHOOSE_SERVICE,
	CHOOSE_TICKET,
	CHOOSE_CALL_REASON,
	CHOOSE_BREAK,
	CHOOSE_BACK_OFFICE,
};

struct console {
	struct config *cfg;
	const struct config_counter *cc;
	int counter;
	struct screen_log log; /* the store, and whether it answers */
	struct counter_display disp;
	bool thai;

	/* What the last reload read. */
	bool loaded;
	struct store_console_snapshot now;
	size_t order[STORE_CONSOLE_QUEUE_MAX]; /* now.queue in call order */
	size_t n_order;
	int64_t data_version;
	int64_t next_reload_ms; /* monotonic */
	bool shown_down;        /* the banner of the log out of reach is drawn */

	/* Lines on the banner. */
	char message[512];
	enum console_tone message_tone;
	int64_t message_until_ms; /* monotonic */
	int64_t denied_until_ms;  /* monotonic: the banner says the role lacks a right until then */

	/* The LED display. */
	char led_shown[24]; /* "T:A012", "B", "C": what the display was last told */
	char led_line[320]; /* its port's status line, as last logged */

	/* The chooser, when one is open. */
	enum chooser chooser;
	char choice_text[CHOICES_MAX][CONSOLE_CHOICE_LEN];
	size_t choice_value[CHOICES_MAX];
	char choice_code[CHOICES_MAX][16]; /* CHOOSE_TICKET: each entry's ticket */
	size_t n_choices;
	size_t page;           /* first entry shown */
	size_t selected;       /* highlighted entry (absolute index) */
	char pending_code[16]; /* CHOOSE_CALL_REASON: the ticket chosen */

	struct console_layout layout; /* as last drawn, for taps */
};

/* The text in the console's language. */
static inline const char *
tr(const struct console *c, const char *th, const char *en)
{
	return c->thai ? th : en;
}

/* Show a message line on the banner for a while. counter_console.c. */
void console_say(struct console *c, struct ui *ui, enum console_tone tone, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Run action a of the table with args, then drive the LED display, say
 * what happened (with detail, the officer's choice in words, or NULL) and
 * reload. counter_console.c.
 */
void console_act(struct console *c, struct ui *ui, const struct counter_action *a,
                 const struct counter_action_args *args, const char *detail);

/*
 * Open chooser which (filled from the console's state) to pick the input of
 * its action; nothing to choose from says so. console_choose.c.
 */
void console_choose(struct console *c, struct ui *ui, enum chooser which);

/* The title of the open chooser. console_choose.c. */
const char *console_chooser_title(const struct console *c);

/* A key while the chooser is open. console_choose.c. */
void console_chooser_key(struct console *c, struct ui *ui, int32_t key);

/* Pick entry i (absolute) of the open chooser. console_choose.c. */
void console_chooser_pick(struct console *c, struct ui *ui, size_t i);

#endif
