/*
 * kiosk_ticket_draw.c - drawing the entrance kiosk's screens (home,
 * priority, advice, issuing, ticket) from the view kiosk_ticket.c fills
 * (kiosk_ticket_view.h), laid out by ticket_layout.c from the window's
 * size. Sees nothing else of the kiosk; changes nothing.
 */
#include <stdio.h>
#include <string.h>

#include "checkin_keys.h"
#include "kiosk_ticket_view.h"
#include "screen_log.h"
#include "thaitime.h"
#include "ticket_layout.h"

/* Characters of a typed line shown on the keypad screen (a scanner's may be longer). */
#define CHECKIN_SHOWN_MAX CHECKIN_TYPED_MAX

/* High contrast: white and yellow on a deep blue, controls in strong colours. */
static const SDL_Color C_BG = {9, 24, 51, 255};
static const SDL_Color C_TEXT = {255, 255, 255, 255};
static const SDL_Color C_SOFT = {200, 214, 235, 255};
static const SDL_Color C_ACCENT = {255, 210, 0, 255};
static const SDL_Color C_BUTTON = {0, 86, 179, 255};
static const SDL_Color C_CLOSED = {62, 66, 74, 255};
static const SDL_Color C_CLOSED_TEXT = {186, 190, 198, 255};
static const SDL_Color C_TAKE = {0, 128, 60, 255};
static const SDL_Color C_PLAIN = {52, 72, 104, 255};
static const SDL_Color C_PRIORITY = {255, 210, 0, 255};
static const SDL_Color C_BOOKING = {0, 122, 138, 255};
static const SDL_Color C_DARK = {10, 10, 10, 255};
static const SDL_Color C_FAULT = {196, 0, 0, 255};
static const SDL_Color C_PANEL = {20, 42, 80, 255};
static const SDL_Color C_WHITE = {255, 255, 255, 255};
static const SDL_Color C_BLACK = {0, 0, 0, 255};

/* The text in the language chosen. */
static const char *
tr(const struct kiosk_ticket_view *v, const char *th, const char *en)
{
	return v->english ? en : th;
}

/* The other language, for the line under. */
static const char *
tr2(const struct kiosk_ticket_view *v, const char *th, const char *en)
{
	return v->english ? th : en;
}

/* Rounded corners in proportion to a control. */
static int
radius_of(struct box r)
{
	return (r.h < r.w ? r.h : r.w) / 6;
}

/* A control: a filled shape, main words large, the other language under. */
static void
draw_button(struct ui *ui, struct box r, SDL_Color fill, SDL_Color ink, const char *main_text,
            int main_px, const char *second, int second_px)
{
	int pad = r.h / 10 + 4;
	int total = LAYOUT_LINE(main_px) + (second ? LAYOUT_LINE(second_px) : 0);
	int y = r.y + (r.h - total) / 2;

	ui_fill(ui, ui_rect(r), radius_of(r), fill);
	ui_text(ui, main_text, main_px, true, ink, r.x + r.w / 2, y, UI_ALIGN_CENTER,
	        r.w - 2 * pad);
	if (second)
		ui_text(ui, second, second_px, false, ink, r.x + r.w / 2, y + LAYOUT_LINE(main_px),
		        UI_ALIGN_CENTER, r.w - 2 * pad);
}

/* The office name and the date and time, in the header. */
static void
draw_header(const struct kiosk_ticket_view *v, struct ui *ui, struct box r, const struct tl_type *t)
{
	char date[128];

	thaitime_format(date, sizeof(date), v->now_ms,
	                v->english ? THAITIME_EN_DATE_TIME : THAITIME_TH_DATE_TIME);
	ui_text(ui, tr(v, v->cfg->office_name.th, v->cfg->office_name.en), t->title, true, C_TEXT,
	        r.x, r.y, UI_ALIGN_LEFT, r.w);
	ui_text(ui, date, t->small, false, C_ACCENT, r.x, r.y + LAYOUT_LINE(t->title),
	        UI_ALIGN_LEFT, r.w);
}

/*
 * People ahead and the wait: "รอก่อนหน้า 3 คิว · ประมาณ 12 นาที" / "3 people
 * ahead of you · 15-25 min"; none_text when nobody is ahead, unless no
 * counter is open, which is said instead of any promise.
 */
static void
ahead_text(const struct kiosk_ticket_view *v, int ahead, const struct estimate *wait,
           const char *none_text, char *line, size_t size)
{
	char est[96];

	estimate_text(wait, v->english, est, sizeof(est));
	if (ahead > 0)
		snprintf(line, size,
		         v->english ? "%d %s ahead of you · %s" : "รอก่อนหน้า %d คิว%s · %s", ahead,
		         v->english ? (ahead == 1 ? "person" : "people") : "", est);
	else
		snprintf(line, size, "%s", wait->kind == ESTIMATE_NO_COUNTER ? est : none_text);
}

