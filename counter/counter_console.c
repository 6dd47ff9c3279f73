/*
 * counter_console.c - `saduak-counter --counter N`: the officer's console.
 *
 * A small SDL window (ui.h) usable entirely from the keyboard, a USB keypad
 * or a foot pedal: each action has one key (console_keys.c) and one button.
 * It shows the counter and the officer on duty, the ticket being served
 * (service, priority class, how long it waited), the waiting count per
 * service of this counter, the next tickets in the order the queue rules
 * would call them, today's served count and mean service time, and status
 * lines for the counter's LED display, the kiosk printer (its latest fault
 * in the log) and the rating screen (configured, and its latest rating).
 *
 * Actions that need a choice (transfer, call a ticket, break, back-office,
 * login) open a chooser: digits 1..9 pick, arrows and Enter too, PageDown
 * for more, Escape cancels; every entry is also a button.
 *
 * Updates: the tick (every 100 ms) polls the database's data_version and
 * reloads on a change, so calls and tickets from elsewhere show within a
 * quarter of a second; the LED display is polled (retry, catch-up) on the
 * same tick. The display follows the counter's state whoever changed it, so
 * a display that comes back shows what the counter holds now.
 *
 * An action writes the log first, then the LED frame, then reloads. A
 * database that stays locked fails the action after the store's busy
 * timeout (10 s) and a red banner says so until the database answers again;
 * the window never waits longer than that.
 *
 * This file holds the console's state and what changes it; console_draw.c
 * draws it (console_private.h is what the two share).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "console_layout.h"
#include "console_private.h"
#include "counter_display.h"
#include "counter_verbs.h"
#include "led_display.h"
#include "log.h"
#include "thaitime.h"
#include "ui.h"

#define TICK_MS      100  /* loop tick: data_version and the LED */
#define RELOAD_MS    5000 /* reload anyway: waited minutes, the clock */
#define MESSAGE_MS   8000 /* how long a message line stays */
#define WINDOW_W     820
#define WINDOW_H     560
#define WINDOW_MIN_W 320 /* what the layout still fits (console_layout.c) */
#define WINDOW_MIN_H 240

/* A reason the officer picks: what is logged, and its two labels. */
struct reason {
	const char *log;
	const char *th;
	const char *en;
};

static const struct reason call_reasons[] = {
    {.log = "appointment", .th = "นัดหมายไว้ล่วงหน้า", .en = "Appointment"},
    {.log = "back with documents", .th = "กลับมาพร้อมเอกสาร", .en = "Back with documents"},
    {.log = "urgent or vulnerable", .th = "เร่งด่วน / กลุ่มเปราะบาง", .en = "Urgent or vulnerable"},
    {.log = "continuing a service", .th = "ต่อเนื่องจากบริการเดิม", .en = "Continuing a service"},
    {.log = "supervisor request", .th = "หัวหน้ามอบหมาย", .en = "Supervisor's request"},
};

static const struct reason break_reasons[] = {
    {.log = "lunch", .th = "พักกลางวัน", .en = "Lunch"},
    {.log = "short break", .th = "พักระยะสั้น", .en = "Short break"},
    {.log = "meeting", .th = "ประชุม", .en = "Meeting"},
    {.log = "training", .th = "อบรม", .en = "Training"},
};

static const struct reason back_office_reasons[] = {
    {.log = "back-office: paperwork", .th = "งานเอกสาร", .en = "Paperwork"},
    {.log = "back-office: data entry", .th = "บันทึกข้อมูลในระบบ", .en = "Data entry"},
    {.log = "back-office: phone enquiry", .th = "ตอบคำถามทางโทรศัพท์", .en = "Phone enquiry"},
    {.log = "back-office: case follow-up", .th = "ติดตามเรื่อง", .en = "Case follow-up"},
};

/* What happens when an entry of a chooser is picked (value = the entry's). */
typedef void (*chooser_pick_fn)(struct console *c, struct ui *ui, size_t value);

/* A chooser's title and what picking does. */
struct chooser_def {
	const char *th, *en;
	chooser_pick_fn pick;
};

