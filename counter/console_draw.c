/*
 * console_draw.c - drawing the officer console: header, banner, the ticket
 * at the counter, today's figures, the queue, one button per action, the
 * status lines of the LED display, kiosk printer and rating screen, and the
 * chooser over everything. Laid out from the window size (console_layout.c)
 * at every draw; reads the console's state, changes nothing but the layout.
 */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "console_private.h"
#include "led_display.h"
#include "printer.h"
#include "thaitime.h"

/* Entries on the chooser's current page. */
static size_t
page_len(const struct console *c)
{
	size_t left = c->n_choices - c->page;
	return left < CONSOLE_CHOICES_MAX ? left : CONSOLE_CHOICES_MAX;
}

/* Bring the layout up to date with the window and the chooser. */
static void
relayout(struct console *c, struct ui *ui)
{
	int w, h;

	ui_size(ui, &w, &h);
	console_layout_compute(w, h, c->chooser ? page_len(c) : 0, &c->layout);
	c->layout_w = w;
	c->layout_h = h;
}

/* The header: counter, officer (name, P6), status, clock. */
static void
draw_header(struct console *c, struct ui *ui)
{
	const struct console_layout *l = &c->layout;
	const struct config_officer *o = config_officer_find(c->cfg, c->state.officer);
	char left[256], right[128], when[32];
	static const char *const status_th[] = {"ปิด", "เปิดให้บริการ", "พัก"};
	static const char *const status_en[] = {"closed", "open", "on break"};

	ui_fill(ui, l->header, 0, C_HEADER);
	if (c->state.status == COUNTER_CLOSED)
		snprintf(left, sizeof(left), "%s %d · %s", tr(c, "ช่องบริการ", "Counter"), c->counter,
		         tr(c, "ยังไม่มีเจ้าหน้าที่", "nobody logged in"));
	else
		snprintf(left, sizeof(left), "%s %d · %s", tr(c, "ช่องบริการ", "Counter"), c->counter,
		         o ? tr(c, o->name.th, o->name.en) : c->state.officer);
	thaitime_format(when, sizeof(when), clock_now_ms(), THAITIME_TIME);
	snprintf(right, sizeof(right), "%s · %s",
	         (c->thai ? status_th : status_en)[c->state.status], when);
	int y = l->header.y + l->pad / 2;
	int rw = ui_text(ui, right, l->font_body, false, C_WHITE, l->header.w - l->pad,
	                 y + (l->font_big - l->font_body) / 2, UI_ALIGN_RIGHT, l->header.w / 3);
	ui_text(ui, left, l->font_big, true, C_WHITE, l->pad, y, UI_ALIGN_LEFT,
	        l->header.w - rw - 3 * l->pad);
}

/* The banner: the database fault first, else the latest message. */
static void
draw_banner(struct console *c, struct ui *ui)
{
	const struct console_layout *l = &c->layout;
	char line[700];
	SDL_Color bg;

	if (c->db_fault[0]) {
		snprintf(line, sizeof(line), "%s %s",
		         tr(c, "ฐานข้อมูลไม่ตอบสนอง:", "Database not answering:"), c->db_fault);
		bg = C_FAULT;
	} else if (c->message[0] && clock_monotonic_ms() < c->message_until_ms) {
		snprintf(line, sizeof(line), "%s", c->message);
		bg = c->message_color;
	} else {
		return;
	}
	ui_fill(ui, l->banner, 4, bg);
	ui_text(ui, line, l->font_body, false, C_WHITE, l->banner.x + l->pad, l->banner.y + 1,
	        UI_ALIGN_LEFT, l->banner.w - 2 * l->pad);
}

