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
#include "web_routes.h"

struct web_http {
	struct MHD_Daemon *daemon;
	struct web_data *data; /* used on the daemon's thread only */
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
     "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"},
};

/* Does the request announce a body? */
static bool
has_body(struct MHD_Connection *c)
{
	const char *length = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	const char *chunked = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Transfer-Encoding");

	return (length && strspn(length, "0") != strlen(length)) || chunked;
}

/* MHD's request callback: every answer comes from the headers alone. */
static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
           const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	struct web_http *h = cls;
	struct web_reply reply = {0};
	struct web_request rq = {
	    .method = method,
	    .path = url,
	    .lang = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang"),
	    .has_body = has_body(c),
	};
	struct MHD_Response *resp;
	enum MHD_Result ret;

	(void)version;
	(void)upload_data;
	(void)upload_data_size;
	/*
	 * A request without a body is answered on the second call, once MHD
	 * has it whole, so that the connection can be kept alive; one that
	 * would be refused is answered at once, its body never read.
	 */
	if (!*con_cls && !rq.has_body &&
	    (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)) {
		*con_cls = h;
		return MHD_YES;
	}
	if (web_route(h->data, &rq, clock_now_ms(), clock_monotonic_ms(), &reply) != SQ_OK)
		return MHD_NO; /* out of memory: drop the connection */
	resp = MHD_create_response_from_buffer(reply.len, reply.body, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(reply.body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", reply.type);
	for (size_t i = 0; i < sizeof(common_headers) / sizeof(common_headers[0]); i++)
		MHD_add_response_header(resp, common_headers[i].name, common_headers[i].value);
	if (reply.status == 405)
		MHD_add_response_header(resp, "Allow", "GET, HEAD");
	/* A refused body is not read: close rather than parse what follows. */
	if (reply.status == 413)
		MHD_add_response_header(resp, "Connection", "close");
	ret = MHD_queue_response(c, (unsigned)reply.status, resp);
	MHD_destroy_response(resp);
	return ret;
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
web_http_start(const struct web_config *wc, struct web_data *d, struct web_http **out,
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
	h->data = d;
	h->daemon = MHD_start_daemon(
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL,
	    on_request, h, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL, MHD_OPTION_SOCK_ADDR,
	    (struct sockaddr *)&addr, MHD_OPTION_CONNECTION_LIMIT, (unsigned)wc->max_connections,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)wc->per_ip_connections,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)wc->timeout_seconds,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)WEB_HTTP_MEMORY_LIMIT, MHD_OPTION_END);
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
