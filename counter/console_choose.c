/*
 * console_choose.c - the officer console's choosers: the officer to log
 * in, the service to transfer to, the ticket to call out of turn and why,
 * the reason for a break or back-office work. Each picks the input of an
 * action of the table (counter_actions.h) and hands it to console_act().
 *
 * A chooser's entries are filled when it opens and keep what they name
 * (a ticket's code, not its place in a list), so a reload under an open
 * chooser never makes an entry act on something else.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <SDL2/SDL_keycode.h>

#include "clock.h"
#include "console_private.h"
#include "counter_screen.h"
#include "log.h"

/* What happens when an entry of a chooser is picked (value = the entry's). */
typedef void (*chooser_pick_fn)(struct console *c, struct ui *ui, size_t value);

/* Fills a chooser's entries from the console's state. */
typedef void (*chooser_fill_fn)(struct console *c);

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
fill_reasons(struct console *c, const struct counter_reason *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		add_choice(c, i, "%s", tr(c, r[i].th, r[i].en));
}

/* The officers of the config (or one for the counter when there are none). */
static void
fill_officers(struct console *c)
{
	for (size_t i = 0; i < c->cfg->n_officers; i++)
		add_choice(c, i, "%s",
		           tr(c, c->cfg->officers[i].name.th, c->cfg->officers[i].name.en));
	if (!c->cfg->n_officers)
		add_choice(c, 0, "%s", tr(c, "เจ้าหน้าที่", "Officer"));
}

/* The services the current ticket can go to. */
static void
fill_services(struct console *c)
{
	for (size_t i = 0; i < c->cfg->n_services; i++) {
		const struct config_service *s = &c->cfg->services[i];
		if (strcmp(s->id, c->now.state.ticket.service) != 0)
			add_choice(c, i, "%s  %s", s->id, tr(c, s->name.th, s->name.en));
	}
}

/* The waiting tickets in call order, each entry holding its ticket's code. */
static void
fill_tickets(struct console *c)
{
	char waited[16];
	int64_t now = clock_now_ms();

	for (size_t k = 0; k < c->n_order && c->n_choices < CHOICES_MAX; k++) {
		const struct store_ticket *t = &c->now.queue[c->order[k]];
		const struct config_priority *p = config_priority_find(c->cfg, t->priority);
		console_format_duration(now - t->issued_ms, waited, sizeof(waited));
		snprintf(c->choice_code[c->n_choices], sizeof(c->choice_code[0]), "%s", t->code);
		add_choice(c, c->n_choices, "%s  %s%s%s  %s %s %s", t->code,
		           t->state == TICKET_PARKED ? tr(c, "(พักคิว) ", "(parked) ") : "",
		           p ? tr(c, p->name.th, p->name.en) : "", p ? "  " : "",
		           tr(c, "รอ", "waited"), waited, tr(c, "นาที", "min"));
	}
}

/* The reasons to call out of turn. */
static void
fill_call_reasons(struct console *c)
{
	fill_reasons(c, counter_call_reasons, COUNTER_CALL_REASONS);
}

/* The reasons for a break. */
static void
fill_break_reasons(struct console *c)
{
	fill_reasons(c, counter_break_reasons, COUNTER_BREAK_REASONS);
}

/* The kinds of back-office work. */
static void
fill_back_office_reasons(struct console *c)
{
	fill_reasons(c, counter_back_office_reasons, COUNTER_BACK_OFFICE_REASONS);
}

/* Picked an officer: log in. */
static void
pick_officer(struct console *c, struct ui *ui, size_t value)
{
	char id[CONFIG_ID_LEN];

	if (c->cfg->n_officers)
		snprintf(id, sizeof(id), "%s", c->cfg->officers[value].id);
	else
		snprintf(id, sizeof(id), "counter-%d", c->counter);
	console_act(c, ui, &counter_actions[COUNTER_ACTION_LOGIN],
	            &(struct counter_action_args){.officer = id}, id);
}

/* Picked a service: transfer the current ticket to it. */
static void
pick_service(struct console *c, struct ui *ui, size_t value)
{
	console_act(c, ui, &counter_actions[COUNTER_ACTION_TRANSFER],
	            &(struct counter_action_args){.service = c->cfg->services[value].id}, NULL);
}

/* Picked a ticket: now choose the reason for calling it out of turn. */
static void
pick_ticket(struct console *c, struct ui *ui, size_t value)
{
	const char *code = c->choice_code[value];

	/* The list may have reloaded since the chooser opened: is it still there? */
	for (size_t i = 0; i < c->now.n_queue; i++)
		if (strcmp(c->now.queue[i].code, code) == 0) {
			snprintf(c->pending_code, sizeof(c->pending_code), "%s", code);
			console_choose(c, ui, CHOOSE_CALL_REASON);
			return;
		}
	log_warn("%s is no longer waiting (called elsewhere?): not called", code);
	console_say(c, ui, CONSOLE_TONE_WARN, "%s %s", code,
	            tr(c, "ไม่ได้รอเรียกแล้ว (ช่องอื่นอาจเรียกไปแล้ว) จึงไม่ได้เรียก",
	               "is no longer waiting (another counter may have called it): not called"));
}

