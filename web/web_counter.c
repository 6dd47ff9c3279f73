/*
 * web_counter.c - the officer's counter page: sessions, the counter's
 * one officer, actions through the table, the idle logout.
 * See web_counter.h.
 */
#include "web_counter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_value.h"
#include "counter_actions.h"
#include "counter_screen.h"
#include "log.h"
#include "thaitime.h"
#include "web_counter_page.h"
#include "web_input.h"
#include "web_page.h"

/* The officer's session of the request, its page seen active now; NULL for none. */
static struct web_session *
officer_session(struct web_app *app, const struct web_call *c)
{
	struct web_session *s =
	    web_session_find(app->sessions, WEB_ROLE_OFFICER, c->rq->session, c->mono_ms);

	if (s)
		s->active_ms = c->mono_ms;
	return s;
}

/* Say what happened on the officer's next page (Thai / English, then the detail). */
static void
say(struct web_session *s, bool bad, const char *th, const char *en, const char *detail)
{
	snprintf(s->message, sizeof(s->message), "%s / %s%s%s", th, en, detail ? ": " : "",
	         detail ? detail : "");
	s->message_bad = bad;
}

/* Say why a store call failed, as the console does: the database, or the store's refusal. */
static void
say_error(struct web_session *s, const struct sq_error *err)
{
	static const struct {
		int code;
		const char *th, *en;
	} kinds[] = {
	    {SQ_ERR_EMPTY, "ไม่มีคิวรอ", "Nobody waiting"},
	    {SQ_ERR_STATE, "ทำไม่ได้ในขณะนี้", "Not now"},
	    {SQ_ERR_NOTFOUND, "ไม่พบ", "Not found"},
	    {SQ_ERR_INVALID, "ข้อมูลไม่ถูกต้อง", "Not valid"},
	    {SQ_ERR_DENIED, WEB_DENIED_TH, WEB_DENIED_EN},
	};

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].code == err->code) {
			say(s, true, kinds[i].th, kinds[i].en, err->msg);
			return;
		}
	say(s, true, "ฐานข้อมูลไม่พร้อมใช้งาน", "Database unavailable", err->msg);
}

/*
 * Read and show the counter's screen for session s (the whole page, or the
 * live part); a counter no longer s's (logged out elsewhere) ends the session.
 */
static int
screen(struct web_app *app, const struct web_call *c, struct web_session *s, bool live,
       struct web_buf *b)
{
	const struct config_counter *cc = config_counter_find(app->cfg, s->counter);
	struct store_console_snapshot *now = calloc(1, sizeof(*now));
	size_t order[STORE_CONSOLE_QUEUE_MAX], n_order = 0;
	struct sq_error err = {0};
	int rc;

	if (!now)
		return 500;
	rc = store_console_read(app->data->log->store, app->cfg, s->counter,
	                        thaitime_day_key(c->now_ms), now, &err);
	if (rc != SQ_OK) {
		log_warn("counter %d: reading the log: %s", s->counter, err.msg);
		free(now);
		return web_staff_status_of(rc, b);
	}
	if (now->state.status == COUNTER_CLOSED || strcmp(now->state.officer, s->user) != 0) {
		/* Logged out elsewhere (a console, the command line): this page ends. */
		log_info("counter %d: no longer '%s''s; the page ends", s->counter, s->user);
		web_session_close(app->sessions, s->token);
		web_set_session_cookie(c, NULL);
		free(now);
		if (live)
			return 403;
		web_counter_login(b, app->cfg, "ช่องนี้ออกจากระบบแล้ว / This counter was logged out");
		return 200;
	}
	counter_call_order(app->cfg, cc, now->queue, now->n_queue, now->state.streaks, c->now_ms,
	                   order, &n_order);
	struct web_counter_view v = {
	    .cfg = app->cfg,
	    .cc = cc,
	    .now = now,
	    .order = order,
	    .n_order = n_order,
	    .session = s,
	    .now_ms = c->now_ms,
	};
	if (live) {
		web_counter_live(b, &v);
	} else {
		web_counter_page(b, &v);
		s->message[0] = '\0'; /* said once */
	}
	free(now);
	return 200;
}

