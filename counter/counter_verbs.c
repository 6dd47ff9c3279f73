#include "counter_verbs.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "counter_actions.h"
#include "counter_display.h"
#include "log.h"
#include "thaitime.h"

struct verb_ctx {
	struct config *cfg;
	struct store *store;
	const struct counter_verb_args *args;
	struct sq_error err;
	enum counter_led led; /* what the LED display shows after the verb */
	char led_code[16];    /* the ticket it shows */
};

/* A verb that is no action of the table (it changes nothing). */
struct verb {
	const char *name;
	const char *synopsis;
	int (*run)(struct verb_ctx *ctx);
};

/* The line a call prints (next, call). */
static int
print_call(const struct store_call *call, int counter)
{
	if (call->finished_previous)
		printf("%s called to counter %d (rule: %s; finished %s)\n", call->ticket.code,
		       counter, queue_rule_name(call->rule), call->previous.code);
	else
		printf("%s called to counter %d (rule: %s)\n", call->ticket.code, counter,
		       queue_rule_name(call->rule));
	return SQ_OK;
}

/* The line a ticket event prints. */
static void
print_ticket_event(const struct counter_action *a, const struct config *cfg, int counter,
                   const struct store_ticket *t)
{
	switch (a->event) {
	case EVENT_TRANSFERRED:
		printf("%s transferred to service %s, keeping its place by arrival\n", t->code,
		       t->service);
		break;
	case EVENT_PARKED:
		printf("%s parked at counter %d; back in the queue after %d min\n", t->code,
		       counter, cfg->park_return_minutes);
		break;
	case EVENT_NOSHOW:
		printf("%s marked no-show at counter %d\n", t->code, counter);
		break;
	default:
		printf("%s %s at counter %d\n", t->code, queue_event_name(a->event), counter);
	}
}

/* The line a status event prints. */
static void
print_status_event(const struct counter_action *a, const struct counter_action_args *in,
                   int counter)
{
	if (a->event == EVENT_LOGIN)
		printf("counter %d: %s logged in\n", counter, in->officer);
	else
		printf("counter %d: %s\n", counter,
		       a->event == EVENT_LOGOUT  ? "logged out"
		       : a->event == EVENT_BREAK ? "on break"
		                                 : "open again");
}

/* Run action a with the verb's arguments in, printing what it did. */
static int
run_action(struct verb_ctx *ctx, const struct counter_action *a,
           const struct counter_action_args *in)
{
	int counter = ctx->args->counter;
	struct counter_action_result r;
	int rc;

	rc = counter_action_run(a, ctx->store, ctx->cfg, counter, in, &r, &ctx->err);
	if (rc == SQ_ERR_EMPTY && r.call.finished_previous)
		printf("%s finished at counter %d\n", r.call.previous.code, counter);
	if (rc != SQ_OK)
		return rc;
	ctx->led = r.led;
	snprintf(ctx->led_code, sizeof(ctx->led_code), "%s", r.led_code);
	switch (a->call) {
	case COUNTER_CALL_NEXT:
	case COUNTER_CALL_TICKET:
		return print_call(&r.call, counter);
	case COUNTER_CALL_REACTIVATE:
		printf("%s back in the queue of service %s\n", r.ticket.code, r.ticket.service);
		break;
	case COUNTER_CALL_TICKET_EVENT:
		print_ticket_event(a, ctx->cfg, counter, &r.ticket);
		break;
	case COUNTER_CALL_STATUS_EVENT:
		print_status_event(a, in, counter);
		break;
	}
	return SQ_OK;
}

/* status: the counter, its officer, its ticket, the waiting counts. */
static int
run_status(struct verb_ctx *ctx)
{
	static const char *const status_names[] = {
	    [COUNTER_CLOSED] = "closed",
	    [COUNTER_OPEN] = "open",
	    [COUNTER_BREAK] = "on break",
	};
	const struct config_counter *cc = config_counter_find(ctx->cfg, ctx->args->counter);
	struct store_counter c;
	int rc;

	if ((rc = store_counter_get(ctx->store, ctx->args->counter, &c, &ctx->err)))
		return rc;
	printf("counter %d: %s", c.counter, status_names[c.status]);
	if (c.status != COUNTER_CLOSED)
		printf(", officer %s", c.officer);
	/* A break without a reason is logged as "break": no need to say it twice. */
	if (c.status == COUNTER_BREAK && strcmp(c.reason, "break") != 0)
		printf(" (%s)", c.reason);
	printf("\n");
	if (c.has_ticket) {
		char when[16];

		thaitime_format(when, sizeof(when), c.ticket.called_ms, THAITIME_TIME);
		printf("current: %s (service %s%s%s) %scalled at %s\n", c.ticket.code,
		       c.ticket.service, *c.ticket.priority ? ", " : "", c.ticket.priority,
		       c.ticket.state == TICKET_CALLED ? "" : "serving, ", when);
	} else {
		printf("current: none\n");
	}
	/* Parked tickets are away for a while: counted apart from those waiting. */
	struct store_queue_count qc[CONFIG_MAX_SERVICES];
	int parked = 0;
	for (size_t i = 0; i < cc->n_services; i++) {
		if ((rc = store_queue_count(ctx->store, ctx->cfg->services[cc->services[i]].id,
		                            &qc[i], &ctx->err)))
			return rc;
		parked += qc[i].parked;
	}
	printf("waiting:");
	for (size_t i = 0; i < cc->n_services; i++)
		printf(" %s %d", ctx->cfg->services[cc->services[i]].id, qc[i].waiting);
	printf("\n");
	if (parked) {
		printf("parked:");
		for (size_t i = 0; i < cc->n_services; i++)
			printf(" %s %d", ctx->cfg->services[cc->services[i]].id, qc[i].parked);
		printf("\n");
	}
	return SQ_OK;
}

