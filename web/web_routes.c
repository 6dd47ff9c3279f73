#include "web_routes.h"

#include <stdio.h>
#include <string.h>

#include "log.h"
#include "web_auth.h"
#include "web_book.h"
#include "web_counter.h"
#include "web_input.h"
#include "web_json.h"
#include "web_office.h"
#include "web_reports.h"
#include "web_page.h"

#define TYPE_HTML "text/html; charset=utf-8"
#define TYPE_JSON "application/json; charset=utf-8"

/* A route: its path prefix, whether it answers in JSON, and its handler. */
struct route {
	const char *prefix;
	bool exact; /* the path must be the prefix itself */
	bool json;
	bool post; /* takes POST (a form) instead of GET and HEAD */
	/* Reads the log itself: the public queue (web_data_refresh) is not brought up to date. */
	bool own_reads;
	bool staff; /* staff's page: a right the role lacks is said (web_staff_status_of()) */
	/* Fill b; the HTTP status. */
	int (*handle)(struct web_app *app, const struct web_call *c, struct web_buf *b);
};

int
web_status_of(int rc)
{
	return rc == SQ_ERR_NOTFOUND ? 404 : rc == SQ_ERR_NOMEM ? 500 : 503;
}

int
web_staff_status_of(int rc, struct web_buf *b)
{
	if (rc == SQ_ERR_DENIED)
		web_page_denied(b);
	return web_status_of(rc);
}

/* The view of the ticket whose token is the whole of token: 200 or an error status. */
static int
find_ticket(struct web_data *d, const char *token, int64_t now_ms, struct web_ticket_view *v)
{
	struct sq_error err = {0};
	int rc;

	/* A sequential code or anything else not shaped like a token never reaches the log. */
	if (!store_web_token_valid(token))
		return 404;
	rc = web_data_ticket(d, token, now_ms, v, &err);
	if (rc != SQ_OK && rc != SQ_ERR_NOTFOUND)
		log_warn("reading a ticket: %s", err.msg);
	return rc == SQ_OK ? 200 : web_status_of(rc);
}

/*
 * Split "TOKEN[/MORE]" into token (STORE_WEB_TOKEN_LEN + 1 bytes) and
 * *more ("" or "/MORE"); false when the first part is too long for a token.
 */
static bool
split_token(const char *rest, char *token, const char **more)
{
	size_t len = strcspn(rest, "/");

	if (len > STORE_WEB_TOKEN_LEN)
		return false;
	memcpy(token, rest, len);
	token[len] = '\0';
	*more = rest + len;
	return true;
}

/* /t/TOKEN and /t/TOKEN/live. */
static int
ticket_page(struct web_app *app, const struct web_call *c, struct web_buf *b)
{
	char token[STORE_WEB_TOKEN_LEN + 1];
	struct web_ticket_view v;
	const char *more;
	int status;

	if (!split_token(c->rest, token, &more) || (*more && strcmp(more, "/live") != 0))
		return 404;
	bool live = *more != '\0';
	if ((status = find_ticket(app->data, token, c->now_ms, &v)) != 200)
		return status;
	if (live)
		web_page_state(b, &v, c->now_ms, c->en);
	else
		web_page_ticket(b, app->cfg, &v, c->now_ms, c->en);
	return 200;
}

int
web_redirect(const struct web_call *c, const char *location)
{
	c->out->location = location;
	return 303;
}

/*
 * POST /t/TOKEN/rate (score=1..5): an ordinary rating of a finished ticket,
 * logged with the channel "web"; once per ticket across channels, within
 * the window. Back to the ticket's page either way, which then says what
 * happened (thanks, or nothing more to rate).
 */