/* Show a message line on the banner for a while. */
static void say(struct console *c, struct ui *ui, SDL_Color color, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
say(struct console *c, struct ui *ui, SDL_Color color, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->message, sizeof(c->message), fmt, ap);
	va_end(ap);
	c->message_color = color;
	c->message_until_ms = clock_monotonic_ms() + MESSAGE_MS;
	ui_request_redraw(ui);
}

/* Report a failed store call: the database banner for busy/db, else a message. */
static void
report_error(struct console *c, struct ui *ui, const struct sq_error *err)
{
	static const struct {
		int code;
		const char *th, *en;
	} kinds[] = {
	    {SQ_ERR_EMPTY, "ไม่มีคิวรอ", "Nobody waiting"},
	    {SQ_ERR_STATE, "ทำไม่ได้ในขณะนี้", "Not now"},
	    {SQ_ERR_NOTFOUND, "ไม่พบ", "Not found"},
	    {SQ_ERR_INVALID, "ข้อมูลไม่ถูกต้อง", "Not valid"},
	};

	log_warn("%s", err->msg);
	if (err->code == SQ_ERR_BUSY || err->code == SQ_ERR_DB) {
		snprintf(c->db_fault, sizeof(c->db_fault), "%s", err->msg);
		ui_request_redraw(ui);
		return;
	}
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].code == err->code) {
			say(c, ui, C_WARN, "%s: %s", tr(c, kinds[i].th, kinds[i].en), err->msg);
			return;
		}
	say(c, ui, C_FAULT, "%s", err->msg);
}

/* ---- the LED display ---- */

/* Tell the display what, remembering it as shown (it catches up if offline). */
static void
led_show(struct console *c, struct ui *ui, enum counter_led what, const char *code)
{
	struct sq_error err = {0};

	if (what == COUNTER_LED_NONE)
		return;
	snprintf(c->led_shown, sizeof(c->led_shown), "%s%s",
	         what == COUNTER_LED_BREAK   ? "B"
	         : what == COUNTER_LED_CLEAR ? "C"
	                                     : "T:",
	         what == COUNTER_LED_TICKET || what == COUNTER_LED_RECALL ? code : "");
	if (counter_display_show(&c->disp, what, code, &err) != SQ_OK) {
		log_warn("%s", err.msg);
		ui_request_redraw(ui);
	}
}

/* Make the display follow the counter's state, whoever changed it. */
static void
led_follow(struct console *c, struct ui *ui)
{
	char want[24];
	enum counter_led what;

	if (!c->disp.led || !c->loaded)
		return;
	if (c->state.status == COUNTER_CLOSED) {
		what = COUNTER_LED_CLEAR;
		snprintf(want, sizeof(want), "C");
	} else if (c->state.status == COUNTER_BREAK) {
		what = COUNTER_LED_BREAK;
		snprintf(want, sizeof(want), "B");
	} else if (c->state.has_ticket) {
		what = COUNTER_LED_TICKET;
		snprintf(want, sizeof(want), "T:%s", c->state.ticket.code);
	} else {
		return; /* open, nobody at the desk: the last number stays */
	}
	if (strcmp(want, c->led_shown) != 0)
		led_show(c, ui, what, c->state.ticket.code);
}

/* ---- data ---- */

/* Read everything the console shows. On failure the database banner goes up. */
static void
reload(struct console *c, struct ui *ui)
{
	struct sq_error err = {0};
	int64_t now = clock_now_ms();
	int day = thaitime_day_key(now);
	int rc;

	c->next_reload_ms = clock_monotonic_ms() + RELOAD_MS;
	rc = store_counter_get(c->store, c->counter, &c->state, &err);
	for (size_t i = 0; rc == SQ_OK && i < c->cc->n_services; i++)
		rc = store_waiting_count(c->store, c->cfg->services[c->cc->services[i]].id,
		                         &c->waiting[i], &err);
	if (rc == SQ_OK)
		rc = store_counter_queue(c->store, c->cfg, c->counter, c->queue, QUEUE_MAX,
		                         &c->n_queue, &err);
	if (rc == SQ_OK)
		rc = store_counter_served(c->store, c->counter, day, &c->served, &c->mean_minutes,
		                          &err);
	if (rc == SQ_OK)
		rc = store_last_event(c->store, EVENT_FAULT, 0, "printer", &c->printer, &err);
	if (rc == SQ_OK)
		rc = store_last_event(c->store, EVENT_RATED, c->counter, NULL, &c->rating, &err);
	if (rc != SQ_OK) {
		report_error(c, ui, &err);
		return;
	}
	console_call_order(c->cfg, c->cc, c->queue, c->n_queue, c->state.priority_streak, now,
	                   c->order, &c->n_order);
	if (c->db_fault[0])
		log_info("database answers again");
	c->db_fault[0] = '\0';
	c->loaded = true;
	led_follow(c, ui);
	ui_request_redraw(ui);
}

