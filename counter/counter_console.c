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
 * An action writes the log first, then the LED frame, then reloads. A log
 * out of reach (screen_log.h: a server down, a file locked by another
 * program) puts up a red banner within a second, found by the tick's poll
 * or by a failed action; while it is up every key is refused and says so
 * (nothing is kept to be done later), and the poll tries the log again
 * every second until it answers. At start the console opens its window
 * even when the log cannot be opened, and shows the banner meanwhile.
 *
 * Every action comes from the one table of counter actions
 * (counter_actions.h), which the command-line verbs use too; this file maps
 * the console's buttons onto it. This file holds the console's state and
 * what changes it; console_choose.c the choosers; console_draw.c draws a
 * console_view this file fills (console_view.h), and sees nothing else.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "console_private.h"
#include "counter_screen.h"
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

/* Show a message line on the banner for a while. */
void
console_say(struct console *c, struct ui *ui, enum console_tone tone, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->message, sizeof(c->message), fmt, ap);
	va_end(ap);
	c->message_tone = tone;
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

	if (screen_log_failed(&c->log, err, clock_monotonic_ms())) {
		/* Said for a while after the log is used again (a second later): who mends it. */
		if (screen_log_denied(&c->log))
			c->denied_until_ms = clock_monotonic_ms() + MESSAGE_MS;
		ui_request_redraw(ui);
		return;
	}
	log_warn("%s", err->msg);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].code == err->code) {
			console_say(c, ui, CONSOLE_TONE_WARN, "%s: %s",
			            tr(c, kinds[i].th, kinds[i].en), err->msg);
			return;
		}
	console_say(c, ui, CONSOLE_TONE_FAULT, "%s", err->msg);
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
	const struct store_counter *state = &c->now.state;
	char want[24];
	enum counter_led what;

	if (!c->disp.led || !c->loaded)
		return;
	if (state->status == COUNTER_CLOSED) {
		what = COUNTER_LED_CLEAR;
		snprintf(want, sizeof(want), "C");
	} else if (state->status == COUNTER_BREAK) {
		what = COUNTER_LED_BREAK;
		snprintf(want, sizeof(want), "B");
	} else if (state->has_ticket) {
		what = COUNTER_LED_TICKET;
		snprintf(want, sizeof(want), "T:%s", state->ticket.code);
	} else {
		return; /* open, nobody at the desk: the last number stays */
	}
	if (strcmp(want, c->led_shown) != 0)
		led_show(c, ui, what, state->ticket.code);
}

/* ---- data ---- */

/* Read everything the console shows. On failure the database banner goes up. */
static void
reload(struct console *c, struct ui *ui)
{
	struct store_console_snapshot now;
	struct sq_error err = {0};
	int64_t now_ms = clock_now_ms();

	c->next_reload_ms = clock_monotonic_ms() + RELOAD_MS;
	/* Read into a copy: a failed read leaves what the screen shows whole. */
	if (store_console_read(c->log.store, c->cfg, c->counter, thaitime_day_key(now_ms), &now,
	                       &err) != SQ_OK) {
		report_error(c, ui, &err);
		return;
	}
	c->now = now;
	counter_call_order(c->cfg, c->cc, c->now.queue, c->now.n_queue, c->now.state.streaks,
	                   now_ms, c->order, &c->n_order);
	c->loaded = true;
	led_follow(c, ui);
	ui_request_redraw(ui);
}

/* ---- actions ---- */

