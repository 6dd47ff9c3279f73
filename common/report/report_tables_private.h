/*
 * report_tables_private.h - what the two table files share and nothing else
 * may use: the cell constructors, emitting one row, and the shape of a table
 * entry (a table and the function that emits its rows).
 *
 * report_tables.c        cells as text, the satisfaction tables (outcome 1),
 *                        and report_emit_tables(), which emits both lists
 * report_queue_tables.c  the queue evidence (P1, P4, P12, P13, S2.3, S2.8, S3.1)
 */
#ifndef SADUAK_REPORT_TABLES_PRIVATE_H
#define SADUAK_REPORT_TABLES_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report.h"

/* A cell without a figure. */
static inline struct report_cell
cell_empty(void)
{
	return (struct report_cell){.type = REPORT_CELL_EMPTY};
}

/* A text cell. */
static inline struct report_cell
cell_text(const char *s)
{
	return (struct report_cell){.type = REPORT_CELL_TEXT, .text = s ? s : ""};
}

/* A whole-number cell. */
static inline struct report_cell
cell_int(int64_t v)
{
	return (struct report_cell){.type = REPORT_CELL_INT, .i = v};
}

/* A figure in tenths (one decimal), or EMPTY when has is false. */
static inline struct report_cell
cell_x10(bool has, int64_t x10)
{
	if (!has)
		return cell_empty();
	return (struct report_cell){.type = REPORT_CELL_NUM1, .i = x10};
}

/* A figure in hundredths (two decimals), or EMPTY. */
static inline struct report_cell
cell_x100(bool has, int64_t x100)
{
	if (!has)
		return cell_empty();
	return (struct report_cell){.type = REPORT_CELL_NUM2, .i = x100};
}

/* A percentage given in hundredths (8000 = 80.00 %), or EMPTY. */
static inline struct report_cell
cell_pct(bool has, int x100)
{
	if (!has)
		return cell_empty();
	return (struct report_cell){.type = REPORT_CELL_PCT2, .i = x100};
}

/* A yes/no cell in both languages. */
static inline struct report_cell
cell_yes(bool yes)
{
	return cell_text(yes ? "ผ่าน / yes" : "ไม่ผ่าน / no");
}

/* Emit one row. */
static inline int
row(const struct report_sink *k, const struct report_cell *cells, size_t n)
{
	return k->row(k->ctx, cells, n);
}

#define N_CELLS(a) (sizeof(a) / sizeof((a)[0]))

/* A table and the function that emits its rows. */
struct report_table_entry {
	struct report_table table;
	int (*emit)(const struct report *r, const struct report_sink *k);
};

/* The queue evidence tables, in report order, after the satisfaction ones. */
extern const struct report_table_entry report_queue_tables[];
extern const size_t report_queue_tables_n;

#endif
