/*
 * web_routes.h - what saduak-web answers to each request, apart from HTTP
 * itself (web_http.c), so that tests and the server share one table:
 *
 *   GET /t/TOKEN[?lang=en]   the ticket's page (HTML)
 *   GET /t/TOKEN/live        the changing part of that page (HTML fragment)
 *   GET /api/ticket/TOKEN    the ticket (JSON)
 *   GET /api/queue           the public queue summary (JSON)
 *
 * Anything else is a 404 page; a method other than GET or HEAD 405; a
 * request with a body 413; a path or argument that is not UTF-8 400; a log
 * that cannot be read 503. Error pages are in Thai and English, errors of
 * /api/ JSON. One thread (the web_data's).
 */
#ifndef SADUAK_WEB_ROUTES_H
#define SADUAK_WEB_ROUTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web_data.h"

struct web_request {
	const char *method;
	const char *path; /* percent-decoded, without the query */
	const char *lang; /* the lang argument, or NULL */
	bool has_body;    /* a Content-Length above 0 or a chunked body */
};

struct web_reply {
	int status;
	const char *type; /* Content-Type (static) */
	char *body;       /* malloc'd; the caller frees it */
	size_t len;
};

/*
 * Answer rq at now_ms (wall clock) / mono_ms (monotonic) into *out.
 * SQ_OK, or SQ_ERR_NOMEM when not even the error page could be made
 * (out->body NULL).
 */
int web_route(struct web_data *d, const struct web_request *rq, int64_t now_ms, int64_t mono_ms,
              struct web_reply *out);

/* True when the n bytes at s are valid UTF-8 without NUL or control characters. */
bool web_text_valid(const char *s, size_t n);

#endif
