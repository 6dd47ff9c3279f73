/*
 * kiosk_rating.c - saduak-kiosk --mode rating [--counter N]: the
 * satisfaction point (GECC P14).
 *
 * With --counter N the screen faces the citizen at counter N. It shows an
 * idle invitation until the officer finishes a ticket there; then it asks
 * how the service was for that ticket (code and officer shown), with five
 * drawn faces labelled with the Likert words, then an optional tap on what
 * mattered most (or skip), then thanks, and returns to idle. Without
 * --counter it is a free-standing rating point (by the exit): the faces are
 * always up and ratings carry no ticket.
 *
 * The rating is stored once the citizen has answered both steps (or skipped
 * the second, or let it time out): store_rate() takes the score and the
 * reason together, timed when the face was tapped, and a ticket is rated
 * once. store_rate() is the judge:
 * a second or late rating is refused there, and the screen then just says
 * thank you, never an error. Failures go to the log.
 *
 * Following the log: the tick handler polls PRAGMA data_version every
 * RATING_TICK_MS and, on a change, asks store_rating_target() for the
 * counter's last finish; a finish it has not asked about yet that may still
 * be rated starts the prompt. Each step times out after [rating]
 * timeout_seconds (thanks after THANKS_MS). It redraws only on a change.
 *
 * A log out of reach (screen_log.h), at start too, adds the reconnecting mark
 * (kiosk_reconnecting.h); a rating given meanwhile is thanked and lost (the
 * log says so): nothing is kept to be written later.
 *
 * SADUAK_RATING_SIZE=WxH opens a window of that size instead of the whole
 * screen (tests, screenshots, trying it on a desktop).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "kiosk.h"
#include "kiosk_exit.h"
#include "kiosk_reconnecting.h"
#include "log.h"
#include "rating_faces.h"
#include "rating_layout.h"
#include "screen_log.h"
#include "store.h"
#include "ui.h"

#define RATING_TICK_MS   100  /* data_version polling and timeouts */
#define THANKS_MS        4000 /* the thank-you screen stays this long */
#define TAP_GUARD_MS     400  /* taps right after a step change are ignored */
#define DEFAULT_RATING_W 1280
#define DEFAULT_RATING_H 800

/* Colours: white text on deep blue, buttons a lighter blue; all above 7:1. */
static const SDL_Color col_bg = {0x08, 0x16, 0x2e, 0xff};
static const SDL_Color col_bar = {0x0f, 0x25, 0x4a, 0xff};
static const SDL_Color col_button = {0x1d, 0x4a, 0x8c, 0xff};
static const SDL_Color col_skip = {0x33, 0x3d, 0x4d, 0xff};
static const SDL_Color col_text = {0xff, 0xff, 0xff, 0xff};
static const SDL_Color col_dim = {0xc9, 0xd6, 0xec, 0xff};
static const SDL_Color col_accent = {0xff, 0xd0, 0x4a, 0xff};

enum rating_step { STEP_IDLE, STEP_FACES, STEP_REASON, STEP_THANKS, STEP_COUNT };

struct rating_screen {
	struct config *cfg;    /* owned by main */
	struct screen_log log; /* the store, and whether it answers */
	struct ui *ui;
	struct store_rating_settings set;
	struct kiosk_config kc; /* the exit chord */
	int counter;            /* 0: free-standing */

	enum rating_step step;
	int64_t step_ms;     /* monotonic time the step began */
	int64_t deadline_ms; /* monotonic; the step times out then, 0 = never */

	int64_t data_version;
	int64_t asked_finish_id; /* the last finish event prompted for (or passed over) */
	bool has_target;
	struct store_rating_target target;   /* the ticket being rated, counter mode */
	char detail_th[256], detail_en[256]; /* its code and officer, as shown */
	int score;                           /* chosen in the first step */
	int64_t score_ms;                    /* when: the rating's time, judged by the window */
	bool store_failed;                   /* a read failure was logged already */
	bool shown_down;                     /* the reconnecting mark is on screen */

	int layout_w, layout_h; /* the size l was computed for */
	struct rating_layout l;
};

