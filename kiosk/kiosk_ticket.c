/*
 * kiosk_ticket.c - `saduak-kiosk --mode ticket`: the entrance touch screen.
 *
 * Screens (each with a draw function in kiosk_ticket_draw.c and a tap
 * function here):
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
 *   checkin   "I have a booking" (on the home screen when a service takes
 *             bookings): a keypad of the booking code's characters; OK
 *             checks the booking in, which issues a ticket of class
 *             booking, printed and shown like any other
 *   result    a check-in that issued nothing, and why (too early: when to
 *             come back; too late: a walk-in ticket of its service, one
 *             touch; unknown, cancelled, used, another day)
 *
 * A USB barcode scanner is a keyboard: a line typed on the home, check-in
 * or result screen and ended by Enter (checkin_keys.h) is checked in as if
 * typed on the keypad. The exit chord is matched first and is never text.
 * With [kiosk] id_key_file set, a Thai ID card put in the reader checks in
 * that citizen's booking of today by the keyed hash of its number
 * (kiosk_card.h); the number is never shown, logged or kept, and a reader
 * gone costs only the card.
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
 *
 * A log out of reach (screen_log.h) takes the home screen's services away:
 * one panel says that no ticket can be issued now and to ask at the
 * reception desk, within a second of the poll that found it; an advice or
 * priority screen goes home to it, a tap issues and prints nothing. The
 * poll tries again every second and the services come back by themselves.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bitmap.h"
#include "booking.h"
#include "checkin_keys.h"
#include "cli.h"
#include "clock.h"
#include "config.h"
#include "estimate_read.h"
#include "kiosk.h"
#include "kiosk_card.h"
#include "kiosk_config.h"
#include "kiosk_exit.h"
#include "kiosk_issue.h"
#include "kiosk_ticket_view.h"
#include "log.h"
#include "printer.h"
#include "screen_log.h"
#include "service.h"
#include "store.h"
#include "store_booking.h"
#include "thaitime.h"
#include "ticket_layout.h"
#include "ticket_render.h"
#include "ui.h"
#include "utf8.h"

#define TICK_MS        25   /* how often the loop looks at the clock and the queue */
#define POLL_MS        500  /* data_version polls */
#define ARM_MS         350  /* a new screen ignores taps this long (double taps) */
#define TICKET_ARM_MS  1500 /* the ticket screen ignores taps this long */
#define NOTICE_MS      6000 /* a notice on the home screen stays this long */
#define FAULT_SHOW_MIN 30   /* seconds a ticket with a printer fault stays at least */
#define CARD_POLL_MS   200  /* how often the ID card reader is looked at */

/* The class a checked-in booking's ticket shows, printed and on screen. */
#define BOOKED_CLASS_TH "นัดหมาย"
#define BOOKED_CLASS_EN "Booking"

/* The first-contact outcomes written to the log (reason of EVENT_FIRST_CONTACT). */
#define OUTCOME_TICKET      "ticket"
#define OUTCOME_BACK        "back"
#define OUTCOME_ADVICE_ONLY "advice-only"

/* The ticket screen's state; the drawing sees it only through a kiosk_ticket_view. */
struct kiosk_ticket {
	struct config *cfg;      /* owned by main */
	struct screen_log *log;  /* the store; owned by the caller of kiosk_ticket_create */
	struct printer *printer; /* likewise */
	struct kiosk_config kc;
	enum kiosk_screen screen;
	bool english;
	size_t service; /* index of the chosen service */
	int priority;   /* index into cfg->priorities, -1 for none */
	struct kiosk_service_live live[CONFIG_MAX_SERVICES];
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
	int ahead;
	struct estimate wait;
	struct estimate_now est; /* the estimate's inputs: scratch for estimate_read */
	char counters_th[256], counters_en[256];
	char ref[64];
	char qr_text[1024];
	bool show_qr; /* not printed: the QR code on screen instead */
	enum printer_fault fault;
	bool near_end_logged;
	struct bitmap *qr; /* the QR code of qr_text, 1 dot a module; made for the first draw */
	/* A message on the home screen, until notice_until. */
	char notice_th[256], notice_en[256];
	int64_t notice_until;
	/* Booking check-in. */
	bool booking;             /* some service takes bookings */
	struct checkin_keys keys; /* the line typed on the keypad, a keyboard or a scanner */
	bool checkin_pending;     /* check in on the next tick */
	char checkin_code[BOOKING_CODE_LEN + 1]; /* by code, or "" ... */
	char checkin_hash[THAI_ID_HASH_SIZE];    /* ... by the ID card's hash */
	struct kiosk_card *card;                 /* NULL: no ID card reader */
	int64_t next_card_poll;                  /* monotonic ms */
	char result_th[512], result_en[512];     /* the result screen's words */
	bool offer_walkin;
	bool store_failed;       /* a refresh error was logged already */
	bool shown_down;         /* the log out of reach is on screen */
	int64_t last_latency_us; /* tap to ticket drawn, for the log and the benchmark */
};

