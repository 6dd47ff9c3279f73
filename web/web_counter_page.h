/*
 * web_counter_page.h - the HTML of the officer's counter page (/counter):
 * the login form (officer, password, counter), the counter's screen (the
 * officer, the current ticket, the waiting count per service, the next
 * tickets in the order the counter would call them), one button per action
 * of the table of counter actions (counter_actions.h) with its key, and the
 * live part the page fetches again every second. Thai first, English under.
 *
 * Keys are read by their physical place (KeyboardEvent.code), so a Thai
 * keyboard layout types the same keys; none is one a browser takes for
 * itself (F5 reloads, F11 is full screen, F12 the developer tools), none
 * acts with Ctrl, Alt or Meta held (Ctrl+R still reloads) or while a field
 * has the focus, and a held key acts once (keydown.repeat is ignored).
 *
 * Pure: writes into a web_buf only; every text is escaped.
 */
#ifndef SADUAK_WEB_COUNTER_PAGE_H
#define SADUAK_WEB_COUNTER_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "counter_actions.h"
#include "store_console.h"
#include "web_buf.h"
#include "web_session.h"

/* A key of the page: its KeyboardEvent.code, its label, and what it does. */
struct web_counter_key {
	const char *code;   /* "Enter", "KeyR", "NumpadAdd" */
	const char *label;  /* shown on the button */
	const char *button; /* the button's id: an action name, or "office" (back office) */
	bool alias;         /* a second key of the same button (keypad) */
};

extern const struct web_counter_key web_counter_keys[];
extern const size_t web_counter_n_keys;

/* What the counter's screen shows; pointers are the caller's. */
struct web_counter_view {
	const struct config *cfg;
	const struct config_counter *cc;
	const struct store_console_snapshot *now;
	const size_t *order; /* now->queue in call order */
	size_t n_order;
	const struct web_session *session; /* officer, CSRF token, sequence, message */
	int64_t now_ms;
};

/* The login form; message (may be NULL) says why the last try failed. */
void web_counter_login(struct web_buf *b, const struct config *cfg, const char *message);

/* The whole page of v. */
void web_counter_page(struct web_buf *b, const struct web_counter_view *v);

/* The part of the page that changes (fetched again every second). */
void web_counter_live(struct web_buf *b, const struct web_counter_view *v);

#endif
