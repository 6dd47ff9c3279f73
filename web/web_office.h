/*
 * web_office.h - the supervisor's pages: the login form and the live
 * dashboard of the floor (per service: waiting, longest wait against the
 * target, estimated wait; per counter: officer, open/break/closed and why,
 * current ticket, since when; today's issued, served, no-show and
 * satisfaction; device faults), with alerts when a wait passes its target
 * or a counter sits free while people wait for it. Thai with English.
 * Pure: writes into a web_buf only; every text is escaped.
 */
#ifndef SADUAK_WEB_OFFICE_H
#define SADUAK_WEB_OFFICE_H

#include <stdint.h>

#include "config.h"
#include "web_buf.h"
#include "web_config.h"
#include "web_data.h"

/* The login form; message (may be NULL) says why the last try failed. */
void web_office_login(struct web_buf *b, const struct config *cfg, const char *message);

/* The whole dashboard for user. */
void web_office_page(struct web_buf *b, const struct config *cfg, const struct web_config *wc,
                     const struct web_office_view *v, const char *user, int64_t now_ms);

/* The part of the dashboard that changes (fetched again every 2 s). */
void web_office_live(struct web_buf *b, const struct config *cfg, const struct web_config *wc,
                     const struct web_office_view *v, int64_t now_ms);

#endif