/* What each step draws, does with a tap, and does when it times out. */
struct rating_step_ops {
	const char *name; /* for the log */
	void (*draw)(struct rating_screen *r, struct ui *ui);
	void (*tap)(struct rating_screen *r, int x, int y);
	void (*timeout)(struct rating_screen *r);
	int64_t (*timeout_ms)(const struct rating_screen *r); /* 0: no timeout */
};

static const struct rating_step_ops steps[STEP_COUNT];

/* Go to step, with its timeout, and draw it. */
static void
enter(struct rating_screen *r, enum rating_step step)
{
	int64_t mono = clock_monotonic_ms();
	int64_t t = steps[step].timeout_ms ? steps[step].timeout_ms(r) : 0;

	log_debug("rating: %s -> %s", steps[r->step].name, steps[step].name);
	r->step = step;
	r->step_ms = mono;
	r->deadline_ms = t > 0 ? mono + t : 0;
	ui_request_redraw(r->ui);
}

/* The resting step: idle at a counter, the faces when free-standing. */
static void
rest(struct rating_screen *r)
{
	r->has_target = false;
	enter(r, r->counter ? STEP_IDLE : STEP_FACES);
}

/* [rating] timeout_seconds in milliseconds. */
static int64_t
answer_timeout_ms(const struct rating_screen *r)
{
	return (int64_t)r->set.timeout_seconds * 1000;
}

/* The faces wait for an answer at a counter; free-standing they stay up. */
static int64_t
faces_timeout_ms(const struct rating_screen *r)
{
	return r->counter ? answer_timeout_ms(r) : 0;
}

/* The thank-you screen's time. */
static int64_t
thanks_timeout_ms(const struct rating_screen *r)
{
	(void)r;
	return THANKS_MS;
}

/*
 * Store the rating chosen with reason, then thank the citizen whatever
 * store_rate() said: a refusal (already rated, too late) is logged only.
 */
static void
submit(struct rating_screen *r, enum rating_reason reason)
{
	struct store_rating out;
	struct sq_error err = {0};
	int64_t ticket = r->counter && r->has_target ? r->target.ticket.id : 0;
	int rc;

	if (r->counter && !r->has_target) {
		log_warn("rating: a score with no ticket at counter %d was not stored", r->counter);
		enter(r, STEP_THANKS);
		return;
	}
	/*
	 * The time of the face, not of the reason: a citizen who answered
	 * inside the window is not refused for taking the optional second step
	 * (or letting it time out) after the window closed.
	 */
	if (!screen_log_up(&r->log)) {
		/* Thanks all the same: the citizen cannot help it, and nothing is kept for later.
		 */
		log_warn("rating: score %d not stored: %s", r->score, screen_log_why(&r->log));
		r->has_target = false;
		enter(r, STEP_THANKS);
		return;
	}
	rc = store_rate(r->log.store, r->cfg, ticket ? r->counter : 0, ticket, r->score, reason,
	                r->score_ms, &out, &err);
	if (rc == SQ_OK && out.ticket_id)
		log_info("rating: %s rated %d%s%s at counter %d (officer %s)", out.code, out.score,
		         reason ? ", most important: " : "", store_rating_reason_name(reason),
		         out.counter, *out.officer ? out.officer : "none");
	else if (rc == SQ_OK)
		log_info("rating: free-standing rating %d%s%s", out.score,
		         reason ? ", most important: " : "", store_rating_reason_name(reason));
	else if (rc == SQ_ERR_STATE || rc == SQ_ERR_NOTFOUND)
		log_info("rating: not stored: %s", err.msg);
	else if (!screen_log_failed(&r->log, &err, clock_monotonic_ms()))
		log_error("rating: score %d not stored: %s", r->score, err.msg);
	r->has_target = false;
	enter(r, STEP_THANKS);
}

/* Log a failure to read the log once until reads work again. */
static void
store_trouble(struct rating_screen *r, const struct sq_error *err)
{
	if (!screen_log_failed(&r->log, err, clock_monotonic_ms()) && !r->store_failed)
		log_error("rating: %s (trying again)", err->msg);
	r->store_failed = true;
}