int
web_counter_get(struct web_app *app, const struct web_call *c, struct web_buf *b)
{
	struct web_session *s = officer_session(app, c);
	bool live = strcmp(c->rest, "/live") == 0;

	if (!live && c->rest[0])
		return 404;
	if (!s) {
		if (live)
			return 403;
		web_counter_login(b, app->cfg, NULL);
		return 200;
	}
	return screen(app, c, s, live, b);
}

/*
 * Give counter to officer user: SQ_OK when it is theirs now (opened with a
 * login when it was closed, kept when they hold it already); SQ_ERR_STATE
 * with *why (the line to show) when another officer holds it; else the
 * store's error.
 */
static int
take_counter(struct web_app *app, const struct web_call *c, const char *user, int counter,
             const char **why, struct sq_error *err)
{
	struct store_counter st;
	struct counter_action_result r;
	int rc;

	if ((rc = store_counter_get(app->data->log->store, counter, &st, err)) != SQ_OK)
		return rc;
	if (st.status != COUNTER_CLOSED && strcmp(st.officer, user) != 0) {
		log_warn("login of '%s' at counter %d from %s refused: open for '%s'", user,
		         counter, c->rq->address ? c->rq->address : "", st.officer);
		*why = "ช่องนี้มีเจ้าหน้าที่อื่นเปิดใช้อยู่ / This counter is open for another "
		       "officer";
		return SQ_ERR_STATE;
	}
	if (st.status != COUNTER_CLOSED)
		return SQ_OK; /* the same officer: a console or an earlier tab hands over */
	return counter_action_run(&counter_actions[COUNTER_ACTION_LOGIN], app->data->log->store,
	                          app->cfg, counter, &(struct counter_action_args){.officer = user},
	                          &r, err);
}

/* POST /counter/login: the password, then the counter, then the session. */
static int
login(struct web_app *app, const struct web_call *c, struct web_buf *b)
{
	char user[CONFIG_ID_LEN], password[256], number[8];
	struct web_session *s, *old;
	struct sq_error err = {0};
	const char *why = NULL;
	int counter, status, rc;

	if (!c->rq->body || !web_form_get(c->rq->body, "user", user, sizeof(user)) ||
	    !web_form_get(c->rq->body, "password", password, sizeof(password)) ||
	    !web_form_get(c->rq->body, "counter", number, sizeof(number)) ||
	    !config_value_int(number, 1, 99, &counter) || !config_counter_find(app->cfg, counter))
		return 400;
	status = web_login(app, c, WEB_ROLE_OFFICER, user, password, sizeof(password), &s, &why);
	if (status != 303) {
		if (why)
			web_counter_login(b, app->cfg, why);
		return status;
	}
	if ((rc = take_counter(app, c, user, counter, &why, &err)) != SQ_OK) {
		web_session_close(app->sessions, s->token);
		web_set_session_cookie(c, NULL);
		if (!why)
			log_warn("login of '%s' at counter %d: %s", user, counter, err.msg);
		web_counter_login(b, app->cfg,
		                  why ? why : "ฐานข้อมูลไม่พร้อมใช้งาน / Database unavailable");
		return why ? 409 : web_status_of(rc);
	}
	s->counter = counter;
	/* The same officer in a second tab: the first one's page ends. */
	while ((old = web_session_of_counter(app->sessions, counter, s)) != NULL) {
		log_info("counter %d: '%s' takes over from an earlier page", counter, user);
		web_session_close(app->sessions, old->token);
	}
	log_info("counter %d: '%s' opened it from the browser", counter, user);
	return web_redirect(c, "/counter");
}

/* The action's input from the form. */
static void
action_args(const char *body, struct counter_action_args *in, char *service, char *code,
            char *reason, size_t n)
{
	if (web_form_get(body, "service", service, n))
		in->service = service;
	if (web_form_get(body, "code", code, n))
		in->code = code;
	if (web_form_get(body, "reason", reason, n))
		in->reason = reason;
}

/* Run action a for session s and say what it did. */
static void
act(struct web_app *app, struct web_session *s, const struct counter_action *a,
    const struct counter_action_args *in)
{
	struct counter_action_result r;
	struct sq_error err = {0};

	if (counter_action_run(a, app->data->log->store, app->cfg, s->counter, in, &r, &err) !=
	    SQ_OK) {
		log_warn("counter %d: %s by '%s' refused: %s", s->counter, a->name, s->user,
		         err.msg);
		say_error(s, &err);
		return;
	}
	log_info("counter %d: %s by '%s'%s%s", s->counter, a->name, s->user,
	         r.ticket.code[0] ? ": " : "", r.ticket.code);
	say(s, false, a->done_th, a->done_en, r.ticket.code[0] ? r.ticket.code : NULL);
}

