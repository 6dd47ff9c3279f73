/*
 * kiosk_board.c - saduak-kiosk --mode board: the waiting-room board.
 *
 * Shows the latest call very large (ticket number, counter, location), the
 * last call of each counter, how many wait per service and for how long,
 * the office, the date and time in the Buddhist Era, and a notice line that
 * alternates Thai and English. Every call and recall is announced
 * (board_sound.h), one after another, in the order of the log.
 *
 * Following the log: the tick handler polls PRAGMA data_version every
 * BOARD_TICK_MS; on a change it reads the calls logged after the last event
 * id it has seen (store_calls_after), so calls made in the same second are
 * all taken, in order. New calls join the announcement queue; the big panel
 * shows the call being announced (the newest at once when sound is off or
 * in quiet hours). It redraws only on a change, a flash step, a new minute
 * or a turn of the notice line, so an idle board sleeps.
 *
 * A log out of reach (screen_log.h), at start too, leaves what is shown and
 * adds the reconnecting mark (kiosk_reconnecting.h); once it answers, the
 * calls made meanwhile are read and announced in order.
 *
 * SADUAK_BOARD_SIZE=WxH opens a window of that size instead of the whole
 * screen (tests, screenshots, trying it on a desktop).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_config.h"
#include "board_layout.h"
#include "board_serving.h"
#include "board_sound.h"
#include "cli.h"
#include "clock.h"
#include "estimate_read.h"
#include "kiosk.h"
#include "kiosk_exit.h"
#include "kiosk_reconnecting.h"
#include "log.h"
#include "queue.h"
#include "screen_log.h"
#include "store.h"
#include "thaitime.h"
#include "ui.h"
#include "voice_config.h"

#define BOARD_TICK_MS    50  /* data_version polling and the sound queue */
#define PENDING_MAX      64  /* calls waiting to be announced */
#define FETCH_BATCH      16  /* calls read from the log in one query */
#define RECENT_FETCH     64  /* recent calls read to find each counter's last */
#define FLASH_PERIOD_MS  500 /* a flashing call turns over this often */
#define ANNOUNCE_GAP_MS  400 /* silence between two announcements */
#define DEFAULT_BOARD_W  1280
#define DEFAULT_BOARD_H  720
#define NOTICE_SEPARATOR " · " /* between items of a notice: a wrapped notice breaks here */

/* Colours: light text on deep blue, amber numbers; all well above 7:1 contrast. */
static const SDL_Color col_bg = {0x08, 0x16, 0x2e, 0xff};
static const SDL_Color col_bar = {0x0f, 0x25, 0x4a, 0xff};
static const SDL_Color col_panel = {0x12, 0x2c, 0x57, 0xff};
static const SDL_Color col_row_alt = {0x17, 0x35, 0x66, 0xff};
static const SDL_Color col_text = {0xff, 0xff, 0xff, 0xff};
static const SDL_Color col_dim = {0xc9, 0xd6, 0xec, 0xff};
static const SDL_Color col_number = {0xff, 0xd0, 0x4a, 0xff};
static const SDL_Color col_flash = {0xff, 0xd0, 0x4a, 0xff};
static const SDL_Color col_on_flash = {0x08, 0x16, 0x2e, 0xff};

/* What the board knows of one service: who waits and for how long. */
struct board_service {
	int waiting;
	struct estimate wait; /* of a ticket taken now */
};

struct board {
	struct config *cfg; /* owned by main */
	struct board_config bc;
	struct kiosk_config kc; /* the exit chord */
	struct voice_config vc;
	struct screen_log log; /* the store, and whether it answers */
	struct board_sound *sound;
	struct ui *ui;

	int64_t data_version;
	int64_t last_event_id;   /* the newest call read from the log */
	int day;                 /* the service day shown (YYYYMMDD) */
	bool store_failed;       /* a read failure was logged; log the next only after recovery */
	bool loaded;             /* today's calls so far were read (board_load) */
	bool shown_down;         /* the reconnecting mark is on screen */
	struct estimate_now est; /* scratch for estimate_read */

	struct store_recent_call highlight; /* the big panel */
	bool has_highlight;
	int64_t flash_start_ms; /* monotonic; the highlight flashes until flash_end_ms */
	int64_t flash_end_ms;
	int drawn_flash_phase; /* -1: not flashing */

