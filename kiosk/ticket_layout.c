/*
 * ticket_layout.c - the kiosk's screens as rectangles; see ticket_layout.h.
 */
#include "ticket_layout.h"

#include <stdio.h>
#include <string.h>

#include "thaitime.h"

/* v limited to lo..hi. */
static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The shorter side. */
static int
base_of(int w, int h)
{
	return w < h ? w : h;
}

/* Outer margin and the gap between controls. */
static int
margin_of(int w, int h)
{
	return clamp(base_of(w, h) / 48, 8, 40);
}

/* A rectangle. */
static struct box
rect(int x, int y, int w, int h)
{
	return (struct box){x, y, w < 0 ? 0 : w, h < 0 ? 0 : h};
}

/* The first row a control may use: the reach line in the wheelchair layout. */
static int
reach_top(int h, bool wheelchair)
{
	return wheelchair ? (h * TL_REACH_TOP_PERCENT + 99) / 100 : 0;
}

/* Type sizes for a w x h window. */
void
tl_type_for(int w, int h, struct tl_type *out)
{
	int base = base_of(w, h);

	out->title = clamp(base * 55 / 1000, 26, 72);
	out->heading = clamp(base * 60 / 1000, 28, 80);
	out->button = clamp(base * 58 / 1000, 28, 76);
	out->button2 = clamp(base * 36 / 1000, 20, 46);
	out->body = clamp(base * 42 / 1000, 22, 54);
	out->small = clamp(base * 32 / 1000, 18, 42);
}

/*
 * Lay n cells out in a grid of cols columns inside area, each at most
 * max_h tall; when the grid is shorter than the area it sits at the top,
 * or at the bottom when low is set (wheelchair).
 */
static void
grid(struct box area, size_t n, int cols, int gap, int max_h, bool low, struct box *out)
{
	int rows, cell_w, cell_h, used, y0;

	if (n == 0)
		return;
	rows = (int)((n + (size_t)cols - 1) / (size_t)cols);
	cell_w = (area.w - (cols - 1) * gap) / cols;
	cell_h = (area.h - (rows - 1) * gap) / rows;
	if (cell_h > max_h)
		cell_h = max_h;
	used = rows * cell_h + (rows - 1) * gap;
	y0 = low ? area.y + area.h - used : area.y;
	for (size_t i = 0; i < n; i++) {
		int r = (int)i / cols, c = (int)i % cols;

		out[i] = rect(area.x + c * (cell_w + gap), y0 + r * (cell_h + gap), cell_w, cell_h);
	}
}

/* Columns for n buttons: one in a narrow portrait window, more when wide. */
static int
columns_for(int w, int h, size_t n)
{
	if (n <= 1)
		return 1;
	if (h > w)
		return n <= 5 ? 1 : 2;
	return n <= 6 ? 2 : 3;
}