static int
rate_ticket(struct web_app *app, const struct web_call *c, struct web_buf *b)
{
	char token[STORE_WEB_TOKEN_LEN + 1], score_text[4];
	struct web_ticket_view v;
	struct sq_error err = {0};
	const char *more;
	int status, score;

	(void)b;
	if (!split_token(c->rest, token, &more) || strcmp(more, "/rate") != 0)
		return 404;
	if ((status = find_ticket(app->data, token, c->now_ms, &v)) != 200)
		return status;
	if (!c->rq->body || !web_form_get(c->rq->body, "score", score_text, sizeof(score_text)) ||
	    strlen(score_text) != 1 || score_text[0] < '1' || score_text[0] > '5')
		return 400;
	score = score_text[0] - '0';
	if (store_rate_via(app->data->log->store, app->cfg, 0, v.ticket.id, score,
	                   RATING_REASON_NONE, "web", c->now_ms, NULL, &err) != SQ_OK)
		log_info("rating of %s from the web refused: %s", v.ticket.code, err.msg);
	snprintf(c->out->location_buf, sizeof(c->out->location_buf), "/t/%s%s", token,
	         c->en ? "?lang=en" : "");
	return web_redirect(c, c->out->location_buf);
}

/* /api/ticket/TOKEN. */
static int
ticket_json(struct web_app *app, const struct web_call *c, struct web_buf *b)
{
	struct web_ticket_view v;
	int status = find_ticket(app->data, c->rest, c->now_ms, &v);

	if (status == 200)
		web_json_ticket(b, app->cfg, &v);
	return status;
}

/* /api/queue. */
static int
queue_json(struct web_app *app, const struct web_call *c, struct web_buf *b)
{
	(void)c;
	web_json_queue(b, app->cfg, &app->data->estimates.queue, app->data);
	return 200;
}

void
web_set_session_cookie(const struct web_call *c, const char *token)
{
	snprintf(c->out->set_cookie, sizeof(c->out->set_cookie),
	         "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s", WEB_SESSION_COOKIE,
	         token ? token : "", token ? WEB_SESSION_LIFE_MS / 1000 : 0LL,
	         c->rq->https ? "; Secure" : "");
}

/* GET /login: the form, or the dashboard when already logged in. */
static int
login_form(struct web_app *app, const struct web_call *c, struct web_buf *b)
{
	if (web_session_user(app->sessions, WEB_ROLE_SUPERVISOR, c->rq->session, c->mono_ms))
		return web_redirect(c, "/office");
	web_office_login(b, app->cfg, NULL);
	return 200;
}

int
web_login(struct web_app *app, const struct web_call *c, enum web_role role, const char *user,
          char *password, size_t n, struct web_session **out, const char **why)
{
	struct sq_error err = {0};
	const char *address = c->rq->address ? c->rq->address : "";
	int wait = web_login_wait_seconds(app->sessions, user, address, c->mono_ms);
	bool ok = wait == 0 && web_auth_check(app->cfg, role, user, password);

	explicit_bzero(password, n);
	*out = NULL;
	if (wait > 0) {
		log_warn("login of '%s' from %s refused: too many failures", user, address);
		c->out->retry_after = wait;
		*why = "ลองผิดหลายครั้งเกินไป กรุณารอสักครู่ / Too many failed logins: wait a while";
		return 429;
	}
	if (!ok) {
		web_login_failed(app->sessions, user, address, c->mono_ms);
		log_warn("failed login of '%s' from %s", user, address);
		*why = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง / Wrong user or password";
		return 403;
	}
	if (web_session_open(app->sessions, role, user, c->mono_ms, out, &err)) {
		log_error("opening a session: %s", err.msg);
		return 500;
	}
	log_info("'%s' logged in from %s", user, address);
	web_set_session_cookie(c, (*out)->token);
	return 303;
}

