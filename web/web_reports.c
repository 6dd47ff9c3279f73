#include "web_reports.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "thaitime.h"
#include "web_page.h"

static const struct web_report_kind kinds[] = {
    {.format = "csv", .type = "text/csv; charset=utf-8"},
    {.format = "xlsx", .type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {.format = "html", .type = "text/html; charset=utf-8"},
};

const struct web_report_kind *
web_report_kind_find(const char *format)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].format, format) == 0)
			return &kinds[i];
	return NULL;
}

/* Append the whole file at path to b. */
static int
read_file(const char *path, struct web_buf *b, struct sq_error *err)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;

	if (!f)
		return sq_error_set(err, SQ_ERR_IO, "unable to read '%s': %s", path,
		                    strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		web_buf_add(b, chunk, n);
	int failed = ferror(f);
	fclose(f);
	if (failed)
		return sq_error_set(err, SQ_ERR_IO, "unable to read '%s'", path);
	return web_buf_ok(b) ? SQ_OK : sq_error_set(err, SQ_ERR_NOMEM, "out of memory");
}

int
web_report_make(struct store *s, const struct config *cfg, int year, int month,
                const struct web_report_kind *kind, int wait_target_minutes, int64_t now_ms,
                struct web_buf *b, struct sq_error *err)
{
	const struct report_writer *writer = report_writer_find(kind->format);
	const char *tmpdir = getenv("TMPDIR");
	struct report *r = NULL;
	char path[4096];
	int fd, rc;

	if (!writer)
		return sq_error_set(err, SQ_ERR_INVALID, "no report format '%s'", kind->format);
	if ((rc = report_build(s, cfg, year, month, wait_target_minutes, now_ms, &r, err)))
		return rc;
	snprintf(path, sizeof(path), "%s/saduak-web-report-XXXXXX",
	         tmpdir && *tmpdir ? tmpdir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0) {
		rc = sq_error_set(err, SQ_ERR_IO, "unable to make a temporary file in '%s': %s",
		                  tmpdir && *tmpdir ? tmpdir : "/tmp", strerror(errno));
		goto out;
	}
	close(fd);
	if ((rc = writer->write(r, path, err)) == SQ_OK)
		rc = read_file(path, b, err);
	unlink(path);
out:
	report_free(r);
	return rc;
}

void
web_reports_page(struct web_buf *b, const struct config *cfg, int64_t now_ms)
{
	struct local_time lt;

	thaitime_local(now_ms, &lt);
	web_page_head(b, "th", "Saduak Queue reports");
	web_buf_str(b, "<header><h1>");
	web_buf_html(b, cfg->office_name.th ? cfg->office_name.th : "");
	web_buf_str(b, "</h1><p class=svc>รายงานประจำเดือน / Monthly reports · "
	               "<a style=\"color:#fff\" href=/office>/office</a></p></header><main>"
	               "<div class=box>");
	/* This month so far, then the eleven before it. */
	for (int i = 0; i < 12; i++) {
		int y = lt.year, m = lt.month - i;
		while (m < 1) {
			m += 12;
			y--;
		}
		web_buf_printf(b, "<p>%04d-%02d:", y, m);
		for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
			web_buf_printf(b, " <a href=\"/reports/%04d-%02d.%s\">%s</a>", y, m,
			               kinds[k].format, kinds[k].format);
		web_buf_str(b, "</p>");
	}
	web_buf_str(b, "</div></main></body></html>");
}