/* The ticket line in Thai and English: its code and the officer who served it. */
static void
describe_target(struct rating_screen *r)
{
	const struct config_officer *o = config_officer_find(r->cfg, r->target.ticket.officer);

	snprintf(r->detail_th, sizeof(r->detail_th), "บัตรคิว %s%s%s", r->target.ticket.code,
	         o ? " · เจ้าหน้าที่ผู้ให้บริการ " : "", o ? o->name.th : "");
	snprintf(r->detail_en, sizeof(r->detail_en), "Ticket %s%s%s", r->target.ticket.code,
	         o ? " · served by " : "", o ? o->name.en : "");
}

/*
 * After the log changed: if the counter's last finish is one not asked about
 * yet and may still be rated, ask about it (a pending answer for an earlier
 * ticket is stored first); if the ticket asked about was rated elsewhere, rest.
 */
static void
follow_finishes(struct rating_screen *r, int64_t now_ms)
{
	struct store_rating_target t;
	struct sq_error err = {0};
	int rc = store_rating_target(r->log.store, r->cfg, r->counter, now_ms, &t, &err);

	if (rc != SQ_OK && rc != SQ_ERR_STATE && rc != SQ_ERR_NOTFOUND) {
		store_trouble(r, &err);
		r->data_version = -1; /* look again at the next tick */
		return;
	}
	if (r->store_failed)
		log_info("rating: reading the log again");
	r->store_failed = false;
	if (rc == SQ_ERR_NOTFOUND)
		return;
	if (t.finish_event_id == r->asked_finish_id) {
		if (rc == SQ_ERR_STATE && r->step == STEP_FACES && r->has_target)
			rest(r); /* rated from elsewhere, or the window closed */
		return;
	}
	r->asked_finish_id = t.finish_event_id;
	if (rc != SQ_OK) {
		log_info("rating: %s finished at counter %d is not asked about: %s", t.ticket.code,
		         r->counter, err.msg);
		return;
	}
	if (r->step == STEP_REASON)
		submit(r, RATING_REASON_NONE);
	r->target = t;
	r->has_target = true;
	describe_target(r);
	log_info("rating: asking about %s finished at counter %d", t.ticket.code, r->counter);
	enter(r, STEP_FACES);
}

/* Every RATING_TICK_MS: follow the log, time steps out. */
static void
rating_tick(void *ctx, struct ui *ui, int64_t now_ms)
{
	struct rating_screen *r = ctx;
	int64_t version;

	/* A free-standing point polls too: it shows when the log is out of reach. */
	switch (screen_log_poll(&r->log, clock_monotonic_ms(), &version)) {
	case SCREEN_LOG_DOWN:
		break;
	case SCREEN_LOG_BACK:
		r->data_version = -1; /* look again for a finish */
		                      /* fall through */
	case SCREEN_LOG_UP:
		if (r->counter && version != r->data_version) {
			r->data_version = version;
			follow_finishes(r, now_ms);
		}
		break;
	}
	if (!screen_log_up(&r->log) != r->shown_down) {
		r->shown_down = !r->shown_down;
		ui_request_redraw(ui);
	}
	if (r->deadline_ms && clock_monotonic_ms() >= r->deadline_ms && steps[r->step].timeout)
		steps[r->step].timeout(r);
}

/* Lines of text one under the other, centred in box as a block. */
struct text_line_spec {
	const char *text;
	int px;
	bool bold;
	SDL_Color color;
};

/* Draw n lines centred horizontally and as a block vertically in box. */
static void
draw_lines(struct ui *ui, const struct text_line_spec *lines, size_t n, struct box box)
{
	int total = 0, y;

	for (size_t i = 0; i < n; i++)
		total += ui_line_height(ui, lines[i].px, lines[i].bold);
	y = box.y + (box.h - total) / 2;
	for (size_t i = 0; i < n; i++) {
		ui_text(ui, lines[i].text, lines[i].px, lines[i].bold, lines[i].color,
		        box.x + box.w / 2, y, UI_ALIGN_CENTER, box.w - 2 * 4);
		y += ui_line_height(ui, lines[i].px, lines[i].bold);
	}
}

