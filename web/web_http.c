#include "web_http.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "log.h"
#include "web_book.h"
#include "web_input.h"
#include "web_routes.h"

struct web_http {
	struct MHD_Daemon *daemon;
	struct web_app *app; /* used on the daemon's thread only */
};

/* Headers every answer carries: no caching, no sniffing, no referrer, nothing external. */
static const struct {
	const char *name;
	const char *value;
} common_headers[] = {
    {"Cache-Control", "no-store"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Content-Security-Policy",
     "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
     "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
};

/* What MHD keeps for one request between its calls. */
struct request_state {
	size_t len;
	bool too_big;
	char body[WEB_FORM_MAX + 1];
};

/* The announced body length: 0 for none, -1 for chunked or unreadable. */
static long long
body_length(struct MHD_Connection *c)
{
	const char *length = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	char *end;

	if (MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding"))
		return -1;
	if (!length)
		return 0;
	long long n = strtoll(length, &end, 10);
	return *end || n < 0 ? -1 : n;
}

/* The client's address as text, "" when unknown. */
static void
client_address(struct MHD_Connection *c, char *out, size_t n)
{
	const union MHD_ConnectionInfo *info =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = info ? info->client_addr : NULL;

	out[0] = '\0';
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
		          (socklen_t)n);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
		          out, (socklen_t)n);
}

/* Send reply on c; MHD_NO drops the connection. */
static enum MHD_Result
send_reply(struct MHD_Connection *c, struct web_reply *reply)
{
	struct MHD_Response *resp =
	    MHD_create_response_from_buffer(reply->len, reply->body, MHD_RESPMEM_MUST_FREE);
	enum MHD_Result ret;

	if (!resp) {
		free(reply->body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", reply->type);
	for (size_t i = 0; i < sizeof(common_headers) / sizeof(common_headers[0]); i++)
		MHD_add_response_header(resp, common_headers[i].name, common_headers[i].value);
	if (reply->status == 405)
		MHD_add_response_header(resp, "Allow", "GET, HEAD, POST");
	if (reply->location)
		MHD_add_response_header(resp, "Location", reply->location);
	if (reply->disposition[0])
		MHD_add_response_header(resp, "Content-Disposition", reply->disposition);
	if (reply->set_cookie[0])
		MHD_add_response_header(resp, "Set-Cookie", reply->set_cookie);
	if (reply->retry_after > 0) {
		char retry[16];
		snprintf(retry, sizeof(retry), "%d", reply->retry_after);
		MHD_add_response_header(resp, "Retry-After", retry);
	}
	/* A refused body is not read: close rather than parse what follows. */
	if (reply->status == 413)
		MHD_add_response_header(resp, "Connection", "close");
	ret = MHD_queue_response(c, (unsigned)reply->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/*
 * MHD's request callback. A GET is answered once MHD has the request
 * whole, so that the connection can be kept alive; a POST's form (up to
 * WEB_FORM_MAX) is gathered first; a body that is too large, or on a
 * GET, is refused at once without reading it.
 */
static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
           const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	struct web_http *h = cls;
	struct request_state *st = *con_cls;
	struct web_reply reply = {0};
	const char *proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto");
	long long length = body_length(c);
	bool post = strcmp(method, "POST") == 0;
	char address[64];

	(void)version;
	if (!st && (length == 0 || (post && length > 0 && length <= WEB_FORM_MAX))) {
		st = calloc(1, sizeof(*st));
		if (!st)
			return MHD_NO;
		*con_cls = st;
		return MHD_YES;
	}
	if (st && *upload_data_size > 0) {
		size_t n = *upload_data_size;
		if (st->len + n > WEB_FORM_MAX)
			st->too_big = true;
		else
			memcpy(st->body + st->len, upload_data, n);
		st->len += st->too_big ? 0 : n;
		*upload_data_size = 0;
		return MHD_YES;
	}
	client_address(c, address, sizeof(address));
	struct web_request rq = {
	    .method = method,
	    .path = url,
	    .lang = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang"),
	    .session = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, WEB_SESSION_COOKIE),
	    .csrf = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, WEB_FORM_COOKIE),
	    .address = address,
	    .https = proto && strcmp(proto, "https") == 0,
	    .has_body = !st || st->too_big || st->len > 0,
	    .body = st && post && !st->too_big ? st->body : NULL,
	};
	if (st)
		st->body[st->len] = '\0';
	pthread_mutex_lock(&h->app->lock);
	int rc = web_route(h->app, &rq, clock_now_ms(), clock_monotonic_ms(), &reply);
	pthread_mutex_unlock(&h->app->lock);
	if (rc != SQ_OK)
		return MHD_NO; /* out of memory: drop the connection */
	return send_reply(c, &reply);
}

/* Free what a request kept. */
static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
             enum MHD_RequestTerminationCode code)
{
	(void)cls;
	(void)c;
	(void)code;
	if (*con_cls) {
		explicit_bzero(*con_cls, sizeof(struct request_state)); /* it may hold a password */
		free(*con_cls);
		*con_cls = NULL;
	}
}

/* MHD's own complaints (a malformed request, a full connection table) go to the log. */
static void
on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];

	(void)cls;
	vsnprintf(line, sizeof(line), fmt, ap);
	line[strcspn(line, "\n")] = '\0';
	log_info("http: %s", line);
}

int
web_http_start(const struct web_config *wc, struct web_app *app, struct web_http **out,
               struct sq_error *err)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)wc->port)};
	struct web_http *h;

	*out = NULL;
	if (inet_pton(AF_INET, wc->listen, &addr.sin_addr) != 1)
		return sq_error_set(err, SQ_ERR_INVALID, "'%s' is not an IPv4 address", wc->listen);
	h = calloc(1, sizeof(*h));
	if (!h)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory starting the web server");
	h->app = app;
	h->daemon = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL,
	    on_request, h, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL, MHD_OPTION_SOCK_ADDR,
	    (struct sockaddr *)&addr, MHD_OPTION_CONNECTION_LIMIT, (unsigned)wc->max_connections,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)wc->per_ip_connections,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)wc->timeout_seconds,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)WEB_HTTP_MEMORY_LIMIT,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
	if (!h->daemon) {
		free(h);
		return sq_error_set(err, SQ_ERR_IO,
		                    "unable to listen on %s:%d (in use, or not allowed)",
		                    wc->listen, wc->port);
	}
	*out = h;
	return SQ_OK;
}

void
web_http_stop(struct web_http *h)
{
	if (!h)
		return;
	MHD_stop_daemon(h->daemon);
	free(h);
}
