/*
 * console_draw.c - drawing the officer console: header, banner, the ticket
 * at the counter, today's figures, the queue, one button per action, the
 * status lines of the LED display, kiosk printer and rating screen, and the
 * chooser over everything. Laid out from the window size (console_layout.c)
 * at every draw; draws a console_view (console_view.h) and knows nothing
 * else of the console.
 */
#include <stdio.h>
#include <string.h>

#include "console_status.h"
#include "counter_screen.h"
#include "console_view.h"
#include "screen_log.h"
#include "thaitime.h"

/* Colours of the console. */
static const SDL_Color C_BG = {236, 240, 245, 255};
static const SDL_Color C_HEADER = {22, 58, 110, 255};
static const SDL_Color C_CARD = {255, 255, 255, 255};
static const SDL_Color C_TEXT = {25, 30, 40, 255};
static const SDL_Color C_DIM = {105, 115, 130, 255};
static const SDL_Color C_WHITE = {255, 255, 255, 255};
static const SDL_Color C_BUTTON = {40, 96, 170, 255};
static const SDL_Color C_BUTTON_OFF = {196, 204, 214, 255};
static const SDL_Color C_OK = {30, 150, 80, 255};
static const SDL_Color C_WARN = {214, 140, 20, 255};
static const SDL_Color C_FAULT = {200, 40, 40, 255};
static const SDL_Color C_SHADE = {0, 0, 0, 120};

/* The banner's colour for each tone of message. */
static const SDL_Color *const tone_colors[] = {
    [CONSOLE_TONE_OK] = &C_OK,
    [CONSOLE_TONE_WARN] = &C_WARN,
    [CONSOLE_TONE_FAULT] = &C_FAULT,
};

/* The text in the console's language. */
static const char *
tr(const struct console_view *v, const char *th, const char *en)
{
	return v->thai ? th : en;
}

/* The header: counter, officer (name, P6), status, clock. */
static void
draw_header(const struct console_view *v, const struct console_layout *l, struct ui *ui)
{
	const struct config_officer *o = config_officer_find(v->cfg, v->state->officer);
	char left[256], right[128], when[32];
	static const char *const status_th[] = {"ปิด", "เปิดให้บริการ", "พัก"};
	static const char *const status_en[] = {"closed", "open", "on break"};

	ui_fill(ui, l->header, 0, C_HEADER);
	if (v->state->status == COUNTER_CLOSED)
		snprintf(left, sizeof(left), "%s %d · %s", tr(v, "ช่องบริการ", "Counter"), v->counter,
		         tr(v, "ยังไม่มีเจ้าหน้าที่", "nobody logged in"));
	else
		snprintf(left, sizeof(left), "%s %d · %s", tr(v, "ช่องบริการ", "Counter"), v->counter,
		         o ? tr(v, o->name.th, o->name.en) : v->state->officer);
	thaitime_format(when, sizeof(when), v->now_ms, THAITIME_TIME);
	snprintf(right, sizeof(right), "%s · %s",
	         (v->thai ? status_th : status_en)[v->state->status], when);
	int y = l->header.y + l->pad / 2;
	int rw = ui_text(ui, right, l->font_body, false, C_WHITE, l->header.w - l->pad,
	                 y + (l->font_big - l->font_body) / 2, UI_ALIGN_RIGHT, l->header.w / 3);
	ui_text(ui, left, l->font_big, true, C_WHITE, l->pad, y, UI_ALIGN_LEFT,
	        l->header.w - rw - 3 * l->pad);
}

/*
 * The banner: the log out of reach, or the PC's database role lacking a right
 * (the administrator's to mend, not the network's), first (with a refused
 * key's message), else the latest message.
 */
static void
draw_banner(const struct console_view *v, const struct console_layout *l, struct ui *ui)
{
	char line[700];
	SDL_Color bg;

	if (v->log_down || v->denied) {
		snprintf(line, sizeof(line), "%s%s%s",
		         v->denied ? tr(v, SCREEN_LOG_DENIED_TH, SCREEN_LOG_DENIED_EN)
		                   : tr(v, "ระบบคิวไม่ตอบสนอง กำลังเชื่อมต่อใหม่",
		                        "Queue log not answering, reconnecting"),
		         v->message[0] ? " · " : "", v->message);
		bg = C_FAULT;
	} else if (v->message[0]) {
		snprintf(line, sizeof(line), "%s", v->message);
		bg = *tone_colors[v->message_tone];
	} else {
		return;
	}
	ui_fill(ui, l->banner, 4, bg);
	ui_text(ui, line, l->font_body, false, C_WHITE, l->banner.x + l->pad,
	        l->banner.y + (l->banner.h - ui_line_height(ui, l->font_body, false)) / 2,
	        UI_ALIGN_LEFT, l->banner.w - 2 * l->pad);
}