/* The header: office name (Thai, English) left; the counter or "rating point" right. */
static void
draw_header(struct rating_screen *r, struct ui *ui)
{
	const struct rating_layout *l = &r->l;
	const struct box *hd = &l->header;
	int m = l->margin, title_h = ui_line_height(ui, l->title_px, true);
	int sub_h = ui_line_height(ui, l->subtitle_px, false);
	int y = hd->y + (hd->h - title_h - sub_h) / 2, right_w = hd->w * 26 / 100;
	char th[64], en[64];

	ui_fill(ui, ui_rect(*hd), 0, col_bar);
	ui_text(ui, r->cfg->office_name.th, l->title_px, true, col_text, hd->x + 2 * m, y,
	        UI_ALIGN_LEFT, hd->w - right_w - 3 * m);
	ui_text(ui, r->cfg->office_name.en, l->subtitle_px, false, col_dim, hd->x + 2 * m,
	        y + title_h, UI_ALIGN_LEFT, hd->w - right_w - 3 * m);
	if (r->counter) {
		snprintf(th, sizeof(th), "ช่อง %d", r->counter);
		snprintf(en, sizeof(en), "Counter %d", r->counter);
	} else {
		snprintf(th, sizeof(th), "จุดประเมินความพึงพอใจ");
		snprintf(en, sizeof(en), "Satisfaction point");
	}
	ui_text(ui, th, l->title_px, true, col_accent, hd->x + hd->w - 2 * m, y, UI_ALIGN_RIGHT,
	        right_w);
	ui_text(ui, en, l->subtitle_px, false, col_dim, hd->x + hd->w - 2 * m, y + title_h,
	        UI_ALIGN_RIGHT, right_w);
}

/* The idle invitation (counter mode). */
static void
draw_idle(struct rating_screen *r, struct ui *ui)
{
	const struct rating_layout *l = &r->l;
	const struct text_line_spec lines[] = {
	    {"กรุณาประเมินความพึงพอใจ", l->message_px, true, col_text},
	    {"Please rate our service", l->message_en_px, false, col_dim},
	    {" ", l->message_en_px / 2, false, col_dim},
	    {"เมื่อรับบริการเสร็จ หน้าจอนี้จะถามความเห็นของท่าน", l->message_en_px, false, col_text},
	    {"When you have been served, this screen asks how it went", l->message_en_px * 4 / 5,
	     false, col_dim},
	};

	draw_lines(ui, lines, sizeof(lines) / sizeof(lines[0]), l->message);
}

/* The question box: the question in Thai and English, then the ticket and officer. */
static void
draw_question(struct rating_screen *r, struct ui *ui, const char *th, const char *en)
{
	const struct rating_layout *l = &r->l;
	struct text_line_spec lines[4] = {
	    {th, l->question_px, true, col_text},
	    {en, l->question_en_px, false, col_dim},
	};
	size_t n = 2;

	if (r->counter && r->has_target) {
		lines[n++] = (struct text_line_spec){r->detail_th, l->detail_px, true, col_accent};
		lines[n++] =
		    (struct text_line_spec){r->detail_en, l->detail_px * 9 / 10, false, col_dim};
	}
	draw_lines(ui, lines, n, l->question);
}

/* The five faces with their Likert words. */
static void
draw_faces(struct rating_screen *r, struct ui *ui)
{
	const struct rating_layout *l = &r->l;

	draw_question(r, ui, "ท่านพึงพอใจการให้บริการครั้งนี้เพียงใด",
	              "How satisfied are you with our service?");
	for (int i = 0; i < RATING_FACES; i++) {
		const struct rating_level *lv = rating_level_of(RATING_FACES - i);
		const struct box *lb = &l->face_label[i];
		int th_h = ui_line_height(ui, l->label_px, true);
		enum ui_align align = l->portrait ? UI_ALIGN_LEFT : UI_ALIGN_CENTER;
		int x = l->portrait ? lb->x : lb->x + lb->w / 2;

		if (!lv)
			continue;
		ui_fill(ui, ui_rect(l->face[i]), l->margin, col_bar);
		rating_face_draw(ui, l->face_cx[i], l->face_cy[i], l->face_r, lv->score);
		ui_text(ui, lv->th, l->label_px, true, col_text, x, lb->y, align, lb->w - 4);
		ui_text(ui, lv->en, l->label_en_px, false, col_dim, x, lb->y + th_h, align,
		        lb->w - 4);
	}
}