/* Say what action a did (detail: the officer's choice in words, or NULL). */
static void
say_done(struct console *c, struct ui *ui, const struct counter_action *a,
         const struct counter_action_result *r, const char *detail, int64_t t0_us)
{
	const char *done = tr(c, a->done_th, a->done_en);

	switch (a->call) {
	case COUNTER_CALL_NEXT:
	case COUNTER_CALL_TICKET:
		log_info(
		    "%s called to counter %d (rule: %s); display written %.1f ms after the key",
		    r->ticket.code, c->counter, queue_rule_name(r->call.rule),
		    (double)(clock_monotonic_us() - t0_us) / 1000.0);
		console_say(c, ui, CONSOLE_TONE_OK, "%s %s", done, r->ticket.code);
		break;
	case COUNTER_CALL_TICKET_EVENT:
	case COUNTER_CALL_REACTIVATE:
		log_info("%s %s at counter %d", r->ticket.code, queue_event_name(a->event),
		         c->counter);
		console_say(c, ui, CONSOLE_TONE_OK, "%s %s", r->ticket.code, done);
		break;
	case COUNTER_CALL_STATUS_EVENT:
		if (detail)
			console_say(c, ui, CONSOLE_TONE_OK, "%s: %s", done, detail);
		else
			console_say(c, ui, CONSOLE_TONE_OK, "%s", done);
		break;
	}
}

void
console_act(struct console *c, struct ui *ui, const struct counter_action *a,
            const struct counter_action_args *args, const char *detail)
{
	int64_t t0 = clock_monotonic_us();
	struct counter_action_result r;
	struct sq_error err = {0};

	if (counter_action_run(a, c->log.store, c->cfg, c->counter, args, &r, &err) == SQ_OK) {
		/* The log first, then the display, then the banner. */
		c->denied_until_ms = 0; /* the right is there now */
		led_show(c, ui, r.led, r.led_code);
		say_done(c, ui, a, &r, detail, t0);
	} else {
		report_error(c, ui, &err);
	}
	reload(c, ui);
}

/*
 * The console's buttons on the table's actions. A toggle takes `alt`
 * instead of `action` when use_alt holds (finish while serving, log out
 * while logged in); an action that needs input opens its chooser first.
 */
static const struct button {
	const struct counter_action *action; /* NULL: the language key */
	const struct counter_action *alt;
	bool (*use_alt)(const struct store_counter *c);
	enum chooser chooser;
	const char *th, *en; /* the label, when not the action's */
	bool always_lit;     /* log in/out: lit even with a ticket held (the store says why not) */
} buttons[CONSOLE_ACTION_COUNT] = {
    [CONSOLE_NEXT] = {.action = &counter_actions[COUNTER_ACTION_NEXT]},
    [CONSOLE_RECALL] = {.action = &counter_actions[COUNTER_ACTION_RECALL]},
    [CONSOLE_START_FINISH] = {.action = &counter_actions[COUNTER_ACTION_START],
                              .alt = &counter_actions[COUNTER_ACTION_FINISH],
                              .use_alt = counter_state_serving},
    [CONSOLE_NOSHOW] = {.action = &counter_actions[COUNTER_ACTION_NOSHOW]},
    [CONSOLE_PARK] = {.action = &counter_actions[COUNTER_ACTION_PARK]},
    [CONSOLE_TRANSFER] = {.action = &counter_actions[COUNTER_ACTION_TRANSFER],
                          .chooser = CHOOSE_SERVICE},
    [CONSOLE_CALL] = {.action = &counter_actions[COUNTER_ACTION_CALL], .chooser = CHOOSE_TICKET},
    [CONSOLE_BREAK] = {.action = &counter_actions[COUNTER_ACTION_BREAK], .chooser = CHOOSE_BREAK},
    [CONSOLE_BACK_OFFICE] = {.action = &counter_actions[COUNTER_ACTION_BREAK],
                             .chooser = CHOOSE_BACK_OFFICE,
                             .th = "งานหลังบ้าน",
                             .en = "Back office"},
    [CONSOLE_RESUME] = {.action = &counter_actions[COUNTER_ACTION_RESUME]},
    [CONSOLE_LOGIN] = {.action = &counter_actions[COUNTER_ACTION_LOGIN],
                       .alt = &counter_actions[COUNTER_ACTION_LOGOUT],
                       .use_alt = counter_state_staffed,
                       .chooser = CHOOSE_OFFICER,
                       .always_lit = true},
    [CONSOLE_LANGUAGE] = {.th = "English", .en = "ภาษาไทย", .always_lit = true},
};