/* The current ticket: code, service, class, waited. */
static void
draw_current(const struct console_view *v, const struct console_layout *l, struct ui *ui)
{
	SDL_Rect r = l->current;
	int x = r.x + l->pad, y = r.y + l->pad / 2, w = r.w - 2 * l->pad;
	int lh = ui_line_height(ui, l->font_body, false);
	char line[256], waited[16];

	ui_fill(ui, r, 6, C_CARD);
	if (!v->state->has_ticket) {
		ui_text(ui, tr(v, "ไม่มีคิวที่กำลังให้บริการ", "No ticket at the counter"), l->font_body,
		        false, C_DIM, x, y, UI_ALIGN_LEFT, w);
		ui_text(ui, "—", l->font_code, true, C_DIM, r.x + r.w / 2, y + lh, UI_ALIGN_CENTER,
		        w);
		return;
	}
	const struct store_ticket *t = &v->state->ticket;
	const struct config_service *s = config_service_find(v->cfg, t->service);
	const struct config_priority *p = config_priority_find(v->cfg, t->priority);
	snprintf(line, sizeof(line), "%s",
	         t->state == TICKET_SERVING ? tr(v, "กำลังให้บริการ", "Serving")
	                                    : tr(v, "เรียกแล้ว รอผู้รับบริการ", "Called, on the way"));
	ui_text(ui, line, l->font_body, false, C_DIM, x, y, UI_ALIGN_LEFT, w);
	y += lh;
	int code_h = ui_line_height(ui, l->font_code, true);
	ui_text(ui, t->code, l->font_code, true, C_HEADER, r.x + r.w / 2, y, UI_ALIGN_CENTER, w);
	y += code_h;
	snprintf(line, sizeof(line), "%s %s", t->service, s ? tr(v, s->name.th, s->name.en) : "");
	ui_text(ui, line, l->font_body, false, C_TEXT, x, y, UI_ALIGN_LEFT, w);
	y += lh;
	console_format_duration((t->called_ms ? t->called_ms : v->now_ms) - t->issued_ms, waited,
	                        sizeof(waited));
	snprintf(line, sizeof(line), "%s%s%s %s %s", p ? tr(v, p->name.th, p->name.en) : "",
	         p ? " · " : "", tr(v, "รอ", "waited"), waited, tr(v, "นาที", "min"));
	if (y + lh <= r.y + r.h)
		ui_text(ui, line, l->font_body, p != NULL, p ? C_WARN : C_TEXT, x, y, UI_ALIGN_LEFT,
		        w);
}

/* Served today and the mean service time. */
static void
draw_stats(const struct console_view *v, const struct console_layout *l, struct ui *ui)
{
	char line[200];

	ui_fill(ui, l->stats, 6, C_CARD);
	snprintf(line, sizeof(line), "%s %d · %s %.1f %s", tr(v, "วันนี้ให้บริการแล้ว", "Served today"),
	         v->served, tr(v, "เฉลี่ย", "mean"), v->mean_minutes, tr(v, "นาที/คน", "min each"));
	ui_text(ui, line, l->font_body, false, C_TEXT, l->stats.x + l->pad,
	        l->stats.y + (l->stats.h - ui_line_height(ui, l->font_body, false)) / 2,
	        UI_ALIGN_LEFT, l->stats.w - 2 * l->pad);
}