/* The home screen. */
void
tl_home(int w, int h, bool wheelchair, size_t n_services, bool booking, struct tl_home *out)
{
	int m = margin_of(w, h);
	int lang_w = clamp(w * 22 / 100, 150, 360);
	int bar_h, top, bottom, cell_max, need;
	struct box area;

	memset(out, 0, sizeof(*out));
	tl_type_for(w, h, &out->type);
	if (n_services > CONFIG_MAX_SERVICES)
		n_services = CONFIG_MAX_SERVICES;
	out->n_services = n_services;
	out->header = rect(m, m, w - 2 * m - (wheelchair ? 0 : lang_w + m),
	                   LAYOUT_LINE(out->type.title) + LAYOUT_LINE(out->type.small));
	out->prompt =
	    rect(m, out->header.y + out->header.h + m / 2, w - 2 * m, LAYOUT_LINE(out->type.body));
	bar_h = LAYOUT_LINE(out->type.body) + LAYOUT_LINE(out->type.small) + m;
	if (wheelchair) {
		out->lang = rect(w - m - lang_w, h - m - bar_h, lang_w, bar_h);
		out->priority = rect(m, h - m - bar_h, w - 3 * m - lang_w, bar_h);
	} else {
		out->lang = rect(w - m - lang_w, m, lang_w, out->header.h);
		out->priority = rect(m, h - m - bar_h, w - 2 * m, bar_h);
	}
	if (booking && h > w) {
		/* Portrait: a row of its own above the priority entry, as wide as the screen. */
		out->booking = rect(m, out->priority.y - m - bar_h, w - 2 * m, bar_h);
	} else if (booking) {
		/* Landscape: the row is shared, the priority entry left, the booking right. */
		int half = (out->priority.w - m) / 2;

		out->booking =
		    rect(out->priority.x + out->priority.w - half, out->priority.y, half, bar_h);
		out->priority.w -= half + m;
	}
	top = out->prompt.y + out->prompt.h + m / 2;
	if (top < reach_top(h, wheelchair))
		top = reach_top(h, wheelchair);
	bottom = (booking && h > w ? out->booking.y : out->priority.y) - m;
	area = rect(m, top, w - 2 * m, bottom - top);
	out->cols = columns_for(w, h, n_services);
	out->svc_main = out->type.button;
	out->svc_second = out->type.button2;
	out->svc_info = out->type.small;
	cell_max = (LAYOUT_LINE(out->svc_main) + LAYOUT_LINE(out->svc_second) +
	            LAYOUT_LINE(out->svc_info)) *
	               5 / 4 +
	           m;
	grid(area, n_services, out->cols, m, cell_max, wheelchair, out->services);
	/* Shrink the words of a button until its three lines fit. */
	need = LAYOUT_LINE(out->svc_main) + LAYOUT_LINE(out->svc_second) +
	       LAYOUT_LINE(out->svc_info) + m / 2;
	if (n_services > 0 && out->services[0].h < need) {
		int avail = out->services[0].h - m / 2;
		int sum = LAYOUT_LINE(out->svc_main + out->svc_second + out->svc_info);

		out->svc_main = clamp(out->svc_main * avail / sum, 12, out->svc_main);
		out->svc_second = clamp(out->svc_second * avail / sum, 10, out->svc_second);
		out->svc_info = clamp(out->svc_info * avail / sum, 10, out->svc_info);
	}
	need = LAYOUT_LINE(out->type.body) * 2 + LAYOUT_LINE(out->type.small) * 2 + 2 * m;
	out->notice = rect(w / 10, area.y + (area.h - need) / 2, w - w / 5, need);
	if (out->notice.y < m)
		out->notice.y = m;
}

/* The priority screen. */
void
tl_priority(int w, int h, bool wheelchair, size_t n_classes, struct tl_priority *out)
{
	int m = margin_of(w, h);
	int bar_h, top;
	struct box area;

	memset(out, 0, sizeof(*out));
	tl_type_for(w, h, &out->type);
	if (n_classes > CONFIG_MAX_PRIORITIES)
		n_classes = CONFIG_MAX_PRIORITIES;
	out->n_classes = n_classes;
	out->title =
	    rect(m, m, w - 2 * m, LAYOUT_LINE(out->type.title) * 2 + LAYOUT_LINE(out->type.small));
	bar_h = LAYOUT_LINE(out->type.body) + LAYOUT_LINE(out->type.small) + m;
	out->cancel = rect(w / 4, h - m - bar_h, w / 2, bar_h);
	top = out->title.y + out->title.h + m;
	if (top < reach_top(h, wheelchair))
		top = reach_top(h, wheelchair);
	area = rect(m, top, w - 2 * m, out->cancel.y - m - top);
	grid(area, n_classes, n_classes <= 1 ? 1 : 2, m,
	     (LAYOUT_LINE(out->type.button) + LAYOUT_LINE(out->type.button2)) * 3 / 2, wheelchair,
	     out->classes);
}