/* One service button: names, waiting figures or when it opens. */
static void
draw_service(const struct kiosk_ticket_view *v, struct ui *ui, const struct tl_home *L, size_t i)
{
	const struct config_service *svc = &v->cfg->services[i];
	const struct kiosk_service_live *l = &v->live[i];
	struct box r = L->services[i];
	bool open = l->hours.open;
	SDL_Color ink = open ? C_TEXT : C_CLOSED_TEXT;
	int pad = r.h / 12 + 6;
	int tag_w = LAYOUT_LINE(L->svc_main) + pad;
	int total =
	    LAYOUT_LINE(L->svc_main) + LAYOUT_LINE(L->svc_second) + LAYOUT_LINE(L->svc_info);
	int x = r.x + tag_w + pad, y = r.y + (r.h - total) / 2, w = r.w - tag_w - 2 * pad;
	char info[160];

	ui_fill(ui, ui_rect(r), radius_of(r), open ? C_BUTTON : C_CLOSED);
	/* The ticket letter, so the citizen can match the board later. */
	ui_text(ui, svc->id, L->svc_main, true, open ? C_ACCENT : C_CLOSED_TEXT,
	        r.x + pad + tag_w / 2 - pad / 2, r.y + (r.h - LAYOUT_LINE(L->svc_main)) / 2,
	        UI_ALIGN_CENTER, tag_w);
	ui_text(ui, tr(v, svc->name.th, svc->name.en), L->svc_main, true, ink, x, y, UI_ALIGN_LEFT,
	        w);
	ui_text(ui, tr2(v, svc->name.th, svc->name.en), L->svc_second, false, ink, x,
	        y + LAYOUT_LINE(L->svc_main), UI_ALIGN_LEFT, w);
	if (open)
		tl_waiting_text(l->waiting, &l->wait, v->english, info, sizeof(info));
	else
		tl_opens_text(&l->hours, v->minute_of_day, v->english, info, sizeof(info));
	ui_text(ui, info, L->svc_info, true, open ? C_ACCENT : C_CLOSED_TEXT, x,
	        y + LAYOUT_LINE(L->svc_main) + LAYOUT_LINE(L->svc_second), UI_ALIGN_LEFT, w);
}

/* The largest size up to px at which text fits in width (proportional estimate). */
static int
fit_size(struct ui *ui, const char *text, int px, bool bold, int width)
{
	struct text_font *f;
	int w = 0;

	if (text_font(ui_text_engine(ui), px, bold, &f, NULL) != SQ_OK ||
	    text_measure(f, text, strlen(text), &w, NULL, NULL) != SQ_OK || w <= width)
		return px;
	return px * width / w;
}

/*
 * One size for the names on every service button, so that a long name does
 * not look less important than a short one; never under three quarters of
 * the layout's size (a longer name then shrinks alone).
 */
static void
uniform_service_sizes(const struct kiosk_ticket_view *v, struct ui *ui, struct tl_home *L)
{
	int main_px = L->svc_main, second_px = L->svc_second;

	for (size_t i = 0; i < L->n_services; i++) {
		const struct config_service *svc = &v->cfg->services[i];
		struct box r = L->services[i];
		int pad = r.h / 12 + 6;
		int w = r.w - (LAYOUT_LINE(L->svc_main) + pad) - 2 * pad;
		int a = fit_size(ui, tr(v, svc->name.th, svc->name.en), L->svc_main, true, w);
		int b = fit_size(ui, tr2(v, svc->name.th, svc->name.en), L->svc_second, false, w);

		if (a < main_px)
			main_px = a;
		if (b < second_px)
			second_px = b;
	}
	if (main_px < L->svc_main * 3 / 4)
		main_px = L->svc_main * 3 / 4;
	if (second_px < L->svc_second * 3 / 4)
		second_px = L->svc_second * 3 / 4;
	L->svc_main = main_px;
	L->svc_second = second_px;
}

/* The priority class chosen, in words. */
static const char *
priority_name(const struct kiosk_ticket_view *v, bool english)
{
	const struct config_priority *p = &v->cfg->priorities[v->priority];

	return english ? p->name.en : p->name.th;
}

/* What the kiosk says while no ticket can be issued; a sentence a line. */
#define UNAVAILABLE_TH "ไม่สามารถออกบัตรคิวได้ในขณะนี้\nกรุณาติดต่อโต๊ะประชาสัมพันธ์"
#define UNAVAILABLE_EN "Cannot issue a ticket right now,\nplease ask at the reception desk"

/*
 * The log out of reach: no ticket can be issued, so one panel over the
 * prompt, the services, the priority entry and the booking check-in sends the citizen to the
 * reception desk, in the chosen language first and the other under it.
 */