/* Waiting per service, then the next tickets in call order. */
static void
draw_queue(const struct console_view *v, const struct console_layout *l, struct ui *ui)
{
	SDL_Rect r = l->queue;
	int x = r.x + l->pad, y = r.y + l->pad / 2, w = r.w - 2 * l->pad;
	int lh = ui_line_height(ui, l->font_body, false);
	char line[256], waited[16];
	size_t len = 0;
	int64_t now = v->now_ms;

	ui_fill(ui, r, 6, C_CARD);
	len = (size_t)snprintf(line, sizeof(line), "%s", tr(v, "รอ:", "Waiting:"));
	for (size_t i = 0; i < v->cc->n_services && len < sizeof(line); i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, " %s %d",
		                        v->cfg->services[v->cc->services[i]].id, v->waiting[i]);
	ui_text(ui, line, l->font_body, true, C_TEXT, x, y, UI_ALIGN_LEFT, w);
	y += lh;
	ui_text(ui, tr(v, "คิวถัดไป (ตามลำดับเรียก)", "Next, in call order"), l->font_small, false,
	        C_DIM, x, y, UI_ALIGN_LEFT, w);
	y += ui_line_height(ui, l->font_small, false);
	for (size_t k = 0; k < v->n_next && (int)k < l->queue_rows && y + lh <= r.y + r.h; k++) {
		const struct store_ticket *t = v->next[k];
		const struct config_priority *p = config_priority_find(v->cfg, t->priority);
		console_format_duration(now - t->issued_ms, waited, sizeof(waited));
		ui_text(ui, t->code, l->font_body, true, C_TEXT, x, y, UI_ALIGN_LEFT, w / 4);
		snprintf(line, sizeof(line), "%s%s%s %s %s %s",
		         t->state == TICKET_PARKED ? tr(v, "พักคิว · ", "parked · ") : "",
		         p ? tr(v, p->name.th, p->name.en) : "", p ? " ·" : "",
		         tr(v, "รอ", "waited"), waited, tr(v, "นาที", "min"));
		ui_text(ui, line, l->font_body, false, p ? C_WARN : C_DIM, x + w / 4, y,
		        UI_ALIGN_LEFT, w - w / 4);
		y += lh;
	}
	if (!v->n_next)
		ui_text(ui, tr(v, "ไม่มีคิวรอ", "Nobody waiting"), l->font_body, false, C_DIM, x, y,
		        UI_ALIGN_LEFT, w);
}

/* One button per action, with its key. */
static void
draw_buttons(const struct console_view *v, const struct console_layout *l, struct ui *ui)
{

	for (int a = 0; a < CONSOLE_ACTION_COUNT; a++) {
		SDL_Rect r = l->button[a];
		bool on = v->button[a].on;
		const struct console_key *k = console_key_of((enum console_action)a);
		const char *label = v->button[a].label;

		ui_fill(ui, r, 6, on ? C_BUTTON : C_BUTTON_OFF);
		int lh = ui_line_height(ui, l->font_body, true);
		int kh = ui_line_height(ui, l->font_small, false);
		int y = r.y + (r.h - lh - kh) / 2;
		ui_text(ui, label, l->font_body, true, on ? C_WHITE : C_DIM, r.x + r.w / 2, y,
		        UI_ALIGN_CENTER, r.w - 6);
		ui_text(ui, k ? k->label : "", l->font_small, false, on ? C_WHITE : C_DIM,
		        r.x + r.w / 2, y + lh, UI_ALIGN_CENTER, r.w - 6);
	}
}

/* A status line with its lamp. */
static void
status_line(const struct console_layout *l, struct ui *ui, int row, SDL_Color lamp,
            const char *text)
{
	int lh = ui_line_height(ui, l->font_small, false);
	int y = l->status.y + row * lh;
	int rad = l->font_small / 3;

	if (y + lh > l->status.y + l->status.h + l->pad)
		return;
	ui_circle(ui, l->status.x + rad + 2, y + lh / 2, rad, lamp);
	ui_text(ui, text, l->font_small, false, C_TEXT, l->status.x + 3 * rad + 6, y, UI_ALIGN_LEFT,
	        l->status.w - 3 * rad - 6);
}

