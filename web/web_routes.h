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
 *   GET /counter[/live], POST /counter/login, /counter/act  the officer's counter page
 *                            (web_counter.h)
 *   GET /book..., POST /book, /book/CODE/cancel  advance booking (web_book.h)
 *
 * Anything else is a 404 page; a method the route does not take 405 (no
 * state changes on GET: login and logout are POST); a GET with a body 413; a path or argument that
 * is not UTF-8 400; a log that cannot be read 503. Error pages are in Thai and English, errors of
 * /api/ JSON. One thread (the web_data's).
 */
#ifndef SADUAK_WEB_ROUTES_H
#define SADUAK_WEB_ROUTES_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web_buf.h"
#include "web_config.h"
#include "web_data.h"
#include "web_ratelimit.h"
#include "web_session.h"

/* What the routes work with; all owned by the server's thread. */
struct web_app {
	const struct config *cfg;
	const struct web_config *wc;
	struct web_data *data;
	struct web_sessions *sessions;
	struct web_ratelimit *book_limit;  /* booking POSTs per client address */
	struct web_ratelimit *book_misses; /* unknown booking codes asked per address */
	const uint8_t *id_key;             /* the ID number's hash key ([web] id_key_file) */
	size_t id_key_len;                 /* 0: no key, /book asks no ID number */
	pthread_mutex_t
	    lock; /* held by the server's thread per request, by main for the idle check */
};

struct web_request {
	const char *method;
	const char *path;    /* percent-decoded, without the query */
	const char *lang;    /* the lang argument, or NULL */
	const char *session; /* the session cookie, or NULL */
	const char *csrf;    /* the booking forms' token cookie (saduak_form), or NULL */
	const char *address; /* the client's address, for the login throttle and booking limits */
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

/* What a route's handler gets besides the app. */
struct web_call {
	const struct web_request *rq;
	const char *rest; /* the path after the route's prefix */
	bool en;          /* ?lang=en */
	int64_t now_ms, mono_ms;
	struct web_reply *out; /* for headers; the body goes to the handler's web_buf */
};

/* For the route handlers of other files (web_counter.c). */

/* The HTTP status of a store error: 404, 500 or 503. */
int web_status_of(int rc);

/*
 * The HTTP status of a staff page's failed read (web_status_of()); for a
 * right saduak-web's role lacks (SQ_ERR_DENIED) b gets the page saying so.
 */
int web_staff_status_of(int rc, struct web_buf *b);

/* Make c's reply a 303 to location (static); 303. */
int web_redirect(const struct web_call *c, const char *location);

/* Set (token) or clear (NULL) the session cookie: HttpOnly, SameSite=Strict, Secure over TLS. */
void web_set_session_cookie(const struct web_call *c, const char *token);

/*
 * Log user in as role with password (n bytes, wiped here): throttled per
 * name and address, then the hash checked, then a session opened (*out) and
 * its cookie set: 303. Else 429 (Retry-After set), 403 or 500, with *why the
 * line to show (Thai / English; NULL for 500). Every outcome is logged.
 */
int web_login(struct web_app *app, const struct web_call *c, enum web_role role, const char *user,
              char *password, size_t n, struct web_session **out, const char **why);

/*
 * Answer rq at now_ms (wall clock) / mono_ms (monotonic) into *out.
 * SQ_OK, or SQ_ERR_NOMEM when not even the error page could be made
 * (out->body NULL).
 */
int web_route(struct web_app *app, const struct web_request *rq, int64_t now_ms, int64_t mono_ms,
              struct web_reply *out);

#endif