static void
draw_unavailable(const struct kiosk_ticket_view *v, struct ui *ui, const struct tl_home *L)
{
	struct box r = L->prompt;
	int bottom = L->priority.y + L->priority.h;

	if (L->booking.y + L->booking.h > bottom)
		bottom = L->booking.y + L->booking.h;
	for (size_t i = 0; i < L->n_services; i++) {
		const struct box *b = &L->services[i];
		if (b->y + b->h > bottom)
			bottom = b->y + b->h;
	}
	r.h = bottom - r.y;
	int pad = r.h / 10, y = r.y + pad, tw = r.w - 2 * pad;
	ui_fill(ui, ui_rect(r), radius_of(r) / 4, C_WHITE);
	ui_frame(ui, ui_rect(r), 6, C_FAULT);
	y += ui_text_box(ui, tr(v, UNAVAILABLE_TH, UNAVAILABLE_EN), L->type.title, true, C_FAULT,
	                 (SDL_Rect){r.x + pad, y, tw, LAYOUT_LINE(L->type.title) * 3},
	                 UI_ALIGN_CENTER);
	y += pad / 2;
	ui_text_box(ui, tr2(v, UNAVAILABLE_TH, UNAVAILABLE_EN), L->type.body, false, C_BLACK,
	            (SDL_Rect){r.x + pad, y, tw, LAYOUT_LINE(L->type.body) * 3}, UI_ALIGN_CENTER);
	ui_text(ui, tr(v, SCREEN_LOG_RECONNECTING_TH " …", SCREEN_LOG_RECONNECTING_EN " …"),
	        L->type.small, false, C_CLOSED, r.x + r.w / 2,
	        r.y + r.h - pad / 2 - LAYOUT_LINE(L->type.small), UI_ALIGN_CENTER, tw);
}
#define BOOKING_TH "มีนัดหมาย"
#define BOOKING_EN "I have a booking"

/* The home screen. */
static void
draw_home(const struct kiosk_ticket_view *v, struct ui *ui, int w, int h)
{
	struct tl_home L;
	char line[512], line2[512];

	tl_home(w, h, v->wheelchair, v->cfg->n_services, v->booking, &L);
	draw_header(v, ui, L.header, &L.type);
	draw_button(ui, L.lang, C_PLAIN, C_TEXT, v->english ? "ไทย" : "English", L.type.button2,
	            v->english ? "ภาษาไทย" : "Change language", L.type.small);
	if (v->log_down) {
		draw_unavailable(v, ui, &L);
		return;
	}
	if (v->priority >= 0) {
		snprintf(line, sizeof(line), "%s %s — %s", tr(v, "บัตรคิวพิเศษ:", "Priority ticket:"),
		         priority_name(v, v->english), tr(v, "เลือกบริการ", "choose a service"));
		ui_text(ui, line, L.type.body, true, C_ACCENT, L.prompt.x, L.prompt.y,
		        UI_ALIGN_LEFT, L.prompt.w);
	} else {
		ui_text(ui, tr(v, "แตะเลือกบริการที่ต้องการ", "Touch the service you need"), L.type.body,
		        true, C_TEXT, L.prompt.x, L.prompt.y, UI_ALIGN_LEFT, L.prompt.w);
	}
	uniform_service_sizes(v, ui, &L);
	for (size_t i = 0; i < L.n_services; i++)
		draw_service(v, ui, &L, i);
	if (v->priority >= 0) {
		draw_button(ui, L.priority, C_PRIORITY, C_DARK,
		            tr(v, "ยกเลิกบัตรคิวพิเศษ", "Cancel priority ticket"), L.type.body,
		            tr2(v, "ยกเลิกบัตรคิวพิเศษ", "Cancel priority ticket"), L.type.small);
	} else {
		size_t len = 0, len2 = 0;

		line[0] = line2[0] = '\0';
		for (size_t i = 0; i < v->cfg->n_priorities; i++) {
			const struct config_priority *p = &v->cfg->priorities[i];
			len += (size_t)snprintf(line + len,
			                        len < sizeof(line) ? sizeof(line) - len : 0, "%s%s",
			                        i ? " · " : "", tr(v, p->name.th, p->name.en));
			len2 += (size_t)snprintf(
			    line2 + len2, len2 < sizeof(line2) ? sizeof(line2) - len2 : 0, "%s%s",
			    i ? " · " : "", tr2(v, p->name.th, p->name.en));
			if (len >= sizeof(line) || len2 >= sizeof(line2))
				break;
		}
		char head[640];
		snprintf(head, sizeof(head), "%s %s", tr(v, "คิวพิเศษ:", "Priority:"), line);
		draw_button(ui, L.priority, C_PRIORITY, C_DARK, head, L.type.body, line2,
		            L.type.small);
	}
	if (v->booking)
		draw_button(ui, L.booking, C_BOOKING, C_WHITE, tr(v, BOOKING_TH, BOOKING_EN),
		            L.type.body, tr2(v, BOOKING_TH, BOOKING_EN), L.type.small);
	if (v->notice_th) {
		struct box n = L.notice;
		int pad = n.h / 8;

		ui_fill(ui, ui_rect(n), radius_of(n) / 2, C_WHITE);
		ui_frame(ui, ui_rect(n), 4, C_ACCENT);
		ui_text_box(
		    ui, tr(v, v->notice_th, v->notice_en), L.type.body, true, C_BLACK,
		    (SDL_Rect){n.x + pad, n.y + pad, n.w - 2 * pad, LAYOUT_LINE(L.type.body) * 2},
		    UI_ALIGN_CENTER);
		ui_text_box(ui, tr2(v, v->notice_th, v->notice_en), L.type.small, false, C_BLACK,
		            (SDL_Rect){n.x + pad, n.y + pad + LAYOUT_LINE(L.type.body) * 2,
		                       n.w - 2 * pad, LAYOUT_LINE(L.type.small) * 2},
		            UI_ALIGN_CENTER);
	}
}

