/*
 * web_http.h - saduak-web's HTTP server: libmicrohttpd with one internal
 * thread polling every connection (epoll), so one thread answers every
 * request and owns the web_data. Connections are limited in number (in
 * all and per address), idle ones time out, a request's headers must fit
 * in WEB_HTTP_MEMORY_LIMIT, and nothing is ever read from a file.
 */
#ifndef SADUAK_WEB_HTTP_H
#define SADUAK_WEB_HTTP_H

#include "error.h"
#include "web_config.h"
#include "web_routes.h"

/* Memory a connection may use for its request (headers, URL). */
#define WEB_HTTP_MEMORY_LIMIT (32 * 1024)

struct web_http;

/*
 * Listen on wc's address and port and answer from app (which must outlive
 * the server) on the server's own thread. SQ_ERR_IO naming the address
 * when it cannot listen. The caller owns *out: web_http_stop().
 */
int web_http_start(const struct web_config *wc, struct web_app *app, struct web_http **out,
                   struct sq_error *err);

/* Stop answering, close every connection and free the server. NULL is a no-op. */
void web_http_stop(struct web_http *h);

#endif
