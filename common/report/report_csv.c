/*
 * report_csv.c - the monthly report as CSV: UTF-8 with a byte-order mark so
 * that Excel shows Thai, one section per table (a title line, a header line
 * "ไทย / English", the rows, a blank line), RFC 4180 quoting.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

struct csv_ctx {
	FILE *f;
	struct sq_error *err;
};

/* Write one field, quoted when it holds a comma, quote or line break. */
static void
csv_field(FILE *f, const char *s, bool first)
{
	if (!first)
		fputc(',', f);
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* The title line and the bilingual header line of a table. */
static int
csv_begin(void *ctx, const struct report_table *t)
{
	struct csv_ctx *c = ctx;
	char title[512], head[256];

	snprintf(title, sizeof(title), "[%s] %s / %s", t->id, t->title_th, t->title_en);
	csv_field(c->f, title, true);
	fputs("\r\n", c->f);
	for (size_t i = 0; t->columns_th[i]; i++) {
		snprintf(head, sizeof(head), "%s / %s", t->columns_th[i], t->columns_en[i]);
		csv_field(c->f, head, i == 0);
	}
	fputs("\r\n", c->f);
	return SQ_OK;
}

/* One data row. */
static int
csv_row(void *ctx, const struct report_cell *cells, size_t n)
{
	struct csv_ctx *c = ctx;
	char buf[512];

	for (size_t i = 0; i < n; i++)
		csv_field(c->f, report_cell_text(&cells[i], buf, sizeof(buf)), i == 0);
	fputs("\r\n", c->f);
	return ferror(c->f) ? sq_error_set(c->err, SQ_ERR_IO, "%s", strerror(errno)) : SQ_OK;
}

/* The note, if any, and a blank line. */
static int
csv_end(void *ctx, const struct report_table *t)
{
	struct csv_ctx *c = ctx;

	if (t->note) {
		csv_field(c->f, t->note, true);
		fputs("\r\n", c->f);
	}
	fputs("\r\n", c->f);
	return SQ_OK;
}

int
report_write_csv(const struct report *r, const char *path, struct sq_error *err)
{
	bool to_stdout = strcmp(path, "-") == 0;
	struct csv_ctx c = {.f = to_stdout ? stdout : fopen(path, "wb"), .err = err};
	struct report_sink sink = {.ctx = &c, .begin = csv_begin, .row = csv_row, .end = csv_end};
	int rc;

	if (!c.f)
		return sq_error_set(err, SQ_ERR_IO, "%s", strerror(errno));
	fputs("\xEF\xBB\xBF", c.f);
	rc = report_emit_tables(r, &sink);
	if (to_stdout) {
		if (fflush(stdout) != 0 && rc == SQ_OK)
			rc = sq_error_set(err, SQ_ERR_IO, "%s", strerror(errno));
	} else if (fclose(c.f) != 0 && rc == SQ_OK) {
		rc = sq_error_set(err, SQ_ERR_IO, "%s", strerror(errno));
	}
	return rc;
}