/* A button: rounded box with Thai above English, centred. */
static void
draw_button(struct ui *ui, struct box b, int radius, SDL_Color bg, const char *th, const char *en,
            int px)
{
	const struct text_line_spec lines[] = {
	    {th, px, true, col_text},
	    {en, px * 3 / 4, false, col_dim},
	};

	ui_fill(ui, ui_rect(b), radius, bg);
	draw_lines(ui, lines, 2, b);
}

/* The second step: what mattered most, or skip. */
static void
draw_reason(struct rating_screen *r, struct ui *ui)
{
	const struct rating_layout *l = &r->l;

	draw_question(r, ui, "เรื่องใดสำคัญที่สุดสำหรับท่าน", "What mattered most to you?");
	for (int i = 0; i < RATING_REASON_BUTTONS; i++) {
		enum rating_reason reason = (enum rating_reason)(RATING_REASON_WAITING + i);

		draw_button(ui, l->reason[i], l->margin, col_button, store_rating_reason_th(reason),
		            store_rating_reason_en(reason), l->button_px);
	}
	draw_button(ui, l->skip, l->margin, col_skip, "ข้าม", "Skip", l->button_px);
}

/* Thanks. */
static void
draw_thanks(struct rating_screen *r, struct ui *ui)
{
	const struct rating_layout *l = &r->l;
	const struct text_line_spec lines[] = {
	    {"ขอบคุณที่ประเมินความพึงพอใจ", l->message_px, true, col_text},
	    {"Thank you for your feedback", l->message_en_px, false, col_dim},
	};

	draw_lines(ui, lines, sizeof(lines) / sizeof(lines[0]), l->message);
}

/* Whether a tap now is too soon after the step began (a double tap). */
static bool
tap_too_soon(const struct rating_screen *r)
{
	return clock_monotonic_ms() - r->step_ms < TAP_GUARD_MS;
}

/* A face: remember its score and ask what mattered most. */
static void
tap_faces(struct rating_screen *r, int x, int y)
{
	int i = rating_layout_face_at(&r->l, x, y);

	if (i == RATING_HIT_NONE)
		return;
	r->score = RATING_FACES - i;
	r->score_ms = clock_now_ms();
	enter(r, STEP_REASON);
}

/* A reason or skip: store the rating. */
static void
tap_reason(struct rating_screen *r, int x, int y)
{
	int i = rating_layout_reason_at(&r->l, x, y);

	if (i == RATING_HIT_NONE)
		return;
	submit(r, i == RATING_HIT_SKIP ? RATING_REASON_NONE
	                               : (enum rating_reason)(RATING_REASON_WAITING + i));
}

/* Unanswered faces: back to rest; the finish stays asked about. */
static void
timeout_faces(struct rating_screen *r)
{
	log_info("rating: no answer in %d s", r->set.timeout_seconds);
	rest(r);
}

/* Unanswered second step: the score counts without a reason. */
static void
timeout_reason(struct rating_screen *r)
{
	submit(r, RATING_REASON_NONE);
}

static const struct rating_step_ops steps[STEP_COUNT] = {
    [STEP_IDLE] = {.name = "idle", .draw = draw_idle},
    [STEP_FACES] = {.name = "faces",
                    .draw = draw_faces,
                    .tap = tap_faces,
                    .timeout = timeout_faces,
                    .timeout_ms = faces_timeout_ms},
    [STEP_REASON] = {.name = "reason",
                     .draw = draw_reason,
                     .tap = tap_reason,
                     .timeout = timeout_reason,
                     .timeout_ms = answer_timeout_ms},
    [STEP_THANKS] = {.name = "thanks",
                     .draw = draw_thanks,
                     .timeout = rest,
                     .timeout_ms = thanks_timeout_ms},
};

/* Recompute the layout when the window's size changed. */
static void
relayout(struct rating_screen *r, struct ui *ui)
{
	int w, h;

	ui_size(ui, &w, &h);
	if (w == r->layout_w && h == r->layout_h)
		return;
	if (rating_layout_compute(w, h, &r->l) != SQ_OK)
		memset(&r->l, 0, sizeof(r->l));
	r->layout_w = w;
	r->layout_h = h;
	log_info("rating: %dx%d %s, faces %d px across", w, h,
	         r->l.portrait ? "portrait" : "landscape", 2 * r->l.face_r);
}

