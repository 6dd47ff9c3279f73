/*
 * web_counter.h - the officer's counter page of saduak-web:
 *
 *   GET  /counter          the login form, or the counter's screen once logged in
 *   GET  /counter/live     the changing part of the screen (403 without a session)
 *   POST /counter/login    user, password, counter: log in and open the counter
 *   POST /counter/act      csrf, seq, action [service | code | reason]: one action
 *
 * Every action is one of the table of counter actions (counter_actions.h),
 * run by counter_action_run() as the native console and the verbs run it,
 * logged with the officer; the store's refusals and a database that does
 * not answer are shown as the console shows them. A POST without the
 * session's CSRF token is refused (403); an action whose sequence number is
 * not the next one (a held key, a form sent twice) is ignored.
 *
 * One counter, one officer: a login on a counter open for another officer
 * (from a native console, the command line or another browser) is refused;
 * the same officer takes the counter over (a second tab replaces the first).
 * A page silent for [web] counter_idle_seconds is logged out and its
 * counter closed (web_counter_idle, from the server's loop).
 *
 * Called with the app's lock held (one thread at a time on the store).
 */
#ifndef SADUAK_WEB_COUNTER_H
#define SADUAK_WEB_COUNTER_H

#include <stdint.h>

#include "web_buf.h"
#include "web_routes.h"

/* GET /counter and /counter/live. */
int web_counter_get(struct web_app *app, const struct web_call *c, struct web_buf *b);

/* POST /counter/login and /counter/act. */
int web_counter_post(struct web_app *app, const struct web_call *c, struct web_buf *b);

/*
 * Close the counters of officers' pages silent for counter_idle_seconds at
 * mono_ms (logged out with the reason), and end their sessions.
 */
void web_counter_idle(struct web_app *app, int64_t mono_ms);

#endif