/* ------------------------------------------------------------------ data */

/* Reload waiting figures and opening hours; logs a store failure once. */
static void
refresh_live(struct kiosk_ticket *k)
{
	int64_t now = clock_now_ms();
	struct sq_error err = {0};
	bool read;

	thaitime_local(now, &k->now);
	for (size_t i = 0; i < k->cfg->n_services; i++)
		config_service_hours(&k->cfg->services[i], &k->now, &k->live[i].hours);
	if (!screen_log_up(k->log))
		return;
	/* On a store failure the figures last read stay on screen (k->est is scratch). */
	read = estimate_read(k->log->store, k->cfg, k->now.day_key, now, &k->est, &err) == SQ_OK;
	if (!read && !screen_log_failed(k->log, &err, clock_monotonic_ms()) && !k->store_failed)
		log_warn("reading the queue: %s", err.msg);
	k->store_failed = k->store_failed || !read;
	for (size_t i = 0; read && i < k->cfg->n_services; i++) {
		k->live[i].waiting = k->est.waiting[i];
		estimate_wait(&k->est.input[i], &k->live[i].wait);
	}
}

/*
 * Write an event of no ticket's life (first contact, a printer fault) to the
 * log; a failure, or the log out of reach, is logged here, never shown.
 */
static void
log_event(struct kiosk_ticket *k, enum ticket_event kind, const char *service, const char *reason)
{
	struct sq_error err = {0};

	if (!screen_log_up(k->log))
		log_warn("%s '%s' not logged: %s", queue_event_name(kind), reason,
		         screen_log_why(k->log));
	else if (store_log_event(k->log->store, kind, service, 0, reason, &err) != SQ_OK &&
	         !screen_log_failed(k->log, &err, clock_monotonic_ms()))
		log_warn("logging %s '%s': %s", queue_event_name(kind), reason, err.msg);
}

/* Log a first-contact choice. */
static void
log_first_contact(struct kiosk_ticket *k, const char *outcome)
{
	log_event(k, EVENT_FIRST_CONTACT, k->cfg->services[k->service].id, outcome);
}

/* Switch screens; taps are ignored for arm_ms. */
static void
go(struct kiosk_ticket *k, struct ui *ui, enum kiosk_screen s, int arm_ms)
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
	checkin_keys_clear(&k->keys);
	bitmap_destroy(k->qr);
	k->qr = NULL;
	refresh_live(k);
	go(k, ui, KIOSK_SCREEN_HOME, ARM_MS);
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

/* ---------------------------------------------------------------- taps */