/* The current ticket: code, service, class, waited. */
static void
draw_current(struct console *c, struct ui *ui)
{
	const struct console_layout *l = &c->layout;
	SDL_Rect r = l->current;
	int x = r.x + l->pad, y = r.y + l->pad / 2, w = r.w - 2 * l->pad;
	int lh = ui_line_height(ui, l->font_body, false);
	char line[256], waited[16];

	ui_fill(ui, r, 6, C_CARD);
	if (!c->state.has_ticket) {
		ui_text(ui, tr(c, "ไม่มีคิวที่กำลังให้บริการ", "No ticket at the counter"), l->font_body,
		        false, C_DIM, x, y, UI_ALIGN_LEFT, w);
		ui_text(ui, "—", l->font_code, true, C_DIM, r.x + r.w / 2, y + lh, UI_ALIGN_CENTER,
		        w);
		return;
	}
	const struct store_ticket *t = &c->state.ticket;
	const struct config_service *s = config_service_find(c->cfg, t->service);
	const struct config_priority *p = config_priority_find(c->cfg, t->priority);
	snprintf(line, sizeof(line), "%s",
	         t->state == TICKET_SERVING ? tr(c, "กำลังให้บริการ", "Serving")
	                                    : tr(c, "เรียกแล้ว รอผู้รับบริการ", "Called, on the way"));
	ui_text(ui, line, l->font_body, false, C_DIM, x, y, UI_ALIGN_LEFT, w);
	y += lh;
	int code_h = ui_line_height(ui, l->font_code, true);
	ui_text(ui, t->code, l->font_code, true, C_HEADER, r.x + r.w / 2, y, UI_ALIGN_CENTER, w);
	y += code_h;
	snprintf(line, sizeof(line), "%s %s", t->service, s ? tr(c, s->name.th, s->name.en) : "");
	ui_text(ui, line, l->font_body, false, C_TEXT, x, y, UI_ALIGN_LEFT, w);
	y += lh;
	console_format_duration((t->called_ms ? t->called_ms : clock_now_ms()) - t->issued_ms,
	                        waited, sizeof(waited));
	snprintf(line, sizeof(line), "%s%s%s %s %s", p ? tr(c, p->name.th, p->name.en) : "",
	         p ? " · " : "", tr(c, "รอ", "waited"), waited, tr(c, "นาที", "min"));
	if (y + lh <= r.y + r.h)
		ui_text(ui, line, l->font_body, p != NULL, p ? C_WARN : C_TEXT, x, y, UI_ALIGN_LEFT,
		        w);
}

/* Served today and the mean service time. */
static void
draw_stats(struct console *c, struct ui *ui)
{
	const struct console_layout *l = &c->layout;
	char line[200];

	ui_fill(ui, l->stats, 6, C_CARD);
	snprintf(line, sizeof(line), "%s %d · %s %.1f %s", tr(c, "วันนี้ให้บริการแล้ว", "Served today"),
	         c->served, tr(c, "เฉลี่ย", "mean"), c->mean_minutes, tr(c, "นาที/คน", "min each"));
	ui_text(ui, line, l->font_body, false, C_TEXT, l->stats.x + l->pad,
	        l->stats.y + (l->stats.h - ui_line_height(ui, l->font_body, false)) / 2,
	        UI_ALIGN_LEFT, l->stats.w - 2 * l->pad);
}

/* Waiting per service, then the next tickets in call order. */
static void
draw_queue(struct console *c, struct ui *ui)
{
	const struct console_layout *l = &c->layout;
	SDL_Rect r = l->queue;
	int x = r.x + l->pad, y = r.y + l->pad / 2, w = r.w - 2 * l->pad;
	int lh = ui_line_height(ui, l->font_body, false);
	char line[256], waited[16];
	size_t len = 0;
	int64_t now = clock_now_ms();

	ui_fill(ui, r, 6, C_CARD);
	len = (size_t)snprintf(line, sizeof(line), "%s", tr(c, "รอ:", "Waiting:"));
	for (size_t i = 0; i < c->cc->n_services && len < sizeof(line); i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, " %s %d",
		                        c->cfg->services[c->cc->services[i]].id, c->waiting[i]);
	ui_text(ui, line, l->font_body, true, C_TEXT, x, y, UI_ALIGN_LEFT, w);
	y += lh;
	ui_text(ui, tr(c, "คิวถัดไป (ตามลำดับเรียก)", "Next, in call order"), l->font_small, false,
	        C_DIM, x, y, UI_ALIGN_LEFT, w);
	y += ui_line_height(ui, l->font_small, false);
	for (size_t k = 0; k < c->n_order && (int)k < l->queue_rows && y + lh <= r.y + r.h; k++) {
		const struct store_ticket *t = &c->queue[c->order[k]];
		const struct config_priority *p = config_priority_find(c->cfg, t->priority);
		console_format_duration(now - t->issued_ms, waited, sizeof(waited));
		ui_text(ui, t->code, l->font_body, true, C_TEXT, x, y, UI_ALIGN_LEFT, w / 4);
		snprintf(line, sizeof(line), "%s%s%s %s %s %s",
		         t->state == TICKET_PARKED ? tr(c, "พักคิว · ", "parked · ") : "",
		         p ? tr(c, p->name.th, p->name.en) : "", p ? " ·" : "",
		         tr(c, "รอ", "waited"), waited, tr(c, "นาที", "min"));
		ui_text(ui, line, l->font_body, false, p ? C_WARN : C_DIM, x + w / 4, y,
		        UI_ALIGN_LEFT, w - w / 4);
		y += lh;
	}
	if (!c->n_order)
		ui_text(ui, tr(c, "ไม่มีคิวรอ", "Nobody waiting"), l->font_body, false, C_DIM, x, y,
		        UI_ALIGN_LEFT, w);
}

