/*
 * console_private.h - what the officer console's two files share: the
 * console's state (counter_console.c: loading, actions, choosers, events)
 * and its drawing (console_draw.c). Not for other modules.
 */
#ifndef SADUAK_CONSOLE_PRIVATE_H
#define SADUAK_CONSOLE_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "console_layout.h"
#include "counter_display.h"
#include "store.h"
#include "ui.h"

#define QUEUE_MAX   64 /* waiting tickets read for the list and the chooser */
#define CHOICES_MAX 64 /* entries of one chooser (pages of 9) */

/* Colours of the console. */
static const SDL_Color C_BG = {236, 240, 245, 255};
static const SDL_Color C_HEADER = {22, 58, 110, 255};
static const SDL_Color C_CARD = {255, 255, 255, 255};
static const SDL_Color C_TEXT = {25, 30, 40, 255};
static const SDL_Color C_DIM = {105, 115, 130, 255};
static const SDL_Color C_WHITE = {255, 255, 255, 255};
static const SDL_Color C_BUTTON = {40, 96, 170, 255};
static const SDL_Color C_BUTTON_OFF = {196, 204, 214, 255};
static const SDL_Color C_OK = {30, 150, 80, 255};
static const SDL_Color C_WARN = {214, 140, 20, 255};
static const SDL_Color C_FAULT = {200, 40, 40, 255};
static const SDL_Color C_SHADE = {0, 0, 0, 120};

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
	struct store *store;
	struct counter_display disp;
	bool thai;

	/* What the last reload read. */
	bool loaded;
	struct store_counter state;
	int waiting[CONFIG_MAX_SERVICES]; /* per service of the counter, in its order */
	struct store_ticket queue[QUEUE_MAX];
	size_t n_queue;
	size_t order[QUEUE_MAX]; /* queue in call order */
	size_t n_order;
	int served;
	double mean_minutes;
	struct store_last_event printer, rating;
	int64_t data_version;
	int64_t next_reload_ms; /* monotonic */

	/* Lines on the banner. */
	char message[512];
	SDL_Color message_color;
	int64_t message_until_ms; /* monotonic */
	char db_fault[512];       /* the database failing: shown until it answers */

	/* The LED display. */
	char led_shown[24]; /* "T:A012", "B", "C": what the display was last told */
	char led_line[320]; /* its status line as last drawn */

	/* The chooser, when one is open. */
	enum chooser chooser;
	char choice_text[CHOICES_MAX][160];
	size_t choice_value[CHOICES_MAX];
	size_t n_choices;
	size_t page;           /* first entry shown */
	size_t selected;       /* highlighted entry (absolute index) */
	char pending_code[16]; /* CHOOSE_CALL_REASON: the ticket chosen */

	struct console_layout layout;
	int layout_w, layout_h;
};

/* The text in the console's language. */
static inline const char *
tr(const struct console *c, const char *th, const char *en)
{
	return c->thai ? th : en;
}

/* Whether action a can be taken now (its button lit). counter_console.c. */
bool console_action_enabled(const struct console *c, enum console_action a);

/* The label of action a's button, as things stand. counter_console.c. */
const char *console_action_label(const struct console *c, enum console_action a);

/* The title of the open chooser. counter_console.c. */
const char *console_chooser_title(const struct console *c);

/* Lay out for the window and the chooser, then draw everything. console_draw.c. */
void console_draw(struct console *c, struct ui *ui);

#endif