/* Whether button b takes its alt action now. */
static bool
takes_alt(const struct console *c, enum console_action b)
{
	return buttons[b].use_alt && buttons[b].use_alt(&c->now.state);
}

/* Whether button b can be taken now (lit). */
static bool
button_on(const struct console *c, enum console_action b)
{
	const struct counter_action *a = takes_alt(c, b) ? buttons[b].alt : buttons[b].action;

	return buttons[b].always_lit || counter_action_allowed(a, &c->now.state);
}

/* The label of button b, as things stand. */
static const char *
button_label(const struct console *c, enum console_action b)
{
	const struct counter_action *a = takes_alt(c, b) ? buttons[b].alt : buttons[b].action;

	if (buttons[b].th)
		return tr(c, buttons[b].th, buttons[b].en);
	return tr(c, a->th, a->en);
}

/* Press button b (keys too, lit or not: the store says why not). */
static void
press(struct console *c, struct ui *ui, enum console_action b)
{
	if (!buttons[b].action) {
		c->thai = !c->thai;
		c->message[0] = '\0'; /* it was written in the other language */
		ui_request_redraw(ui);
		return;
	}
	/* Refused at once, and said: nothing is kept to be done when the log is back. */
	if (!screen_log_up(&c->log) || !c->loaded) {
		const struct counter_action *a =
		    takes_alt(c, b) ? buttons[b].alt : buttons[b].action;

		log_warn("key refused (%s): %s", a->name, screen_log_why(&c->log));
		console_say(c, ui, CONSOLE_TONE_FAULT, "%s: %s", tr(c, "ไม่ได้ทำ", "Not done"),
		            button_label(c, b));
		return;
	}
	if (takes_alt(c, b))
		console_act(c, ui, buttons[b].alt, &(struct counter_action_args){0}, NULL);
	else if (buttons[b].chooser)
		console_choose(c, ui, buttons[b].chooser);
	else
		console_act(c, ui, buttons[b].action, &(struct counter_action_args){0}, NULL);
}

/* ---- the window ---- */

/* What the drawing draws, from the console's state. */
static void
fill_view(const struct console *c, struct console_view *v)
{
	int64_t mono = clock_monotonic_ms();

	*v = (struct console_view){
	    .cfg = c->cfg,
	    .cc = c->cc,
	    .counter = c->counter,
	    .thai = c->thai,
	    .now_ms = clock_now_ms(),
	    .state = &c->now.state,
	    .waiting = c->now.waiting,
	    .served = c->now.served,
	    .mean_minutes = c->now.mean_minutes,
	    .printer = &c->now.printer,
	    .rating = &c->now.rating,
	    .log_down = !screen_log_up(&c->log) || !c->loaded,
	    .denied = screen_log_denied(&c->log) || mono < c->denied_until_ms,
	    .loaded = c->loaded,
	    .message = c->message[0] && mono < c->message_until_ms ? c->message : "",
	    .message_tone = c->message_tone,
	    .led = {.configured = c->disp.led != NULL,
	            .online = c->disp.led && led_display_state(c->disp.led) == LED_STATE_ONLINE,
	            .name = c->disp.led ? led_display_config(c->disp.led)->name : ""},
	};
	for (size_t k = 0; k < c->n_order; k++)
		v->next[v->n_next++] = &c->now.queue[c->order[k]];
	for (int b = 0; b < CONSOLE_ACTION_COUNT; b++) {
		/* Out of reach, only the language key works. */
		v->button[b].on =
		    v->log_down ? !buttons[b].action : button_on(c, (enum console_action)b);
		v->button[b].label = button_label(c, (enum console_action)b);
	}
	if (c->chooser)
		v->chooser.title = console_chooser_title(c);
	v->chooser.text = (const char(*)[CONSOLE_CHOICE_LEN])c->choice_text;
	v->chooser.n = c->n_choices;
	v->chooser.page = c->page;
	v->chooser.selected = c->selected;
}

