/*
 * kiosk_issue.h - issuing a ticket, shared by the touch screen and the
 * `saduak-kiosk issue` verb, so both follow the same opening-hours rule.
 */
#ifndef SADUAK_KIOSK_ISSUE_H
#define SADUAK_KIOSK_ISSUE_H

#include <stdbool.h>

#include "config.h"
#include "store.h"

/*
 * Issue a ticket for service (priority may be NULL) at now_ms. Refuses with
 * SQ_ERR_STATE and a line saying when it opens next while the service is
 * closed, unless out_of_hours (a reception officer's decision) is set.
 */
int kiosk_issue(struct store *store, const struct config *cfg, const char *service,
                const char *priority, bool out_of_hours, int64_t now_ms, struct store_ticket *out,
                struct sq_error *err);

#endif
