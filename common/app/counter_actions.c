/*
 * counter_actions.c - the table of counter actions and its executor.
 * See counter_actions.h.
 */
#include "counter_actions.h"

#include <stdio.h>
#include <string.h>

#include "utf8.h"

bool
counter_state_serving(const struct store_counter *c)
{
	return c->has_ticket && c->ticket.state == TICKET_SERVING;
}

/* Open and free to call. */
static bool
is_open(const struct store_counter *c)
{
	return c->status == COUNTER_OPEN;
}

/* Open, not holding a ticket: may go on break. */
static bool
may_break(const struct store_counter *c)
{
	return c->status == COUNTER_OPEN && !c->has_ticket;
}

/* On break. */
static bool
on_break(const struct store_counter *c)
{
	return c->status == COUNTER_BREAK;
}

/* Nobody logged in. */
static bool
is_closed(const struct store_counter *c)
{
	return c->status == COUNTER_CLOSED;
}

bool
counter_state_staffed(const struct store_counter *c)
{
	return c->status != COUNTER_CLOSED;
}

/* Somebody logged in, holding no ticket (finish, park or transfer it first). */
static bool
may_leave(const struct store_counter *c)
{
	return c->status != COUNTER_CLOSED && !c->has_ticket;
}

const struct counter_action counter_actions[COUNTER_ACTION_COUNT] = {
    [COUNTER_ACTION_NEXT] = {.name = "next",
                             .synopsis = "next",
                             .th = "คิวถัดไป",
                             .en = "Next",
                             .allowed = is_open,
                             .call = COUNTER_CALL_NEXT,
                             .led = COUNTER_LED_TICKET,
                             .done_th = "เรียก",
                             .done_en = "Called"},
    [COUNTER_ACTION_RECALL] = {.name = "recall",
                               .synopsis = "recall",
                               .th = "เรียกซ้ำ",
                               .en = "Recall",
                               .call = COUNTER_CALL_TICKET_EVENT,
                               .event = EVENT_RECALLED,
                               .led = COUNTER_LED_RECALL,
                               .done_th = "เรียกซ้ำแล้ว",
                               .done_en = "recalled"},
    [COUNTER_ACTION_START] = {.name = "start",
                              .synopsis = "start",
                              .th = "เริ่มบริการ",
                              .en = "Start",
                              .call = COUNTER_CALL_TICKET_EVENT,
                              .event = EVENT_STARTED,
                              .done_th = "เริ่มให้บริการ",
                              .done_en = "service started"},
    [COUNTER_ACTION_FINISH] = {.name = "finish",
                               .synopsis = "finish",
                               .th = "เสร็จสิ้น",
                               .en = "Finish",
                               .call = COUNTER_CALL_TICKET_EVENT,
                               .event = EVENT_FINISHED,
                               .done_th = "เสร็จสิ้น (เชิญประเมินความพึงพอใจ)",
                               .done_en = "finished (rating screen asks)"},
    [COUNTER_ACTION_NOSHOW] = {.name = "noshow",
                               .synopsis = "noshow",
                               .th = "ไม่มา",
                               .en = "No-show",
                               .call = COUNTER_CALL_TICKET_EVENT,
                               .event = EVENT_NOSHOW,
                               .led = COUNTER_LED_CLEAR,
                               .done_th = "ไม่มาตามเรียก",
                               .done_en = "no-show"},
    [COUNTER_ACTION_PARK] = {.name = "park",
                             .synopsis = "park",
                             .th = "พักคิว",
                             .en = "Park",
                             .call = COUNTER_CALL_TICKET_EVENT,
                             .event = EVENT_PARKED,
                             .led = COUNTER_LED_CLEAR,
                             .done_th = "พักคิวไว้ก่อน",
                             .done_en = "parked"},
    [COUNTER_ACTION_TRANSFER] = {.name = "transfer",
                                 .synopsis = "transfer SERVICE",
                                 .th = "โอนบริการ",
                                 .en = "Transfer",
                                 .call = COUNTER_CALL_TICKET_EVENT,
                                 .event = EVENT_TRANSFERRED,
                                 .led = COUNTER_LED_CLEAR,
                                 .input = COUNTER_INPUT_SERVICE,
                                 .done_th = "โอนไปบริการอื่นแล้ว",
                                 .done_en = "transferred"},
    [COUNTER_ACTION_VOID] = {.name = "void",
                             .synopsis = "void --reason TEXT",
                             .th = "ยกเลิกบัตรคิว",
                             .en = "Void",
                             .call = COUNTER_CALL_TICKET_EVENT,
                             .event = EVENT_VOIDED,
                             .input = COUNTER_INPUT_REASON,
                             .done_th = "ยกเลิกแล้ว",
                             .done_en = "voided"},
    [COUNTER_ACTION_CALL] = {.name = "call",
                             .synopsis = "call CODE --reason TEXT",
                             .th = "เรียกคิวที่เลือก",
                             .en = "Call ticket",
                             .allowed = is_open,
                             .call = COUNTER_CALL_TICKET,
                             .led = COUNTER_LED_TICKET,
                             .input = COUNTER_INPUT_CODE_REASON,
                             .done_th = "เรียก",
                             .done_en = "Called"},
    [COUNTER_ACTION_REACTIVATE] = {.name = "reactivate",
                                   .synopsis = "reactivate CODE",
                                   .th = "คืนคิว",
                                   .en = "Reactivate",
                                   .allowed = counter_state_staffed,
                                   .call = COUNTER_CALL_REACTIVATE,
                                   .input = COUNTER_INPUT_CODE,
                                   .done_th = "กลับเข้าคิวแล้ว",
                                   .done_en = "back in the queue"},
    [COUNTER_ACTION_LOGIN] = {.name = "login",
                              .synopsis = "login OFFICER",
                              .th = "เข้าระบบ",
                              .en = "Log in",
                              .allowed = is_closed,
                              .call = COUNTER_CALL_STATUS_EVENT,
                              .event = EVENT_LOGIN,
                              .input = COUNTER_INPUT_OFFICER,
                              .done_th = "เข้าสู่ระบบ",
                              .done_en = "Logged in"},
    [COUNTER_ACTION_LOGOUT] = {.name = "logout",
                               .synopsis = "logout",
                               .th = "ออกจากระบบ",
                               .en = "Log out",
                               .allowed = may_leave,
                               .call = COUNTER_CALL_STATUS_EVENT,
                               .event = EVENT_LOGOUT,
                               .led = COUNTER_LED_CLEAR,
                               .done_th = "ออกจากระบบแล้ว",
                               .done_en = "Logged out"},
    [COUNTER_ACTION_BREAK] = {.name = "break",
                              .synopsis = "break [--reason TEXT]",
                              .th = "พัก",
                              .en = "Break",
                              .allowed = may_break,
                              .call = COUNTER_CALL_STATUS_EVENT,
                              .event = EVENT_BREAK,
                              .led = COUNTER_LED_BREAK,
                              .input = COUNTER_INPUT_OPTIONAL_REASON,
                              .done_th = "พัก",
                              .done_en = "On break"},
    [COUNTER_ACTION_RESUME] = {.name = "resume",
                               .synopsis = "resume",
                               .th = "กลับมาให้บริการ",
                               .en = "Resume",
                               .allowed = on_break,
                               .call = COUNTER_CALL_STATUS_EVENT,
                               .event = EVENT_RESUME,
                               .done_th = "เปิดให้บริการต่อ",
                               .done_en = "Open again"},
};