	struct store_recent_call pending[PENDING_MAX]; /* to announce, oldest first */
	size_t n_pending;
	int64_t sound_idle_ms; /* monotonic time the device was first seen idle, 0 if busy */
	bool quiet_logged;

	struct store_recent_call fresh[PENDING_MAX]; /* read but not yet drawn: latency log */
	size_t n_fresh;

	struct store_recent_call serving[BOARD_RECENT_MAX]; /* each counter's last call */
	size_t n_serving;
	char serving_logged[BOARD_RECENT_MAX * 24 + 8]; /* the list as last logged */
	struct board_service services[CONFIG_MAX_SERVICES];

	int64_t drawn_minute; /* the clock minute on screen */
	bool notice_en;       /* the notice line shows English now */
	int64_t notice_turn_ms;
};

/* Monotonic milliseconds. */
static int64_t
mono_ms(void)
{
	return clock_monotonic_ms();
}

/* Log a failure to read the log once until reads work again; out of reach, the mark goes up. */
static void
store_trouble(struct board *b, const struct sq_error *err)
{
	if (!screen_log_failed(&b->log, err, mono_ms()) && !b->store_failed)
		log_error("board: %s (showing what was read last)", err->msg);
	b->store_failed = true;
}

/* Log the "now serving" list when it changes: what the waiting room sees. */
static void
log_serving(struct board *b)
{
	char line[BOARD_RECENT_MAX * 24 + 8] = "";
	size_t used = 0;

	for (size_t i = 0; i < b->n_serving && used < sizeof(line); i++)
		used += (size_t)snprintf(line + used, sizeof(line) - used, " %s@%d",
		                         b->serving[i].code, b->serving[i].counter);
	if (strcmp(line, b->serving_logged) == 0)
		return;
	snprintf(b->serving_logged, sizeof(b->serving_logged), "%s", line);
	log_info("board: now serving:%s", *line ? line : " none");
}

/*
 * The counters' last calls of the day, newest first, one per counter, less
 * those whose ticket left the counter some minutes ago (board_serving.h).
 */
static int
refresh_serving(struct board *b)
{
	struct store_recent_call recent[RECENT_FETCH];
	struct sq_error err = {0};
	size_t n = 0;
	int64_t now_ms = clock_now_ms();

	if (store_recent_calls(b->log.store, b->day, recent, RECENT_FETCH, &n, &err)) {
		store_trouble(b, &err);
		return SQ_ERR_DB;
	}
	b->n_serving = 0;
	for (size_t i = 0, seen_n = 0; i < n && b->n_serving < (size_t)b->bc.recent; i++) {
		bool seen = false;

		for (size_t j = 0; j < seen_n; j++)
			seen = seen || recent[j].counter == recent[i].counter;
		/* recent[] keeps the first call seen of each counter in front. */
		if (seen)
			continue;
		recent[seen_n++] = recent[i];
		if (board_serving_keeps(recent[i].counter, recent[i].ticket_state,
		                        recent[i].ticket_counter, recent[i].ticket_state_ms,
		                        now_ms))
			b->serving[b->n_serving++] = recent[i];
	}
	log_serving(b);
	return SQ_OK;
}

/* Waiting count and estimated wait of every service. */
static int
refresh_waiting(struct board *b)
{
	struct sq_error err = {0};

	if (estimate_read(b->log.store, b->cfg, b->day, clock_now_ms(), &b->est, &err)) {
		store_trouble(b, &err);
		return SQ_ERR_DB;
	}
	for (size_t i = 0; i < b->cfg->n_services; i++) {
		b->services[i].waiting = b->est.waiting[i];
		estimate_wait(&b->est.input[i], &b->services[i].wait);
	}
	return SQ_OK;
}

/* Remember a call read from the log: to announce, and to log when drawn. */
static void
take_call(struct board *b, const struct store_recent_call *c)
{
	b->last_event_id = c->event_id;
	if (b->n_pending == PENDING_MAX) {
		log_warn("board: more than %d calls waiting to be announced; %s at counter %d "
		         "is shown but not announced",
		         PENDING_MAX, b->pending[0].code, b->pending[0].counter);
		memmove(b->pending, b->pending + 1, sizeof(b->pending[0]) * (PENDING_MAX - 1));
		b->n_pending--;
	}
	b->pending[b->n_pending++] = *c;
	if (b->n_fresh < PENDING_MAX)
		b->fresh[b->n_fresh++] = *c;
}

