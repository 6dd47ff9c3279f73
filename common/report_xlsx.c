/*
 * report_xlsx.c - the monthly report as an Excel workbook (libxlsxwriter):
 * one sheet per table, named in Thai, with the title on row 1, Thai headers
 * on row 2, English headers on row 3, then the rows. Figures are written as
 * numbers (with one or two decimals shown) so that an auditor can recompute
 * them with Excel formulas.
 */
#include <string.h>
#include <xlsxwriter.h>

#include "report.h"

struct xlsx_ctx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *title, *head, *num1, *num2;
	lxw_row_t row;
	const char *path;
	struct sq_error *err;
};

/* A new sheet for t with its title and both header rows. */
static int
xlsx_begin(void *ctx, const struct report_table *t)
{
	struct xlsx_ctx *x = ctx;
	char title[512];

	x->ws = workbook_add_worksheet(x->wb, t->sheet);
	if (!x->ws)
		return sq_error_set(x->err, SQ_ERR_IO, "unable to add sheet '%s' to '%s'", t->sheet,
		                    x->path);
	snprintf(title, sizeof(title), "%s / %s", t->title_th, t->title_en);
	worksheet_write_string(x->ws, 0, 0, title, x->title);
	for (lxw_col_t i = 0; t->columns_th[i]; i++) {
		worksheet_write_string(x->ws, 1, i, t->columns_th[i], x->head);
		worksheet_write_string(x->ws, 2, i, t->columns_en[i], x->head);
		worksheet_set_column(x->ws, i, i, i < 2 ? 28 : 14, NULL);
	}
	worksheet_freeze_panes(x->ws, 3, 0);
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
			break;
		case REPORT_CELL_INT:
			e = worksheet_write_number(x->ws, x->row, i, (double)c->i, NULL);
			break;
		case REPORT_CELL_NUM1:
			e = worksheet_write_number(x->ws, x->row, i, c->d, x->num1);
			break;
		case REPORT_CELL_NUM2:
		case REPORT_CELL_PCT2:
			e = worksheet_write_number(x->ws, x->row, i, c->d, x->num2);
			break;
		default:
			e = worksheet_write_string(x->ws, x->row, i, "-", NULL);
		}
	}
	x->row++;
	if (e != LXW_NO_ERROR)
		return sq_error_set(x->err, SQ_ERR_IO, "unable to write '%s': %s", x->path,
		                    lxw_strerror(e));
	return SQ_OK;
}

/* The note under the rows. */
static int
xlsx_end(void *ctx, const struct report_table *t)
{
	struct xlsx_ctx *x = ctx;

	if (t->note)
		worksheet_write_string(x->ws, x->row + 1, 0, t->note, NULL);
	return SQ_OK;
}

int
report_write_xlsx(const struct report *r, const char *path, struct sq_error *err)
{
	struct xlsx_ctx x = {.path = path, .err = err};
	struct report_sink sink = {
	    .ctx = &x, .begin = xlsx_begin, .row = xlsx_row, .end = xlsx_end};
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
	int rc;

	if (strcmp(path, "-") == 0)
		return sq_error_set(err, SQ_ERR_INVALID, "an XLSX report needs --out FILE");
	x.wb = workbook_new_opt(path, &opt);
	if (!x.wb)
		return sq_error_set(err, SQ_ERR_IO, "unable to create '%s'", path);
	x.title = workbook_add_format(x.wb);
	x.head = workbook_add_format(x.wb);
	x.num1 = workbook_add_format(x.wb);
	x.num2 = workbook_add_format(x.wb);
	if (!x.title || !x.head || !x.num1 || !x.num2) {
		workbook_close(x.wb);
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory writing '%s'", path);
	}
	format_set_bold(x.title);
	format_set_font_size(x.title, 14);
	format_set_bold(x.head);
	format_set_bg_color(x.head, 0xDDE7F0);
	format_set_text_wrap(x.head);
	format_set_num_format(x.num1, "0.0");
	format_set_num_format(x.num2, "0.00");
	rc = report_emit_tables(r, &sink);
	lxw_error e = workbook_close(x.wb);
	if (rc == SQ_OK && e != LXW_NO_ERROR)
		rc =
		    sq_error_set(err, SQ_ERR_IO, "unable to write '%s': %s", path, lxw_strerror(e));
	return rc;
}