/* The priority screen. */
static void
draw_priority(const struct kiosk_ticket_view *v, struct ui *ui, int w, int h)
{
	struct tl_priority L;

	tl_priority(w, h, v->wheelchair, v->cfg->n_priorities, &L);
	ui_text(ui, tr(v, "บัตรคิวพิเศษ", "Priority ticket"), L.type.title, true, C_ACCENT, L.title.x,
	        L.title.y, UI_ALIGN_LEFT, L.title.w);
	ui_text_box(ui,
	            tr(v,
	               "สำหรับผู้สูงอายุ ผู้พิการ หญิงตั้งครรภ์ และพระภิกษุสงฆ์ ได้รับบริการก่อน "
	               "แตะเลือกประเภท",
	               "Served first: elderly, disabled, pregnant women and monks. Touch "
	               "the one that applies."),
	            L.type.body, false, C_TEXT,
	            (SDL_Rect){L.title.x, L.title.y + LAYOUT_LINE(L.type.title), L.title.w,
	                       L.title.h - LAYOUT_LINE(L.type.title)},
	            UI_ALIGN_LEFT);
	for (size_t i = 0; i < L.n_classes; i++) {
		const struct config_priority *p = &v->cfg->priorities[i];

		draw_button(ui, L.classes[i], C_PRIORITY, C_DARK, tr(v, p->name.th, p->name.en),
		            L.type.button, tr2(v, p->name.th, p->name.en), L.type.button2);
	}
	draw_button(ui, L.cancel, C_PLAIN, C_TEXT, tr(v, "ย้อนกลับ", "Back"), L.type.body,
	            tr2(v, "ย้อนกลับ", "Back"), L.type.small);
}

/* Lines of a list block: a heading and bulleted items. */
struct block {
	const char *heading;
	const struct bilingual *items;
	size_t n;
	bool numbered;
};

/* Height the blocks need at size px in width w; -1 on a text error. */
static int
blocks_height(const struct kiosk_ticket_view *v, struct ui *ui, const struct block *b, size_t nb,
              int px, int w)
{
	struct text_font *f;
	int total = 0;

	if (text_font(ui_text_engine(ui), px, false, &f, NULL) != SQ_OK)
		return -1;
	for (size_t i = 0; i < nb; i++) {
		if (b[i].n == 0)
			continue;
		total += LAYOUT_LINE(px) + px / 4;
		for (size_t j = 0; j < b[i].n; j++) {
			struct text_lines ls;
			char item[512];

			snprintf(item, sizeof(item), "%s",
			         tr(v, b[i].items[j].th, b[i].items[j].en));
			if (text_wrap(f, item, w - px * 2, &ls, NULL) != SQ_OK)
				return -1;
			total += (int)ls.n * text_font_height(f);
			text_lines_release(&ls);
		}
		total += px / 2;
	}
	return total;
}

/* Draw the blocks in r, at the largest size up to px that fits. */
static void
draw_blocks(const struct kiosk_ticket_view *v, struct ui *ui, struct box r, const struct block *b,
            size_t nb, int px)
{
	int y = r.y + r.h / 40;

	while (px > 14) {
		int need = blocks_height(v, ui, b, nb, px, r.w - r.w / 20);
		if (need >= 0 && need <= r.h - r.h / 20)
			break;
		px = px * 9 / 10;
	}
	ui_fill(ui, ui_rect(r), r.w / 60 + 4, C_PANEL);
	for (size_t i = 0; i < nb; i++) {
		int x = r.x + r.w / 40 + 4;
		int bw = r.w - 2 * (r.w / 40 + 4);

		if (b[i].n == 0)
			continue;
		ui_text(ui, b[i].heading, px, true, C_ACCENT, x, y, UI_ALIGN_LEFT, bw);
		y += LAYOUT_LINE(px) + px / 4;
		for (size_t j = 0; j < b[i].n; j++) {
			char item[512];

			/* The mark hangs left of the item, so wrapped lines align with its text. */
			if (b[i].numbered)
				snprintf(item, sizeof(item), "%zu.", j + 1);
			else
				snprintf(item, sizeof(item), "•");
			ui_text(ui, item, px, false, C_TEXT, x + px / 2, y, UI_ALIGN_LEFT, 0);
			y += ui_text_box(
			    ui, tr(v, b[i].items[j].th, b[i].items[j].en), px, false, C_TEXT,
			    (SDL_Rect){x + px * 2, y, bw - px * 2, r.y + r.h - y}, UI_ALIGN_LEFT);
		}
		y += px / 2;
	}
}

