/*
 * report_xlsx.c - the monthly report as an Excel workbook (libxlsxwriter):
 * one sheet per table, named in Thai, with the title on row 1, Thai headers
 * on row 2, English headers on row 3, then the rows. Figures are written as
 * numbers (with one or two decimals shown) so that an auditor can recompute
 * them with Excel formulas. Each column is made as wide as its longest text
 * (headers wrap), so that a spreadsheet shows every cell whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "report.h"

#define XLSX_COLUMNS    32 /* columns whose width is fitted */
#define XLSX_MIN_WIDTH  10 /* characters: numbers and short words */
#define XLSX_MAX_WIDTH  60 /* longer text wraps past this in a spreadsheet anyway */
#define XLSX_HEAD_WIDTH 16 /* a header wraps (two lines), so only this much of it counts */

struct xlsx_ctx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *title, *head, *num1, *num2;
	lxw_row_t row;
	int width[XLSX_COLUMNS]; /* the widest cell of each column, in characters */
	struct sq_error *err;
};

/*
 * Characters s takes on a line: code points, less Thai vowel and tone marks
 * written above or below a consonant (U+0E31, U+0E34..U+0E3A, U+0E47..U+0E4E),
 * which take no width of their own.
 */
static int
text_width(const char *s)
{
	int n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if ((*p & 0xC0) == 0x80)
			continue; /* a continuation byte */
		if (p[0] == 0xE0 && p[1] == 0xB8 &&
		    (p[2] == 0xB1 || (p[2] >= 0xB4 && p[2] <= 0xBA)))
			continue;
		if (p[0] == 0xE0 && p[1] == 0xB9 && p[2] >= 0x87 && p[2] <= 0x8E)
			continue;
		n++;
	}
	return n;
}

/* Column i holds a cell width characters wide. */
static void
fit(struct xlsx_ctx *x, lxw_col_t i, int width)
{
	if (i < XLSX_COLUMNS && width > x->width[i])
		x->width[i] = width;
}

/* A new sheet for t with its title and both header rows. */
static int
xlsx_begin(void *ctx, const struct report_table *t)
{
	struct xlsx_ctx *x = ctx;
	char title[512];
	lxw_col_t columns;

	x->ws = workbook_add_worksheet(x->wb, t->sheet);
	if (!x->ws)
		return sq_error_set(x->err, SQ_ERR_IO, "unable to add sheet '%s'", t->sheet);
	snprintf(title, sizeof(title), "%s / %s", t->title_th, t->title_en);
	worksheet_write_string(x->ws, 0, 0, title, x->title);
	memset(x->width, 0, sizeof(x->width));
	for (columns = 0; t->columns_th[columns]; columns++) {
		int head = text_width(t->columns_en[columns]);

		worksheet_write_string(x->ws, 1, columns, t->columns_th[columns], x->head);
		worksheet_write_string(x->ws, 2, columns, t->columns_en[columns], x->head);
		fit(x, columns, XLSX_MIN_WIDTH);
		fit(x, columns, head < XLSX_HEAD_WIDTH ? head : XLSX_HEAD_WIDTH);
	}
	/* Two lines for each header row: a long header wraps, spreadsheets do not grow the row. */
	worksheet_set_row(x->ws, 1, 30, NULL);
	worksheet_set_row(x->ws, 2, 30, NULL);
	worksheet_freeze_panes(x->ws, 3, 0);
	/* Printed on A4, one page wide: landscape for the wide tables. */
	worksheet_set_paper(x->ws, 9);
	worksheet_fit_to_pages(x->ws, 1, 0);
	if (columns > 4)
		worksheet_set_landscape(x->ws);
	x->row = 3;
	return SQ_OK;
}