/* The advice screen. */
void
tl_advice(int w, int h, bool wheelchair, struct tl_advice *out)
{
	int m = margin_of(w, h);
	int take_h, row_h, wait_h, top, bottom;

	memset(out, 0, sizeof(*out));
	tl_type_for(w, h, &out->type);
	take_h = LAYOUT_LINE(out->type.button) + LAYOUT_LINE(out->type.button2) + m;
	row_h = LAYOUT_LINE(out->type.body) + LAYOUT_LINE(out->type.small) + m / 2;
	if (h > w) {
		/* Portrait: take a ticket across the width, back and info-only under it. */
		out->back = rect(m, h - m - row_h, (w - 3 * m) / 2, row_h);
		out->info = rect(2 * m + out->back.w, out->back.y, w - 3 * m - out->back.w, row_h);
		out->take = rect(m, out->back.y - m - take_h, w - 2 * m, take_h);
	} else {
		int back_w = (w - 4 * m) * 22 / 100, info_w = (w - 4 * m) * 28 / 100;

		out->back = rect(m, h - m - take_h, back_w, take_h);
		out->info = rect(2 * m + back_w, out->back.y, info_w, take_h);
		out->take =
		    rect(3 * m + back_w + info_w, out->back.y, w - 4 * m - back_w - info_w, take_h);
	}
	out->title =
	    rect(m, m, w - 2 * m, LAYOUT_LINE(out->type.heading) + LAYOUT_LINE(out->type.small));
	wait_h = LAYOUT_LINE(out->type.body) * 2 + m / 2;
	out->wait = rect(m, out->take.y - m - wait_h, w - 2 * m, wait_h);
	top = out->title.y + out->title.h + m / 2;
	bottom = out->wait.y - m / 2;
	if (h > w) {
		int bring_h = (bottom - top - m) * 45 / 100;

		out->bring = rect(m, top, w - 2 * m, bring_h);
		out->steps = rect(m, top + bring_h + m, w - 2 * m, bottom - top - bring_h - m);
	} else {
		int col = (w - 3 * m) / 2;

		out->bring = rect(m, top, col, bottom - top);
		out->steps = rect(2 * m + col, top, w - 3 * m - col, bottom - top);
	}
	(void)wheelchair; /* every control is in the bottom rows already */
}

/* The ticket screen. */
void
tl_ticket(int w, int h, bool wheelchair, bool with_qr, struct tl_ticket *out)
{
	int m = margin_of(w, h);
	bool beside = with_qr && w >= h; /* landscape: the QR code in a column of its own */
	int done_h, band_h, bottom, col_w, num_h, y, px_h, px_w, service_h, details_min;

	memset(out, 0, sizeof(*out));
	tl_type_for(w, h, &out->type);
	done_h = LAYOUT_LINE(out->type.body) + LAYOUT_LINE(out->type.small) + m;
	band_h = LAYOUT_LINE(out->type.body) * 2 + m / 2;
	col_w = beside ? (w - 3 * m) * 58 / 100 : w - 2 * m;
	if (beside) {
		/* Left: number, words, the fault band; right: the QR code and done. */
		int rx = 2 * m + col_w, rw = w - 3 * m - col_w;

		out->done = rect(rx, h - m - done_h, rw, done_h);
		out->fault = rect(m, h - m - band_h, col_w, band_h);
		bottom = out->fault.y - m;
	} else if (!with_qr && w >= h) {
		/* Printed, landscape: "take your ticket" beside done, no height lost. */
		out->done = rect(w - m - w / 3, h - m - done_h, w / 3, done_h);
		out->take = rect(m, out->done.y, out->done.x - 2 * m, done_h);
		bottom = out->done.y - m;
	} else {
		out->done = rect(w / 4, h - m - done_h, w / 2, done_h);
		bottom = out->done.y - m;
		if (with_qr) {
			out->fault = rect(m, bottom - band_h, w - 2 * m, band_h);
			bottom = out->fault.y - m;
		} else {
			/* Printed, portrait: "take your ticket" on a line above done. */
			int take_h = LAYOUT_LINE(out->type.body) + LAYOUT_LINE(out->type.small);

			out->take = rect(m, bottom - take_h, w - 2 * m, take_h);
			bottom = out->take.y - m / 2;
		}
	}
	out->label = rect(m, m, col_w, LAYOUT_LINE(out->type.body));
	/* The number takes what the words below it leave, within 12..26% of the height. */
	service_h = LAYOUT_LINE(out->type.button) + LAYOUT_LINE(out->type.button2);
	details_min = LAYOUT_LINE(out->type.body) * 3 + LAYOUT_LINE(out->type.small);
	num_h = bottom - (out->label.y + out->label.h) - service_h - details_min - m;
	if (num_h > h * 26 / 100)
		num_h = h * 26 / 100;
	if (num_h < h * 12 / 100)
		num_h = h * 12 / 100;
	out->number = rect(m, out->label.y + out->label.h, col_w, num_h);
	/* Digits fill 90% of the height; four characters (about 2.5 em) the width. */
	px_h = num_h * 90 / TL_DIGIT_HEIGHT_PERCENT;
	px_w = col_w * 10 / 26;
	out->number_px = px_h < px_w ? px_h : px_w;
	out->number_text_y = out->number.y +
	                     (num_h - out->number_px * TL_DIGIT_HEIGHT_PERCENT / 100) / 2 -
	                     out->number_px * TL_DIGIT_TOP_PERCENT / 100;
	y = out->number.y + out->number.h + m / 2;
	out->service = rect(m, y, col_w, service_h);
	y = out->service.y + out->service.h + m / 2;
	if (beside) {
		int side = w - 3 * m - col_w;
		int room = out->done.y - 2 * m - LAYOUT_LINE(out->type.small) * 2;

		if (side > room)
			side = room;
		out->details = rect(m, y, col_w, bottom - y);
		out->qr = rect(2 * m + col_w + (w - 3 * m - col_w - side) / 2, m, side, side);
	} else if (with_qr) {
		/* Portrait: the details on the left, the QR code beside them. */
		int side = (w - 3 * m) * 45 / 100;
		int room = bottom - y - LAYOUT_LINE(out->type.small) * 2;

		if (side > room)
			side = room;
		out->details = rect(m, y, w - 3 * m - side, bottom - y);
		out->qr = rect(w - m - side, y, side, side);
	} else {
		out->details = rect(m, y, col_w, bottom - y);
	}
	(void)wheelchair; /* the one control is at the bottom already */
}