/* Read every call logged after the last one seen, in order. */
static int
read_new_calls(struct board *b)
{
	struct store_recent_call batch[FETCH_BATCH];
	struct sq_error err = {0};
	size_t n;

	do {
		if (store_calls_after(b->log.store, b->day, b->last_event_id, batch, FETCH_BATCH,
		                      &n, &err)) {
			store_trouble(b, &err);
			return SQ_ERR_DB;
		}
		for (size_t i = 0; i < n; i++)
			take_call(b, &batch[i]);
	} while (n == FETCH_BATCH);
	return SQ_OK;
}

/* Reload everything from the log after a change (or a new day). */
static void
reload(struct board *b)
{
	if (read_new_calls(b) || refresh_serving(b) || refresh_waiting(b))
		return;
	if (b->store_failed)
		log_info("board: reading the log again");
	b->store_failed = false;
	ui_request_redraw(b->ui);
}

/* Make c the big call and start its flash. */
static void
highlight(struct board *b, const struct store_recent_call *c, int64_t mono)
{
	b->highlight = *c;
	b->has_highlight = true;
	b->flash_start_ms = mono;
	b->flash_end_ms = mono + (int64_t)b->bc.flash_seconds * 1000;
	ui_request_redraw(b->ui);
}

/* Whether the office wants no sound now (quiet hours). */
static bool
quiet_now(struct board *b, int64_t now_ms)
{
	struct local_time lt;
	bool quiet;

	thaitime_local(now_ms, &lt);
	quiet = voice_config_quiet_at(&b->vc, lt.minute_of_day);
	if (quiet != b->quiet_logged)
		log_info("voice: %s", quiet ? "quiet hours: calls are shown, not spoken"
		                            : "quiet hours over: calls are spoken");
	b->quiet_logged = quiet;
	return quiet;
}

/* Hand the next call to the sound once the last has played; show it big. */
static void
advance_announcements(struct board *b, int64_t now_ms, int64_t mono)
{
	struct store_recent_call c;
	struct sq_error err = {0};
	int length_ms;

	if (board_sound_busy(b->sound))
		b->sound_idle_ms = 0;
	else if (!b->sound_idle_ms)
		b->sound_idle_ms = mono;
	if (!b->n_pending)
		return;
	if (!board_sound_on(b->sound) || quiet_now(b, now_ms)) {
		/* Nothing to wait for: the newest call goes up at once. */
		highlight(b, &b->pending[b->n_pending - 1], mono);
		b->n_pending = 0;
		return;
	}
	if (!b->sound_idle_ms || mono - b->sound_idle_ms < ANNOUNCE_GAP_MS)
		return;
	c = b->pending[0];
	memmove(b->pending, b->pending + 1, sizeof(b->pending[0]) * (b->n_pending - 1));
	b->n_pending--;
	highlight(b, &c, mono);
	if (board_sound_play(b->sound, c.code, c.counter, &length_ms, &err))
		log_warn("voice: %s at counter %d not announced: %s", c.code, c.counter, err.msg);
	else
		log_info("voice: %s to counter %d announced %" PRId64 " ms after the call "
		         "(%d ms long)",
		         c.code, c.counter, clock_now_ms() - c.at_ms, length_ms);
}

/* The flash phase now: -1 when not flashing, else 0 or 1. */
static int
flash_phase(const struct board *b, int64_t mono)
{
	if (!b->has_highlight || mono >= b->flash_end_ms)
		return -1;
	return (int)(((mono - b->flash_start_ms) / FLASH_PERIOD_MS) % 2);
}

static int board_load(struct board *b);