const struct counter_action *
counter_action_find(const char *name)
{
	for (size_t i = 0; i < COUNTER_ACTION_COUNT; i++)
		if (strcmp(counter_actions[i].name, name) == 0)
			return &counter_actions[i];
	return NULL;
}

/* Refuse text that is not UTF-8: the log is append-only, a broken byte stays. */
static int
check_text(const char *what, const char *text, struct sq_error *err)
{
	size_t at;

	if (text && !utf8_valid(text, &at))
		return sq_error_set(err, SQ_ERR_INVALID, "%s is not valid UTF-8 (byte %zu)", what,
		                    at + 1);
	return SQ_OK;
}

bool
counter_action_allowed(const struct counter_action *a, const struct store_counter *c)
{
	/* A ticket event: the ticket's life cycle says (queue_transition). */
	if (a->call == COUNTER_CALL_TICKET_EVENT)
		return c->has_ticket && queue_transition(c->ticket.state, a->event) >= 0;
	return a->allowed(c);
}

int
counter_action_check(const struct counter_action *a, const struct config *cfg,
                     const struct counter_action_args *args, struct sq_error *err)
{
	int rc;

	switch (a->input) {
	case COUNTER_INPUT_SERVICE:
		if (!args->service || !config_service_find(cfg, args->service))
			return sq_error_set(err, SQ_ERR_NOTFOUND, "no service '%s' in %s",
			                    args->service ? args->service : "", cfg->path);
		break;
	case COUNTER_INPUT_REASON:
	case COUNTER_INPUT_CODE_REASON:
		if (!args->reason || !*args->reason)
			return sq_error_set(err, SQ_ERR_INVALID,
			                    "'%s' needs --reason TEXT (it is logged for the audit)",
			                    a->name);
		break;
	default:
		break;
	}
	if ((rc = check_text("the officer id", args->officer, err)) != SQ_OK)
		return rc;
	return check_text("the reason", args->reason, err);
}

