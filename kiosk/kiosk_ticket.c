/*
 * kiosk_ticket.c - `saduak-kiosk --mode ticket`: the entrance touch screen.
 *
 * Screens (one table row each: draw and tap):
 *   home      office, B.E. date and time, one button per service (open ones
 *             with their waiting figures, closed ones grey with when they
 *             open), the priority entry and the language toggle
 *   priority  choose elderly / disabled / pregnant / monk (from the config)
 *   advice    first contact (P13): what to bring, forms, steps, target time,
 *             people ahead, estimated wait; take a ticket / back / info only
 *   issuing   "please wait" while the ticket is issued (the database may be
 *             busy for a while); every tap is ignored
 *   ticket    the number very large, counters and where, people ahead and
 *             wait; with the QR code large when the printer failed
 *
 * One press, one ticket: the take-ticket tap only switches to "issuing";
 * the issue itself runs on the next tick, after that frame is drawn, and
 * taps queued meanwhile are flushed; the ticket screen ignores taps for its
 * first TICKET_ARM_MS. Printing runs on the tick after the ticket is on
 * screen, bounded by the printer's timeout; a fault is logged as an event
 * (EVENT_FAULT) and the screen shows the QR code instead. First-contact
 * choices are logged as EVENT_FIRST_CONTACT with the outcome "ticket",
 * "back" or "advice-only".
 *
 * The screen is redrawn only when something changes: a tap, new data (the
 * database's data_version, polled twice a second), the clock's minute.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "kiosk.h"
#include "kiosk_config.h"
#include "kiosk_issue.h"
#include "log.h"
#include "printer.h"
#include "thaitime.h"
#include "ticket_layout.h"
#include "ticket_render.h"
#include "ui.h"

#define TICK_MS        25   /* how often the loop looks at the clock and the queue */
#define POLL_MS        500  /* data_version polls */
#define ARM_MS         350  /* a new screen ignores taps this long (double taps) */
#define TICKET_ARM_MS  1500 /* the ticket screen ignores taps this long */
#define NOTICE_MS      6000 /* a notice on the home screen stays this long */
#define FAULT_SHOW_MIN 30   /* seconds a ticket with a printer fault stays at least */

/* The first-contact outcomes written to the log (reason of EVENT_FIRST_CONTACT). */
#define OUTCOME_TICKET      "ticket"
#define OUTCOME_BACK        "back"
#define OUTCOME_ADVICE_ONLY "advice-only"

enum screen { SCREEN_HOME, SCREEN_PRIORITY, SCREEN_ADVICE, SCREEN_ISSUING, SCREEN_TICKET };

/* What the home and advice screens show of a service, refreshed on data changes. */
struct svc_live {
	int waiting;
	int minutes;       /* estimated wait of a ticket taken now */
	int counters_open; /* open counters serving it */
	struct service_hours_state hours;
};

struct kiosk_ticket {
	struct config *cfg;      /* owned by main */
	struct store *store;     /* owned by the caller of kiosk_ticket_create */
	struct printer *printer; /* likewise */
	struct kiosk_config kc;
	enum screen screen;
	bool english;
	size_t service; /* index of the chosen service */
	int priority;   /* index into cfg->priorities, -1 for none */
	struct svc_live live[CONFIG_MAX_SERVICES];
	struct local_time now; /* of the last refresh */
	int64_t data_version;
	int64_t next_poll;    /* monotonic ms */
	int64_t armed_at;     /* monotonic ms before which taps are ignored */
	int64_t screen_since; /* monotonic ms the screen changed */
	int64_t touched;      /* monotonic ms of the last tap */
	bool issue_pending;
	bool print_pending;
	int64_t tap_us; /* monotonic us of the take-ticket tap */
	/* The ticket on screen. */
	struct store_ticket ticket;
	int ahead, wait_minutes;
	char counters_th[256], counters_en[256];
	char ref[64];
	char qr_text[1024];
	bool show_qr; /* not printed: the QR code on screen instead */
	enum printer_fault fault;
	bool near_end_logged;
	struct bitmap *qr; /* the QR code of qr_text, 1 dot a module */
	/* A message on the home screen, until notice_until. */
	char notice_th[256], notice_en[256];
	int64_t notice_until;
	bool store_failed;       /* a refresh error was logged already */
	int64_t last_latency_us; /* tap to ticket drawn, for the log and the benchmark */
};

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
static const SDL_Color C_DARK = {10, 10, 10, 255};
static const SDL_Color C_FAULT = {196, 0, 0, 255};
static const SDL_Color C_PANEL = {20, 42, 80, 255};
static const SDL_Color C_WHITE = {255, 255, 255, 255};
static const SDL_Color C_BLACK = {0, 0, 0, 255};

/* The text in the language chosen. */
static const char *
tr(const struct kiosk_ticket *k, const char *th, const char *en)
{
	return k->english ? en : th;
}

/* The other language, for the line under. */
static const char *
tr2(const struct kiosk_ticket *k, const char *th, const char *en)
{
	return k->english ? th : en;
}

/* An SDL rectangle of a layout rectangle. */
static SDL_Rect
sdl(struct tl_rect r)
{
	return (SDL_Rect){r.x, r.y, r.w, r.h};
}

/* Rounded corners in proportion to a control. */
static int
radius_of(struct tl_rect r)
{
	return (r.h < r.w ? r.h : r.w) / 6;
}

/* ------------------------------------------------------------------ data */

/* Whether counter c serves service index svc. */
static bool
counter_serves(const struct config_counter *c, size_t svc)
{
	for (size_t i = 0; i < c->n_services; i++)
		if (c->services[i] == svc)
			return true;
	return false;
}

/* Reload waiting figures and opening hours; logs a store failure once. */
static void
refresh_live(struct kiosk_ticket *k)
{
	bool open[CONFIG_MAX_COUNTERS] = {false};
	int64_t now = clock_now_ms();
	struct sq_error err = {0};
	int day;

	thaitime_local(now, &k->now);
	day = k->now.day_key;
	for (size_t c = 0; c < k->cfg->n_counters; c++) {
		struct store_counter sc;

		if (store_counter_get(k->store, k->cfg->counters[c].number, &sc, &err) == SQ_OK)
			open[c] = sc.status == COUNTER_OPEN;
	}
	for (size_t i = 0; i < k->cfg->n_services; i++) {
		const struct config_service *svc = &k->cfg->services[i];
		struct svc_live *l = &k->live[i];
		double mean = svc->target_minutes;
		int waiting = l->waiting;

		config_service_hours(svc, &k->now, &l->hours);
		l->counters_open = 0;
		for (size_t c = 0; c < k->cfg->n_counters; c++)
			if (open[c] && counter_serves(&k->cfg->counters[c], i))
				l->counters_open++;
		if (store_waiting_count(k->store, svc->id, &waiting, &err) != SQ_OK ||
		    store_mean_service_minutes(k->store, svc->id, day, svc->target_minutes, &mean,
		                               &err) != SQ_OK) {
			if (!k->store_failed)
				log_warn("reading the queue: %s", err.msg);
			k->store_failed = true;
			continue;
		}
		l->waiting = waiting;
		l->minutes = queue_estimate_wait_minutes(waiting, l->counters_open, mean);
	}
}