/*
 * Picked the reason: call the chosen ticket. The store refuses a ticket
 * that is no longer waiting (another counter called it since it was picked).
 */
static void
pick_call_reason(struct console *c, struct ui *ui, size_t value)
{
	console_act(c, ui, &counter_actions[COUNTER_ACTION_CALL],
	            &(struct counter_action_args){.code = c->pending_code,
	                                          .reason = counter_call_reasons[value].log},
	            NULL);
}

/* Go on break (or back-office work) with reason. */
static void
go_break(struct console *c, struct ui *ui, const struct counter_reason *r)
{
	console_act(c, ui, &counter_actions[COUNTER_ACTION_BREAK],
	            &(struct counter_action_args){.reason = r->log}, tr(c, r->th, r->en));
}

/* Picked a break reason. */
static void
pick_break(struct console *c, struct ui *ui, size_t value)
{
	go_break(c, ui, &counter_break_reasons[value]);
}

/* Picked a back-office reason. */
static void
pick_back_office(struct console *c, struct ui *ui, size_t value)
{
	go_break(c, ui, &counter_back_office_reasons[value]);
}

/* A chooser's title, its entries and what picking one does. */
static const struct chooser_def {
	const char *th, *en;
	chooser_fill_fn fill;
	chooser_pick_fn pick;
} choosers[] = {
    [CHOOSE_OFFICER] = {.th = "เลือกเจ้าหน้าที่",
                        .en = "Who is on duty?",
                        .fill = fill_officers,
                        .pick = pick_officer},
    [CHOOSE_SERVICE] = {.th = "โอนไปบริการ",
                        .en = "Transfer to service",
                        .fill = fill_services,
                        .pick = pick_service},
    [CHOOSE_TICKET] = {.th = "เรียกคิวที่เลือก",
                       .en = "Call which ticket?",
                       .fill = fill_tickets,
                       .pick = pick_ticket},
    [CHOOSE_CALL_REASON] = {.th = "เหตุผลที่เรียกนอกลำดับ",
                            .en = "Why out of turn?",
                            .fill = fill_call_reasons,
                            .pick = pick_call_reason},
    [CHOOSE_BREAK] = {.th = "พักเพราะ",
                      .en = "Break for",
                      .fill = fill_break_reasons,
                      .pick = pick_break},
    [CHOOSE_BACK_OFFICE] = {.th = "งานหลังบ้าน",
                            .en = "Back-office work",
                            .fill = fill_back_office_reasons,
                            .pick = pick_back_office},
};

void
console_choose(struct console *c, struct ui *ui, enum chooser which)
{
	if (which == CHOOSE_SERVICE && !c->now.state.has_ticket) {
		console_say(c, ui, CONSOLE_TONE_WARN, "%s",
		            tr(c, "ไม่มีคิวที่กำลังให้บริการ", "No current ticket"));
		return;
	}
	c->n_choices = 0;
	choosers[which].fill(c);
	c->chooser = which;
	c->page = 0;
	c->selected = 0;
	ui_request_redraw(ui);
	if (!c->n_choices) {
		c->chooser = CHOOSE_NONE;
		console_say(c, ui, CONSOLE_TONE_WARN, "%s",
		            tr(c, "ไม่มีรายการให้เลือก", "Nothing to choose from"));
	}
}

const char *
console_chooser_title(const struct console *c)
{
	return tr(c, choosers[c->chooser].th, choosers[c->chooser].en);
}

void
console_chooser_pick(struct console *c, struct ui *ui, size_t i)
{
	enum chooser which = c->chooser;

	if (i >= c->n_choices)
		return;
	c->chooser = CHOOSE_NONE;
	ui_request_redraw(ui);
	choosers[which].pick(c, ui, c->choice_value[i]);
}

void
console_chooser_key(struct console *c, struct ui *ui, int32_t key)
{
	if (key >= SDLK_1 && key <= SDLK_9) {
		console_chooser_pick(c, ui, c->page + (size_t)(key - SDLK_1));
	} else if (key >= SDLK_KP_1 && key <= SDLK_KP_9) {
		console_chooser_pick(c, ui, c->page + (size_t)(key - SDLK_KP_1));
	} else if (key == SDLK_RETURN || key == SDLK_KP_ENTER) {
		console_chooser_pick(c, ui, c->selected);
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