/* ui draw handler. */
static void
on_draw(void *ctx, struct ui *ui)
{
	struct console *c = ctx;
	struct console_view v;

	fill_view(c, &v);
	console_draw(&v, ui, &c->layout);
}

/* ui key handler: the chooser's keys when it is open, else the buttons' keys. */
static void
on_key(void *ctx, struct ui *ui, SDL_Keycode key, uint16_t mod)
{
	struct console *c = ctx;
	int a;

	(void)mod;
	if (c->chooser) {
		console_chooser_key(c, ui, key);
		return;
	}
	if ((a = console_key_action(key)) >= 0)
		press(c, ui, (enum console_action)a);
}

/* ui tap handler: a button, or an entry of the chooser (outside it cancels). */
static void
on_tap(void *ctx, struct ui *ui, int x, int y)
{
	struct console *c = ctx;
	int i;

	if (c->chooser) {
		if ((i = console_layout_choice_at(&c->layout, x, y)) >= 0)
			console_chooser_pick(c, ui, c->page + (size_t)i);
		else if (!ui_hit(c->layout.chooser, x, y))
			c->chooser = CHOOSE_NONE;
		ui_request_redraw(ui);
		return;
	}
	if ((i = console_layout_button_at(&c->layout, x, y)) >= 0)
		press(c, ui, (enum console_action)i);
}

/*
 * The LED display's turn of the tick: retry and catch up, and log its port's
 * status when it changes (the screen says online or offline in the
 * officer's words; the port and the reason are for the log).
 */
static void
led_tick(struct console *c, struct ui *ui, int64_t mono)
{
	char line[sizeof(c->led_line)];

	if (!c->disp.led)
		return;
	if (counter_display_poll(&c->disp, mono))
		log_info("display back online");
	led_display_status(c->disp.led, line, sizeof(line));
	if (strcmp(line, c->led_line) == 0)
		return;
	snprintf(c->led_line, sizeof(c->led_line), "%s", line);
	if (led_display_state(c->disp.led) == LED_STATE_ONLINE)
		log_info("display %s: %s", led_display_config(c->disp.led)->name, line);
	else
		log_warn("display %s offline: %s", led_display_config(c->disp.led)->name, line);
	ui_request_redraw(ui);
}

/* ui tick handler: the LED display, then changes in the database. */
static void
on_tick(void *ctx, struct ui *ui, int64_t now_ms)
{
	struct console *c = ctx;
	int64_t version, mono = clock_monotonic_ms();

	(void)now_ms;
	led_tick(c, ui, mono);
	if (c->message[0] && mono >= c->message_until_ms) {
		c->message[0] = '\0';
		ui_request_redraw(ui);
	}
	if (c->denied_until_ms && mono >= c->denied_until_ms) {
		c->denied_until_ms = 0;
		ui_request_redraw(ui);
	}
	switch (screen_log_poll(&c->log, mono, &version)) {
	case SCREEN_LOG_DOWN:
		if (!c->shown_down || c->chooser)
			ui_request_redraw(ui);
		c->chooser = CHOOSE_NONE; /* its choices may be gone when the log is back */
		c->shown_down = true;
		return;
	case SCREEN_LOG_BACK:
		c->shown_down = false;
		c->loaded = false; /* read everything anew */
		break;
	case SCREEN_LOG_UP:
		break;
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
	/* A log out of reach is shown and tried again; only a damaged one stops the console. */
	if ((status = screen_log_open(&c->log, cfg, STORE_CHECK_FULL)) != CLI_EXIT_OK)
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
	if (screen_log_up(&c->log))
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
	screen_log_close(&c->log);
	free(c);
	return status;
}
