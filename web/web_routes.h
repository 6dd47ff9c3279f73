/*
 * web_routes.h - what saduak-web answers to each request, apart from HTTP
 * itself (web_http.c), so that tests and the server share one table:
 *
 *   GET /t/TOKEN[?lang=en]   the ticket's page (HTML)
 *   GET /t/TOKEN/live        the changing part of that page (HTML fragment)
 *   POST /t/TOKEN/rate       a finished ticket's rating from the phone (score=1..5)
 *   GET /api/ticket/TOKEN    the ticket (JSON)
 *   GET /api/queue           the public queue summary (JSON)
 *   GET /login, POST /login  the supervisors' login (throttled; sets the session cookie)
 *   POST /logout             ends the session
 *   GET /office[/live]       the live dashboard, for a logged-in supervisor
 *   GET /reports[/YYYY-MM.csv|xlsx|html]  the monthly reports, for a supervisor
 *
 * Anything else is a 404 page; a method the route does not take 405 (no
 * state changes on GET: login and logout are POST); a GET with a body 413; a path or argument that
 * is not UTF-8 400; a log that cannot be read 503. Error pages are in Thai and English, errors of
 * /api/ JSON. One thread (the web_data's).
 */
#ifndef SADUAK_WEB_ROUTES_H
#define SADUAK_WEB_ROUTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web_config.h"
#include "web_data.h"
#include "web_session.h"

/* What the routes work with; all owned by the server's thread. */
struct web_app {
	const struct config *cfg;
	const struct web_config *wc;
	struct web_data *data;
	struct web_sessions *sessions;
};

struct web_request {
	const char *method;
	const char *path;    /* percent-decoded, without the query */
	const char *lang;    /* the lang argument, or NULL */
	const char *session; /* the session cookie, or NULL */
	const char *address; /* the client's address, for the login throttle */
	bool https;          /* behind a TLS proxy (X-Forwarded-Proto: https) */
	bool has_body;       /* a Content-Length above 0 or a chunked body */
	const char *body;    /* the form of a POST (NUL-terminated), or NULL */
};

struct web_reply {
	int status;
	const char *type; /* Content-Type (static) */
	char *body;       /* malloc'd; the caller frees it */
	size_t len;
	const char *location; /* Location of a redirect (static or location_buf), or NULL */
	char location_buf[64];
	char set_cookie[192]; /* a Set-Cookie header, or "" */
	int retry_after;      /* seconds, for 429; 0 for none */
	char disposition[96]; /* a Content-Disposition header (a download), or "" */
};

/*
 * Answer rq at now_ms (wall clock) / mono_ms (monotonic) into *out.
 * SQ_OK, or SQ_ERR_NOMEM when not even the error page could be made
 * (out->body NULL).
 */
int web_route(struct web_app *app, const struct web_request *rq, int64_t now_ms, int64_t mono_ms,
              struct web_reply *out);

#endif
