#include "web_routes.h"

#include <string.h>

#include "log.h"
#include "web_json.h"
#include "web_page.h"

#define TYPE_HTML "text/html; charset=utf-8"
#define TYPE_JSON "application/json; charset=utf-8"

/* A route: its path prefix, whether it answers in JSON, and its handler. */
struct route {
	const char *prefix;
	bool exact; /* the path must be the prefix itself */
	bool json;
	/* Fill b for rest (the path after the prefix); the HTTP status. */
	int (*handle)(struct web_data *d, const char *rest, bool en, int64_t now_ms,
	              struct web_buf *b);
};

/* The HTTP status of a store error. */
static int
status_of(int rc)
{
	return rc == SQ_ERR_NOTFOUND ? 404 : rc == SQ_ERR_NOMEM ? 500 : 503;
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
	return rc == SQ_OK ? 200 : status_of(rc);
}

/* /t/TOKEN and /t/TOKEN/live. */
static int
ticket_page(struct web_data *d, const char *rest, bool en, int64_t now_ms, struct web_buf *b)
{
	char token[STORE_WEB_TOKEN_LEN + 1];
	struct web_ticket_view v;
	const char *slash = strchr(rest, '/');
	size_t len = slash ? (size_t)(slash - rest) : strlen(rest);
	bool live = slash && strcmp(slash, "/live") == 0;
	int status;

	if ((slash && !live) || len >= sizeof(token))
		return 404;
	memcpy(token, rest, len);
	token[len] = '\0';
	if ((status = find_ticket(d, token, now_ms, &v)) != 200)
		return status;
	if (live)
		web_page_state(b, &v, now_ms, en);
	else
		web_page_ticket(b, d->cfg, &v, now_ms, en);
	return 200;
}

/* /api/ticket/TOKEN. */
static int
ticket_json(struct web_data *d, const char *rest, bool en, int64_t now_ms, struct web_buf *b)
{
	struct web_ticket_view v;
	int status = find_ticket(d, rest, now_ms, &v);

	(void)en;
	if (status == 200)
		web_json_ticket(b, d->cfg, &v);
	return status;
}

/* /api/queue. */
static int
queue_json(struct web_data *d, const char *rest, bool en, int64_t now_ms, struct web_buf *b)
{
	(void)rest;
	(void)en;
	(void)now_ms;
	web_json_queue(b, d->cfg, &d->queue);
	return 200;
}

static const struct route routes[] = {
    {.prefix = "/t/", .handle = ticket_page},
    {.prefix = "/api/ticket/", .json = true, .handle = ticket_json},
    {.prefix = "/api/queue", .exact = true, .json = true, .handle = queue_json},
};

bool
web_text_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		unsigned c = *p++;
		size_t more = c < 0x80             ? 0
		              : (c & 0xe0) == 0xc0 ? 1
		              : (c & 0xf0) == 0xe0 ? 2
		              : (c & 0xf8) == 0xf0 ? 3
		                                   : 4;
		if (c < 0x20 || c == 0x7f || more == 4 || (size_t)(end - p) < more)
			return false;
		unsigned cp = more ? c & (0x3f >> more) : c;
		for (size_t i = 0; i < more; i++, p++) {
			if ((*p & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (*p & 0x3f);
		}
		/* Overlong forms, surrogates and code points past U+10FFFF are not UTF-8. */
		static const unsigned min_cp[] = {0, 0x80, 0x800, 0x10000};
		if (cp < min_cp[more] || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return false;
	}
	return true;
}

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

int
web_route(struct web_data *d, const struct web_request *rq, int64_t now_ms, int64_t mono_ms,
          struct web_reply *out)
{
	struct web_buf b = {0};
	const struct route *r = NULL;
	struct sq_error err = {0};
	int status = 404;

	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]) && !r; i++) {
		size_t n = strlen(routes[i].prefix);
		if (strncmp(rq->path, routes[i].prefix, n) == 0 &&
		    (!routes[i].exact || rq->path[n] == '\0'))
			r = &routes[i];
	}
	if (strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0)
		status = 405;
	else if (rq->has_body)
		status = 413;
	else if (!web_text_valid(rq->path, strlen(rq->path)) ||
	         (rq->lang && !web_text_valid(rq->lang, strlen(rq->lang))))
		status = 400;
	else if (r && web_data_refresh(d, now_ms, mono_ms, &err) != SQ_OK && !d->loaded) {
		log_warn("reading the queue: %s", err.msg);
		status = 503;
	} else if (r) {
		bool en = rq->lang && strcmp(rq->lang, "en") == 0;
		status = r->handle(d, rq->path + strlen(r->prefix), en, now_ms, &b);
	}
	if (status != 200) {
		web_buf_release(&b);
		error_body(r, status, &b);
	}
	out->status = status;
	out->type = r && r->json ? TYPE_JSON : TYPE_HTML;
	out->body = web_buf_take(&b, &out->len);
	return out->body ? SQ_OK : SQ_ERR_NOMEM;
}