/* Every BOARD_TICK_MS: follow the log, feed the sound, turn the clock and notice. */
static void
board_tick(void *ctx, struct ui *ui, int64_t now_ms)
{
	struct board *b = ctx;
	int64_t mono = mono_ms(), version;

	if (now_ms / 60000 != b->drawn_minute) {
		int day = thaitime_day_key(now_ms);

		if (day != b->day) {
			b->day = day;
			b->has_highlight = false;
			b->data_version = -1; /* reload for the new day */
		} else if (screen_log_up(&b->log)) {
			/* Calls whose ticket left the counter drop off; a failure is logged. */
			refresh_serving(b);
		}
		ui_request_redraw(ui);
	}
	switch (screen_log_poll(&b->log, mono, &version)) {
	case SCREEN_LOG_DOWN:
		break;
	case SCREEN_LOG_BACK:
		/* What was shown stays; calls made meanwhile are read and announced in order. */
		if (!b->loaded && board_load(b) != CLI_EXIT_OK)
			break;
		b->data_version = -1;
		/* fall through */
	case SCREEN_LOG_UP:
		if (version != b->data_version) {
			b->data_version = version;
			reload(b);
		}
		break;
	}
	if (!screen_log_up(&b->log) != b->shown_down) {
		b->shown_down = !b->shown_down;
		ui_request_redraw(ui);
	}
	advance_announcements(b, now_ms, mono);
	if (flash_phase(b, mono) != b->drawn_flash_phase)
		ui_request_redraw(ui);
	if (*b->bc.notice_th && *b->bc.notice_en && mono >= b->notice_turn_ms) {
		b->notice_en = !b->notice_en;
		b->notice_turn_ms = mono + (int64_t)b->bc.notice_seconds * 1000;
		ui_request_redraw(ui);
	}
}

/* Height of a line of text at px. */
static int
line_h(struct ui *ui, int px, bool bold)
{
	return ui_line_height(ui, px, bold);
}

/* Office name on the left, time and Buddhist Era date on the right. */
static void
draw_header(struct board *b, struct ui *ui, const struct board_layout *l, int64_t now_ms)
{
	const struct box *hd = &l->header;
	int m = l->margin, title_h = line_h(ui, l->title_px, true);
	int sub_h = line_h(ui, l->subtitle_px, false), clock_h = line_h(ui, l->clock_px, true);
	int y = hd->y + (hd->h - title_h - sub_h) / 2;
	int right_w = hd->w * (l->portrait ? 36 : 30) / 100;
	char time[16], date[128];

	ui_fill(ui, ui_rect(*hd), 0, col_bar);
	ui_text(ui, b->cfg->office_name.th, l->title_px, true, col_text, hd->x + 2 * m, y,
	        UI_ALIGN_LEFT, hd->w - right_w - 3 * m);
	ui_text(ui, b->cfg->office_name.en, l->subtitle_px, false, col_dim, hd->x + 2 * m,
	        y + title_h, UI_ALIGN_LEFT, hd->w - right_w - 3 * m);
	thaitime_format(time, sizeof(time), now_ms, THAITIME_TIME);
	thaitime_format(date, sizeof(date), now_ms, THAITIME_TH_DATE_LONG);
	y = hd->y + (hd->h - clock_h - sub_h) / 2;
	ui_text(ui, time, l->clock_px, true, col_text, hd->x + hd->w - 2 * m, y, UI_ALIGN_RIGHT,
	        right_w);
	ui_text(ui, date, l->subtitle_px, false, col_dim, hd->x + hd->w - 2 * m, y + clock_h,
	        UI_ALIGN_RIGHT, right_w);
}

/* Draw text vertically centred in box at px, shrunk to the box's width. */
static void
text_centered(struct ui *ui, const char *s, int px, bool bold, SDL_Color c, struct box box)
{
	int h = line_h(ui, px, bold);

	ui_text(ui, s, px, bold, c, box.x + box.w / 2, box.y + (box.h - h) / 2, UI_ALIGN_CENTER,
	        box.w);
}

