/*
 * web_page.h - the HTML saduak-web sends: a ticket's page (Thai first, or
 * English with ?lang=en), the live part of it the page fetches again every
 * second, and the error pages, in both languages.
 *
 * Every text that comes from the config or the log is HTML-escaped. The
 * pages load nothing else: the style and the script are inline, there are
 * no cookies, and the page stays far under 30 KB. Pure: writes into a
 * web_buf only.
 */
#ifndef SADUAK_WEB_PAGE_H
#define SADUAK_WEB_PAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "web_buf.h"
#include "web_data.h"

/* The whole page of v, at now_ms, in English when en (else Thai). */
void web_page_ticket(struct web_buf *b, const struct config *cfg, const struct web_ticket_view *v,
                     int64_t now_ms, bool en);

/* The part of the page that changes (the state box), as web_page_ticket() has it. */
void web_page_state(struct web_buf *b, const struct web_ticket_view *v, int64_t now_ms, bool en);

/*
 * The start of every page up to and including <body>: lang, title
 * (escaped), the viewport, no referrer, the shared style.
 */
void web_page_head(struct web_buf *b, const char *lang, const char *title);

/* An error page for HTTP status (400, 403, 404, 405, 413, 500, 503), Thai and English. */
void web_page_error(struct web_buf *b, int status);

/* What staff are told when saduak-web's database role lacks a right (SQ_ERR_DENIED). */
#define WEB_DENIED_TH "บัญชีฐานข้อมูลของ saduak-web ไม่มีสิทธิ์ที่ต้องใช้ กรุณาแจ้งผู้ดูแลระบบ"
#define WEB_DENIED_EN                                                                              \
	"saduak-web's database account lacks a right it needs: tell the administrator "            \
	"(saduak-counter db-init)"

/*
 * The 503 page of a staff page (the browser counter, the supervisor view)
 * whose read was refused for want of a right: not "try again shortly", but
 * who mends it. Thai and English.
 */
void web_page_denied(struct web_buf *b);

#endif
