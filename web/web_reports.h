/*
 * web_reports.h - a month's GECC report (CSV, XLSX or HTML, as
 * `saduak-counter report` writes it) for the supervisor's /reports page.
 *
 * The report is built from the log and written by the report module's
 * writer into a private temporary file, read back and removed: nothing is
 * served from a path a request names. Building a busy month takes up to
 * about a second on the server's one thread. One thread.
 */
#ifndef SADUAK_WEB_REPORTS_H
#define SADUAK_WEB_REPORTS_H

#include <stdint.h>

#include "config.h"
#include "error.h"
#include "store.h"
#include "web_buf.h"

/* What a downloaded report is. */
struct web_report_kind {
	const char *format; /* "csv", "xlsx", "html" (a report_writer name) */
	const char *type;   /* Content-Type */
};

/* The kind for format, or NULL. Static. */
const struct web_report_kind *web_report_kind_find(const char *format);

/*
 * The report of year-month into b with the S3.1 wait target, at now_ms.
 * SQ_ERR_INVALID for a bad month, SQ_ERR_IO for the temporary file, or the
 * report's error; b holds nothing useful then.
 */
int web_report_make(struct store *s, const struct config *cfg, int year, int month,
                    const struct web_report_kind *kind, int wait_target_minutes, int64_t now_ms,
                    struct web_buf *b, struct sq_error *err);

/* The /reports page: the last 12 months, each in the three formats. */
void web_reports_page(struct web_buf *b, const struct config *cfg, int64_t now_ms);

#endif