/* POST /login: a supervisor's session. */
static int
login(struct web_app *app, const struct web_call *c, struct web_buf *b)
{
	char user[CONFIG_ID_LEN], password[256];
	struct web_session *session;
	const char *why = NULL;
	int status;

	if (!c->rq->body || !web_form_get(c->rq->body, "user", user, sizeof(user)) ||
	    !web_form_get(c->rq->body, "password", password, sizeof(password)))
		return 400;
	status = web_login(app, c, WEB_ROLE_SUPERVISOR, user, password, sizeof(password), &session,
	                   &why);
	if (status == 303)
		return web_redirect(c, "/office");
	if (why)
		web_office_login(b, app->cfg, why);
	return status;
}

/* POST /logout. */
static int
logout(struct web_app *app, const struct web_call *c, struct web_buf *b)
{
	(void)b;
	web_session_close(app->sessions, c->rq->session);
	web_set_session_cookie(c, NULL);
	return web_redirect(c, "/login");
}

/* GET /office and /office/live, for a logged-in supervisor. */
static int
office(struct web_app *app, const struct web_call *c, struct web_buf *b)
{
	const char *user =
	    web_session_user(app->sessions, WEB_ROLE_SUPERVISOR, c->rq->session, c->mono_ms);
	bool live = strcmp(c->rest, "/live") == 0;
	struct web_office_view v;
	struct sq_error err = {0};
	int rc;

	if (!live && c->rest[0])
		return 404;
	if (!user)
		return live ? 403 : web_redirect(c, "/login");
	if ((rc = web_data_office(app->data, c->now_ms, &v, &err))) {
		log_warn("reading the floor: %s", err.msg);
		return web_staff_status_of(rc, b);
	}
	if (live)
		web_office_live(b, app->cfg, app->wc, &v, c->now_ms);
	else
		web_office_page(b, app->cfg, app->wc, &v, user, c->now_ms);
	return 200;
}

/* The month and format of "/YYYY-MM.EXT" into *year, *month, *kind; false if not that. */
static bool
parse_report_name(const char *rest, int *year, int *month, const struct web_report_kind **kind)
{
	char ext[8];
	int used = 0;
	size_t len = strlen(rest);

	/* Exactly "/" 4 digits "-" 2 digits "." and the format: nothing else opens a report. */
	if (len < 10 || len > 13 || rest[0] != '/' || rest[5] != '-' || rest[8] != '.' ||
	    strspn(rest + 1, "0123456789") != 4 || strspn(rest + 6, "0123456789") != 2 ||
	    sscanf(rest, "/%4d-%2d.%7[a-z]%n", year, month, ext, &used) != 3 ||
	    (size_t)used != len || *year < 2000 || *month < 1 || *month > 12)
		return false;
	*kind = web_report_kind_find(ext);
	return *kind != NULL;
}

/* GET /reports (the list) and /reports/YYYY-MM.EXT (a download), for a supervisor. */
static int
reports(struct web_app *app, const struct web_call *c, struct web_buf *b)
{
	const struct web_report_kind *kind;
	struct sq_error err = {0};
	int year, month, rc;

	if (!web_session_user(app->sessions, WEB_ROLE_SUPERVISOR, c->rq->session, c->mono_ms))
		return web_redirect(c, "/login");
	if (!c->rest[0]) {
		web_reports_page(b, app->cfg, c->now_ms);
		return 200;
	}
	if (!parse_report_name(c->rest, &year, &month, &kind))
		return 404;
	rc = web_report_make(app->data->log->store, app->cfg, year, month, kind,
	                     app->wc->wait_target_minutes, c->now_ms, b, &err);
	if (rc != SQ_OK) {
		log_warn("report %04d-%02d: %s", year, month, err.msg);
		web_buf_release(b);
		return rc == SQ_ERR_INVALID ? 404 : web_status_of(rc);
	}
	c->out->type = kind->type;
	snprintf(c->out->disposition, sizeof(c->out->disposition),
	         "attachment; filename=\"saduak-report-%04d-%02d.%s\"", year, month, kind->format);
	return 200;
}