/* The first-contact advice screen. */
static void
draw_advice(const struct kiosk_ticket_view *v, struct ui *ui, int w, int h)
{
	const struct config_service *svc = &v->cfg->services[v->service];
	const struct kiosk_service_live *l = &v->live[v->service];
	struct tl_advice L;
	char line[256];

	tl_advice(w, h, v->wheelchair, &L);
	ui_text(ui, tr(v, svc->name.th, svc->name.en), L.type.heading, true, C_TEXT, L.title.x,
	        L.title.y, UI_ALIGN_LEFT, L.title.w);
	ui_text(ui, tr2(v, svc->name.th, svc->name.en), L.type.small, false, C_SOFT, L.title.x,
	        L.title.y + LAYOUT_LINE(L.type.heading), UI_ALIGN_LEFT, L.title.w);
	const struct block bring[] = {
	    {tr(v, "เอกสารที่ต้องนำมา", "Documents to bring"), svc->documents, svc->n_documents,
	     false},
	    {tr(v, "แบบฟอร์ม", "Forms"), svc->forms, svc->n_forms, false},
	};
	const struct block steps[] = {
	    {tr(v, "ขั้นตอนการให้บริการ", "Steps of the service"), svc->steps, svc->n_steps, true},
	};
	draw_blocks(v, ui, L.bring, bring, 2, L.type.body);
	draw_blocks(v, ui, L.steps, steps, 1, L.type.body);
	snprintf(line, sizeof(line),
	         v->english ? "Service takes about %d min" : "ระยะเวลาให้บริการประมาณ %d นาที",
	         svc->target_minutes);
	ui_text(ui, line, L.type.body, false, C_TEXT, L.wait.x, L.wait.y, UI_ALIGN_LEFT, L.wait.w);
	ahead_text(v, l->waiting, &l->wait,
	           tr(v, "ไม่มีผู้รอก่อนหน้า รับบริการได้ทันที", "No one ahead of you"), line, sizeof(line));
	ui_text(ui, line, L.type.body, true, C_ACCENT, L.wait.x,
	        L.wait.y + LAYOUT_LINE(L.type.body), UI_ALIGN_LEFT, L.wait.w);
	draw_button(ui, L.take, C_TAKE, C_WHITE,
	            v->priority >= 0 ? tr(v, "รับบัตรคิวพิเศษ", "Take a priority ticket")
	                             : tr(v, "รับบัตรคิว", "Take a ticket"),
	            L.type.button,
	            v->priority >= 0 ? tr2(v, "รับบัตรคิวพิเศษ", "Take a priority ticket")
	                             : tr2(v, "รับบัตรคิว", "Take a ticket"),
	            L.type.button2);
	draw_button(ui, L.back, C_PLAIN, C_TEXT, tr(v, "ย้อนกลับ", "Back"), L.type.body,
	            tr2(v, "ย้อนกลับ", "Back"), L.type.small);
	draw_button(ui, L.info, C_PLAIN, C_TEXT, tr(v, "ขอข้อมูลเท่านั้น", "Information only"),
	            L.type.body, tr2(v, "ขอข้อมูลเท่านั้น", "Information only"), L.type.small);
}

/* "Please wait" over a dimmed screen. */
static void
draw_issuing(const struct kiosk_ticket_view *v, struct ui *ui, int w, int h)
{
	struct tl_wait L;

	tl_wait(w, h, &L);
	ui_fill(ui, ui_rect(L.box), radius_of(L.box) / 2, C_WHITE);
	ui_frame(ui, ui_rect(L.box), 6, C_ACCENT);
	ui_text(ui, tr(v, "กรุณารอสักครู่", "Please wait"), L.type.title, true, C_BLACK,
	        L.box.x + L.box.w / 2, L.box.y + L.box.h / 2 - LAYOUT_LINE(L.type.title),
	        UI_ALIGN_CENTER, L.box.w - 20);
	ui_text(ui, tr(v, "กำลังออกบัตรคิว", "Issuing your ticket"), L.type.body, false, C_BLACK,
	        L.box.x + L.box.w / 2, L.box.y + L.box.h / 2, UI_ALIGN_CENTER, L.box.w - 20);
}

/* How many lines text wraps into at px in width; 99 on a text error. */
static int
lines_at(struct ui *ui, const char *text, int px, int width)
{
	struct text_font *f;
	struct text_lines ls;
	int n;

	if (text_font(ui_text_engine(ui), px, true, &f, NULL) != SQ_OK ||
	    text_wrap(f, text, width, &ls, NULL) != SQ_OK)
		return 99;
	n = (int)ls.n;
	text_lines_release(&ls);
	return n;
}