/* The big panel: the call being announced, or a welcome before the first call. */
static void
draw_call(struct board *b, struct ui *ui, const struct board_layout *l, int phase)
{
	bool lit = phase == 0;
	SDL_Color fg = lit ? col_on_flash : col_text, num = lit ? col_on_flash : col_number;
	SDL_Color dim = lit ? col_on_flash : col_dim;
	const struct box *c = &l->call;
	int m = l->margin, label_y = c->y + m;
	char counter[16];

	ui_fill(ui, ui_rect(*c), m, lit ? col_flash : col_panel);
	if (!b->has_highlight) {
		struct box top = {c->x, c->y, c->w, c->h / 2};
		struct box bottom = {c->x + m, c->y + c->h / 2, c->w - 2 * m, c->h / 4};
		struct box last = {c->x + m, c->y + c->h * 3 / 4, c->w - 2 * m, c->h / 5};

		text_centered(ui, "ยินดีต้อนรับ", l->code_px / 2, true, fg, top);
		text_centered(ui, "Welcome", l->location_px * 3 / 2, true, dim, bottom);
		text_centered(ui, "กรุณารอเรียกหมายเลขของท่าน · Please wait for your number",
		              l->location_px, false, dim, last);
		return;
	}
	ui_text(ui, b->highlight.recall ? "เรียกซ้ำ · Recall" : "เชิญหมายเลข · Number", l->label_px,
	        true, dim, l->call_code.x + l->call_code.w / 2, label_y, UI_ALIGN_CENTER,
	        l->call_code.w);
	ui_text(ui, "ที่ช่อง · Counter", l->label_px, true, dim,
	        l->call_counter.x + l->call_counter.w / 2, label_y, UI_ALIGN_CENTER,
	        l->call_counter.w);
	text_centered(ui, b->highlight.code, l->code_px, true, num, l->call_code);
	snprintf(counter, sizeof(counter), "%d", b->highlight.counter);
	text_centered(ui, counter, l->counter_px, true, fg, l->call_counter);
	ui_fill(ui, (SDL_Rect){l->call_counter.x - m / 2 - 1, l->call_code.y, 3, l->call_code.h}, 0,
	        dim);
	const struct config_counter *cc = config_counter_find(b->cfg, b->highlight.counter);
	if (cc) {
		int loc_h = line_h(ui, l->location_px, true);
		const struct box *loc = &l->call_location;

		ui_text(ui, cc->location.th, l->location_px, true, fg, loc->x + loc->w / 2, loc->y,
		        UI_ALIGN_CENTER, loc->w);
		ui_text(ui, cc->location.en, l->location_px, false, dim, loc->x + loc->w / 2,
		        loc->y + loc_h, UI_ALIGN_CENTER, loc->w);
	}
}

/* Whether the call logged as event_id still waits for its announcement. */
static bool
is_pending(const struct board *b, int64_t event_id)
{
	for (size_t i = 0; i < b->n_pending; i++)
		if (b->pending[i].event_id == event_id)
			return true;
	return false;
}

/* Now serving: each counter's last call, newest first; calls not yet announced lit. */
static void
draw_serving(struct board *b, struct ui *ui, const struct board_layout *l, int phase)
{
	const struct box *s = &l->serving;
	int m = l->margin, y = s->y + m + l->serving_label_h;
	int code_x = s->x + 2 * m, counter_x = s->x + s->w - 2 * m;

	ui_fill(ui, ui_rect(*s), m, col_panel);
	ui_text(ui, "กำลังให้บริการ · Now serving", l->label_px, true, col_dim, s->x + 2 * m, s->y + m,
	        UI_ALIGN_LEFT, s->w - 4 * m);
	for (size_t i = 0; i < b->n_serving && (int)i < l->serving_rows; i++) {
		const struct store_recent_call *c = &b->serving[i];
		bool lit =
		    (phase == 0 && b->has_highlight && c->event_id == b->highlight.event_id) ||
		    is_pending(b, c->event_id);
		int text_y = y + (l->serving_row_h - line_h(ui, l->row_px, true)) / 2;
		char counter[32];

		if (lit || i % 2 == 0)
			ui_fill(ui, (SDL_Rect){s->x + m, y, s->w - 2 * m, l->serving_row_h}, m / 2,
			        lit ? col_flash : col_row_alt);
		snprintf(counter, sizeof(counter), "ช่อง %d", c->counter);
		ui_text(ui, c->code, l->row_px, true, lit ? col_on_flash : col_number, code_x,
		        text_y, UI_ALIGN_LEFT, s->w / 2 - 2 * m);
		ui_text(ui, counter, l->row_px, true, lit ? col_on_flash : col_text, counter_x,
		        text_y, UI_ALIGN_RIGHT, s->w / 2 - 2 * m);
		y += l->serving_row_h;
	}
	if (b->n_serving == 0)
		ui_text(ui, "ยังไม่มีการเรียก · No calls yet", l->row_px * 2 / 3, false, col_dim,
		        s->x + s->w / 2, y + m, UI_ALIGN_CENTER, s->w - 4 * m);
}