/* POST /counter/act: CSRF, sequence, the counter still the officer's, then the action. */
static int
action(struct web_app *app, const struct web_call *c)
{
	struct web_session *s = officer_session(app, c);
	char csrf[STORE_WEB_TOKEN_LEN + 1], seq_text[24], name[24];
	char service[128], code[128], reason[128];
	struct counter_action_args in = {0};
	const struct counter_action *a;
	struct store_counter st;
	struct sq_error err = {0};
	long long seq;
	char *end;

	if (!s)
		return 403;
	if (!c->rq->body || !web_form_get(c->rq->body, "csrf", csrf, sizeof(csrf)) ||
	    strcmp(csrf, s->csrf) != 0) {
		log_warn("counter %d: a POST without the page's CSRF token refused", s->counter);
		return 403;
	}
	if (!web_form_get(c->rq->body, "seq", seq_text, sizeof(seq_text)) ||
	    !web_form_get(c->rq->body, "action", name, sizeof(name)) ||
	    !(a = counter_action_find(name)) || a == &counter_actions[COUNTER_ACTION_LOGIN])
		return 400;
	seq = strtoll(seq_text, &end, 10);
	if (*end || end == seq_text)
		return 400;
	if (seq != s->seq + 1) {
		log_info("counter %d: %s by '%s' sent again: ignored", s->counter, a->name,
		         s->user);
		return web_redirect(c, "/counter");
	}
	s->seq = seq;
	if (store_counter_get(app->data->log->store, s->counter, &st, &err) != SQ_OK) {
		say_error(s, &err);
		return web_redirect(c, "/counter");
	}
	if (st.status == COUNTER_CLOSED || strcmp(st.officer, s->user) != 0) {
		/* Logged out elsewhere (console, command line, another officer): this page ends. */
		log_info("counter %d: no longer '%s''s; the page ends", s->counter, s->user);
		web_session_close(app->sessions, s->token);
		web_set_session_cookie(c, NULL);
		return web_redirect(c, "/counter");
	}
	action_args(c->rq->body, &in, service, code, reason, sizeof(service));
	act(app, s, a, &in);
	if (a == &counter_actions[COUNTER_ACTION_LOGOUT] && !s->message_bad) {
		web_session_close(app->sessions, s->token);
		web_set_session_cookie(c, NULL);
	}
	return web_redirect(c, "/counter");
}

int
web_counter_post(struct web_app *app, const struct web_call *c, struct web_buf *b)
{
	if (strcmp(c->rest, "login") == 0)
		return login(app, c, b);
	if (strcmp(c->rest, "act") == 0)
		return action(app, c);
	return 404;
}

void
web_counter_idle(struct web_app *app, int64_t mono_ms)
{
	int64_t idle_ms = (int64_t)app->wc->counter_idle_seconds * 1000;
	struct web_session *s;
	struct store_counter st;
	struct counter_action_result r;
	char reason[96];

	/* Out of reach, a silent page is closed once the log answers again. */
	while (screen_log_up(app->data->log) &&
	       (s = web_session_idle(app->sessions, mono_ms, idle_ms)) != NULL) {
		struct sq_error err = {0};

		snprintf(reason, sizeof(reason), "idle: browser page silent for %d s",
		         app->wc->counter_idle_seconds);
		if (store_counter_get(app->data->log->store, s->counter, &st, &err) == SQ_OK &&
		    st.status != COUNTER_CLOSED && strcmp(st.officer, s->user) == 0 &&
		    counter_action_run(&counter_actions[COUNTER_ACTION_LOGOUT],
		                       app->data->log->store, app->cfg, s->counter,
		                       &(struct counter_action_args){.reason = reason}, &r,
		                       &err) != SQ_OK)
			log_warn("counter %d: '%s' idle, the counter stays open: %s", s->counter,
			         s->user, err.msg);
		else
			log_info("counter %d: '%s' logged out (%s)", s->counter, s->user, reason);
		web_session_close(app->sessions, s->token);
	}
}
