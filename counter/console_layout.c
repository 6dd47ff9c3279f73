/*
 * console_layout.c - the console's geometry and its call-order preview.
 * Pure: see console_layout.h.
 */
#include "console_layout.h"

#include <stdio.h>
#include <string.h>

#define MIN_W 320
#define MIN_H 240

/* x clamped to [lo, hi]. */
static int
clamp(int x, int lo, int hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* Line height for text of size px: Thai marks above and below need room. */
static int
line_of(int px)
{
	return px * 8 / 5;
}

/* Lay out the action buttons in a cols x rows grid inside area. */
static void
layout_buttons(struct console_layout *l, SDL_Rect area)
{
	int gap = l->pad / 2 > 2 ? l->pad / 2 : 2;
	int bw = (area.w - gap * (l->button_cols - 1)) / l->button_cols;
	int bh = (area.h - gap * (l->button_rows - 1)) / l->button_rows;

	for (int i = 0; i < CONSOLE_ACTION_COUNT; i++) {
		int col = i % l->button_cols, row = i / l->button_cols;
		l->button[i] =
		    (SDL_Rect){area.x + col * (bw + gap), area.y + row * (bh + gap), bw, bh};
	}
}

/* Lay out the modal chooser: a title line and one row per entry, centred. */
static void
layout_chooser(struct console_layout *l, int w, int h, size_t n)
{
	int row = line_of(l->font_body) + l->pad / 2;
	int cw = clamp(w - 4 * l->pad, 200, 560);
	int ch = line_of(l->font_big) + (int)n * row + 2 * l->pad + line_of(l->font_small);

	if (ch > h - 2 * l->pad)
		ch = h - 2 * l->pad;
	l->chooser = (SDL_Rect){(w - cw) / 2, (h - ch) / 2, cw, ch};
	l->n_choices = n;
	int y = l->chooser.y + l->pad + line_of(l->font_big);
	for (size_t i = 0; i < n; i++) {
		l->choice[i] = (SDL_Rect){l->chooser.x + l->pad, y, cw - 2 * l->pad, row - 2};
		/* Rows that do not fit are not shown (h is tiny): make them empty. */
		if (y + row > l->chooser.y + l->chooser.h)
			l->choice[i].h = 0;
		y += row;
	}
}

void
console_layout_compute(int w, int h, size_t n_choices, struct console_layout *out)
{
	struct console_layout *l = out;
	int base;

	memset(l, 0, sizeof(*l));
	w = w < MIN_W ? MIN_W : w;
	h = h < MIN_H ? MIN_H : h;
	base = clamp(h / 34 < w / 46 ? h / 34 : w / 46, 9, 26);
	l->pad = clamp(base / 2, 3, 14);
	l->font_small = base * 7 / 8;
	l->font_body = base;
	l->font_big = base * 4 / 3;
	l->button_cols = w >= 560 ? 6 : 4;
	l->button_rows = (CONSOLE_ACTION_COUNT + l->button_cols - 1) / l->button_cols;

	int header_h = line_of(l->font_big) + l->pad;
	/* A Thai line with marks below (the ู of ผู้ดูแล) is taller than line_of() says. */
	int banner_h = line_of(l->font_body) + l->pad / 2;
	int status_h = 3 * line_of(l->font_small) + l->pad;
	int button_h = l->button_rows * (line_of(l->font_body) + line_of(l->font_small) + l->pad);
	int stats_h = 2 * line_of(l->font_body);
	int inner_w = w - 2 * l->pad;
	int y = 0;

	l->header = (SDL_Rect){0, y, w, header_h};
	y += header_h + l->pad / 2;
	l->banner = (SDL_Rect){l->pad, y, inner_w, banner_h};
	y += banner_h + l->pad / 2;
	int middle_h = h - y - l->pad - button_h - l->pad - status_h - l->pad;
	if (middle_h < stats_h + line_of(l->font_body) * 2)
		middle_h = stats_h + line_of(l->font_body) * 2;
	int left_w = (inner_w - l->pad) * 11 / 20;
	int current_h = middle_h - stats_h - l->pad / 2;
	l->current = (SDL_Rect){l->pad, y, left_w, current_h};
	l->stats = (SDL_Rect){l->pad, y + current_h + l->pad / 2, left_w, stats_h};
	l->queue = (SDL_Rect){l->pad * 2 + left_w, y, inner_w - left_w - l->pad, middle_h};
	/* The code gets what is left of the current panel after three text lines. */
	l->font_code =
	    clamp((current_h - 3 * line_of(l->font_body)) * 3 / 4, l->font_body, base * 4);
	int queue_text = l->queue.h - l->pad - 2 * line_of(l->font_body);
	l->queue_rows = queue_text > 0 ? queue_text / line_of(l->font_body) : 0;
	y += middle_h + l->pad;
	layout_buttons(l, (SDL_Rect){l->pad, y, inner_w, button_h});
	y += button_h + l->pad;
	l->status = (SDL_Rect){l->pad, y, inner_w, h - y - l->pad / 2};
	if (l->status.h < 0)
		l->status.h = 0;
	if (n_choices > CONSOLE_CHOICES_MAX)
		n_choices = CONSOLE_CHOICES_MAX;
	if (n_choices)
		layout_chooser(l, w, h, n_choices);
}

int
console_layout_button_at(const struct console_layout *l, int x, int y)
{
	for (int i = 0; i < CONSOLE_ACTION_COUNT; i++) {
		const SDL_Rect *r = &l->button[i];
		if (x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h)
			return i;
	}
	return -1;
}

int
console_layout_choice_at(const struct console_layout *l, int x, int y)
{
	for (size_t i = 0; i < l->n_choices; i++) {
		const SDL_Rect *r = &l->choice[i];
		if (x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h)
			return (int)i;
	}
	return -1;
}

void
console_format_duration(int64_t ms, char *out, size_t n)
{
	int64_t min = ms > 0 ? ms / 60000 : 0;

	if (min >= 60)
		snprintf(out, n, "%d:%02d", (int)(min / 60), (int)(min % 60));
	else
		snprintf(out, n, "%d", (int)min);
}