/* Log a first-contact choice; a failure is logged, never shown. */
static void
log_first_contact(struct kiosk_ticket *k, const char *outcome)
{
	struct sq_error err = {0};

	if (store_log_event(k->store, EVENT_FIRST_CONTACT, k->cfg->services[k->service].id, 0,
	                    outcome, clock_now_ms(), &err) != SQ_OK)
		log_warn("logging first contact: %s", err.msg);
}

/* Switch screens; taps are ignored for arm_ms. */
static void
go(struct kiosk_ticket *k, struct ui *ui, enum screen s, int arm_ms)
{
	int64_t now = clock_monotonic_ms();

	k->screen = s;
	k->screen_since = now;
	k->armed_at = now + arm_ms;
	ui_request_redraw(ui);
}

/* Back to the start: no priority, the configured language. */
static void
go_home(struct kiosk_ticket *k, struct ui *ui)
{
	k->priority = -1;
	k->english = k->kc.start_english;
	k->show_qr = false;
	bitmap_destroy(k->qr);
	k->qr = NULL;
	refresh_live(k);
	go(k, ui, SCREEN_HOME, ARM_MS);
}

/* Put a message on the home screen for a while. */
static void
notice(struct kiosk_ticket *k, struct ui *ui, const char *th, const char *en)
{
	snprintf(k->notice_th, sizeof(k->notice_th), "%s", th);
	snprintf(k->notice_en, sizeof(k->notice_en), "%s", en);
	k->notice_until = clock_monotonic_ms() + NOTICE_MS;
	ui_request_redraw(ui);
}

/* Drop touches and clicks queued while the loop was busy: they were meant for a screen now gone. */
static void
flush_taps(void)
{
	SDL_PumpEvents();
	SDL_FlushEvents(SDL_MOUSEBUTTONDOWN, SDL_MOUSEBUTTONUP);
	SDL_FlushEvents(SDL_FINGERDOWN, SDL_FINGERMOTION);
}

/* ------------------------------------------------------------- drawing */

/* A control: a filled shape, main words large, the other language under. */
static void
draw_button(struct ui *ui, struct tl_rect r, SDL_Color fill, SDL_Color ink, const char *main_text,
            int main_px, const char *second, int second_px)
{
	int pad = r.h / 10 + 4;
	int total = TL_LINE(main_px) + (second ? TL_LINE(second_px) : 0);
	int y = r.y + (r.h - total) / 2;

	ui_fill(ui, sdl(r), radius_of(r), fill);
	ui_text(ui, main_text, main_px, true, ink, r.x + r.w / 2, y, UI_ALIGN_CENTER,
	        r.w - 2 * pad);
	if (second)
		ui_text(ui, second, second_px, false, ink, r.x + r.w / 2, y + TL_LINE(main_px),
		        UI_ALIGN_CENTER, r.w - 2 * pad);
}

/* The office name and the date and time, in the header. */
static void
draw_header(struct kiosk_ticket *k, struct ui *ui, struct tl_rect r, const struct tl_type *t)
{
	char date[128];

	thaitime_format(date, sizeof(date), clock_now_ms(),
	                k->english ? THAITIME_EN_DATE_TIME : THAITIME_TH_DATE_TIME);
	ui_text(ui, tr(k, k->cfg->office_name.th, k->cfg->office_name.en), t->title, true, C_TEXT,
	        r.x, r.y, UI_ALIGN_LEFT, r.w);
	ui_text(ui, date, t->small, false, C_ACCENT, r.x, r.y + TL_LINE(t->title), UI_ALIGN_LEFT,
	        r.w);
}