static const struct route routes[] = {
    {.prefix = "/t/", .handle = ticket_page},
    {.prefix = "/t/", .post = true, .handle = rate_ticket},
    {.prefix = "/api/ticket/", .json = true, .handle = ticket_json},
    {.prefix = "/api/queue", .exact = true, .json = true, .handle = queue_json},
    {.prefix = "/login", .exact = true, .staff = true, .handle = login_form},
    {.prefix = "/login", .exact = true, .post = true, .staff = true, .handle = login},
    {.prefix = "/logout", .exact = true, .post = true, .staff = true, .handle = logout},
    {.prefix = "/office", .staff = true, .handle = office},
    {.prefix = "/reports", .staff = true, .handle = reports},
    {.prefix = "/counter", .own_reads = true, .staff = true, .handle = web_counter_get},
    {.prefix = "/counter/",
     .post = true,
     .own_reads = true,
     .staff = true,
     .handle = web_counter_post},
    {.prefix = "/book", .own_reads = true, .handle = web_book_get},
    {.prefix = "/book", .post = true, .own_reads = true, .handle = web_book_post},
};

/* The reply of status for a request of route r (NULL: no route): an error page. */
static void
error_body(const struct route *r, int status, struct web_buf *b)
{
	if (r && r->json)
		web_json_error(b, status,
		               status == 404   ? "no such ticket today"
		               : status == 503 ? "the queue log is not available"
		                               : "bad request");
	else
		web_page_error(b, status);
}

/*
 * The route of path for method (*method_ok true), else a route of path
 * for another method (*method_ok false: 405), else NULL (404).
 */
static const struct route *
find_route(const char *path, const char *method, bool *method_ok)
{
	bool post = strcmp(method, "POST") == 0;
	bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	const struct route *found = NULL;

	*method_ok = false;
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		size_t n = strlen(routes[i].prefix);
		if (strncmp(path, routes[i].prefix, n) != 0 || (routes[i].exact && path[n] != '\0'))
			continue;
		if (routes[i].post ? post : get) {
			*method_ok = true;
			return &routes[i];
		}
		found = &routes[i];
	}
	return found;
}

int
web_route(struct web_app *app, const struct web_request *rq, int64_t now_ms, int64_t mono_ms,
          struct web_reply *out)
{
	struct web_buf b = {0};
	struct sq_error err = {0};
	bool method_ok;
	const struct route *r = find_route(rq->path, rq->method, &method_ok);
	int status = 404;

	memset(out, 0, sizeof(*out));
	if (r && !method_ok)
		status = 405;
	else if (r && rq->has_body && !(r->post && rq->body))
		status = 413; /* a body where none belongs, or a form too large to read */
	else if (!web_text_valid(rq->path, strlen(rq->path)) ||
	         (rq->lang && !web_text_valid(rq->lang, strlen(rq->lang))))
		status = 400;
	else if (r && web_data_reach(app->data, mono_ms, &err) != SQ_OK)
		/* Logged once by the poll, until the log answers again. */
		status = r->staff ? web_staff_status_of(err.code, &b) : 503;
	else if (r && !r->own_reads &&
	         web_data_refresh(app->data, now_ms, mono_ms, &err) != SQ_OK &&
	         !app->data->loaded) {
		log_warn("reading the queue: %s", err.msg);
		status = 503;
	} else if (r) {
		struct web_call c = {
		    .rq = rq,
		    .rest = rq->path + strlen(r->prefix),
		    .en = rq->lang && strcmp(rq->lang, "en") == 0,
		    .now_ms = now_ms,
		    .mono_ms = mono_ms,
		    .out = out,
		};
		status = r->handle(app, &c, &b);
	}
	/* Pages that carry their own words (login refused) keep them; others get the error page. */
	if (status != 200 && status != 303 && b.len == 0)
		error_body(r, status, &b);
	out->status = status;
	if (!out->type || status != 200)
		out->type = r && r->json ? TYPE_JSON : TYPE_HTML;
	out->body = web_buf_take(&b, &out->len);
	return out->body ? SQ_OK : SQ_ERR_NOMEM;
}