/* ---- actions ---- */

/* Log a call's result, drive the display and the banner. */
static void
after_call(struct console *c, struct ui *ui, const struct store_call *call, int64_t t0_us)
{
	led_show(c, ui, COUNTER_LED_TICKET, call->ticket.code);
	log_info("%s called to counter %d (rule: %s); display written %.1f ms after the key",
	         call->ticket.code, c->counter, queue_rule_name(call->rule),
	         (double)(clock_monotonic_us() - t0_us) / 1000.0);
	say(c, ui, C_OK, "%s %s", tr(c, "เรียก", "Called"), call->ticket.code);
}

/* Next: finish the current ticket and call the next one. */
static void
act_next(struct console *c, struct ui *ui)
{
	int64_t t0 = clock_monotonic_us();
	struct store_call call;
	struct sq_error err = {0};
	int rc = store_call_next(c->store, c->cfg, c->counter, clock_now_ms(), &call, &err);

	if (rc == SQ_OK)
		after_call(c, ui, &call, t0);
	else
		report_error(c, ui, &err);
	reload(c, ui);
}

/* Apply a ticket event to the current ticket, then the display. */
static void
ticket_event(struct console *c, struct ui *ui, enum ticket_event ev, const char *arg,
             enum counter_led led, const char *th, const char *en)
{
	struct store_ticket t;
	struct sq_error err = {0};

	if (store_counter_ticket_event(c->store, c->cfg, c->counter, ev, arg, clock_now_ms(), &t,
	                               &err) != SQ_OK) {
		report_error(c, ui, &err);
	} else {
		led_show(c, ui, led, t.code);
		log_info("%s %s at counter %d", t.code, queue_event_name(ev), c->counter);
		say(c, ui, C_OK, "%s %s", t.code, tr(c, th, en));
	}
	reload(c, ui);
}

/* Recall: announce the current ticket again. */
static void
act_recall(struct console *c, struct ui *ui)
{
	ticket_event(c, ui, EVENT_RECALLED, NULL, COUNTER_LED_RECALL, "เรียกซ้ำแล้ว", "recalled");
}

/* Start serving the called ticket, or finish the one being served. */
static void
act_start_finish(struct console *c, struct ui *ui)
{
	if (c->state.has_ticket && c->state.ticket.state == TICKET_SERVING)
		ticket_event(c, ui, EVENT_FINISHED, NULL, COUNTER_LED_NONE,
		             "เสร็จสิ้น (เชิญประเมินความพึงพอใจ)", "finished (rating screen asks)");
	else
		ticket_event(c, ui, EVENT_STARTED, NULL, COUNTER_LED_NONE, "เริ่มให้บริการ",
		             "service started");
}

/* No-show: the citizen did not come. */
static void
act_noshow(struct console *c, struct ui *ui)
{
	ticket_event(c, ui, EVENT_NOSHOW, NULL, COUNTER_LED_CLEAR, "ไม่มาตามเรียก", "no-show");
}

/* Park: sent away for a while, rejoins the queue later in its place. */
static void
act_park(struct console *c, struct ui *ui)
{
	ticket_event(c, ui, EVENT_PARKED, NULL, COUNTER_LED_CLEAR, "พักคิวไว้ก่อน", "parked");
}

