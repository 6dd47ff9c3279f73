/*
 * counter_actions.h - what an officer can do at a counter: one table.
 *
 * Every way of running a counter (the console window, the command-line
 * verbs, later the browser counter page) takes its actions from this one
 * table: the action's name, its labels in Thai and English, when it can be
 * taken, the store call behind it, what the counter's LED display shows
 * after it, what it needs from the officer (a reason, a service, a ticket
 * code, an officer id) and how it reports success. counter_action_run() is
 * the one executor: it checks the officer's input (bad input writes
 * nothing), makes the store call and says what the display should show;
 * the caller drives its display (or not: a page in a browser has none) and
 * words the result for its screen or terminal.
 *
 * No SDL and no devices here, only the store, so any program can link it.
 * The store stays the authority on what is allowed: `allowed` says when a
 * button is lit, the store refuses anything else with SQ_ERR_STATE.
 *
 * Threading: the table is constant; counter_action_run() uses the caller's
 * store connection (one thread at a time).
 */
#ifndef SADUAK_COUNTER_ACTIONS_H
#define SADUAK_COUNTER_ACTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "error.h"
#include "store.h"

/* What an action puts on the counter's LED display. */
enum counter_led {
	COUNTER_LED_NONE,   /* leave it as it is */
	COUNTER_LED_TICKET, /* show the ticket called */
	COUNTER_LED_RECALL, /* show it again, marked or flashing */
	COUNTER_LED_BREAK,  /* the configured break text */
	COUNTER_LED_CLEAR,  /* blank */
};

/* The actions, in the order of the table (and of `--help`). */
enum counter_action_id {
	COUNTER_ACTION_NEXT,
	COUNTER_ACTION_RECALL,
	COUNTER_ACTION_START,
	COUNTER_ACTION_FINISH,
	COUNTER_ACTION_NOSHOW,
	COUNTER_ACTION_PARK,
	COUNTER_ACTION_TRANSFER,
	COUNTER_ACTION_VOID,
	COUNTER_ACTION_CALL,
	COUNTER_ACTION_REACTIVATE,
	COUNTER_ACTION_LOGIN,
	COUNTER_ACTION_LOGOUT,
	COUNTER_ACTION_BREAK,
	COUNTER_ACTION_RESUME,
	COUNTER_ACTION_COUNT,
};

/* The store call behind an action. */
enum counter_action_call {
	COUNTER_CALL_NEXT,         /* store_call_next */
	COUNTER_CALL_TICKET,       /* store_call_ticket: code, reason */
	COUNTER_CALL_TICKET_EVENT, /* store_counter_ticket_event on the current ticket */
	COUNTER_CALL_REACTIVATE,   /* store_reactivate: code */
	COUNTER_CALL_STATUS_EVENT, /* store_counter_status_event */
};

/* What the officer gives besides the counter. */
enum counter_action_input {
	COUNTER_INPUT_NONE,
	COUNTER_INPUT_SERVICE,         /* a configured service id (transfer) */
	COUNTER_INPUT_REASON,          /* a reason, required (void) */
	COUNTER_INPUT_OPTIONAL_REASON, /* a reason, may be empty (break) */
	COUNTER_INPUT_CODE,            /* a ticket code (reactivate) */
	COUNTER_INPUT_CODE_REASON,     /* a ticket code and a reason (call out of turn) */
	COUNTER_INPUT_OFFICER,         /* an officer id (login) */
};

/* One action. */
struct counter_action {
	const char *name;     /* the verb: "next" */
	const char *synopsis; /* its command line: "call CODE --reason TEXT" */
	const char *th, *en;  /* the button's label */
	/*
	 * When it can be taken, by the counter's state; NULL for a ticket
	 * event, which the ticket's life cycle decides (counter_action_allowed).
	 */
	bool (*allowed)(const struct store_counter *c);
	enum counter_action_call call;
	enum ticket_event event; /* for ticket and status events */
	enum counter_led led;    /* what the display shows after it (resume: see below) */
	enum counter_action_input input;
	const char *done_th, *done_en; /* what a screen says after it ("A012 recalled") */
};

/* The table, indexed by enum counter_action_id. */
extern const struct counter_action counter_actions[COUNTER_ACTION_COUNT];

/* Somebody is logged in at the counter (open or on break). */
bool counter_state_staffed(const struct store_counter *c);

/* The counter's ticket is being served (start has been pressed). */
bool counter_state_serving(const struct store_counter *c);

/*
 * Whether a can be taken at a counter in state c (its button is lit). The
 * store would take it (given valid input); tests/test_counter_actions.c
 * checks that for every action in every state.
 */
bool counter_action_allowed(const struct counter_action *a, const struct store_counter *c);

/* The action named name (a verb), or NULL. */
const struct counter_action *counter_action_find(const char *name);

/* What the officer gave; unused fields NULL. */
struct counter_action_args {
	const char *code;    /* the ticket, for CODE inputs */
	const char *service; /* for SERVICE */
	const char *officer; /* for OFFICER */
	const char *reason;  /* for the REASON inputs */
};

/* What an action did. */
struct counter_action_result {
	struct store_call call;     /* NEXT and CALL: the call (ticket, rule, previous) */
	struct store_ticket ticket; /* the ticket acted on (NEXT, CALL: the one called) */
	enum counter_led led;       /* what the display should show now */
	char led_code[16];          /* the ticket it shows, for TICKET and RECALL */
};

/*
 * Check args for action a without touching the store: SQ_OK, or
 * SQ_ERR_INVALID / SQ_ERR_NOTFOUND with one line in err (a missing reason,
 * an unknown service, text that is not UTF-8). Bad input writes nothing.
 */
int counter_action_check(const struct counter_action *a, const struct config *cfg,
                         const struct counter_action_args *args, struct sq_error *err);

/*
 * Run action a at counter at now_ms: counter_action_check(), then its store
 * call. On SQ_OK *out says what happened and what the display should show:
 * the action's led, except resume, which shows the ticket the counter holds
 * (or blanks the display). On failure the store's code and err; out->call
 * is still filled for NEXT (a next that finished a ticket and found nobody
 * waiting says so in out->call.finished_previous).
 */
int counter_action_run(const struct counter_action *a, struct store *s, const struct config *cfg,
                       int counter, const struct counter_action_args *args,
                       struct counter_action_result *out, struct sq_error *err);

#endif