/* One button per action, with its key. */
static void
draw_buttons(struct console *c, struct ui *ui)
{
	const struct console_layout *l = &c->layout;

	for (int a = 0; a < CONSOLE_ACTION_COUNT; a++) {
		SDL_Rect r = l->button[a];
		bool on = console_action_enabled(c, (enum console_action)a);
		const struct console_key *k = console_key_of((enum console_action)a);
		const char *label = console_action_label(c, (enum console_action)a);

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
status_line(struct console *c, struct ui *ui, int row, SDL_Color lamp, const char *text)
{
	const struct console_layout *l = &c->layout;
	int lh = ui_line_height(ui, l->font_small, false);
	int y = l->status.y + row * lh;
	int rad = l->font_small / 3;

	if (y + lh > l->status.y + l->status.h + l->pad)
		return;
	ui_circle(ui, l->status.x + rad + 2, y + lh / 2, rad, lamp);
	ui_text(ui, text, l->font_small, false, C_TEXT, l->status.x + 3 * rad + 6, y, UI_ALIGN_LEFT,
	        l->status.w - 3 * rad - 6);
}

/*
 * The kiosk's latest printer fault in the console's language. The kiosk
 * logs "printer NAME: ticket CODE not printed: DETAIL" (or "printer
 * paper-near-end"); in Thai the fault's words and the ticket are shown, the
 * technical detail is left to the English line and the log.
 */
static void
printer_fault_words(const struct console *c, char *out, size_t n)
{
	const char *reason = c->printer.reason, *name = reason + strlen("printer ");
	const char *ticket = strstr(reason, ": ticket ");
	size_t len = strcspn(name, ":");
	enum printer_fault f;
	char code[16];

	if (!c->thai || strncmp(reason, "printer ", 8) != 0) {
		snprintf(out, n, "%s", reason);
	} else if (len == strlen("paper-near-end") && strncmp(name, "paper-near-end", len) == 0) {
		snprintf(out, n, "กระดาษใกล้หมด");
	} else if (!printer_fault_by_name(name, len, &f)) {
		snprintf(out, n, "%s", reason);
	} else if (ticket && sscanf(ticket, ": ticket %15s", code) == 1) {
		snprintf(out, n, "%s (บัตรคิว %s ไม่ได้พิมพ์)", printer_fault_th(f), code);
	} else {
		snprintf(out, n, "%s", printer_fault_th(f));
	}
}

/* The LED display, the kiosk printer and the rating screen. */
static void
draw_status(struct console *c, struct ui *ui)
{
	char line[600], when[32];
	int today = thaitime_day_key(clock_now_ms());

	if (!c->disp.led) {
		snprintf(line, sizeof(line), "%s",
		         tr(c, "ป้ายไฟ LED: ไม่ได้ตั้งค่า", "LED display: not configured"));
		status_line(c, ui, 0, C_BUTTON_OFF, line);
	} else {
		bool online = led_display_state(c->disp.led) == LED_STATE_ONLINE;
		snprintf(line, sizeof(line), "%s %s: %s: %s", tr(c, "ป้ายไฟ LED", "LED display"),
		         led_display_config(c->disp.led)->name,
		         online ? tr(c, "ใช้งานได้", "online") : tr(c, "ขาดการติดต่อ", "offline"),
		         c->led_line);
		status_line(c, ui, 0, online ? C_OK : C_FAULT, line);
	}
	if (c->printer.found && thaitime_day_key(c->printer.at_ms) == today) {
		char fault[sizeof(c->printer.reason)];

		thaitime_format(when, sizeof(when), c->printer.at_ms, THAITIME_TIME);
		printer_fault_words(c, fault, sizeof(fault));
		snprintf(line, sizeof(line), "%s %s: %s",
		         tr(c, "เครื่องพิมพ์บัตรคิว: ขัดข้องล่าสุด", "Kiosk printer: last fault"), when,
		         fault);
		status_line(c, ui, 1, C_WARN, line);
	} else {
		snprintf(line, sizeof(line), "%s",
		         tr(c, "เครื่องพิมพ์บัตรคิว: วันนี้ไม่มีเหตุขัดข้อง", "Kiosk printer: no fault today"));
		status_line(c, ui, 1, C_OK, line);
	}
	if (!c->cc->rating_screen) {
		snprintf(line, sizeof(line), "%s",
		         tr(c, "จอประเมินความพึงพอใจ: ไม่ได้ตั้งค่า", "Rating screen: not configured"));
		status_line(c, ui, 2, C_BUTTON_OFF, line);
	} else if (c->rating.found && thaitime_day_key(c->rating.at_ms) == today) {
		thaitime_format(when, sizeof(when), c->rating.at_ms, THAITIME_TIME);
		snprintf(line, sizeof(line), "%s %s",
		         tr(c, "จอประเมินความพึงพอใจ: ประเมินล่าสุด", "Rating screen: last rating"),
		         when);
		status_line(c, ui, 2, C_OK, line);
	} else {
		snprintf(line, sizeof(line), "%s",
		         tr(c, "จอประเมินความพึงพอใจ: ตั้งค่าแล้ว วันนี้ยังไม่มีการประเมิน",
		            "Rating screen: configured, no rating yet today"));
		status_line(c, ui, 2, C_BUTTON_OFF, line);
	}
}

/* The chooser over everything, with the rest shaded. */
static void
draw_chooser(struct console *c, struct ui *ui)
{
	const struct console_layout *l = &c->layout;
	char line[200];

	ui_fill(ui, (SDL_Rect){0, 0, c->layout_w, c->layout_h}, 0, C_SHADE);
	ui_fill(ui, l->chooser, 8, C_CARD);
	ui_text(ui, console_chooser_title(c), l->font_big, true, C_HEADER, l->chooser.x + l->pad,
	        l->chooser.y + l->pad / 2, UI_ALIGN_LEFT, l->chooser.w - 2 * l->pad);
	for (size_t i = 0; i < l->n_choices; i++) {
		size_t abs = c->page + i;
		SDL_Rect r = l->choice[i];
		if (!r.h)
			continue;
		if (abs == c->selected)
			ui_fill(ui, r, 4, (SDL_Color){210, 225, 245, 255});
		snprintf(line, sizeof(line), "%zu  %s", i + 1, c->choice_text[abs]);
		ui_text(ui, line, l->font_body, false, C_TEXT, r.x + l->pad / 2, r.y, UI_ALIGN_LEFT,
		        r.w - l->pad);
	}
	snprintf(line, sizeof(line), "%s",
	         c->n_choices > CONSOLE_CHOICES_MAX
	             ? tr(c, "1-9 เลือก · PgDn หน้าถัดไป · Esc ยกเลิก",
	                  "1-9 choose · PgDn more · Esc cancel")
	             : tr(c, "1-9 หรือ Enter เลือก · Esc ยกเลิก", "1-9 or Enter choose · Esc cancel"));
	ui_text(ui, line, l->font_small, false, C_DIM, l->chooser.x + l->pad,
	        l->chooser.y + l->chooser.h - ui_line_height(ui, l->font_small, false) - l->pad / 4,
	        UI_ALIGN_LEFT, l->chooser.w - 2 * l->pad);
}

void
console_draw(struct console *c, struct ui *ui)
{
	relayout(c, ui);
	ui_clear(ui, C_BG);
	draw_header(c, ui);
	draw_banner(c, ui);
	draw_current(c, ui);
	draw_stats(c, ui);
	draw_queue(c, ui);
	draw_buttons(c, ui);
	draw_status(c, ui);
	if (c->chooser)
		draw_chooser(c, ui);
}