/* The check-in keypad. */
void
tl_checkin(int w, int h, bool wheelchair, struct tl_checkin *out)
{
	int m = margin_of(w, h);
	int bar_h, top, quarter = (w - 4 * m) / 4, best = -1;
	struct box area;

	memset(out, 0, sizeof(*out));
	tl_type_for(w, h, &out->type);
	out->title =
	    rect(m, m, w - 2 * m, LAYOUT_LINE(out->type.title) + LAYOUT_LINE(out->type.small));
	out->code_px = out->type.heading * 5 / 4;
	out->code = rect(w / 6, out->title.y + out->title.h + m / 2, w - w / 3,
	                 LAYOUT_LINE(out->code_px) + m / 2);
	bar_h = LAYOUT_LINE(out->type.body) + LAYOUT_LINE(out->type.small) + m;
	/* Cancel and delete a quarter each, OK the half nearest the right hand. */
	out->cancel = rect(m, h - m - bar_h, quarter, bar_h);
	out->erase = rect(2 * m + quarter, out->cancel.y, quarter, bar_h);
	out->ok = rect(3 * m + 2 * quarter, out->cancel.y, w - 4 * m - 2 * quarter, bar_h);
	top = out->code.y + out->code.h + m / 2;
	if (top < reach_top(h, wheelchair))
		top = reach_top(h, wheelchair);
	area = rect(m, top, w - 2 * m, out->cancel.y - m - top);
	/* The number of columns that makes the smaller side of a key the largest. */
	for (int cols = 4; cols <= TL_CHECKIN_KEYS; cols++) {
		int rows = (TL_CHECKIN_KEYS + cols - 1) / cols;
		int kw = (area.w - (cols - 1) * m) / cols, kh = (area.h - (rows - 1) * m) / rows;
		int side = kw < kh ? kw : kh;

		if (side > best) {
			best = side;
			out->cols = cols;
		}
	}
	/* Keys no taller than 1.2 times their width: a tall narrow key is hard to read. */
	grid(area, TL_CHECKIN_KEYS, out->cols, m,
	     ((area.w - (out->cols - 1) * m) / out->cols) * 6 / 5, wheelchair, out->keys);
}

/* The check-in result. */
void
tl_result(int w, int h, bool wheelchair, bool with_walkin, struct tl_result *out)
{
	int m = margin_of(w, h);
	int bar_h;

	memset(out, 0, sizeof(*out));
	tl_type_for(w, h, &out->type);
	bar_h = LAYOUT_LINE(out->type.button) + LAYOUT_LINE(out->type.button2) + m;
	if (with_walkin) {
		int done_w = (w - 3 * m) / 3;

		out->done = rect(m, h - m - bar_h, done_w, bar_h);
		out->walkin = rect(2 * m + done_w, out->done.y, w - 3 * m - done_w, bar_h);
	} else {
		out->done = rect(w / 4, h - m - bar_h, w / 2, bar_h);
	}
	out->message = rect(m, m, w - 2 * m, out->done.y - 2 * m);
	(void)wheelchair; /* the controls are in the bottom row already */
}

/* The please-wait box. */
void
tl_wait(int w, int h, struct tl_wait *out)
{
	tl_type_for(w, h, &out->type);
	out->box = rect(w / 6, h * 35 / 100, w - w / 3, h * 30 / 100);
}

