/*
 * board_layout.c - the board's boxes and text sizes from the window size.
 */
#include "board_layout.h"

#include <string.h>

#include "layout.h"

/* Height of a label line of label_px with a little room under it. */
static int
label_height(int label_px, int margin)
{
	return LAYOUT_LINE(label_px) + margin / 2;
}

/*
 * Rows of rows_wanted that fit in avail pixels at no less than min_h each,
 * and their height (no more than max_h).
 */
static void
fit_rows(int avail, int rows_wanted, int min_h, int max_h, int *rows, int *row_h)
{
	*rows = rows_wanted;
	if (*rows > 0 && avail / *rows < min_h)
		*rows = avail / layout_at_least(min_h, 1);
	if (*rows <= 0) {
		*rows = 0;
		*row_h = 0;
		return;
	}
	*row_h = layout_min(avail / *rows, max_h);
}

/* The call box's inside: label line, number and counter side by side, location below. */
static void
layout_call(struct board_layout *l)
{
	struct box c = l->call;
	int m = l->margin;
	int loc_line = LAYOUT_LINE(l->location_px);
	int top = c.y + m + label_height(l->label_px, m);
	int loc_y = c.y + c.h - m - 2 * loc_line;
	int area = layout_at_least(loc_y - top, 1);
	int inner_w = c.w - 3 * m;

	l->call_location = (struct box){c.x + m, loc_y, c.w - 2 * m, 2 * loc_line};
	l->call_code = (struct box){c.x + m, top, inner_w * 62 / 100, area};
	l->call_counter =
	    (struct box){l->call_code.x + l->call_code.w + m, top, inner_w - l->call_code.w, area};
	/* "AB012" is about 3 em wide in a bold face. */
	l->code_px = layout_at_least(
	    layout_min((int)(area / BOARD_CODE_LINE_FACTOR), l->call_code.w * 10 / 31), 8);
	l->counter_px = layout_at_least(layout_min(l->code_px, l->call_counter.w * 10 / 13), 8);
}

int
board_layout_compute(int w, int h, int serving_rows, int services, struct board_layout *out)
{
	int u, m, header_h, notice_h, body_y, body_h, call_h;
	struct board_layout l;

	if (!out)
		return SQ_ERR_INVALID;
	memset(out, 0, sizeof(*out));
	if (w < BOARD_MIN_W || h < BOARD_MIN_H || serving_rows < 0 || services < 0)
		return SQ_ERR_INVALID;
	memset(&l, 0, sizeof(l));
	u = layout_min(w, h);
	m = layout_at_least(u / 60, 4);
	l.margin = m;
	l.portrait = h > w;
	header_h = l.portrait ? h * 8 / 100 : h * 12 / 100;
	notice_h = h * 7 / 100;
	l.header = (struct box){0, 0, w, header_h};
	l.notice = (struct box){0, h - notice_h, w, notice_h};
	body_y = header_h + m;
	body_h = l.notice.y - m - body_y;
	if (l.portrait) {
		int serving_h = body_h * 40 / 100;

		call_h = body_h * 33 / 100;
		l.call = (struct box){m, body_y, w - 2 * m, call_h};
		l.serving = (struct box){m, body_y + call_h + m, w - 2 * m, serving_h};
		l.waiting = (struct box){m, l.serving.y + serving_h + m, w - 2 * m,
		                         body_y + body_h - (l.serving.y + serving_h + m)};
	} else {
		int left_w = (w - 3 * m) * 58 / 100;

		call_h = body_h * 60 / 100;
		l.call = (struct box){m, body_y, left_w, call_h};
		l.waiting = (struct box){m, body_y + call_h + m, left_w, body_h - call_h - m};
		l.serving = (struct box){2 * m + left_w, body_y, w - 3 * m - left_w, body_h};
	}
	l.title_px = layout_em_for(header_h, 0.50);
	l.subtitle_px = layout_em_for(header_h, 0.30);
	l.clock_px = layout_em_for(header_h, 0.56);
	l.label_px = layout_at_least(u * 27 / 1000, 10);
	l.location_px =
	    layout_at_least(layout_min(layout_em_for(l.call.h, 0.12), u * 40 / 1000), 10);
	l.notice_lines = l.portrait ? 2 : 1;
	l.notice_px = layout_em_for(notice_h, 0.85 / l.notice_lines);
	layout_call(&l);

	l.serving_label_h = label_height(l.label_px, m);
	fit_rows(l.serving.h - l.serving_label_h - m, serving_rows, u * 6 / 100, u * 12 / 100,
	         &l.serving_rows, &l.serving_row_h);
	l.row_px = layout_em_for(l.serving_row_h, 0.95);
	l.waiting_label_h = label_height(l.label_px, m);
	fit_rows(l.waiting.h - l.waiting_label_h - m, services, u * 45 / 1000, u * 9 / 100,
	         &l.waiting_rows, &l.waiting_row_h);
	l.service_px = layout_em_for(l.waiting_row_h, 0.75);
	*out = l;
	return SQ_OK;
}