/* Waiting per service: name (Thai or English with the notice), count, estimated wait. */
static void
draw_waiting(struct board *b, struct ui *ui, const struct board_layout *l)
{
	const struct box *wb = &l->waiting;
	int m = l->margin, y = wb->y + m + l->waiting_label_h;
	int count_x = wb->x + wb->w * 70 / 100, wait_x = wb->x + wb->w - 2 * m;
	int name_w = count_x - wb->x - 2 * m - wb->w * 8 / 100;

	ui_fill(ui, ui_rect(*wb), m, col_panel);
	ui_text(ui, b->notice_en ? "Waiting" : "รอรับบริการ", l->label_px, true, col_dim,
	        wb->x + 2 * m, wb->y + m, UI_ALIGN_LEFT, name_w);
	ui_text(ui, b->notice_en ? "People" : "จำนวนคิว", l->label_px, true, col_dim, count_x,
	        wb->y + m, UI_ALIGN_CENTER, wb->w * 16 / 100);
	ui_text(ui, b->notice_en ? "About" : "รอประมาณ", l->label_px, true, col_dim, wait_x,
	        wb->y + m, UI_ALIGN_RIGHT, wb->w * 16 / 100);
	for (size_t i = 0; i < b->cfg->n_services && (int)i < l->waiting_rows; i++) {
		const struct config_service *svc = &b->cfg->services[i];
		int text_y = y + (l->waiting_row_h - line_h(ui, l->service_px, false)) / 2;
		char name[512], count[16], wait[96];

		snprintf(name, sizeof(name), "%s  %s", svc->id,
		         b->notice_en ? svc->name.en : svc->name.th);
		snprintf(count, sizeof(count), "%d", b->services[i].waiting);
		/* The column says "about": a number stands alone, else the words. */
		if (b->services[i].wait.kind == ESTIMATE_NO_COUNTER)
			estimate_text(&b->services[i].wait, b->notice_en, wait, sizeof(wait));
		else if (b->services[i].waiting == 0)
			snprintf(wait, sizeof(wait), "-");
		else if (b->services[i].wait.kind == ESTIMATE_RANGE)
			estimate_text(&b->services[i].wait, b->notice_en, wait, sizeof(wait));
		else
			snprintf(wait, sizeof(wait), b->notice_en ? "%d min" : "%d นาที",
			         b->services[i].wait.minutes);
		ui_text(ui, name, l->service_px, false, col_text, wb->x + 2 * m, text_y,
		        UI_ALIGN_LEFT, name_w);
		ui_text(ui, count, l->service_px, true, col_number, count_x, text_y,
		        UI_ALIGN_CENTER, wb->w * 16 / 100);
		ui_text(ui, wait, l->service_px, false, col_text, wait_x, text_y, UI_ALIGN_RIGHT,
		        wb->w * 16 / 100);
		y += l->waiting_row_h;
	}
}

/*
 * The " · " nearest the middle of text, where a notice wrapped to two lines
 * should break, or NULL if it has none (or it is too long to split here).
 */
static const char *
middle_separator(const char *text)
{
	size_t len = strlen(text);
	const char *best = NULL;

	if (len >= 512)
		return NULL;
	for (const char *p = strstr(text, NOTICE_SEPARATOR); p;
	     p = strstr(p + 1, NOTICE_SEPARATOR)) {
		size_t at = (size_t)(p - text), mid = len / 2;
		size_t dist = at > mid ? at - mid : mid - at;

		if (!best || dist < (size_t)labs((long)(best - text) - (long)mid))
			best = p;
	}
	return best;
}

/*
 * Lines the notice takes at px in width pixels (1 when it cannot be
 * measured: ui_text then shrinks it onto one line).
 */
static size_t
notice_line_count(struct ui *ui, const char *text, int px, int width)
{
	struct text_lines lines = {0};
	struct text_font *font;
	size_t n;

	if (text_font(ui_text_engine(ui), px, false, &font, NULL) ||
	    text_wrap(font, text, width, &lines, NULL))
		return 1;
	n = lines.n;
	text_lines_release(&lines);
	return n;
}