/* The store call of a ticket or status event; the ticket acted on in out. */
static int
run_event(const struct counter_action *a, struct store *s, const struct config *cfg, int counter,
          const struct counter_action_args *args, struct counter_action_result *out,
          struct sq_error *err)
{
	struct store_counter c;
	int rc;

	if (a->call == COUNTER_CALL_TICKET_EVENT)
		return store_counter_ticket_event(s, cfg, counter, a->event,
		                                  a->event == EVENT_TRANSFERRED ? args->service
		                                                                : args->reason,
		                                  &out->ticket, err);
	rc = store_counter_status_event(
	    s, cfg, counter, a->event, a->event == EVENT_LOGIN ? args->officer : args->reason, err);
	if (rc != SQ_OK || a->event != EVENT_RESUME)
		return rc;
	/* Open again: the display shows the ticket held, or nothing. */
	if (store_counter_get(s, counter, &c, err) == SQ_OK && c.has_ticket)
		out->ticket = c.ticket;
	out->led = out->ticket.code[0] ? COUNTER_LED_TICKET : COUNTER_LED_CLEAR;
	return SQ_OK;
}

int
counter_action_run(const struct counter_action *a, struct store *s, const struct config *cfg,
                   int counter, const struct counter_action_args *args,
                   struct counter_action_result *out, struct sq_error *err)
{
	int rc;

	memset(out, 0, sizeof(*out));
	out->led = a->led;
	if ((rc = counter_action_check(a, cfg, args, err)) != SQ_OK)
		return rc;
	switch (a->call) {
	case COUNTER_CALL_NEXT:
		rc = store_call_next(s, cfg, counter, &out->call, err);
		out->ticket = out->call.ticket;
		break;
	case COUNTER_CALL_TICKET:
		rc = store_call_ticket(s, cfg, counter, args->code, args->reason, &out->call, err);
		out->ticket = out->call.ticket;
		break;
	case COUNTER_CALL_REACTIVATE:
		rc = store_reactivate(s, cfg, counter, args->code, &out->ticket, err);
		break;
	default:
		rc = run_event(a, s, cfg, counter, args, out, err);
	}
	if (rc == SQ_OK)
		snprintf(out->led_code, sizeof(out->led_code), "%s", out->ticket.code);
	return rc;
}