/* Whether r is a visible box inside the window. */
bool
tl_inside(struct box r, int w, int h)
{
	return r.w > 0 && r.h > 0 && box_within(r, (struct box){0, 0, w, h});
}

/* Append text to buf (of n bytes, len used), truncating. */
static void
append(char *buf, size_t n, size_t *len, const char *text)
{
	int k;

	if (*len >= n)
		return;
	k = snprintf(buf + *len, n - *len, "%s", text);
	if (k > 0)
		*len = *len + (size_t)k < n ? *len + (size_t)k : n - 1;
}

/* Whether counter c serves service index svc. */
static bool
serves(const struct config_counter *c, size_t svc)
{
	for (size_t i = 0; i < c->n_services; i++)
		if (c->services[i] == svc)
			return true;
	return false;
}

/* The counters of svc grouped by location. */
void
tl_counters_text(const struct config *cfg, size_t svc, bool english, char *buf, size_t n)
{
	bool done[CONFIG_MAX_COUNTERS] = {false};
	size_t len = 0;

	if (n == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < cfg->n_counters; i++) {
		const struct config_counter *c = &cfg->counters[i];
		const char *where = english ? c->location.en : c->location.th;
		char num[16];
		size_t count = 0;

		if (done[i] || !serves(c, svc))
			continue;
		/* Count the counters at this location first, for "Counter" or "Counters". */
		for (size_t j = i; j < cfg->n_counters; j++)
			if (!done[j] && serves(&cfg->counters[j], svc) &&
			    strcmp(english ? cfg->counters[j].location.en
			                   : cfg->counters[j].location.th,
			           where) == 0)
				count++;
		if (len > 0)
			append(buf, n, &len, " · ");
		append(buf, n, &len, english ? (count > 1 ? "Counters " : "Counter ") : "ช่อง ");
		for (size_t j = i, k = 0; j < cfg->n_counters; j++) {
			const struct config_counter *d = &cfg->counters[j];

			if (done[j] || !serves(d, svc) ||
			    strcmp(english ? d->location.en : d->location.th, where) != 0)
				continue;
			done[j] = true;
			snprintf(num, sizeof(num), "%s%d", k++ ? ", " : "", d->number);
			append(buf, n, &len, num);
		}
		if (*where) {
			append(buf, n, &len, english ? " — " : " ");
			append(buf, n, &len, where);
		}
	}
}

/* When a closed service opens next. */
void
tl_opens_text(const struct service_hours_state *hs, int now_minute_of_day, bool english, char *buf,
              size_t n)
{
	int days, hh, mm;

	if (hs->next_open_in_minutes < 0) {
		snprintf(buf, n, "%s", english ? "Closed" : "ปิดให้บริการ");
		return;
	}
	days = (now_minute_of_day + hs->next_open_in_minutes) / 1440;
	hh = hs->next_open_minute / 60;
	mm = hs->next_open_minute % 60;
	if (days == 0)
		snprintf(buf, n, english ? "Opens today %02d:%02d" : "เปิดวันนี้ %02d:%02d น.", hh, mm);
	else if (days == 1)
		snprintf(buf, n, english ? "Opens tomorrow %02d:%02d" : "เปิดพรุ่งนี้ %02d:%02d น.", hh,
		         mm);
	else if (english)
		snprintf(buf, n, "Opens %s %02d:%02d", thaitime_weekday_en(hs->next_open_weekday),
		         hh, mm);
	else
		snprintf(buf, n, "เปิดวัน%s %02d:%02d น.", thaitime_weekday_th(hs->next_open_weekday),
		         hh, mm);
}

/* Waiting figures for a service button. */
void
tl_waiting_text(int waiting, const struct estimate *wait, bool english, char *buf, size_t n)
{
	char est[96];

	estimate_text(wait, english, est, sizeof(est));
	if (waiting <= 0 && wait->kind == ESTIMATE_NO_COUNTER)
		snprintf(buf, n, "%s", est);
	else if (waiting <= 0)
		snprintf(buf, n, "%s", english ? "No one waiting" : "ไม่มีคิวรอ");
	else if (english)
		snprintf(buf, n, "%d waiting · %s", waiting, est);
	else
		snprintf(buf, n, "รอ %d คิว · %s", waiting, est);
}