/* The notice line (wrapped to two lines on a portrait screen), and whether sound is off. */
static void
draw_notice(struct board *b, struct ui *ui, const struct board_layout *l)
{
	const struct box *n = &l->notice;
	const char *text = b->notice_en ? b->bc.notice_en : b->bc.notice_th;
	int m = l->margin, off_w = board_sound_on(b->sound) ? 0 : n->w * 18 / 100;
	int width = n->w - off_w - 4 * m, px = l->notice_px;
	size_t lines = 1;

	ui_fill(ui, ui_rect(*n), 0, col_bar);
	if (!*text)
		text = b->notice_en ? b->bc.notice_th : b->bc.notice_en;
	/* The largest size, down to 60 %, at which the notice fits its lines. */
	while ((lines = notice_line_count(ui, text, px, width)) > (size_t)l->notice_lines &&
	       px * 10 > l->notice_px * 6)
		px = px * 9 / 10;
	const char *sep = lines > 1 && l->notice_lines > 1 ? middle_separator(text) : NULL;
	if (sep) {
		/* Two lines split between items, never inside a phone number. */
		char first[512];
		int line = line_h(ui, px, false), y = n->y + (n->h - 2 * line) / 2;

		snprintf(first, sizeof(first), "%.*s", (int)(sep - text), text);
		ui_text(ui, first, px, false, col_text, n->x + (n->w - off_w) / 2, y,
		        UI_ALIGN_CENTER, width);
		ui_text(ui, sep + strlen(NOTICE_SEPARATOR), px, false, col_text,
		        n->x + (n->w - off_w) / 2, y + line, UI_ALIGN_CENTER, width);
	} else if (lines > 1 && l->notice_lines > 1) {
		int line = line_h(ui, px, false);
		int used = line * (lines < (size_t)l->notice_lines ? (int)lines : l->notice_lines);
		SDL_Rect box = {n->x + 2 * m, n->y + (n->h - used) / 2, width, used};

		ui_text_box(ui, text, px, false, col_text, box, UI_ALIGN_CENTER);
	} else {
		ui_text(ui, text, px, false, col_text, n->x + (n->w - off_w) / 2,
		        n->y + (n->h - line_h(ui, px, false)) / 2, UI_ALIGN_CENTER, width);
	}
	if (off_w)
		ui_text(ui, "เสียงปิด · Sound off", l->notice_px * 3 / 4, false, col_dim,
		        n->x + n->w - 2 * m,
		        n->y + (n->h - line_h(ui, l->notice_px * 3 / 4, false)) / 2, UI_ALIGN_RIGHT,
		        off_w - 2 * m);
}

/* Log how long after being logged each new call reached the screen. */
static void
log_fresh(struct board *b)
{
	int64_t now = clock_now_ms();

	for (size_t i = 0; i < b->n_fresh; i++)
		log_info("board: %s %s counter %d shown %" PRId64 " ms after the call",
		         b->fresh[i].code, b->fresh[i].recall ? "recalled to" : "called to",
		         b->fresh[i].counter, now - b->fresh[i].at_ms);
	b->n_fresh = 0;
}

/* Draw the whole board. */
static void
board_draw(void *ctx, struct ui *ui)
{
	struct board *b = ctx;
	struct board_layout l;
	int64_t now_ms = clock_now_ms();
	int w, h, phase = flash_phase(b, mono_ms());

	b->drawn_minute = now_ms / 60000;
	b->drawn_flash_phase = phase;
	ui_size(ui, &w, &h);
	ui_clear(ui, col_bg);
	if (board_layout_compute(w, h, b->bc.recent, (int)b->cfg->n_services, &l) == SQ_OK) {
		draw_header(b, ui, &l, now_ms);
		draw_call(b, ui, &l, phase);
		draw_serving(b, ui, &l, phase);
		draw_waiting(b, ui, &l);
		draw_notice(b, ui, &l);
	}
	if (!screen_log_up(&b->log))
		kiosk_reconnecting_draw(ui, w, h);
	log_fresh(b);
}

/* The [kiosk] exit_keys chord leaves the board (SIGTERM also works). */
static void
board_key(void *ctx, struct ui *ui, SDL_Keycode key, uint16_t mod)
{
	struct board *b = ctx;

	if (kiosk_chord_pressed(&b->kc.exit, key, mod))
		ui_quit(ui);
}