/* Resume: open again; the display shows the ticket held, if any. */
static void
act_resume(struct console *c, struct ui *ui)
{
	struct sq_error err = {0};

	if (store_counter_status_event(c->store, c->cfg, c->counter, EVENT_RESUME, NULL,
	                               clock_now_ms(), &err) != SQ_OK) {
		report_error(c, ui, &err);
	} else {
		c->led_shown[0] = '\0'; /* reload shows the ticket held, or blanks it */
		if (c->disp.led && !c->state.has_ticket)
			led_show(c, ui, COUNTER_LED_CLEAR, "");
		say(c, ui, C_OK, "%s", tr(c, "เปิดให้บริการต่อ", "Open again"));
	}
	reload(c, ui);
}

/* Language: Thai <-> English. */
static void
act_language(struct console *c, struct ui *ui)
{
	c->thai = !c->thai;
	c->message[0] = '\0'; /* it was written in the other language */
	ui_request_redraw(ui);
}

/* Open a chooser with the entries already filled in. */
static void
open_chooser(struct console *c, struct ui *ui, enum chooser which)
{
	c->chooser = which;
	c->page = 0;
	c->selected = 0;
	ui_request_redraw(ui);
	if (!c->n_choices) {
		c->chooser = CHOOSE_NONE;
		say(c, ui, C_WARN, "%s", tr(c, "ไม่มีรายการให้เลือก", "Nothing to choose from"));
	}
}