/* The QR code of the ticket, black modules on white, as large as r. */
static void
draw_qr(const struct kiosk_ticket_view *v, struct ui *ui, struct box r)
{
	int n, module, side, x0, y0;

	if (!v->qr)
		return;
	n = bitmap_width(v->qr);
	module = r.w / n;
	if (module < 1)
		return;
	side = module * n;
	x0 = r.x + (r.w - side) / 2;
	y0 = r.y + (r.h - side) / 2;
	ui_fill(ui, (SDL_Rect){x0, y0, side, side}, 0, C_WHITE);
	for (int y = 0; y < n; y++)
		for (int x = 0; x < n; x++)
			if (bitmap_get(v->qr, x, y))
				ui_fill(
				    ui,
				    (SDL_Rect){x0 + x * module, y0 + y * module, module, module}, 0,
				    C_BLACK);
}

#define TAKE_TICKET_TH "กรุณารับบัตรคิวที่เครื่องพิมพ์"
#define TAKE_TICKET_EN "Please take your printed ticket"

/* The issued ticket. */
static void
draw_ticket(const struct kiosk_ticket_view *v, struct ui *ui, int w, int h)
{
	const struct config_service *svc = &v->cfg->services[v->service];
	struct tl_ticket L;
	char line[512];
	int y, bottom;

	tl_ticket(w, h, v->wheelchair, v->show_qr, &L);
	ui_text(ui, tr(v, "หมายเลขคิวของท่าน", "Your number"), L.type.body, true, C_SOFT,
	        L.label.x + L.label.w / 2, L.label.y, UI_ALIGN_CENTER, L.label.w);
	ui_text(ui, v->code, L.number_px, true, C_ACCENT, L.number.x + L.number.w / 2,
	        L.number_text_y, UI_ALIGN_CENTER, L.number.w);
	ui_text(ui, tr(v, svc->name.th, svc->name.en), L.type.button, true, C_TEXT,
	        L.service.x + L.service.w / 2, L.service.y, UI_ALIGN_CENTER, L.service.w);
	ui_text(ui, tr2(v, svc->name.th, svc->name.en), L.type.button2, false, C_SOFT,
	        L.service.x + L.service.w / 2, L.service.y + LAYOUT_LINE(L.type.button),
	        UI_ALIGN_CENTER, L.service.w);
	y = L.details.y;
	bottom = L.details.y + L.details.h;
	if (!v->show_qr) {
		/* Printed: send the citizen to the printer's slot before they walk off. */
		int text_y = L.take.y +
		             (L.take.h - LAYOUT_LINE(L.type.body) - LAYOUT_LINE(L.type.small)) / 2;

		ui_text(ui, tr(v, TAKE_TICKET_TH, TAKE_TICKET_EN), L.type.body, true, C_ACCENT,
		        L.take.x + L.take.w / 2, text_y, UI_ALIGN_CENTER, L.take.w);
		ui_text(ui, tr2(v, TAKE_TICKET_TH, TAKE_TICKET_EN), L.type.small, false, C_SOFT,
		        L.take.x + L.take.w / 2, text_y + LAYOUT_LINE(L.type.body), UI_ALIGN_CENTER,
		        L.take.w);
	}
	if (v->priority_ticket && v->priority >= 0) {
		int bh = LAYOUT_LINE(L.type.body);

		snprintf(line, sizeof(line), "%s %s", tr(v, "คิวพิเศษ:", "Priority:"),
		         priority_name(v, v->english));
		ui_fill(ui, (SDL_Rect){L.details.x + L.details.w / 6, y, L.details.w * 2 / 3, bh},
		        bh / 4, C_PRIORITY);
		ui_text(ui, line, L.type.body, true, C_DARK, L.details.x + L.details.w / 2, y,
		        UI_ALIGN_CENTER, L.details.w * 2 / 3);
		y += bh + bh / 4;
	}
	if (v->booked_ticket) {
		int bh = LAYOUT_LINE(L.type.body);

		/* Both languages: the officer may read the other one. */
		snprintf(line, sizeof(line), "%s · %s", tr(v, "คิวนัดหมาย", "Booking"),
		         tr2(v, "คิวนัดหมาย", "Booking"));
		ui_fill(ui, (SDL_Rect){L.details.x + L.details.w / 6, y, L.details.w * 2 / 3, bh},
		        bh / 4, C_BOOKING);
		ui_text(ui, line, L.type.body, true, C_WHITE, L.details.x + L.details.w / 2, y,
		        UI_ALIGN_CENTER, L.details.w * 2 / 3);
		y += bh + bh / 4;
	}
	/* Where to go, in both languages; then the wait. */
	snprintf(line, sizeof(line), "%s %s", tr(v, "ไปที่", "Go to"),
	         v->english ? v->counters_en : v->counters_th);
	y += ui_text_box(ui, line, L.type.body, true, C_TEXT,
	                 (SDL_Rect){L.details.x, y, L.details.w, bottom - y}, UI_ALIGN_CENTER);
	snprintf(line, sizeof(line), "%s %s", tr2(v, "ไปที่", "Go to"),
	         v->english ? v->counters_th : v->counters_en);
	y += ui_text_box(ui, line, L.type.small, false, C_SOFT,
	                 (SDL_Rect){L.details.x, y, L.details.w, bottom - y}, UI_ALIGN_CENTER);
	ahead_text(v, v->ahead, v->wait,
	           tr(v, "ไม่มีคิวรอก่อนหน้า กรุณารอเรียกหมายเลข",
	              "No one ahead of you: please wait for your number"),
	           line, sizeof(line));
	ui_text_box(ui, line, L.type.body, false, C_ACCENT,
	            (SDL_Rect){L.details.x, y + LAYOUT_LINE(L.type.body) / 4, L.details.w,
	                       bottom - y - LAYOUT_LINE(L.type.body) / 4},
	            UI_ALIGN_CENTER);
	if (v->show_qr) {
		draw_qr(v, ui, L.qr);
		ui_text(ui, tr(v, "สแกนเพื่อติดตามคิว", "Scan to follow your queue"), L.type.small,
		        false, C_TEXT, L.qr.x + L.qr.w / 2, L.qr.y + L.qr.h + 4, UI_ALIGN_CENTER,
		        L.qr.w + 40);
		ui_text(ui, tr2(v, "สแกนเพื่อติดตามคิว", "Scan to follow your queue"), L.type.small,
		        false, C_SOFT, L.qr.x + L.qr.w / 2,
		        L.qr.y + L.qr.h + 4 + LAYOUT_LINE(L.type.small), UI_ALIGN_CENTER,
		        L.qr.w + 40);
	}
	if (v->show_qr && v->fault != PRINTER_FAULT_NONE) {
		struct box f = L.fault;
		int pad = f.h / 10 + 4;
		char th[512], en[512];

		snprintf(th, sizeof(th),
		         "เครื่องพิมพ์ขัดข้อง (%s) บัตรคิวนี้ใช้ได้ กรุณาถ่ายภาพหมายเลขและคิวอาร์โค้ด",
		         printer_fault_th(v->fault));
		snprintf(en, sizeof(en),
		         "%s: your ticket is valid. Please take a photo of the number and QR code.",
		         printer_fault_en(v->fault));
		ui_fill(ui, ui_rect(f), radius_of(f) / 2, C_FAULT);
		/* Two lines at most: body size if it wraps into two, else smaller. */
		int px = L.type.body;
		while (px > 14 && lines_at(ui, tr(v, th, en), px, f.w - 2 * pad) > 2)
			px = px * 9 / 10;
		/* The box is the band (line boxes run a little over LAYOUT_LINE at small sizes). */
		ui_text_box(ui, tr(v, th, en), px, true, C_WHITE,
		            (SDL_Rect){f.x + pad,
		                       f.y + SDL_max(0, (f.h - 2 * LAYOUT_LINE(px)) / 2) - 2,
		                       f.w - 2 * pad, f.h},
		            UI_ALIGN_CENTER);
	}
	draw_button(ui, L.done, C_PLAIN, C_TEXT, tr(v, "เสร็จสิ้น", "Done"), L.type.body,
	            tr2(v, "เสร็จสิ้น", "Done"), L.type.small);
}