/* Draw the whole screen. */
static void
rating_draw(void *ctx, struct ui *ui)
{
	struct rating_screen *r = ctx;

	relayout(r, ui);
	ui_clear(ui, col_bg);
	if (r->l.header.w == 0)
		return; /* a window too small to lay out: stays blank */
	draw_header(r, ui);
	steps[r->step].draw(r, ui);
	if (!screen_log_up(&r->log))
		kiosk_reconnecting_draw(ui, r->layout_w, r->layout_h);
}

/* A tap: to the step's handler, unless it is a double tap. */
static void
rating_tap(void *ctx, struct ui *ui, int x, int y)
{
	struct rating_screen *r = ctx;

	relayout(r, ui);
	if (steps[r->step].tap && !tap_too_soon(r))
		steps[r->step].tap(r, x, y);
}

/* The [kiosk] exit_keys chord leaves the screen (SIGTERM also works). */
static void
rating_key(void *ctx, struct ui *ui, SDL_Keycode key, uint16_t mod)
{
	struct rating_screen *r = ctx;

	if (kiosk_chord_pressed(&r->kc.exit, key, mod))
		ui_quit(ui);
}

/* The window: the whole screen, or SADUAK_RATING_SIZE=WxH for a window. */
static int
window_options(const struct rating_screen *r, struct ui_options *opt)
{
	static char title[64];
	struct sq_error err = {0};

	if (r->counter)
		snprintf(title, sizeof(title), "Saduak Queue rating counter %d", r->counter);
	else
		snprintf(title, sizeof(title), "Saduak Queue rating point");
	*opt = (struct ui_options){.title = title,
	                           .width = DEFAULT_RATING_W,
	                           .height = DEFAULT_RATING_H,
	                           .fullscreen = true,
	                           .hide_cursor = true};
	if (ui_window_size_from_env(opt, "SADUAK_RATING_SIZE", RATING_MIN_W, RATING_MIN_H, &err))
		return cli_fail(&err);
	return CLI_EXIT_OK;
}

/* Run the rating screen until it is closed. */
int
kiosk_rating_mode(struct config *cfg, const struct kiosk_args *args)
{
	struct rating_screen r = {.cfg = cfg, .counter = args->counter, .data_version = -1};
	struct ui_options opt;
	struct sq_error err = {0};
	int status;

	if (args->argc != 0) {
		log_error("--mode rating takes no other words ('%s')", args->argv[0]);
		return CLI_EXIT_USAGE;
	}
	if (r.counter && !config_counter_find(cfg, r.counter)) {
		log_error("no counter %d in %s", r.counter, cfg->path);
		return CLI_EXIT_USAGE;
	}
	if ((status = window_options(&r, &opt)) != CLI_EXIT_OK)
		return status;
	store_rating_settings(cfg, &r.set);
	if (kiosk_config_parse(cfg, &r.kc, &err)) {
		log_error("%s", err.msg);
		return CLI_EXIT_USAGE;
	}
	cli_warn_device_faults(cfg);
	/* A log out of reach is shown and tried again; only a damaged one stops the screen. */
	if ((status = screen_log_open(&r.log, cfg, STORE_CHECK_FULL)) != CLI_EXIT_OK)
		goto out;
	if (ui_create(&opt, &r.ui, &err)) {
		log_error("rating: %s", err.msg);
		status = cli_exit_code(err.code) == CLI_EXIT_USAGE ? CLI_EXIT_USAGE
		                                                   : CLI_EXIT_UNAVAILABLE;
		goto out;
	}
	rest(&r);
	if (r.counter)
		log_info("rating: counter %d, asking within %d min of a finish, %d s to answer",
		         r.counter, r.set.window_minutes, r.set.timeout_seconds);
	else
		log_info("rating: free-standing rating point, %d s to answer",
		         r.set.timeout_seconds);
	struct ui_handlers h = {
	    .ctx = &r,
	    .draw = rating_draw,
	    .tap = rating_tap,
	    .key = rating_key,
	    .tick = rating_tick,
	    .tick_ms = RATING_TICK_MS,
	};
	status = ui_run(r.ui, &h) == SQ_OK ? CLI_EXIT_OK : CLI_EXIT_UNAVAILABLE;
out:
	ui_destroy(r.ui);
	screen_log_close(&r.log);
	return status;
}