/* One row: numbers as numbers, "-" for a figure without data. */
static int
xlsx_row(void *ctx, const struct report_cell *cells, size_t n)
{
	struct xlsx_ctx *x = ctx;
	lxw_error e = LXW_NO_ERROR;

	for (lxw_col_t i = 0; i < n && e == LXW_NO_ERROR; i++) {
		const struct report_cell *c = &cells[i];
		switch (c->type) {
		case REPORT_CELL_TEXT:
			e = worksheet_write_string(x->ws, x->row, i, c->text, NULL);
			fit(x, i, text_width(c->text) + 1);
			break;
		case REPORT_CELL_INT:
			e = worksheet_write_number(x->ws, x->row, i, (double)c->i, NULL);
			break;
		case REPORT_CELL_NUM1:
			/* The nearest double to the printed decimal, as typing it would give. */
			e = worksheet_write_number(x->ws, x->row, i, (double)c->i / 10, x->num1);
			break;
		case REPORT_CELL_NUM2:
		case REPORT_CELL_PCT2:
			e = worksheet_write_number(x->ws, x->row, i, (double)c->i / 100, x->num2);
			break;
		default:
			e = worksheet_write_string(x->ws, x->row, i, "-", NULL);
		}
	}
	x->row++;
	if (e != LXW_NO_ERROR)
		return sq_error_set(x->err, SQ_ERR_IO, "%s", lxw_strerror(e));
	return SQ_OK;
}

/* The note under the rows. */
static int
xlsx_end(void *ctx, const struct report_table *t)
{
	struct xlsx_ctx *x = ctx;

	for (lxw_col_t i = 0; i < XLSX_COLUMNS && x->width[i]; i++)
		worksheet_set_column(
		    x->ws, i, i, x->width[i] < XLSX_MAX_WIDTH ? x->width[i] : XLSX_MAX_WIDTH, NULL);
	if (t->note)
		worksheet_write_string(x->ws, x->row + 1, 0, t->note, NULL);
	return SQ_OK;
}

/*
 * libxlsxwriter 1.1 prints its own "[ERROR] ..." lines on stderr when a write
 * fails; the caller prints one clean line instead, so stderr is pointed at
 * /dev/null while the workbook is built. Returns the saved descriptor, or -1
 * (then stderr was left alone).
 */
static int
stderr_mute(void)
{
	int saved, null;

	fflush(stderr);
	if ((saved = dup(STDERR_FILENO)) < 0)
		return -1;
	if ((null = open("/dev/null", O_WRONLY | O_CLOEXEC)) < 0 || dup2(null, STDERR_FILENO) < 0) {
		if (null >= 0)
			close(null);
		close(saved);
		return -1;
	}
	close(null);
	return saved;
}

/* Give stderr back after stderr_mute(). */
static void
stderr_restore(int saved)
{
	if (saved < 0)
		return;
	dup2(saved, STDERR_FILENO);
	close(saved);
}

/* Build the workbook at path; the library's own messages are muted by the caller. */
static int
write_workbook(const struct report *r, const char *path, struct sq_error *err)
{
	struct xlsx_ctx x = {.err = err};
	struct report_sink sink = {
	    .ctx = &x, .begin = xlsx_begin, .row = xlsx_row, .end = xlsx_end};
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
	int rc;

	errno = 0;
	x.wb = workbook_new_opt(path, &opt);
	if (!x.wb)
		return sq_error_set(err, SQ_ERR_IO, "%s",
		                    errno ? strerror(errno) : "unable to start a workbook");
	x.title = workbook_add_format(x.wb);
	x.head = workbook_add_format(x.wb);
	x.num1 = workbook_add_format(x.wb);
	x.num2 = workbook_add_format(x.wb);
	if (!x.title || !x.head || !x.num1 || !x.num2) {
		workbook_close(x.wb);
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory");
	}
	format_set_bold(x.title);
	format_set_font_size(x.title, 14);
	format_set_bold(x.head);
	format_set_bg_color(x.head, 0xDDE7F0);
	format_set_text_wrap(x.head);
	format_set_num_format(x.num1, "0.0");
	format_set_num_format(x.num2, "0.00");
	rc = report_emit_tables(r, &sink);
	errno = 0;
	lxw_error e = workbook_close(x.wb);
	/* A failed file operation leaves its reason in errno ("No space left on device"). */
	if (rc == SQ_OK && e != LXW_NO_ERROR)
		rc = sq_error_set(err, SQ_ERR_IO, "%s",
		                  e == LXW_ERROR_ZIP_FILE_OPERATION && errno ? strerror(errno)
		                                                             : lxw_strerror(e));
	return rc;
}

int
report_write_xlsx(const struct report *r, const char *path, struct sq_error *err)
{
	if (strcmp(path, "-") == 0)
		return sq_error_set(err, SQ_ERR_INVALID, "an XLSX report needs --out FILE");
	int muted = stderr_mute();
	int rc = write_workbook(r, path, err);
	stderr_restore(muted);
	return rc;
}