/* One service button: names, waiting figures or when it opens. */
static void
draw_service(struct kiosk_ticket *k, struct ui *ui, const struct tl_home *L, size_t i)
{
	const struct config_service *svc = &k->cfg->services[i];
	const struct svc_live *l = &k->live[i];
	struct tl_rect r = L->services[i];
	bool open = l->hours.open;
	SDL_Color ink = open ? C_TEXT : C_CLOSED_TEXT;
	int pad = r.h / 12 + 6;
	int tag_w = TL_LINE(L->svc_main) + pad;
	int total = TL_LINE(L->svc_main) + TL_LINE(L->svc_second) + TL_LINE(L->svc_info);
	int x = r.x + tag_w + pad, y = r.y + (r.h - total) / 2, w = r.w - tag_w - 2 * pad;
	char info[160];

	ui_fill(ui, sdl(r), radius_of(r), open ? C_BUTTON : C_CLOSED);
	/* The ticket letter, so the citizen can match the board later. */
	ui_text(ui, svc->id, L->svc_main, true, open ? C_ACCENT : C_CLOSED_TEXT,
	        r.x + pad + tag_w / 2 - pad / 2, r.y + (r.h - TL_LINE(L->svc_main)) / 2,
	        UI_ALIGN_CENTER, tag_w);
	ui_text(ui, tr(k, svc->name.th, svc->name.en), L->svc_main, true, ink, x, y, UI_ALIGN_LEFT,
	        w);
	ui_text(ui, tr2(k, svc->name.th, svc->name.en), L->svc_second, false, ink, x,
	        y + TL_LINE(L->svc_main), UI_ALIGN_LEFT, w);
	if (open)
		tl_waiting_text(l->waiting, l->minutes, k->english, info, sizeof(info));
	else
		tl_opens_text(&l->hours, k->now.minute_of_day, k->english, info, sizeof(info));
	ui_text(ui, info, L->svc_info, true, open ? C_ACCENT : C_CLOSED_TEXT, x,
	        y + TL_LINE(L->svc_main) + TL_LINE(L->svc_second), UI_ALIGN_LEFT, w);
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
uniform_service_sizes(struct kiosk_ticket *k, struct ui *ui, struct tl_home *L)
{
	int main_px = L->svc_main, second_px = L->svc_second;

	for (size_t i = 0; i < L->n_services; i++) {
		const struct config_service *svc = &k->cfg->services[i];
		struct tl_rect r = L->services[i];
		int pad = r.h / 12 + 6;
		int w = r.w - (TL_LINE(L->svc_main) + pad) - 2 * pad;
		int a = fit_size(ui, tr(k, svc->name.th, svc->name.en), L->svc_main, true, w);
		int b = fit_size(ui, tr2(k, svc->name.th, svc->name.en), L->svc_second, false, w);

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
priority_name(const struct kiosk_ticket *k, bool english)
{
	const struct config_priority *p = &k->cfg->priorities[k->priority];

	return english ? p->name.en : p->name.th;
}

/* The home screen. */
static void
draw_home(struct kiosk_ticket *k, struct ui *ui, int w, int h)
{
	struct tl_home L;
	char line[512], line2[512];

	tl_home(w, h, k->kc.wheelchair, k->cfg->n_services, &L);
	draw_header(k, ui, L.header, &L.type);
	draw_button(ui, L.lang, C_PLAIN, C_TEXT, k->english ? "ไทย" : "English", L.type.button2,
	            k->english ? "ภาษาไทย" : "Change language", L.type.small);
	if (k->priority >= 0) {
		snprintf(line, sizeof(line), "%s %s — %s", tr(k, "บัตรคิวพิเศษ:", "Priority ticket:"),
		         priority_name(k, k->english), tr(k, "เลือกบริการ", "choose a service"));
		ui_text(ui, line, L.type.body, true, C_ACCENT, L.prompt.x, L.prompt.y,
		        UI_ALIGN_LEFT, L.prompt.w);
	} else {
		ui_text(ui, tr(k, "แตะเลือกบริการที่ต้องการ", "Touch the service you need"), L.type.body,
		        true, C_TEXT, L.prompt.x, L.prompt.y, UI_ALIGN_LEFT, L.prompt.w);
	}
	uniform_service_sizes(k, ui, &L);
	for (size_t i = 0; i < L.n_services; i++)
		draw_service(k, ui, &L, i);
	if (k->priority >= 0) {
		draw_button(ui, L.priority, C_PRIORITY, C_DARK,
		            tr(k, "ยกเลิกบัตรคิวพิเศษ", "Cancel priority ticket"), L.type.body,
		            tr2(k, "ยกเลิกบัตรคิวพิเศษ", "Cancel priority ticket"), L.type.small);
	} else {
		size_t len = 0, len2 = 0;

		line[0] = line2[0] = '\0';
		for (size_t i = 0; i < k->cfg->n_priorities; i++) {
			const struct config_priority *p = &k->cfg->priorities[i];
			len += (size_t)snprintf(line + len,
			                        len < sizeof(line) ? sizeof(line) - len : 0, "%s%s",
			                        i ? " · " : "", tr(k, p->name.th, p->name.en));
			len2 += (size_t)snprintf(
			    line2 + len2, len2 < sizeof(line2) ? sizeof(line2) - len2 : 0, "%s%s",
			    i ? " · " : "", tr2(k, p->name.th, p->name.en));
			if (len >= sizeof(line) || len2 >= sizeof(line2))
				break;
		}
		char head[640];
		snprintf(head, sizeof(head), "%s %s", tr(k, "คิวพิเศษ:", "Priority:"), line);
		draw_button(ui, L.priority, C_PRIORITY, C_DARK, head, L.type.body, line2,
		            L.type.small);
	}
	if (k->notice_until > clock_monotonic_ms()) {
		struct tl_rect n = L.notice;
		int pad = n.h / 8;

		ui_fill(ui, sdl(n), radius_of(n) / 2, C_WHITE);
		ui_frame(ui, sdl(n), 4, C_ACCENT);
		ui_text_box(
		    ui, tr(k, k->notice_th, k->notice_en), L.type.body, true, C_BLACK,
		    (SDL_Rect){n.x + pad, n.y + pad, n.w - 2 * pad, TL_LINE(L.type.body) * 2},
		    UI_ALIGN_CENTER);
		ui_text_box(ui, tr2(k, k->notice_th, k->notice_en), L.type.small, false, C_BLACK,
		            (SDL_Rect){n.x + pad, n.y + pad + TL_LINE(L.type.body) * 2,
		                       n.w - 2 * pad, TL_LINE(L.type.small) * 2},
		            UI_ALIGN_CENTER);
	}
}

/* The priority screen. */
static void
draw_priority(struct kiosk_ticket *k, struct ui *ui, int w, int h)
{
	struct tl_priority L;

	tl_priority(w, h, k->kc.wheelchair, k->cfg->n_priorities, &L);
	ui_text(ui, tr(k, "บัตรคิวพิเศษ", "Priority ticket"), L.type.title, true, C_ACCENT, L.title.x,
	        L.title.y, UI_ALIGN_LEFT, L.title.w);
	ui_text_box(ui,
	            tr(k,
	               "สำหรับผู้สูงอายุ ผู้พิการ หญิงตั้งครรภ์ และพระภิกษุสงฆ์ ได้รับบริการก่อน "
	               "แตะเลือกประเภท",
	               "Served first: elderly, disabled, pregnant women and monks. Touch "
	               "the one that applies."),
	            L.type.body, false, C_TEXT,
	            (SDL_Rect){L.title.x, L.title.y + TL_LINE(L.type.title), L.title.w,
	                       L.title.h - TL_LINE(L.type.title)},
	            UI_ALIGN_LEFT);
	for (size_t i = 0; i < L.n_classes; i++) {
		const struct config_priority *p = &k->cfg->priorities[i];

		draw_button(ui, L.classes[i], C_PRIORITY, C_DARK, tr(k, p->name.th, p->name.en),
		            L.type.button, tr2(k, p->name.th, p->name.en), L.type.button2);
	}
	draw_button(ui, L.cancel, C_PLAIN, C_TEXT, tr(k, "ย้อนกลับ", "Back"), L.type.body,
	            tr2(k, "ย้อนกลับ", "Back"), L.type.small);
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
blocks_height(struct kiosk_ticket *k, struct ui *ui, const struct block *b, size_t nb, int px,
              int w)
{
	struct text_font *f;
	int total = 0;

	if (text_font(ui_text_engine(ui), px, false, &f, NULL) != SQ_OK)
		return -1;
	for (size_t i = 0; i < nb; i++) {
		if (b[i].n == 0)
			continue;
		total += TL_LINE(px) + px / 4;
		for (size_t j = 0; j < b[i].n; j++) {
			struct text_lines ls;
			char item[512];

			snprintf(item, sizeof(item), "%s",
			         tr(k, b[i].items[j].th, b[i].items[j].en));
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
draw_blocks(struct kiosk_ticket *k, struct ui *ui, struct tl_rect r, const struct block *b,
            size_t nb, int px)
{
	int y = r.y + r.h / 40;

	while (px > 14) {
		int need = blocks_height(k, ui, b, nb, px, r.w - r.w / 20);
		if (need >= 0 && need <= r.h - r.h / 20)
			break;
		px = px * 9 / 10;
	}
	ui_fill(ui, sdl(r), r.w / 60 + 4, C_PANEL);
	for (size_t i = 0; i < nb; i++) {
		int x = r.x + r.w / 40 + 4;
		int bw = r.w - 2 * (r.w / 40 + 4);

		if (b[i].n == 0)
			continue;
		ui_text(ui, b[i].heading, px, true, C_ACCENT, x, y, UI_ALIGN_LEFT, bw);
		y += TL_LINE(px) + px / 4;
		for (size_t j = 0; j < b[i].n; j++) {
			char item[512];

			/* The mark hangs left of the item, so wrapped lines align with its text. */
			if (b[i].numbered)
				snprintf(item, sizeof(item), "%zu.", j + 1);
			else
				snprintf(item, sizeof(item), "•");
			ui_text(ui, item, px, false, C_TEXT, x + px / 2, y, UI_ALIGN_LEFT, 0);
			y += ui_text_box(
			    ui, tr(k, b[i].items[j].th, b[i].items[j].en), px, false, C_TEXT,
			    (SDL_Rect){x + px * 2, y, bw - px * 2, r.y + r.h - y}, UI_ALIGN_LEFT);
		}
		y += px / 2;
	}
}

/* The first-contact advice screen. */
static void
draw_advice(struct kiosk_ticket *k, struct ui *ui, int w, int h)
{
	const struct config_service *svc = &k->cfg->services[k->service];
	const struct svc_live *l = &k->live[k->service];
	struct tl_advice L;
	char line[256];

	tl_advice(w, h, k->kc.wheelchair, &L);
	ui_text(ui, tr(k, svc->name.th, svc->name.en), L.type.heading, true, C_TEXT, L.title.x,
	        L.title.y, UI_ALIGN_LEFT, L.title.w);
	ui_text(ui, tr2(k, svc->name.th, svc->name.en), L.type.small, false, C_SOFT, L.title.x,
	        L.title.y + TL_LINE(L.type.heading), UI_ALIGN_LEFT, L.title.w);
	const struct block bring[] = {
	    {tr(k, "เอกสารที่ต้องนำมา", "Documents to bring"), svc->documents, svc->n_documents,
	     false},
	    {tr(k, "แบบฟอร์ม", "Forms"), svc->forms, svc->n_forms, false},
	};
	const struct block steps[] = {
	    {tr(k, "ขั้นตอนการให้บริการ", "Steps of the service"), svc->steps, svc->n_steps, true},
	};
	draw_blocks(k, ui, L.bring, bring, 2, L.type.body);
	draw_blocks(k, ui, L.steps, steps, 1, L.type.body);
	snprintf(line, sizeof(line),
	         k->english ? "Service takes about %d min" : "ระยะเวลาให้บริการประมาณ %d นาที",
	         svc->target_minutes);
	ui_text(ui, line, L.type.body, false, C_TEXT, L.wait.x, L.wait.y, UI_ALIGN_LEFT, L.wait.w);
	if (l->waiting > 0)
		snprintf(line, sizeof(line),
		         k->english ? "%d %s ahead of you · wait about %d min"
		                    : "มีผู้รอก่อนหน้า %d คน%s · รอประมาณ %d นาที",
		         l->waiting, k->english ? (l->waiting == 1 ? "person" : "people") : "",
		         l->minutes);
	else
		snprintf(line, sizeof(line), "%s",
		         tr(k, "ไม่มีผู้รอก่อนหน้า รับบริการได้ทันที", "No one ahead of you"));
	ui_text(ui, line, L.type.body, true, C_ACCENT, L.wait.x, L.wait.y + TL_LINE(L.type.body),
	        UI_ALIGN_LEFT, L.wait.w);
	draw_button(ui, L.take, C_TAKE, C_WHITE,
	            k->priority >= 0 ? tr(k, "รับบัตรคิวพิเศษ", "Take a priority ticket")
	                             : tr(k, "รับบัตรคิว", "Take a ticket"),
	            L.type.button,
	            k->priority >= 0 ? tr2(k, "รับบัตรคิวพิเศษ", "Take a priority ticket")
	                             : tr2(k, "รับบัตรคิว", "Take a ticket"),
	            L.type.button2);
	draw_button(ui, L.back, C_PLAIN, C_TEXT, tr(k, "ย้อนกลับ", "Back"), L.type.body,
	            tr2(k, "ย้อนกลับ", "Back"), L.type.small);
	draw_button(ui, L.info, C_PLAIN, C_TEXT, tr(k, "ขอข้อมูลเท่านั้น", "Information only"),
	            L.type.body, tr2(k, "ขอข้อมูลเท่านั้น", "Information only"), L.type.small);
}

/* "Please wait" over a dimmed screen. */
static void
draw_issuing(struct kiosk_ticket *k, struct ui *ui, int w, int h)
{
	struct tl_wait L;

	tl_wait(w, h, &L);
	ui_fill(ui, sdl(L.box), radius_of(L.box) / 2, C_WHITE);
	ui_frame(ui, sdl(L.box), 6, C_ACCENT);
	ui_text(ui, tr(k, "กรุณารอสักครู่", "Please wait"), L.type.title, true, C_BLACK,
	        L.box.x + L.box.w / 2, L.box.y + L.box.h / 2 - TL_LINE(L.type.title),
	        UI_ALIGN_CENTER, L.box.w - 20);
	ui_text(ui, tr(k, "กำลังออกบัตรคิว", "Issuing your ticket"), L.type.body, false, C_BLACK,
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
draw_qr(struct kiosk_ticket *k, struct ui *ui, struct tl_rect r)
{
	int n, module, side, x0, y0;

	if (!k->qr && bitmap_qr(k->qr_text, 1, 4, &k->qr, NULL) != SQ_OK)
		return;
	n = bitmap_width(k->qr);
	module = r.w / n;
	if (module < 1)
		return;
	side = module * n;
	x0 = r.x + (r.w - side) / 2;
	y0 = r.y + (r.h - side) / 2;
	ui_fill(ui, (SDL_Rect){x0, y0, side, side}, 0, C_WHITE);
	for (int y = 0; y < n; y++)
		for (int x = 0; x < n; x++)
			if (bitmap_get(k->qr, x, y))
				ui_fill(
				    ui,
				    (SDL_Rect){x0 + x * module, y0 + y * module, module, module}, 0,
				    C_BLACK);
}

/* The issued ticket. */
static void
draw_ticket(struct kiosk_ticket *k, struct ui *ui, int w, int h)
{
	const struct config_service *svc = &k->cfg->services[k->service];
	struct tl_ticket L;
	char line[512];
	int y, bottom;

	tl_ticket(w, h, k->kc.wheelchair, k->show_qr, &L);
	ui_text(ui, tr(k, "หมายเลขคิวของท่าน", "Your number"), L.type.body, true, C_SOFT,
	        L.label.x + L.label.w / 2, L.label.y, UI_ALIGN_CENTER, L.label.w);
	ui_text(ui, k->ticket.code, L.number_px, true, C_ACCENT, L.number.x + L.number.w / 2,
	        L.number_text_y, UI_ALIGN_CENTER, L.number.w);
	ui_text(ui, tr(k, svc->name.th, svc->name.en), L.type.button, true, C_TEXT,
	        L.service.x + L.service.w / 2, L.service.y, UI_ALIGN_CENTER, L.service.w);
	ui_text(ui, tr2(k, svc->name.th, svc->name.en), L.type.button2, false, C_SOFT,
	        L.service.x + L.service.w / 2, L.service.y + TL_LINE(L.type.button),
	        UI_ALIGN_CENTER, L.service.w);
	y = L.details.y;
	bottom = L.details.y + L.details.h;
	if (k->ticket.priority[0] && k->priority >= 0) {
		int bh = TL_LINE(L.type.body);

		snprintf(line, sizeof(line), "%s %s", tr(k, "คิวพิเศษ:", "Priority:"),
		         priority_name(k, k->english));
		ui_fill(ui, (SDL_Rect){L.details.x + L.details.w / 6, y, L.details.w * 2 / 3, bh},
		        bh / 4, C_PRIORITY);
		ui_text(ui, line, L.type.body, true, C_DARK, L.details.x + L.details.w / 2, y,
		        UI_ALIGN_CENTER, L.details.w * 2 / 3);
		y += bh + bh / 4;
	}
	/* Where to go, in both languages; then the wait. */
	snprintf(line, sizeof(line), "%s %s", tr(k, "ไปที่", "Go to"),
	         k->english ? k->counters_en : k->counters_th);
	y += ui_text_box(ui, line, L.type.body, true, C_TEXT,
	                 (SDL_Rect){L.details.x, y, L.details.w, bottom - y}, UI_ALIGN_CENTER);
	snprintf(line, sizeof(line), "%s %s", tr2(k, "ไปที่", "Go to"),
	         k->english ? k->counters_th : k->counters_en);
	y += ui_text_box(ui, line, L.type.small, false, C_SOFT,
	                 (SDL_Rect){L.details.x, y, L.details.w, bottom - y}, UI_ALIGN_CENTER);
	if (k->ahead > 0)
		snprintf(line, sizeof(line),
		         k->english ? "%d %s ahead of you · wait about %d min"
		                    : "รอก่อนหน้า %d คิว%s · ประมาณ %d นาที",
		         k->ahead, k->english ? (k->ahead == 1 ? "person" : "people") : "",
		         k->wait_minutes);
	else
		snprintf(line, sizeof(line), "%s",
		         tr(k, "ไม่มีคิวรอก่อนหน้า กรุณารอเรียกหมายเลข",
		            "No one ahead of you: please wait for your number"));
	ui_text_box(ui, line, L.type.body, false, C_ACCENT,
	            (SDL_Rect){L.details.x, y + TL_LINE(L.type.body) / 4, L.details.w,
	                       bottom - y - TL_LINE(L.type.body) / 4},
	            UI_ALIGN_CENTER);
	if (k->show_qr) {
		draw_qr(k, ui, L.qr);
		ui_text(ui, tr(k, "สแกนเพื่อติดตามคิว", "Scan to follow your queue"), L.type.small,
		        false, C_TEXT, L.qr.x + L.qr.w / 2, L.qr.y + L.qr.h + 4, UI_ALIGN_CENTER,
		        L.qr.w + 40);
		ui_text(ui, tr2(k, "สแกนเพื่อติดตามคิว", "Scan to follow your queue"), L.type.small,
		        false, C_SOFT, L.qr.x + L.qr.w / 2,
		        L.qr.y + L.qr.h + 4 + TL_LINE(L.type.small), UI_ALIGN_CENTER, L.qr.w + 40);
	}
	if (k->show_qr && k->fault != PRINTER_FAULT_NONE) {
		struct tl_rect f = L.fault;
		int pad = f.h / 10 + 4;
		char th[512], en[512];

		snprintf(th, sizeof(th),
		         "เครื่องพิมพ์ขัดข้อง (%s) บัตรคิวนี้ใช้ได้ กรุณาถ่ายภาพหมายเลขและคิวอาร์โค้ด",
		         printer_fault_th(k->fault));
		snprintf(en, sizeof(en),
		         "%s: your ticket is valid. Please take a photo of the number and QR code.",
		         printer_fault_en(k->fault));
		ui_fill(ui, sdl(f), radius_of(f) / 2, C_FAULT);
		/* Two lines at most: body size if it wraps into two, else smaller. */
		int px = L.type.body;
		while (px > 14 && lines_at(ui, tr(k, th, en), px, f.w - 2 * pad) > 2)
			px = px * 9 / 10;
		/* The box is the band (line boxes run a little over TL_LINE at small sizes). */
		ui_text_box(ui, tr(k, th, en), px, true, C_WHITE,
		            (SDL_Rect){f.x + pad, f.y + SDL_max(0, (f.h - 2 * TL_LINE(px)) / 2) - 2,
		                       f.w - 2 * pad, f.h},
		            UI_ALIGN_CENTER);
	}
	draw_button(ui, L.done, C_PLAIN, C_TEXT, tr(k, "เสร็จสิ้น", "Done"), L.type.body,
	            tr2(k, "เสร็จสิ้น", "Done"), L.type.small);
}

/* ---------------------------------------------------------------- taps */

/* Home: the language, the priority entry, a service. */
static void
tap_home(struct kiosk_ticket *k, struct ui *ui, int x, int y, int w, int h)
{
	struct tl_home L;

	tl_home(w, h, k->kc.wheelchair, k->cfg->n_services, &L);
	if (tl_hit(L.lang, x, y)) {
		k->english = !k->english;
		ui_request_redraw(ui);
		return;
	}
	if (tl_hit(L.priority, x, y)) {
		if (k->priority >= 0) {
			k->priority = -1;
			ui_request_redraw(ui);
		} else {
			go(k, ui, SCREEN_PRIORITY, ARM_MS);
		}
		return;
	}
	for (size_t i = 0; i < L.n_services; i++) {
		char when_th[96], when_en[96], th[256], en[256];
		const struct config_service *svc = &k->cfg->services[i];

		if (!tl_hit(L.services[i], x, y))
			continue;
		refresh_live(k);
		if (k->live[i].hours.open) {
			k->service = i;
			go(k, ui, SCREEN_ADVICE, ARM_MS);
			return;
		}
		tl_opens_text(&k->live[i].hours, k->now.minute_of_day, false, when_th,
		              sizeof(when_th));
		tl_opens_text(&k->live[i].hours, k->now.minute_of_day, true, when_en,
		              sizeof(when_en));
		snprintf(th, sizeof(th), "%s ปิดให้บริการขณะนี้ · %s", svc->name.th, when_th);
		snprintf(en, sizeof(en), "%s is closed now · %s", svc->name.en, when_en);
		notice(k, ui, th, en);
		return;
	}
}

/* Priority: a class, or back. */
static void
tap_priority(struct kiosk_ticket *k, struct ui *ui, int x, int y, int w, int h)
{
	struct tl_priority L;

	tl_priority(w, h, k->kc.wheelchair, k->cfg->n_priorities, &L);
	for (size_t i = 0; i < L.n_classes; i++) {
		if (tl_hit(L.classes[i], x, y)) {
			k->priority = (int)i;
			go(k, ui, SCREEN_HOME, ARM_MS);
			return;
		}
	}
	if (tl_hit(L.cancel, x, y))
		go(k, ui, SCREEN_HOME, ARM_MS);
}

/* Advice: take a ticket (issued on the next tick), back, or information only. */
static void
tap_advice(struct kiosk_ticket *k, struct ui *ui, int x, int y, int w, int h)
{
	struct tl_advice L;

	tl_advice(w, h, k->kc.wheelchair, &L);
	if (tl_hit(L.take, x, y)) {
		k->tap_us = clock_monotonic_us();
		k->issue_pending = true;
		go(k, ui, SCREEN_ISSUING, 0);
	} else if (tl_hit(L.back, x, y)) {
		log_first_contact(k, OUTCOME_BACK);
		go(k, ui, SCREEN_HOME, ARM_MS);
	} else if (tl_hit(L.info, x, y)) {
		log_first_contact(k, OUTCOME_ADVICE_ONLY);
		go_home(k, ui);
		notice(k, ui, "ขอบคุณที่ใช้บริการ", "Thank you");
	}
}

/* Issuing: every tap is ignored. */
static void
tap_issuing(struct kiosk_ticket *k, struct ui *ui, int x, int y, int w, int h)
{
	(void)k, (void)ui, (void)x, (void)y, (void)w, (void)h;
}

/* Ticket: done goes home. */
static void
tap_ticket(struct kiosk_ticket *k, struct ui *ui, int x, int y, int w, int h)
{
	struct tl_ticket L;

	tl_ticket(w, h, k->kc.wheelchair, k->show_qr, &L);
	if (tl_hit(L.done, x, y) && !k->print_pending)
		go_home(k, ui);
}

/* What each screen draws and does with a tap. */
struct screen_ops {
	void (*draw)(struct kiosk_ticket *k, struct ui *ui, int w, int h);
	void (*tap)(struct kiosk_ticket *k, struct ui *ui, int x, int y, int w, int h);
};

static const struct screen_ops screens[] = {
    [SCREEN_HOME] = {.draw = draw_home, .tap = tap_home},
    [SCREEN_PRIORITY] = {.draw = draw_priority, .tap = tap_priority},
    [SCREEN_ADVICE] = {.draw = draw_advice, .tap = tap_advice},
    [SCREEN_ISSUING] = {.draw = draw_issuing, .tap = tap_issuing},
    [SCREEN_TICKET] = {.draw = draw_ticket, .tap = tap_ticket},
};

/* ---------------------------------------------------------- the loop */

/* ui draw handler. */
static void
on_draw(void *ctx, struct ui *ui)
{
	struct kiosk_ticket *k = ctx;
	int w, h;

	ui_size(ui, &w, &h);
	ui_clear(ui, C_BG);
	screens[k->screen].draw(k, ui, w, h);
}

/* ui tap handler: ignored while disarmed. */
static void
on_tap(void *ctx, struct ui *ui, int x, int y)
{
	struct kiosk_ticket *k = ctx;
	int64_t now = clock_monotonic_ms();
	int w, h;

	if (k->screen == SCREEN_ISSUING || k->issue_pending || now < k->armed_at)
		return;
	k->touched = now;
	ui_size(ui, &w, &h);
	screens[k->screen].tap(k, ui, x, y, w, h);
}

/* Ctrl+Q leaves (for the office's technician; a touch screen has no keys). */
static void
on_key(void *ctx, struct ui *ui, SDL_Keycode key, uint16_t mod)
{
	(void)ctx;
	if (key == SDLK_q && (mod & KMOD_CTRL))
		ui_quit(ui);
}

/* Fill the ticket's figures, words and QR text after the issue. */
static void
describe_ticket(struct kiosk_ticket *k)
{
	const struct svc_live *l = &k->live[k->service];
	const struct config_service *svc = &k->cfg->services[k->service];
	struct sq_error err = {0};
	double mean = svc->target_minutes;

	k->ahead = 0;
	if (store_people_ahead(k->store, &k->ticket, &k->ahead, &err) != SQ_OK)
		log_warn("counting people ahead of %s: %s", k->ticket.code, err.msg);
	if (store_mean_service_minutes(k->store, svc->id, k->ticket.day, svc->target_minutes, &mean,
	                               &err) != SQ_OK)
		log_warn("reading service times: %s", err.msg);
	k->wait_minutes = queue_estimate_wait_minutes(k->ahead, l->counters_open, mean);
	tl_counters_text(k->cfg, k->service, false, k->counters_th, sizeof(k->counters_th));
	tl_counters_text(k->cfg, k->service, true, k->counters_en, sizeof(k->counters_en));
	snprintf(k->ref, sizeof(k->ref), "%d-%s", k->ticket.day, k->ticket.code);
	k->qr_text[0] = '\0';
	if (k->cfg->ticket_url) {
		size_t len = 0;

		/* The URL template with {ref} replaced, as on the printed ticket. */
		for (const char *p = k->cfg->ticket_url; *p && len + 1 < sizeof(k->qr_text);) {
			if (strncmp(p, "{ref}", 5) == 0) {
				len += (size_t)snprintf(k->qr_text + len, sizeof(k->qr_text) - len,
				                        "%s", k->ref);
				if (len >= sizeof(k->qr_text))
					len = sizeof(k->qr_text) - 1;
				p += 5;
			} else {
				k->qr_text[len++] = *p++;
			}
		}
		k->qr_text[len] = '\0';
	} else {
		snprintf(k->qr_text, sizeof(k->qr_text), "%s", k->ref);
	}
}

/* Issue the ticket the citizen pressed for; runs on the tick after "please wait" shows. */
static void
do_issue(struct kiosk_ticket *k, struct ui *ui)
{
	const struct config_service *svc = &k->cfg->services[k->service];
	const char *prio = k->priority >= 0 ? k->cfg->priorities[k->priority].id : NULL;
	struct sq_error err = {0};
	int rc;

	k->issue_pending = false;
	refresh_live(k);
	rc = kiosk_issue(k->store, k->cfg, svc->id, prio, false, clock_now_ms(), &k->ticket, &err);
	flush_taps();
	if (rc == SQ_ERR_STATE) {
		char th[256], en[256], when_th[96], when_en[96];

		tl_opens_text(&k->live[k->service].hours, k->now.minute_of_day, false, when_th,
		              sizeof(when_th));
		tl_opens_text(&k->live[k->service].hours, k->now.minute_of_day, true, when_en,
		              sizeof(when_en));
		snprintf(th, sizeof(th), "%s ปิดให้บริการขณะนี้ · %s", svc->name.th, when_th);
		snprintf(en, sizeof(en), "%s is closed now · %s", svc->name.en, when_en);
		go_home(k, ui);
		notice(k, ui, th, en);
		return;
	}
	if (rc != SQ_OK) {
		log_error("issuing a ticket for %s: %s", svc->id, err.msg);
		go_home(k, ui);
		notice(k, ui, "ขออภัย ระบบออกบัตรคิวขัดข้อง กรุณาติดต่อเจ้าหน้าที่",
		       "Sorry, tickets cannot be issued now. Please ask a member of staff.");
		return;
	}
	log_first_contact(k, OUTCOME_TICKET);
	describe_ticket(k);
	k->fault = PRINTER_FAULT_NONE;
	k->show_qr = printer_settings(k->printer)->kind == PRINTER_NONE;
	k->print_pending = !k->show_qr;
	bitmap_destroy(k->qr);
	k->qr = NULL;
	go(k, ui, SCREEN_TICKET, TICKET_ARM_MS);
	k->last_latency_us = clock_monotonic_us() - k->tap_us;
	log_info("ticket %s issued for %s%s%s (%lld ms after the touch)", k->ticket.code, svc->id,
	         prio ? ", priority " : "", prio ? prio : "",
	         (long long)(k->last_latency_us / 1000));
}

/* Render and print the ticket on screen; a fault shows the QR code and is logged. */
static void
do_print(struct kiosk_ticket *k, struct ui *ui)
{
	const struct config_service *svc = &k->cfg->services[k->service];
	const struct config_priority *p =
	    k->priority >= 0 ? &k->cfg->priorities[k->priority] : NULL;
	char bring_th[512] = "", bring_en[512] = "";
	struct printer_result res = {.fault = PRINTER_FAULT_NONE};
	struct sq_error err = {0};
	struct bitmap *bm = NULL;
	size_t lth = 0, len = 0;
	int rc;

	k->print_pending = false;
	for (size_t i = 0; i < svc->n_documents && lth < sizeof(bring_th) && len < sizeof(bring_en);
	     i++) {
		lth += (size_t)snprintf(bring_th + lth, sizeof(bring_th) - lth, "%s%s",
		                        i ? ", " : "เอกสารที่ต้องนำมา: ", svc->documents[i].th);
		len += (size_t)snprintf(bring_en + len, sizeof(bring_en) - len, "%s%s",
		                        i ? ", " : "Bring: ", svc->documents[i].en);
	}
	const struct ticket_print t = {
	    .office_th = k->cfg->office_name.th,
	    .office_en = k->cfg->office_name.en,
	    .service_th = svc->name.th,
	    .service_en = svc->name.en,
	    .code = k->ticket.code,
	    .priority_th = p ? p->name.th : NULL,
	    .priority_en = p ? p->name.en : NULL,
	    .issued_ms = k->ticket.issued_ms,
	    .people_ahead = k->ahead,
	    .wait_minutes = k->wait_minutes,
	    .counters_th = k->counters_th,
	    .counters_en = k->counters_en,
	    .url_template = k->cfg->ticket_url,
	    .ref = k->ref,
	    .phone = k->cfg->phone,
	    .channels_th = k->cfg->channels.th,
	    .channels_en = k->cfg->channels.en,
	    .note_th = bring_th,
	    .note_en = bring_en,
	};
	rc = ticket_render(ui_text_engine(ui), &t, printer_settings(k->printer)->width_dots, &bm,
	                   &err);
	if (rc == SQ_OK)
		rc = printer_print(k->printer, k->ticket.code, bm, &res, &err);
	else
		res.fault = PRINTER_FAULT_IO;
	bitmap_destroy(bm);
	flush_taps();
	if (rc != SQ_OK) {
		char reason[640];
		struct sq_error lerr = {0};

		k->fault = res.fault;
		k->show_qr = true;
		log_error("ticket %s not printed: %s", k->ticket.code, err.msg);
		snprintf(reason, sizeof(reason), "printer %s: ticket %s not printed: %s",
		         printer_fault_name(res.fault), k->ticket.code, err.msg);
		if (store_log_event(k->store, EVENT_FAULT, svc->id, 0, reason, clock_now_ms(),
		                    &lerr) != SQ_OK)
			log_warn("logging the printer fault: %s", lerr.msg);
		ui_request_redraw(ui);
		return;
	}
	if (res.paper_near_end && !k->near_end_logged) {
		struct sq_error lerr = {0};

		k->near_end_logged = true;
		log_warn("printer paper near its end");
		if (store_log_event(k->store, EVENT_FAULT, NULL, 0, "printer paper-near-end",
		                    clock_now_ms(), &lerr) != SQ_OK)
			log_warn("logging the printer state: %s", lerr.msg);
	} else if (!res.paper_near_end) {
		k->near_end_logged = false;
	}
}

/* ui tick handler: pending work first, then timeouts, the clock and the queue. */
static void
on_tick(void *ctx, struct ui *ui, int64_t now_ms)
{
	struct kiosk_ticket *k = ctx;
	int64_t mono = clock_monotonic_ms();
	struct local_time lt;

	if (k->issue_pending) {
		do_issue(k, ui);
		return;
	}
	if (k->print_pending) {
		do_print(k, ui);
		return;
	}
	if (k->screen == SCREEN_TICKET) {
		int secs = k->kc.ticket_seconds;

		if (k->fault != PRINTER_FAULT_NONE && secs < FAULT_SHOW_MIN)
			secs = FAULT_SHOW_MIN;
		if (mono - k->screen_since > (int64_t)secs * 1000)
			go_home(k, ui);
	} else if (k->screen == SCREEN_ADVICE || k->screen == SCREEN_PRIORITY) {
		if (mono - (k->touched > k->screen_since ? k->touched : k->screen_since) >
		    (int64_t)k->kc.advice_seconds * 1000) {
			/* Read and walked away: advice only. */
			if (k->screen == SCREEN_ADVICE)
				log_first_contact(k, OUTCOME_ADVICE_ONLY);
			go_home(k, ui);
		}
	}
	if (k->notice_until && mono >= k->notice_until) {
		k->notice_until = 0;
		ui_request_redraw(ui);
	}
	thaitime_local(now_ms, &lt);
	if (lt.minute_of_day != k->now.minute_of_day || lt.day_key != k->now.day_key) {
		refresh_live(k);
		ui_request_redraw(ui);
	}
	if (mono >= k->next_poll) {
		int64_t v;

		k->next_poll = mono + POLL_MS;
		if (store_data_version(k->store, &v, NULL) == SQ_OK && v != k->data_version) {
			k->data_version = v;
			refresh_live(k);
			if (k->screen == SCREEN_HOME || k->screen == SCREEN_ADVICE)
				ui_request_redraw(ui);
		}
	}
}

/* A ticket screen on store and printer (both the caller's). */
int
kiosk_ticket_create(struct config *cfg, struct store *store, struct printer *printer,
                    struct kiosk_ticket **out, struct sq_error *err)
{
	struct kiosk_ticket *k = calloc(1, sizeof(*k));
	int rc;

	*out = NULL;
	if (!k)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for the ticket screen");
	if ((rc = kiosk_config_parse(cfg, &k->kc, err)) != SQ_OK) {
		free(k);
		return rc;
	}
	k->cfg = cfg;
	k->store = store;
	k->printer = printer;
	k->priority = -1;
	k->english = k->kc.start_english;
	refresh_live(k);
	*out = k;
	return SQ_OK;
}

/* Free k. */
void
kiosk_ticket_destroy(struct kiosk_ticket *k)
{
	if (!k)
		return;
	bitmap_destroy(k->qr);
	free(k);
}

/* The ui handlers of k. */
void
kiosk_ticket_handlers(struct kiosk_ticket *k, struct ui_handlers *out)
{
	*out = (struct ui_handlers){
	    .ctx = k,
	    .draw = on_draw,
	    .tap = on_tap,
	    .key = on_key,
	    .tick = on_tick,
	    .tick_ms = TICK_MS,
	};
}

/* Microseconds from the last take-ticket tap to its ticket screen, for the benchmark. */
int64_t
kiosk_ticket_last_latency_us(const struct kiosk_ticket *k)
{
	return k->last_latency_us;
}

/* `saduak-kiosk --mode ticket`. */
int
kiosk_ticket_mode(struct config *cfg, const struct kiosk_args *args)
{
	struct printer_settings ps;
	struct kiosk_config kc;
	struct printer *printer = NULL;
	struct store *store = NULL;
	struct kiosk_ticket *k = NULL;
	struct ui *ui = NULL;
	struct ui_handlers h;
	struct sq_error err = {0};
	bool video = false;
	int status;

	(void)args;
	if (kiosk_config_parse(cfg, &kc, &err) != SQ_OK ||
	    printer_settings_from_config(cfg, &ps, &err) != SQ_OK)
		return cli_fail(&err);
	if (printer_open(&ps, &printer, &err) != SQ_OK)
		return cli_fail(&err);
	cli_warn_device_faults(cfg);
	if ((status = cli_open_store_checked(cfg, &store)) != CLI_EXIT_OK)
		goto out;
	struct ui_options opt = {
	    .title = "Saduak Queue",
	    .width = kc.window_width,
	    .height = kc.window_height,
	    .fullscreen = kc.fullscreen,
	    .hide_cursor = kc.fullscreen,
	};
	/*
	 * Fullscreen asks the window manager; a bare X server (a kiosk started
	 * from xinit, Xvfb) has none, so the window is also made as large as
	 * the display. SDL counts video initialisations, so ui_create's own
	 * one stays in force.
	 */
	if (kc.fullscreen && SDL_InitSubSystem(SDL_INIT_VIDEO) == 0) {
		SDL_DisplayMode mode;

		video = true;

		if (SDL_GetDesktopDisplayMode(0, &mode) == 0) {
			opt.width = mode.w;
			opt.height = mode.h;
		}
	}
	if (ui_create(&opt, &ui, &err) != SQ_OK ||
	    kiosk_ticket_create(cfg, store, printer, &k, &err)) {
		status = cli_fail(&err);
		goto out;
	}
	kiosk_ticket_handlers(k, &h);
	log_info("ticket screen ready (printer: %s%s%s)",
	         ps.kind == PRINTER_NONE   ? "none"
	         : ps.kind == PRINTER_FILE ? "folder "
	                                   : "",
	         ps.kind == PRINTER_NONE ? "" : ps.path, "");
	status = ui_run(ui, &h) == SQ_OK ? CLI_EXIT_OK : CLI_EXIT_UNAVAILABLE;
out:
	kiosk_ticket_destroy(k);
	ui_destroy(ui);
	if (video)
		SDL_QuitSubSystem(SDL_INIT_VIDEO);
	store_close(store);
	printer_close(printer);
	return status;
}