static const struct verb verbs[] = {
    {.name = "status", .synopsis = "status", .run = run_status},
};

/*
 * Drive the counter's LED display after a verb that succeeded: one frame,
 * written within the display's write timeout. A display fault is one warning
 * line; the verb has succeeded all the same (the queue never stops for a
 * display). The display module's own log lines are held back meanwhile, so
 * that the warning is the only line.
 */
static void
verb_display(struct verb_ctx *ctx)
{
	struct counter_display cd;
	struct sq_error err = {0};
	int rc;

	if (ctx->led == COUNTER_LED_NONE)
		return;
	log_init("saduak-counter", LOG_LEVEL_ERROR);
	rc = counter_display_open(ctx->cfg, ctx->args->counter, clock_monotonic_ms(), &cd, &err);
	if (rc == SQ_OK)
		rc = counter_display_show(&cd, ctx->led, ctx->led_code, &err);
	counter_display_close(&cd);
	log_init("saduak-counter", LOG_LEVEL_INFO);
	if (rc != SQ_OK)
		log_warn("%s", err.msg);
}

/* The verb of this file named name (status), or NULL. */
static const struct verb *
verb_find(const char *name)
{
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (strcmp(verbs[i].name, name) == 0)
			return &verbs[i];
	return NULL;
}

int
counter_verb_exists(const char *name)
{
	return counter_action_find(name) || verb_find(name);
}

void
counter_verb_usage(FILE *to)
{
	for (size_t i = 0; i < COUNTER_ACTION_COUNT; i++)
		fprintf(to, "  saduak-counter [--config FILE] --counter N %s\n",
		        counter_actions[i].synopsis);
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		fprintf(to, "  saduak-counter [--config FILE] --counter N %s\n", verbs[i].synopsis);
}

/* The positional arguments an action takes: its code, service or officer. */
static int
action_nargs(const struct counter_action *a)
{
	switch (a->input) {
	case COUNTER_INPUT_SERVICE:
	case COUNTER_INPUT_CODE:
	case COUNTER_INPUT_CODE_REASON:
	case COUNTER_INPUT_OFFICER:
		return 1;
	default:
		return 0;
	}
}

/* The verb's words as the action's input. */
static struct counter_action_args
action_args(const struct counter_action *a, const struct counter_verb_args *args)
{
	struct counter_action_args in = {.reason = args->reason};
	const char *arg = args->argc > 0 ? args->argv[0] : NULL;

	if (a->input == COUNTER_INPUT_SERVICE)
		in.service = arg;
	else if (a->input == COUNTER_INPUT_OFFICER)
		in.officer = arg;
	else
		in.code = arg;
	return in;
}

int
counter_verb_run(const char *name, struct config *cfg, const struct counter_verb_args *args)
{
	const struct counter_action *a = counter_action_find(name);
	const struct verb *v = verb_find(name);
	const char *synopsis = a ? a->synopsis : v ? v->synopsis : NULL;
	int nargs = a ? action_nargs(a) : 0;
	struct verb_ctx ctx = {.cfg = cfg, .args = args};
	struct counter_action_args in = {0};
	int status;

	if (!synopsis) {
		log_error("unknown command '%s'", name);
		return CLI_EXIT_USAGE;
	}
	if (args->argc != nargs) {
		log_error("'%s' takes %d argument%s: %s", name, nargs, nargs == 1 ? "" : "s",
		          synopsis);
		return CLI_EXIT_USAGE;
	}
	if (!args->counter) {
		log_error("'%s' needs --counter N", name);
		return CLI_EXIT_USAGE;
	}
	if (!config_counter_find(cfg, args->counter)) {
		log_error("no counter %d in %s", args->counter, cfg->path);
		return CLI_EXIT_USAGE;
	}
	/* Check the input before the database is opened: bad input writes nothing. */
	if (a) {
		in = action_args(a, args);
		if (counter_action_check(a, cfg, &in, &ctx.err) != SQ_OK) {
			log_error("%s", ctx.err.msg);
			return CLI_EXIT_USAGE;
		}
	}
	if ((status = cli_open_store(cfg, STORE_CHECK_QUICK, &ctx.store)) != CLI_EXIT_OK)
		return status;
	status = (a ? run_action(&ctx, a, &in) : v->run(&ctx)) == SQ_OK ? CLI_EXIT_OK
	                                                                : cli_fail(&ctx.err);
	if (status == CLI_EXIT_OK)
		verb_display(&ctx);
	if (fflush(stdout) != 0 && status == CLI_EXIT_OK)
		status = CLI_EXIT_UNAVAILABLE;
	store_close(ctx.store);
	return status;
}