/* The check-in keypad: the code typed so far, the keys, cancel, delete and OK. */
static void
draw_checkin(const struct kiosk_ticket_view *v, struct ui *ui, int w, int h)
{
	static const char *const TITLE_TH = "กรอกรหัสนัดหมาย หรือสแกนคิวอาร์โค้ดของนัดหมาย";
	static const char *const TITLE_EN = "Type your booking code, or scan its QR code";
	struct tl_checkin L;
	char shown[2 * CHECKIN_SHOWN_MAX + 1], key[2] = "";
	size_t len = 0, typed = strlen(v->typed);
	bool complete = false;

	tl_checkin(w, h, v->wheelchair, &L);
	ui_text(ui, tr(v, TITLE_TH, TITLE_EN), L.type.title, true, C_TEXT, L.title.x, L.title.y,
	        UI_ALIGN_LEFT, L.title.w);
	ui_text(ui, tr2(v, TITLE_TH, TITLE_EN), L.type.small, false, C_SOFT, L.title.x,
	        L.title.y + LAYOUT_LINE(L.type.title), UI_ALIGN_LEFT, L.title.w);
	/* The code spaced out, a line for each character still to come. */
	for (size_t i = 0; i < typed && len + 2 < sizeof(shown); i++) {
		if (v->typed[i] == ' ' || v->typed[i] == '-')
			continue;
		shown[len++] = v->typed[i];
		shown[len++] = ' ';
	}
	complete = len / 2 >= BOOKING_CODE_LEN;
	for (size_t i = len / 2; i < BOOKING_CODE_LEN; i++) {
		shown[len++] = '_';
		shown[len++] = ' ';
	}
	shown[len ? len - 1 : 0] = '\0';
	ui_fill(ui, ui_rect(L.code), radius_of(L.code) / 2, C_WHITE);
	ui_text(ui, shown, L.code_px, true, C_BLACK, L.code.x + L.code.w / 2,
	        L.code.y + (L.code.h - LAYOUT_LINE(L.code_px)) / 2, UI_ALIGN_CENTER, L.code.w - 20);
	for (int i = 0; i < TL_CHECKIN_KEYS; i++) {
		struct box r = L.keys[i];
		int px = layout_min(layout_em_for(r.h, 0.8), r.w * 2 / 3);

		key[0] = BOOKING_ALPHABET[i];
		ui_fill(ui, ui_rect(r), radius_of(r), C_BUTTON);
		ui_text(ui, key, px, true, C_WHITE, r.x + r.w / 2,
		        r.y + (r.h - LAYOUT_LINE(px)) / 2, UI_ALIGN_CENTER, r.w);
	}
	draw_button(ui, L.cancel, C_PLAIN, C_TEXT, tr(v, "ยกเลิก", "Cancel"), L.type.body,
	            tr2(v, "ยกเลิก", "Cancel"), L.type.small);
	draw_button(ui, L.erase, C_PLAIN, C_TEXT, tr(v, "ลบ", "Delete"), L.type.body,
	            tr2(v, "ลบ", "Delete"), L.type.small);
	draw_button(ui, L.ok, complete ? C_TAKE : C_CLOSED, complete ? C_WHITE : C_CLOSED_TEXT,
	            tr(v, "ตกลง เช็กอิน", "OK, check in"), L.type.body,
	            tr2(v, "ตกลง เช็กอิน", "OK, check in"), L.type.small);
}