/* Home: the language, the priority entry, a service. */
static void
tap_home(struct kiosk_ticket *k, struct ui *ui, int x, int y, int w, int h)
{
	struct tl_home L;

	tl_home(w, h, k->kc.wheelchair, k->cfg->n_services, k->booking, &L);
	if (box_contains(L.lang, x, y)) {
		k->english = !k->english;
		ui_request_redraw(ui);
		return;
	}
	if (!screen_log_up(k->log))
		return; /* no ticket now: the panel says so */
	if (k->booking && box_contains(L.booking, x, y)) {
		checkin_keys_clear(&k->keys);
		go(k, ui, KIOSK_SCREEN_CHECKIN, ARM_MS);
		return;
	}
	if (box_contains(L.priority, x, y)) {
		if (k->priority >= 0) {
			k->priority = -1;
			ui_request_redraw(ui);
		} else {
			go(k, ui, KIOSK_SCREEN_PRIORITY, ARM_MS);
		}
		return;
	}
	for (size_t i = 0; i < L.n_services; i++) {
		char when_th[96], when_en[96], th[256], en[256];
		const struct config_service *svc = &k->cfg->services[i];

		if (!box_contains(L.services[i], x, y))
			continue;
		refresh_live(k);
		if (k->live[i].hours.open) {
			k->service = i;
			go(k, ui, KIOSK_SCREEN_ADVICE, ARM_MS);
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
		if (box_contains(L.classes[i], x, y)) {
			k->priority = (int)i;
			go(k, ui, KIOSK_SCREEN_HOME, ARM_MS);
			return;
		}
	}
	if (box_contains(L.cancel, x, y))
		go(k, ui, KIOSK_SCREEN_HOME, ARM_MS);
}

/* Advice: take a ticket (issued on the next tick), back, or information only. */
static void
tap_advice(struct kiosk_ticket *k, struct ui *ui, int x, int y, int w, int h)
{
	struct tl_advice L;

	tl_advice(w, h, k->kc.wheelchair, &L);
	if (box_contains(L.take, x, y)) {
		k->tap_us = clock_monotonic_us();
		k->issue_pending = true;
		go(k, ui, KIOSK_SCREEN_ISSUING, 0);
	} else if (box_contains(L.back, x, y)) {
		log_first_contact(k, OUTCOME_BACK);
		go(k, ui, KIOSK_SCREEN_HOME, ARM_MS);
	} else if (box_contains(L.info, x, y)) {
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
	if (box_contains(L.done, x, y) && !k->print_pending)
		go_home(k, ui);
}

/*
 * Check in the booking with code, or (code NULL) today's of the ID hash,
 * on the next tick, after "please wait" shows.
 */
static void
start_checkin(struct kiosk_ticket *k, struct ui *ui, const char *code, const char *hash)
{
	snprintf(k->checkin_code, sizeof(k->checkin_code), "%s", code ? code : "");
	snprintf(k->checkin_hash, sizeof(k->checkin_hash), "%s", code ? "" : hash);
	checkin_keys_clear(&k->keys);
	k->tap_us = clock_monotonic_us();
	k->checkin_pending = true;
	go(k, ui, KIOSK_SCREEN_ISSUING, 0);
}

/* Show why nothing was issued; walk_in offers a walk-in ticket of k->service. */
static void
show_result(struct kiosk_ticket *k, struct ui *ui, const char *th, const char *en, bool walk_in)
{
	snprintf(k->result_th, sizeof(k->result_th), "%s", th);
	snprintf(k->result_en, sizeof(k->result_en), "%s", en);
	k->offer_walkin = walk_in;
	k->fault = PRINTER_FAULT_NONE;
	checkin_keys_clear(&k->keys);
	go(k, ui, KIOSK_SCREEN_RESULT, ARM_MS);
}

/* The line typed ended (OK, Enter): check in its code, or say it is none. */
static void
checkin_typed(struct kiosk_ticket *k, struct ui *ui)
{
	char code[BOOKING_CODE_LEN + 1];

	if (checkin_keys_code(&k->keys, code, sizeof(code))) {
		start_checkin(k, ui, code, NULL);
		return;
	}
	/* Never the text itself: it may be an ID number typed by mistake. */
	log_info("check-in refused: %s (the line typed is no booking code)",
	         booking_refusal_name(BOOKING_UNKNOWN));
	show_result(k, ui, booking_refusal_th(BOOKING_UNKNOWN), booking_refusal_en(BOOKING_UNKNOWN),
	            false);
}

/* Check-in: a key of the code, delete, cancel, OK. */
static void
tap_checkin(struct kiosk_ticket *k, struct ui *ui, int x, int y, int w, int h)
{
	struct tl_checkin L;

	tl_checkin(w, h, k->kc.wheelchair, &L);
	for (int i = 0; i < TL_CHECKIN_KEYS; i++) {
		/* The keypad stops at a whole code; a keyboard may type on (and is told). */
		if (box_contains(L.keys[i], x, y) &&
		    checkin_keys_code_len(&k->keys) < BOOKING_CODE_LEN) {
			checkin_keys_feed(&k->keys, BOOKING_ALPHABET[i], false);
			ui_request_redraw(ui);
			return;
		}
	}
	if (box_contains(L.erase, x, y)) {
		checkin_keys_feed(&k->keys, '\b', false);
		ui_request_redraw(ui);
	} else if (box_contains(L.cancel, x, y)) {
		go_home(k, ui);
	} else if (box_contains(L.ok, x, y) && k->keys.len > 0) {
		checkin_typed(k, ui);
	}
}

/* Result: done goes home; too late, a walk-in ticket of the booking's service. */
static void
tap_result(struct kiosk_ticket *k, struct ui *ui, int x, int y, int w, int h)
{
	struct tl_result L;

	tl_result(w, h, k->kc.wheelchair, k->offer_walkin, &L);
	if (k->offer_walkin && box_contains(L.walkin, x, y)) {
		k->priority = -1;
		k->tap_us = clock_monotonic_us();
		k->issue_pending = true;
		go(k, ui, KIOSK_SCREEN_ISSUING, 0);
	} else if (box_contains(L.done, x, y)) {
		go_home(k, ui);
	}
}

/* What each screen does with a tap (kiosk_ticket_draw.c has what each draws). */
static void (*const screen_taps[])(struct kiosk_ticket *k, struct ui *ui, int x, int y, int w,
                                   int h) = {
    [KIOSK_SCREEN_HOME] = tap_home,     [KIOSK_SCREEN_PRIORITY] = tap_priority,
    [KIOSK_SCREEN_ADVICE] = tap_advice, [KIOSK_SCREEN_ISSUING] = tap_issuing,
    [KIOSK_SCREEN_TICKET] = tap_ticket, [KIOSK_SCREEN_CHECKIN] = tap_checkin,
    [KIOSK_SCREEN_RESULT] = tap_result,
};

/* ---------------------------------------------------------- the loop */

/* What the drawing draws, from the kiosk's state; makes the QR code the first time it shows. */
static void
fill_view(struct kiosk_ticket *k, struct kiosk_ticket_view *v)
{
	bool notice_on = k->notice_until > clock_monotonic_ms();

	/* A QR code that cannot be made stays NULL: left off the screen, tried again next draw. */
	if (k->screen == KIOSK_SCREEN_TICKET && k->show_qr && !k->qr)
		(void)bitmap_qr(k->qr_text, 1, 4, &k->qr, NULL);
	*v = (struct kiosk_ticket_view){
	    .cfg = k->cfg,
	    .screen = k->screen,
	    .english = k->english,
	    .wheelchair = k->kc.wheelchair,
	    .now_ms = clock_now_ms(),
	    .minute_of_day = k->now.minute_of_day,
	    .live = k->live,
	    .service = k->service,
	    .priority = k->priority,
	    .notice_th = notice_on ? k->notice_th : NULL,
	    .notice_en = notice_on ? k->notice_en : NULL,
	    .log_down = !screen_log_up(k->log),
	    .booking = k->booking,
	    .code = k->ticket.code,
	    .priority_ticket = k->ticket.priority[0] != '\0',
	    .booked_ticket = k->ticket.booked,
	    .ahead = k->ahead,
	    .wait = &k->wait,
	    .counters_th = k->counters_th,
	    .counters_en = k->counters_en,
	    .show_qr = k->show_qr,
	    .qr = k->qr,
	    .fault = k->fault,
	    .typed = k->keys.typed,
	    .result_th = k->result_th,
	    .result_en = k->result_en,
	    .offer_walkin = k->offer_walkin,
	};
}

/* ui draw handler. */
static void
on_draw(void *ctx, struct ui *ui)
{
	struct kiosk_ticket_view v;

	fill_view(ctx, &v);
	kiosk_ticket_draw(&v, ui);
}

/* ui tap handler: ignored while disarmed. */
static void
on_tap(void *ctx, struct ui *ui, int x, int y)
{
	struct kiosk_ticket *k = ctx;
	int64_t now = clock_monotonic_ms();
	int w, h;

	if (k->screen == KIOSK_SCREEN_ISSUING || k->issue_pending || k->checkin_pending ||
	    now < k->armed_at)
		return;
	k->touched = now;
	ui_size(ui, &w, &h);
	screen_taps[k->screen](k, ui, x, y, w, h);
}

/* A key as checkin_keys reads it: keypad digits and Enter as the main ones. */
static int
key_char(SDL_Keycode key)
{
	if (key >= SDLK_KP_1 && key <= SDLK_KP_9)
		return '1' + (int)(key - SDLK_KP_1);
	if (key == SDLK_KP_0)
		return '0';
	if (key == SDLK_KP_ENTER)
		return '\r';
	if (key == SDLK_KP_MINUS)
		return '-';
	return key;
}

/*
 * The exit_keys chord leaves (for the office's technician; a touch screen
 * has no keys). Other keys on the home, check-in and result screens are a
 * typed booking code, a scanner's: Enter checks it in.
 */
static void
on_key(void *ctx, struct ui *ui, SDL_Keycode key, uint16_t mod)
{
	struct kiosk_ticket *k = ctx;
	bool command = (mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) != 0;

	if (kiosk_chord_pressed(&k->kc.exit, key, mod)) {
		ui_quit(ui);
		return;
	}
	if (!k->booking || k->issue_pending || k->checkin_pending ||
	    (k->screen != KIOSK_SCREEN_HOME && k->screen != KIOSK_SCREEN_CHECKIN &&
	     k->screen != KIOSK_SCREEN_RESULT))
		return;
	switch (checkin_keys_feed(&k->keys, key_char(key), command)) {
	case CHECKIN_KEY_ENTER:
		if (k->keys.len > 0 || k->keys.too_long)
			checkin_typed(k, ui);
		break;
	case CHECKIN_KEY_CHANGED:
		/* Typing on the keypad screen is being there, as a touch is. */
		k->touched = clock_monotonic_ms();
		if (k->screen == KIOSK_SCREEN_CHECKIN)
			ui_request_redraw(ui);
		break;
	case CHECKIN_KEY_IGNORED:
		break;
	}
}

/* Fill the ticket's figures, words and QR text after the issue. */
static void
describe_ticket(struct kiosk_ticket *k)
{
	struct sq_error err = {0};

	/* Its place under the queue rules now, as its web page shows it; else as the home screen.
	 */
	k->ahead = k->live[k->service].waiting;
	k->wait = k->live[k->service].wait;
	if (estimate_read(k->log->store, k->cfg, k->ticket.day, clock_now_ms(), &k->est, &err) !=
	    SQ_OK)
		log_warn("placing %s in the queue: %s", k->ticket.code, err.msg);
	else
		estimate_now_ticket(&k->est, k->service, k->ticket.id, &k->ahead, &k->wait);
	tl_counters_text(k->cfg, k->service, false, k->counters_th, sizeof(k->counters_th));
	tl_counters_text(k->cfg, k->service, true, k->counters_en, sizeof(k->counters_en));
	/* The QR code leads to the ticket's page by its random token, never by its code. */
	snprintf(k->ref, sizeof(k->ref), "%s", k->ticket.token);
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

/* Show the ticket just issued (k->ticket, of k->service); printing follows on the next tick. */
static void
show_ticket(struct kiosk_ticket *k, struct ui *ui)
{
	describe_ticket(k);
	k->fault = PRINTER_FAULT_NONE;
	k->show_qr = printer_settings(k->printer)->kind == PRINTER_NONE;
	k->print_pending = !k->show_qr;
	bitmap_destroy(k->qr);
	k->qr = NULL;
	go(k, ui, KIOSK_SCREEN_TICKET, TICKET_ARM_MS);
	k->last_latency_us = clock_monotonic_us() - k->tap_us;
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
	if (!screen_log_up(k->log)) {
		log_warn("no ticket issued for %s: %s", svc->id, screen_log_why(k->log));
		flush_taps();
		go_home(k, ui);
		return;
	}
	rc = kiosk_issue(k->log->store, k->cfg, svc->id, prio, false, clock_now_ms(), &k->ticket,
	                 &err);
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
	if (rc != SQ_OK && screen_log_failed(k->log, &err, clock_monotonic_ms())) {
		go_home(k, ui); /* the home screen says to ask at the reception desk */
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
	show_ticket(k, ui);
	log_info("ticket %s issued for %s%s%s (%lld ms after the touch)", k->ticket.code, svc->id,
	         prio ? ", priority " : "", prio ? prio : "",
	         (long long)(k->last_latency_us / 1000));
}

/* The index of service id in cfg; 0 when none has it (the store checked it already). */
static size_t
service_index(const struct config *cfg, const char *id)
{
	for (size_t i = 0; i < cfg->n_services; i++)
		if (strcmp(cfg->services[i].id, id) == 0)
			return i;
	return 0;
}

/* The words of a refused check-in r, with when to come back or the booking's day. */
static void
refusal_text(const struct store_booking_checkin *r, char *th, char *en, size_t n)
{
	char when_th[96], when_en[96];

	snprintf(th, n, "%s", booking_refusal_th(r->why));
	snprintf(en, n, "%s", booking_refusal_en(r->why));
	if (r->why == BOOKING_TOO_EARLY) {
		thaitime_format(when_th, sizeof(when_th), r->opens_ms, THAITIME_TIME);
		snprintf(th, n, "%s %s น.", booking_refusal_th(r->why), when_th);
		snprintf(en, n, "%s %s.", booking_refusal_en(r->why), when_th);
	} else if (r->why == BOOKING_OTHER_DAY) {
		/* Its own day, so the citizen knows when to come (Buddhist Era). */
		thaitime_format(when_th, sizeof(when_th), r->slot_ms, THAITIME_TH_DATE_TIME);
		thaitime_format(when_en, sizeof(when_en), r->slot_ms, THAITIME_EN_DATE_TIME);
		snprintf(th, n, "%s (นัดหมายวันที่ %s น.)", booking_refusal_th(r->why), when_th);
		snprintf(en, n, "%s (booked for %s)", booking_refusal_en(r->why), when_en);
	}
}

#define CARD_NO_BOOKING_TH "ไม่พบการนัดหมายของวันนี้สำหรับบัตรประชาชนใบนี้"
#define CARD_NO_BOOKING_EN "There is no booking today for this ID card"

/* Check in the booking typed, scanned or of the card; runs on the tick after "please wait". */
static void
do_checkin(struct kiosk_ticket *k, struct ui *ui)
{
	struct store_booking_checkin r;
	struct sq_error err = {0};
	bool by_card = k->checkin_code[0] == '\0';
	int rc;

	k->checkin_pending = false;
	refresh_live(k);
	if (!screen_log_up(k->log)) {
		log_warn("no booking checked in: %s", screen_log_why(k->log));
		explicit_bzero(k->checkin_hash, sizeof(k->checkin_hash));
		flush_taps();
		go_home(k, ui);
		return;
	}
	memset(&r, 0, sizeof(r));
	rc = store_booking_checkin(k->log->store, k->cfg, by_card ? NULL : k->checkin_code,
	                           by_card ? k->checkin_hash : NULL, &r, &err);
	explicit_bzero(k->checkin_hash, sizeof(k->checkin_hash));
	flush_taps();
	if (rc == SQ_OK && r.why == BOOKING_OK) {
		k->ticket = r.ticket;
		k->service = service_index(k->cfg, r.ticket.service);
		k->priority = -1;
		show_ticket(k, ui);
		log_info("booking %s checked in: ticket %s for %s (%lld ms after the touch)",
		         r.booking.code, k->ticket.code, k->ticket.service,
		         (long long)(k->last_latency_us / 1000));
		return;
	}
	if ((rc == SQ_ERR_STATE || rc == SQ_ERR_NOTFOUND) && r.why != BOOKING_OK) {
		char th[512], en[512];

		refusal_text(&r, th, en, sizeof(th));
		if (by_card && r.why == BOOKING_UNKNOWN) {
			snprintf(th, sizeof(th), "%s", CARD_NO_BOOKING_TH);
			snprintf(en, sizeof(en), "%s", CARD_NO_BOOKING_EN);
		}
		if (r.booking.id)
			k->service = service_index(k->cfg, r.booking.service);
		log_info("check-in refused: %s", booking_refusal_name(r.why));
		show_result(k, ui, th, en, r.why == BOOKING_TOO_LATE && r.booking.id);
		return;
	}
	if (screen_log_failed(k->log, &err, clock_monotonic_ms())) {
		go_home(k, ui); /* the home screen says to ask at the reception desk */
		return;
	}
	log_error("checking a booking in: %s", err.msg);
	go_home(k, ui);
	notice(k, ui, "ขออภัย ระบบเช็กอินขัดข้อง กรุณาติดต่อเจ้าหน้าที่",
	       "Sorry, check-in is not working now. Please ask a member of staff.");
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
	/* A long list is cut whole characters, never inside a Thai one. */
	for (size_t i = 0; i < svc->n_documents; i++) {
		lth = utf8_append(bring_th, sizeof(bring_th), lth, i ? ", " : "เอกสารที่ต้องนำมา: ");
		lth = utf8_append(bring_th, sizeof(bring_th), lth, svc->documents[i].th);
		len = utf8_append(bring_en, sizeof(bring_en), len, i ? ", " : "Bring: ");
		len = utf8_append(bring_en, sizeof(bring_en), len, svc->documents[i].en);
	}
	const struct ticket_print t = {
	    .office_th = k->cfg->office_name.th,
	    .office_en = k->cfg->office_name.en,
	    .service_th = svc->name.th,
	    .service_en = svc->name.en,
	    .code = k->ticket.code,
	    /* The class band: a booking's, else the priority class's, else none. */
	    .priority_th = k->ticket.booked ? BOOKED_CLASS_TH
	                   : p              ? p->name.th
	                                    : NULL,
	    .priority_en = k->ticket.booked ? BOOKED_CLASS_EN
	                   : p              ? p->name.en
	                                    : NULL,
	    .issued_ms = k->ticket.issued_ms,
	    .people_ahead = k->ahead,
	    .wait = &k->wait,
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

		k->fault = res.fault;
		k->show_qr = true;
		log_error("ticket %s not printed: %s", k->ticket.code, err.msg);
		snprintf(reason, sizeof(reason), "printer %s: ticket %s not printed: %s",
		         printer_fault_name(res.fault), k->ticket.code, err.msg);
		log_event(k, EVENT_FAULT, svc->id, reason);
		ui_request_redraw(ui);
		return;
	}
	if (res.paper_near_end && !k->near_end_logged) {
		k->near_end_logged = true;
		log_warn("printer paper near its end");
		log_event(k, EVENT_FAULT, NULL, "printer paper-near-end");
	} else if (!res.paper_near_end) {
		k->near_end_logged = false;
	}
}

/* A card put in checks its booking in, unless a ticket is being issued or printed. */
static void
poll_card(struct kiosk_ticket *k, struct ui *ui)
{
	char hash[THAI_ID_HASH_SIZE];
	enum kiosk_card_event ev = kiosk_card_poll(k->card, hash);
	bool busy = k->print_pending || k->screen == KIOSK_SCREEN_ISSUING;

	if (ev == KIOSK_CARD_READ && !busy)
		start_checkin(k, ui, NULL, hash);
	else if (ev == KIOSK_CARD_UNREADABLE && !busy)
		show_result(k, ui, "อ่านบัตรประชาชนไม่ได้ กรุณาเสียบบัตรใหม่ หรือกรอกรหัสนัดหมาย",
		            "The ID card could not be read. Please insert it again, or type your "
		            "booking code.",
		            false);
	else if (ev != KIOSK_CARD_NONE)
		log_info("ID card put in while a ticket was being issued: not used");
	explicit_bzero(hash, sizeof(hash));
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
	if (k->checkin_pending) {
		do_checkin(k, ui);
		return;
	}
	if (k->card && mono >= k->next_card_poll) {
		k->next_card_poll = mono + CARD_POLL_MS;
		poll_card(k, ui);
	}
	if (k->print_pending) {
		do_print(k, ui);
		return;
	}
	if (k->screen == KIOSK_SCREEN_TICKET || k->screen == KIOSK_SCREEN_RESULT) {
		int secs = k->kc.ticket_seconds;

		if (k->fault != PRINTER_FAULT_NONE && secs < FAULT_SHOW_MIN)
			secs = FAULT_SHOW_MIN;
		if (mono - k->screen_since > (int64_t)secs * 1000)
			go_home(k, ui);
	} else if (k->screen == KIOSK_SCREEN_ADVICE || k->screen == KIOSK_SCREEN_PRIORITY ||
	           k->screen == KIOSK_SCREEN_CHECKIN) {
		if (mono - (k->touched > k->screen_since ? k->touched : k->screen_since) >
		    (int64_t)k->kc.advice_seconds * 1000) {
			/* Read and walked away: advice only. */
			if (k->screen == KIOSK_SCREEN_ADVICE)
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
		switch (screen_log_poll(k->log, mono, &v)) {
		case SCREEN_LOG_DOWN:
			break;
		case SCREEN_LOG_BACK:
			k->data_version = -1; /* read everything anew */
			                      /* fall through */
		case SCREEN_LOG_UP:
			if (v != k->data_version) {
				k->data_version = v;
				refresh_live(k);
				if (k->screen == KIOSK_SCREEN_HOME ||
				    k->screen == KIOSK_SCREEN_ADVICE)
					ui_request_redraw(ui);
			}
			break;
		}
	}
	if (!screen_log_up(k->log) != k->shown_down) {
		k->shown_down = !k->shown_down;
		/* Nothing to choose from while no ticket can be issued: home says why. */
		if (k->shown_down &&
		    (k->screen == KIOSK_SCREEN_ADVICE || k->screen == KIOSK_SCREEN_PRIORITY))
			go_home(k, ui);
		ui_request_redraw(ui);
	}
}

/* A ticket screen on the log and printer (both the caller's). */
int
kiosk_ticket_create(struct config *cfg, struct screen_log *log, struct printer *printer,
                    struct kiosk_ticket **out, struct sq_error *err)
{
	struct kiosk_ticket *k = calloc(1, sizeof(*k));
	struct sq_error card_err = {0};
	int rc;

	*out = NULL;
	if (!k)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for the ticket screen");
	if ((rc = kiosk_config_parse(cfg, &k->kc, err)) != SQ_OK) {
		free(k);
		return rc;
	}
	k->cfg = cfg;
	k->log = log;
	k->printer = printer;
	k->priority = -1;
	k->english = k->kc.start_english;
	for (size_t i = 0; i < cfg->n_services; i++)
		k->booking = k->booking || cfg->services[i].booking.slot_minutes > 0;
	/* Without its key or reader the kiosk goes on: booking codes still work. */
	if (k->booking && kiosk_card_open(&k->kc, &k->card, &card_err) != SQ_OK)
		log_error("ID card check-in is off: %s", card_err.msg);
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
	estimate_now_release(&k->est);
	kiosk_card_close(k->card);
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

/* Whether some service takes bookings, so that the home screen offers the check-in. */
bool
kiosk_ticket_offers_booking(const struct kiosk_ticket *k)
{
	return k->booking;
}

/*
 * The printer's keepalive: a print runs on the loop and may wait up to
 * timeout_ms (60 s at most), longer than the 30 s watchdog, so the watchdog
 * is fed while it waits.
 */
static void
feed_watchdog(void *ctx)
{
	(void)ctx;
	service_watchdog_kick();
}

/* `saduak-kiosk --mode ticket`. */
int
kiosk_ticket_mode(struct config *cfg, const struct kiosk_args *args)
{
	struct printer_settings ps;
	struct kiosk_config kc;
	struct printer *printer = NULL;
	struct screen_log log = {0};
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
	printer_set_keepalive(printer, feed_watchdog, NULL);
	cli_warn_device_faults(cfg);
	/* A log out of reach is shown and tried again; only a damaged one stops the kiosk. */
	if ((status = screen_log_open(&log, cfg, STORE_CHECK_FULL)) != CLI_EXIT_OK)
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
	if (ui_window_size_from_env(&opt, NULL, 800, 480, &err) != SQ_OK) {
		status = cli_fail(&err);
		goto out;
	}
	if (opt.fullscreen && ui_video_open(NULL) == SQ_OK) {
		SDL_DisplayMode mode;

		video = true;

		if (SDL_GetDesktopDisplayMode(0, &mode) == 0) {
			opt.width = mode.w;
			opt.height = mode.h;
		}
	}
	if (ui_create(&opt, &ui, &err) != SQ_OK ||
	    kiosk_ticket_create(cfg, &log, printer, &k, &err)) {
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
		SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
	screen_log_close(&log);
	printer_close(printer);
	return status;
}
