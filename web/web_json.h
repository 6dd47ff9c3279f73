/*
 * web_json.h - the JSON API of saduak-web (README "saduak-web"): a ticket
 * by token and the public queue summary, for a LINE bot or a TV browser.
 * Pure: writes into a web_buf only; every string is JSON-escaped.
 */
#ifndef SADUAK_WEB_JSON_H
#define SADUAK_WEB_JSON_H

#include "config.h"
#include "store_web.h"
#include "web_buf.h"
#include "web_data.h"

/* The ticket of v as one JSON object. */
void web_json_ticket(struct web_buf *b, const struct config *cfg, const struct web_ticket_view *v);

/* The queue q as one JSON object. */
void web_json_queue(struct web_buf *b, const struct config *cfg, const struct store_web_queue *q,
                    const struct web_data *d);

/* {"error": status, "message": message}. */
void web_json_error(struct web_buf *b, int status, const char *message);

#endif