/* Add an entry to the chooser being filled. */
static void add_choice(struct console *c, size_t value, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
add_choice(struct console *c, size_t value, const char *fmt, ...)
{
	va_list ap;

	if (c->n_choices == CHOICES_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(c->choice_text[c->n_choices], sizeof(c->choice_text[0]), fmt, ap);
	va_end(ap);
	c->choice_value[c->n_choices++] = value;
}

/* Fill the chooser with reasons. */
static void
choose_reason(struct console *c, struct ui *ui, enum chooser which, const struct reason *r,
              size_t n)
{
	c->n_choices = 0;
	for (size_t i = 0; i < n; i++)
		add_choice(c, i, "%s", tr(c, r[i].th, r[i].en));
	open_chooser(c, ui, which);
}

/* Transfer: choose the service. */
static void
act_transfer(struct console *c, struct ui *ui)
{
	c->n_choices = 0;
	if (!c->state.has_ticket) {
		say(c, ui, C_WARN, "%s", tr(c, "ไม่มีคิวที่กำลังให้บริการ", "No current ticket"));
		return;
	}
	for (size_t i = 0; i < c->cfg->n_services; i++) {
		const struct config_service *s = &c->cfg->services[i];
		if (strcmp(s->id, c->state.ticket.service) != 0)
			add_choice(c, i, "%s  %s", s->id, tr(c, s->name.th, s->name.en));
	}
	open_chooser(c, ui, CHOOSE_SERVICE);
}

/* Call a ticket from the waiting list: choose the ticket, then the reason. */
static void
act_call(struct console *c, struct ui *ui)
{
	char waited[16];
	int64_t now = clock_now_ms();

	c->n_choices = 0;
	for (size_t k = 0; k < c->n_order; k++) {
		const struct store_ticket *t = &c->queue[c->order[k]];
		const struct config_priority *p = config_priority_find(c->cfg, t->priority);
		console_format_duration(now - t->issued_ms, waited, sizeof(waited));
		add_choice(c, c->order[k], "%s  %s%s%s  %s %s %s", t->code,
		           t->state == TICKET_PARKED ? tr(c, "(พักคิว) ", "(parked) ") : "",
		           p ? tr(c, p->name.th, p->name.en) : "", p ? "  " : "",
		           tr(c, "รอ", "waited"), waited, tr(c, "นาที", "min"));
	}
	open_chooser(c, ui, CHOOSE_TICKET);
}

/* Break: choose the reason. */
static void
act_break(struct console *c, struct ui *ui)
{
	choose_reason(c, ui, CHOOSE_BREAK, break_reasons,
	              sizeof(break_reasons) / sizeof(break_reasons[0]));
}

/* Back-office work: choose the reason. */
static void
act_back_office(struct console *c, struct ui *ui)
{
	choose_reason(c, ui, CHOOSE_BACK_OFFICE, back_office_reasons,
	              sizeof(back_office_reasons) / sizeof(back_office_reasons[0]));
}

/* Log in (choose the officer) or, when someone is logged in, log out. */
static void
act_login(struct console *c, struct ui *ui)
{
	struct sq_error err = {0};

	if (c->state.status != COUNTER_CLOSED) {
		if (store_counter_status_event(c->store, c->cfg, c->counter, EVENT_LOGOUT, NULL,
		                               clock_now_ms(), &err) != SQ_OK) {
			report_error(c, ui, &err);
		} else {
			led_show(c, ui, COUNTER_LED_CLEAR, "");
			say(c, ui, C_OK, "%s", tr(c, "ออกจากระบบแล้ว", "Logged out"));
		}
		reload(c, ui);
		return;
	}
	c->n_choices = 0;
	for (size_t i = 0; i < c->cfg->n_officers; i++)
		add_choice(c, i, "%s",
		           tr(c, c->cfg->officers[i].name.th, c->cfg->officers[i].name.en));
	if (!c->cfg->n_officers)
		add_choice(c, 0, "%s", tr(c, "เจ้าหน้าที่", "Officer"));
	open_chooser(c, ui, CHOOSE_OFFICER);
}

/* Picked an officer: log in. */
static void
pick_officer(struct console *c, struct ui *ui, size_t value)
{
	struct sq_error err = {0};
	char id[CONFIG_ID_LEN];

	if (c->cfg->n_officers)
		snprintf(id, sizeof(id), "%s", c->cfg->officers[value].id);
	else
		snprintf(id, sizeof(id), "counter-%d", c->counter);
	if (store_counter_status_event(c->store, c->cfg, c->counter, EVENT_LOGIN, id,
	                               clock_now_ms(), &err) != SQ_OK)
		report_error(c, ui, &err);
	else
		say(c, ui, C_OK, "%s %s", tr(c, "เข้าสู่ระบบ:", "Logged in:"), id);
	reload(c, ui);
}

/* Picked a service: transfer the current ticket to it. */
static void
pick_service(struct console *c, struct ui *ui, size_t value)
{
	ticket_event(c, ui, EVENT_TRANSFERRED, c->cfg->services[value].id, COUNTER_LED_CLEAR,
	             "โอนไปบริการอื่นแล้ว", "transferred");
}

/* Picked a ticket: now choose the reason for calling it out of turn. */
static void
pick_ticket(struct console *c, struct ui *ui, size_t value)
{
	snprintf(c->pending_code, sizeof(c->pending_code), "%s", c->queue[value].code);
	choose_reason(c, ui, CHOOSE_CALL_REASON, call_reasons,
	              sizeof(call_reasons) / sizeof(call_reasons[0]));
}

/* Picked the reason: call the chosen ticket. */
static void
pick_call_reason(struct console *c, struct ui *ui, size_t value)
{
	int64_t t0 = clock_monotonic_us();
	struct store_call call;
	struct sq_error err = {0};

	if (store_call_ticket(c->store, c->cfg, c->counter, c->pending_code,
	                      call_reasons[value].log, clock_now_ms(), &call, &err) == SQ_OK)
		after_call(c, ui, &call, t0);
	else
		report_error(c, ui, &err);
	reload(c, ui);
}

/* Go on break (or back-office work) with reason. */
static void
go_break(struct console *c, struct ui *ui, const struct reason *r)
{
	struct sq_error err = {0};

	if (store_counter_status_event(c->store, c->cfg, c->counter, EVENT_BREAK, r->log,
	                               clock_now_ms(), &err) != SQ_OK) {
		report_error(c, ui, &err);
	} else {
		led_show(c, ui, COUNTER_LED_BREAK, "");
		say(c, ui, C_OK, "%s: %s", tr(c, "พัก", "On break"), tr(c, r->th, r->en));
	}
	reload(c, ui);
}

/* Picked a break reason. */
static void
pick_break(struct console *c, struct ui *ui, size_t value)
{
	go_break(c, ui, &break_reasons[value]);
}

/* Picked a back-office reason. */
static void
pick_back_office(struct console *c, struct ui *ui, size_t value)
{
	go_break(c, ui, &back_office_reasons[value]);
}

static const struct chooser_def choosers[] = {
    [CHOOSE_OFFICER] = {.th = "เลือกเจ้าหน้าที่", .en = "Who is on duty?", .pick = pick_officer},
    [CHOOSE_SERVICE] = {.th = "โอนไปบริการ", .en = "Transfer to service", .pick = pick_service},
    [CHOOSE_TICKET] = {.th = "เรียกคิวที่เลือก", .en = "Call which ticket?", .pick = pick_ticket},
    [CHOOSE_CALL_REASON] = {.th = "เหตุผลที่เรียกนอกลำดับ",
                            .en = "Why out of turn?",
                            .pick = pick_call_reason},
    [CHOOSE_BREAK] = {.th = "พักเพราะ", .en = "Break for", .pick = pick_break},
    [CHOOSE_BACK_OFFICE] = {.th = "งานหลังบ้าน", .en = "Back-office work", .pick = pick_back_office},
};

/* Has a current ticket. */
static bool
has_ticket(const struct console *c)
{
	return c->state.has_ticket;
}

/* Open and free to call. */
static bool
is_open(const struct console *c)
{
	return c->state.status == COUNTER_OPEN;
}

/* Open, not holding a ticket: may go on break. */
static bool
may_break(const struct console *c)
{
	return c->state.status == COUNTER_OPEN && !c->state.has_ticket;
}

/* On break. */
static bool
on_break(const struct console *c)
{
	return c->state.status == COUNTER_BREAK;
}

/* Always. */
static bool
always(const struct console *c)
{
	(void)c;
	return true;
}

/* Each action: its labels, what it does, and when its button is lit. */
static const struct action_def {
	const char *th, *en;
	void (*run)(struct console *c, struct ui *ui);
	bool (*enabled)(const struct console *c);
} actions[CONSOLE_ACTION_COUNT] = {
    [CONSOLE_NEXT] = {.th = "คิวถัดไป", .en = "Next", .run = act_next, .enabled = is_open},
    [CONSOLE_RECALL] = {.th = "เรียกซ้ำ", .en = "Recall", .run = act_recall, .enabled = has_ticket},
    [CONSOLE_START_FINISH] = {.th = "เริ่ม/เสร็จ",
                              .en = "Start/Finish",
                              .run = act_start_finish,
                              .enabled = has_ticket},
    [CONSOLE_NOSHOW] = {.th = "ไม่มา", .en = "No-show", .run = act_noshow, .enabled = has_ticket},
    [CONSOLE_PARK] = {.th = "พักคิว", .en = "Park", .run = act_park, .enabled = has_ticket},
    [CONSOLE_TRANSFER] = {.th = "โอนบริการ",
                          .en = "Transfer",
                          .run = act_transfer,
                          .enabled = has_ticket},
    [CONSOLE_CALL] = {.th = "เรียกคิวที่เลือก",
                      .en = "Call ticket",
                      .run = act_call,
                      .enabled = is_open},
    [CONSOLE_BREAK] = {.th = "พัก", .en = "Break", .run = act_break, .enabled = may_break},
    [CONSOLE_BACK_OFFICE] = {.th = "งานหลังบ้าน",
                             .en = "Back office",
                             .run = act_back_office,
                             .enabled = may_break},
    [CONSOLE_RESUME] = {.th = "กลับมาให้บริการ",
                        .en = "Resume",
                        .run = act_resume,
                        .enabled = on_break},
    [CONSOLE_LOGIN] = {.th = "เข้า/ออกระบบ",
                       .en = "Log in/out",
                       .run = act_login,
                       .enabled = always},
    [CONSOLE_LANGUAGE] = {.th = "English", .en = "ภาษาไทย", .run = act_language, .enabled = always},
};

bool
console_action_enabled(const struct console *c, enum console_action a)
{
	return actions[a].enabled(c);
}

const char *
console_action_label(const struct console *c, enum console_action a)
{
	if (a == CONSOLE_LOGIN)
		return c->state.status == COUNTER_CLOSED ? tr(c, "เข้าระบบ", "Log in")
		                                         : tr(c, "ออกจากระบบ", "Log out");
	if (a == CONSOLE_START_FINISH)
		return c->state.has_ticket && c->state.ticket.state == TICKET_SERVING
		           ? tr(c, "เสร็จสิ้น", "Finish")
		           : tr(c, "เริ่มบริการ", "Start");
	return tr(c, actions[a].th, actions[a].en);
}

const char *
console_chooser_title(const struct console *c)
{
	return tr(c, choosers[c->chooser].th, choosers[c->chooser].en);
}

/* Run action a if the database is loaded. */
static void
run_action(struct console *c, struct ui *ui, enum console_action a)
{
	if (!c->loaded && a != CONSOLE_LANGUAGE) {
		reload(c, ui);
		if (!c->loaded)
			return;
	}
	actions[a].run(c, ui);
}

/* ---- the chooser's keys ---- */

/* Pick entry i (absolute) of the open chooser. */
static void
chooser_pick(struct console *c, struct ui *ui, size_t i)
{
	enum chooser which = c->chooser;

	if (i >= c->n_choices)
		return;
	c->chooser = CHOOSE_NONE;
	ui_request_redraw(ui);
	choosers[which].pick(c, ui, c->choice_value[i]);
}

/* A key while the chooser is open. */
static void
chooser_key(struct console *c, struct ui *ui, SDL_Keycode key)
{
	if (key >= SDLK_1 && key <= SDLK_9) {
		chooser_pick(c, ui, c->page + (size_t)(key - SDLK_1));
	} else if (key >= SDLK_KP_1 && key <= SDLK_KP_9) {
		chooser_pick(c, ui, c->page + (size_t)(key - SDLK_KP_1));
	} else if (key == SDLK_RETURN || key == SDLK_KP_ENTER) {
		chooser_pick(c, ui, c->selected);
	} else if (key == SDLK_ESCAPE || key == SDLK_BACKSPACE) {
		c->chooser = CHOOSE_NONE;
	} else if (key == SDLK_DOWN && c->selected + 1 < c->n_choices) {
		c->selected++;
	} else if (key == SDLK_UP && c->selected > 0) {
		c->selected--;
	} else if ((key == SDLK_PAGEDOWN || key == SDLK_RIGHT) &&
	           c->page + CONSOLE_CHOICES_MAX < c->n_choices) {
		c->page += CONSOLE_CHOICES_MAX;
		c->selected = c->page;
	} else if ((key == SDLK_PAGEUP || key == SDLK_LEFT) && c->page > 0) {
		c->page -= CONSOLE_CHOICES_MAX;
		c->selected = c->page;
	}
	/* Keep the highlighted entry on the page shown. */
	if (c->selected < c->page)
		c->page = c->selected / CONSOLE_CHOICES_MAX * CONSOLE_CHOICES_MAX;
	if (c->selected >= c->page + CONSOLE_CHOICES_MAX)
		c->page = c->selected / CONSOLE_CHOICES_MAX * CONSOLE_CHOICES_MAX;
	ui_request_redraw(ui);
}

/* ui draw handler. */
static void
on_draw(void *ctx, struct ui *ui)
{
	console_draw(ctx, ui);
}

/* ui key handler: the chooser's keys when it is open, else the action table. */
static void
on_key(void *ctx, struct ui *ui, SDL_Keycode key, uint16_t mod)
{
	struct console *c = ctx;
	int a;

	(void)mod;
	if (c->chooser) {
		chooser_key(c, ui, key);
		return;
	}
	if ((a = console_key_action(key)) >= 0)
		run_action(c, ui, (enum console_action)a);
}

/* ui tap handler: a button, or an entry of the chooser (outside it cancels). */
static void
on_tap(void *ctx, struct ui *ui, int x, int y)
{
	struct console *c = ctx;
	int i;

	if (c->chooser) {
		if ((i = console_layout_choice_at(&c->layout, x, y)) >= 0)
			chooser_pick(c, ui, c->page + (size_t)i);
		else if (!ui_hit(c->layout.chooser, x, y))
			c->chooser = CHOOSE_NONE;
		ui_request_redraw(ui);
		return;
	}
	if ((i = console_layout_button_at(&c->layout, x, y)) >= 0)
		run_action(c, ui, (enum console_action)i);
}

/* ui tick handler: the LED display, then changes in the database. */
static void
on_tick(void *ctx, struct ui *ui, int64_t now_ms)
{
	struct console *c = ctx;
	struct sq_error err = {0};
	int64_t version, mono = clock_monotonic_ms();

	(void)now_ms;
	if (c->disp.led) {
		char line[sizeof(c->led_line)];

		if (counter_display_poll(&c->disp, mono))
			log_info("display back online");
		led_display_status(c->disp.led, line, sizeof(line));
		if (strcmp(line, c->led_line) != 0) {
			snprintf(c->led_line, sizeof(c->led_line), "%s", line);
			ui_request_redraw(ui);
		}
	}
	if (c->message[0] && mono >= c->message_until_ms) {
		c->message[0] = '\0';
		ui_request_redraw(ui);
	}
	if (store_data_version(c->store, &version, &err) != SQ_OK) {
		report_error(c, ui, &err);
		return;
	}
	if (version != c->data_version || mono >= c->next_reload_ms || !c->loaded) {
		c->data_version = version;
		reload(c, ui);
	}
}

/* Drop held keys' auto-repeat: a pedal held down must not call ten citizens. */
static int
drop_key_repeat(void *userdata, SDL_Event *ev)
{
	(void)userdata;
	return !(ev->type == SDL_KEYDOWN && ev->key.repeat);
}

int
counter_console_run(struct config *cfg, int counter)
{
	struct console *c = NULL;
	struct ui *ui = NULL;
	struct sq_error err = {0};
	char title[128];
	int status;

	if (!config_counter_find(cfg, counter)) {
		log_error("no counter %d in %s", counter, cfg->path);
		return CLI_EXIT_USAGE;
	}
	c = calloc(1, sizeof(*c));
	if (!c) {
		log_error("out of memory");
		return CLI_EXIT_UNAVAILABLE;
	}
	c->cfg = cfg;
	c->cc = config_counter_find(cfg, counter);
	c->counter = counter;
	c->thai = true;
	c->data_version = -1;
	cli_warn_device_faults(cfg);
	if ((status = cli_open_store_checked(cfg, &c->store)) != CLI_EXIT_OK)
		goto out;
	/* A bad display never stops the console: one line, and it runs without it. */
	if (counter_display_open(cfg, counter, clock_monotonic_ms(), &c->disp, &err) != SQ_OK)
		log_warn("counter %d: LED display off: %s", counter, err.msg);
	else if (c->disp.led && led_display_state(c->disp.led) == LED_STATE_OFFLINE)
		log_warn("counter %d: display offline: %s", counter,
		         led_display_reason(c->disp.led));
	snprintf(title, sizeof(title), "Saduak Queue - counter %d", counter);
	struct ui_options opt = {.title = title, .width = WINDOW_W, .height = WINDOW_H};
	if (ui_window_size_from_env(&opt, NULL, WINDOW_MIN_W, WINDOW_MIN_H, &err) != SQ_OK ||
	    ui_create(&opt, &ui, &err) != SQ_OK) {
		log_error("%s", err.msg);
		status = CLI_EXIT_UNAVAILABLE;
		goto out;
	}
	SDL_SetEventFilter(drop_key_repeat, NULL);
	reload(c, ui);
	log_info("console of counter %d ready", counter);
	struct ui_handlers h = {
	    .ctx = c,
	    .draw = on_draw,
	    .tap = on_tap,
	    .key = on_key,
	    .tick = on_tick,
	    .tick_ms = TICK_MS,
	};
	status = ui_run(ui, &h) == SQ_OK ? CLI_EXIT_OK : CLI_EXIT_UNAVAILABLE;
out:
	ui_destroy(ui);
	counter_display_close(&c->disp);
	store_close(c->store);
	free(c);
	return status;
}