/* Why a check-in issued nothing, large; done, and the walk-in offer when it is too late. */
static void
draw_result(const struct kiosk_ticket_view *v, struct ui *ui, int w, int h)
{
	static const char *const WALKIN_TH = "รับบัตรคิวทั่วไปแทน";
	static const char *const WALKIN_EN = "Take a walk-in ticket instead";
	struct tl_result L;
	struct box m;
	int pad, y;

	tl_result(w, h, v->wheelchair, v->offer_walkin, &L);
	m = L.message;
	pad = m.w / 30 + 8;
	ui_fill(ui, ui_rect(m), radius_of(m) / 3, C_PANEL);
	/* The words in the middle of the panel (lines_at counts bold lines: near enough). */
	y = lines_at(ui, tr(v, v->result_th, v->result_en), L.type.heading, m.w - 2 * pad) *
	        LAYOUT_LINE(L.type.heading) +
	    LAYOUT_LINE(L.type.body) / 2 +
	    lines_at(ui, tr2(v, v->result_th, v->result_en), L.type.body, m.w - 2 * pad) *
	        LAYOUT_LINE(L.type.body);
	y = m.y + layout_at_least((m.h - y) / 2, pad);
	y += ui_text_box(ui, tr(v, v->result_th, v->result_en), L.type.heading, true, C_ACCENT,
	                 (SDL_Rect){m.x + pad, y, m.w - 2 * pad, m.y + m.h - pad - y},
	                 UI_ALIGN_CENTER);
	y += LAYOUT_LINE(L.type.body) / 2;
	ui_text_box(ui, tr2(v, v->result_th, v->result_en), L.type.body, false, C_TEXT,
	            (SDL_Rect){m.x + pad, y, m.w - 2 * pad, m.y + m.h - pad - y}, UI_ALIGN_CENTER);
	if (v->offer_walkin)
		draw_button(ui, L.walkin, C_TAKE, C_WHITE, tr(v, WALKIN_TH, WALKIN_EN),
		            L.type.button, tr2(v, WALKIN_TH, WALKIN_EN), L.type.button2);
	draw_button(ui, L.done, C_PLAIN, C_TEXT, tr(v, "เสร็จสิ้น", "Done"), L.type.button,
	            tr2(v, "เสร็จสิ้น", "Done"), L.type.button2);
}

/* What each screen draws. */
static void (*const screen_draws[])(const struct kiosk_ticket_view *v, struct ui *ui, int w,
                                    int h) = {
    [KIOSK_SCREEN_HOME] = draw_home,     [KIOSK_SCREEN_PRIORITY] = draw_priority,
    [KIOSK_SCREEN_ADVICE] = draw_advice, [KIOSK_SCREEN_ISSUING] = draw_issuing,
    [KIOSK_SCREEN_TICKET] = draw_ticket, [KIOSK_SCREEN_CHECKIN] = draw_checkin,
    [KIOSK_SCREEN_RESULT] = draw_result,
};

void
kiosk_ticket_draw(const struct kiosk_ticket_view *v, struct ui *ui)
{
	int w, h;

	ui_size(ui, &w, &h);
	ui_clear(ui, C_BG);
	screen_draws[v->screen](v, ui, w, h);
}