/* What is on the board at start: today's calls so far, none announced. */
static int
board_load(struct board *b)
{
	struct store_recent_call last;
	struct sq_error err = {0};
	size_t n = 0;
	int64_t now_ms = clock_now_ms();

	b->day = thaitime_day_key(now_ms);
	b->drawn_minute = now_ms / 60000;
	b->drawn_flash_phase = -1;
	if (store_data_version(b->log.store, &b->data_version, &err) ||
	    store_recent_calls(b->log.store, b->day, &last, 1, &n, &err)) {
		store_trouble(b, &err);
		return cli_exit_code(err.code);
	}
	if (n) {
		b->last_event_id = last.event_id;
		b->highlight = last;
		b->has_highlight = true;
	}
	if (refresh_serving(b) || refresh_waiting(b))
		return CLI_EXIT_UNAVAILABLE;
	b->loaded = true;
	return CLI_EXIT_OK;
}

/* The window: the whole screen, or SADUAK_BOARD_SIZE=WxH for a window. */
static int
window_options(struct ui_options *opt)
{
	struct sq_error err = {0};

	*opt = (struct ui_options){.title = "Saduak Queue board",
	                           .width = DEFAULT_BOARD_W,
	                           .height = DEFAULT_BOARD_H,
	                           .fullscreen = true,
	                           .hide_cursor = true};
	if (ui_window_size_from_env(opt, "SADUAK_BOARD_SIZE", BOARD_MIN_W, BOARD_MIN_H, &err))
		return cli_fail(&err);
	return CLI_EXIT_OK;
}

int
kiosk_board_command(struct config *cfg, const struct kiosk_args *args)
{
	struct board b = {.cfg = cfg};
	struct ui_options opt;
	struct sq_error err = {0};
	int status;

	if (args->argc != 0) {
		log_error("--mode board takes no other words ('%s')", args->argv[0]);
		return CLI_EXIT_USAGE;
	}
	if ((status = window_options(&opt)) != CLI_EXIT_OK)
		return status;
	if (board_config_parse(cfg, &b.bc, &err) || voice_config_parse(cfg, &b.vc, &err) ||
	    kiosk_config_parse(cfg, &b.kc, &err)) {
		log_error("%s", err.msg);
		status = CLI_EXIT_USAGE;
		goto out;
	}
	cli_warn_device_faults(cfg);
	/* A log out of reach is shown and tried again; only a damaged one stops the board. */
	if ((status = screen_log_open(&b.log, cfg, STORE_CHECK_FULL)) != CLI_EXIT_OK)
		goto out;
	b.notice_en = !*b.bc.notice_th;
	b.notice_turn_ms = mono_ms() + (int64_t)b.bc.notice_seconds * 1000;
	b.day = thaitime_day_key(clock_now_ms());
	b.drawn_flash_phase = -1;
	if (screen_log_up(&b.log))
		(void)board_load(
		    &b); /* on failure it is down: loaded when the poll finds it back */
	if (ui_create(&opt, &b.ui, &err) || board_sound_create(&b.vc, &b.sound, &err)) {
		log_error("board: %s", err.msg);
		status = cli_exit_code(err.code) == CLI_EXIT_USAGE ? CLI_EXIT_USAGE
		                                                   : CLI_EXIT_UNAVAILABLE;
		goto out;
	}
	char *shown = config_database_shown(cfg->database);
	log_info("board: following '%s' (%zu counters, %zu services)", shown ? shown : "the log",
	         cfg->n_counters, cfg->n_services);
	free(shown);
	struct ui_handlers h = {
	    .ctx = &b,
	    .draw = board_draw,
	    .key = board_key,
	    .tick = board_tick,
	    .tick_ms = BOARD_TICK_MS,
	};
	status = ui_run(b.ui, &h) == SQ_OK ? CLI_EXIT_OK : CLI_EXIT_UNAVAILABLE;
out:
	board_sound_destroy(b.sound);
	ui_destroy(b.ui);
	estimate_now_release(&b.est);
	screen_log_close(&b.log);
	voice_config_release(&b.vc);
	board_config_release(&b.bc);
	return status;
}