/* The LED display, the kiosk printer and the rating screen. */
static void
draw_status(const struct console_view *v, const struct console_layout *l, struct ui *ui)
{
	char line[600], when[32];
	int today = thaitime_day_key(v->now_ms);

	if (!v->led.configured) {
		snprintf(line, sizeof(line), "%s",
		         tr(v, "ป้ายไฟ LED: ไม่ได้ตั้งค่า", "LED display: not configured"));
		status_line(l, ui, 0, C_BUTTON_OFF, line);
	} else {
		console_led_line(v->thai, v->led.name, v->led.online, line, sizeof(line));
		status_line(l, ui, 0, v->led.online ? C_OK : C_FAULT, line);
	}
	if (v->printer->found && thaitime_day_key(v->printer->at_ms) == today) {
		char fault[sizeof(v->printer->reason)];

		thaitime_format(when, sizeof(when), v->printer->at_ms, THAITIME_TIME);
		counter_printer_words(v->thai, v->printer->reason, fault, sizeof(fault));
		snprintf(line, sizeof(line), "%s %s: %s",
		         tr(v, "เครื่องพิมพ์บัตรคิว: ขัดข้องล่าสุด", "Kiosk printer: last fault"), when,
		         fault);
		status_line(l, ui, 1, C_WARN, line);
	} else {
		snprintf(line, sizeof(line), "%s",
		         tr(v, "เครื่องพิมพ์บัตรคิว: วันนี้ไม่มีเหตุขัดข้อง", "Kiosk printer: no fault today"));
		status_line(l, ui, 1, C_OK, line);
	}
	if (!v->cc->rating_screen) {
		snprintf(line, sizeof(line), "%s",
		         tr(v, "จอประเมินความพึงพอใจ: ไม่ได้ตั้งค่า", "Rating screen: not configured"));
		status_line(l, ui, 2, C_BUTTON_OFF, line);
	} else if (v->rating->found && thaitime_day_key(v->rating->at_ms) == today) {
		thaitime_format(when, sizeof(when), v->rating->at_ms, THAITIME_TIME);
		snprintf(line, sizeof(line), "%s %s",
		         tr(v, "จอประเมินความพึงพอใจ: ประเมินล่าสุด", "Rating screen: last rating"),
		         when);
		status_line(l, ui, 2, C_OK, line);
	} else {
		snprintf(line, sizeof(line), "%s",
		         tr(v, "จอประเมินความพึงพอใจ: ตั้งค่าแล้ว วันนี้ยังไม่มีการประเมิน",
		            "Rating screen: configured, no rating yet today"));
		status_line(l, ui, 2, C_BUTTON_OFF, line);
	}
}

/* The chooser over everything, with the rest shaded. */
static void
draw_chooser(const struct console_view *v, const struct console_layout *l, struct ui *ui)
{
	char line[200];
	int w, h;

	ui_size(ui, &w, &h);
	ui_fill(ui, (SDL_Rect){0, 0, w, h}, 0, C_SHADE);
	ui_fill(ui, l->chooser, 8, C_CARD);
	ui_text(ui, v->chooser.title, l->font_big, true, C_HEADER, l->chooser.x + l->pad,
	        l->chooser.y + l->pad / 2, UI_ALIGN_LEFT, l->chooser.w - 2 * l->pad);
	for (size_t i = 0; i < l->n_choices; i++) {
		size_t abs = v->chooser.page + i;
		SDL_Rect r = l->choice[i];
		if (!r.h)
			continue;
		if (abs == v->chooser.selected)
			ui_fill(ui, r, 4, (SDL_Color){210, 225, 245, 255});
		snprintf(line, sizeof(line), "%zu  %s", i + 1, v->chooser.text[abs]);
		ui_text(ui, line, l->font_body, false, C_TEXT, r.x + l->pad / 2, r.y, UI_ALIGN_LEFT,
		        r.w - l->pad);
	}
	snprintf(line, sizeof(line), "%s",
	         v->chooser.n > CONSOLE_CHOICES_MAX
	             ? tr(v, "1-9 เลือก · PgDn หน้าถัดไป · Esc ยกเลิก",
	                  "1-9 choose · PgDn more · Esc cancel")
	             : tr(v, "1-9 หรือ Enter เลือก · Esc ยกเลิก", "1-9 or Enter choose · Esc cancel"));
	ui_text(ui, line, l->font_small, false, C_DIM, l->chooser.x + l->pad,
	        l->chooser.y + l->chooser.h - ui_line_height(ui, l->font_small, false) - l->pad / 4,
	        UI_ALIGN_LEFT, l->chooser.w - 2 * l->pad);
}

/* Entries on the chooser's current page. */
static size_t
page_len(const struct console_view *v)
{
	size_t left = v->chooser.n - v->chooser.page;
	return left < CONSOLE_CHOICES_MAX ? left : CONSOLE_CHOICES_MAX;
}

void
console_draw(const struct console_view *v, struct ui *ui, struct console_layout *layout)
{
	const struct console_layout *l = layout;
	int w, h;

	ui_size(ui, &w, &h);
	console_layout_compute(w, h, v->chooser.title ? page_len(v) : 0, layout);
	ui_clear(ui, C_BG);
	draw_header(v, l, ui);
	draw_banner(v, l, ui);
	/* Nothing read from the log yet (it was out of reach at start): no zeros that look real. */
	if (v->loaded) {
		draw_current(v, l, ui);
		draw_stats(v, l, ui);
		draw_queue(v, l, ui);
	}
	draw_buttons(v, l, ui);
	if (v->loaded)
		draw_status(v, l, ui);
	if (v->chooser.title)
		draw_chooser(v, l, ui);
}
