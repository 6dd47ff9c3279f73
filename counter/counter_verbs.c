#include "counter_verbs.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
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

struct verb {
	const char *name;
	const char *synopsis;
	int nargs;           /* positional arguments after the verb */
	bool needs_reason;   /* --reason is required */
	bool arg_is_service; /* its argument names a configured service */
	enum ticket_event event;
	enum counter_led led;  /* what the counter's LED display shows after it */
	const char *done_text; /* what happened, for the printed line */
	int (*run)(struct verb_ctx *ctx, const struct verb *v);
};

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

static int
run_next(struct verb_ctx *ctx, const struct verb *v)
{
	struct store_call call;
	int rc;

	(void)v;
	rc = store_call_next(ctx->store, ctx->cfg, ctx->args->counter, &call, &ctx->err);
	if (rc == SQ_ERR_EMPTY && call.finished_previous)
		printf("%s finished at counter %d\n", call.previous.code, ctx->args->counter);
	if (rc != SQ_OK)
		return rc;
	snprintf(ctx->led_code, sizeof(ctx->led_code), "%s", call.ticket.code);
	return print_call(&call, ctx->args->counter);
}

static int
run_call(struct verb_ctx *ctx, const struct verb *v)
{
	struct store_call call;
	int rc;

	(void)v;
	rc = store_call_ticket(ctx->store, ctx->cfg, ctx->args->counter, ctx->args->argv[0],
	                       ctx->args->reason, &call, &ctx->err);
	if (rc != SQ_OK)
		return rc;
	snprintf(ctx->led_code, sizeof(ctx->led_code), "%s", call.ticket.code);
	return print_call(&call, ctx->args->counter);
}

static int
run_ticket_event(struct verb_ctx *ctx, const struct verb *v)
{
	const char *arg = v->event == EVENT_TRANSFERRED ? ctx->args->argv[0] : ctx->args->reason;
	struct store_ticket t;
	int rc;

	rc = store_counter_ticket_event(ctx->store, ctx->cfg, ctx->args->counter, v->event, arg, &t,
	                                &ctx->err);
	if (rc != SQ_OK)
		return rc;
	snprintf(ctx->led_code, sizeof(ctx->led_code), "%s", t.code);
	switch (v->event) {
	case EVENT_TRANSFERRED:
		printf("%s transferred to service %s, keeping its place by arrival\n", t.code,
		       t.service);
		break;
	case EVENT_PARKED:
		printf("%s parked at counter %d; back in the queue after %d min\n", t.code,
		       ctx->args->counter, ctx->cfg->park_return_minutes);
		break;
	default:
		printf("%s %s at counter %d\n", t.code, v->done_text, ctx->args->counter);
	}
	return SQ_OK;
}

static int
run_reactivate(struct verb_ctx *ctx, const struct verb *v)
{
	struct store_ticket t;
	int rc;

	(void)v;
	rc = store_reactivate(ctx->store, ctx->cfg, ctx->args->counter, ctx->args->argv[0], &t,
	                      &ctx->err);
	if (rc != SQ_OK)
		return rc;
	printf("%s back in the queue of service %s\n", t.code, t.service);
	return SQ_OK;
}

static int
run_status_event(struct verb_ctx *ctx, const struct verb *v)
{
	const char *arg = ctx->args->argc > 0 ? ctx->args->argv[0] : ctx->args->reason;
	int rc;

	rc = store_counter_status_event(ctx->store, ctx->cfg, ctx->args->counter, v->event, arg,
	                                &ctx->err);
	if (rc != SQ_OK)
		return rc;
	if (v->event == EVENT_RESUME) {
		/* Open again: the display shows the ticket held, or nothing. */
		struct store_counter c;
		if (store_counter_get(ctx->store, ctx->args->counter, &c, &ctx->err) == SQ_OK &&
		    c.has_ticket)
			snprintf(ctx->led_code, sizeof(ctx->led_code), "%s", c.ticket.code);
		ctx->led = ctx->led_code[0] ? COUNTER_LED_TICKET : COUNTER_LED_CLEAR;
	}
	if (v->event == EVENT_LOGIN)
		printf("counter %d: %s logged in\n", ctx->args->counter, arg);
	else
		printf("counter %d: %s\n", ctx->args->counter,
		       v->event == EVENT_LOGOUT  ? "logged out"
		       : v->event == EVENT_BREAK ? "on break"
		                                 : "open again");
	return SQ_OK;
}

static int
run_status(struct verb_ctx *ctx, const struct verb *v)
{
	static const char *const status_names[] = {
	    [COUNTER_CLOSED] = "closed",
	    [COUNTER_OPEN] = "open",
	    [COUNTER_BREAK] = "on break",
	};
	const struct config_counter *cc = config_counter_find(ctx->cfg, ctx->args->counter);
	struct store_counter c;
	int rc;

	(void)v;
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
    {.name = "next", .synopsis = "next", .led = COUNTER_LED_TICKET, .run = run_next},
    {.name = "recall",
     .done_text = "recalled",
     .synopsis = "recall",
     .event = EVENT_RECALLED,
     .led = COUNTER_LED_RECALL,
     .run = run_ticket_event},
    {.name = "start",
     .done_text = "started",
     .synopsis = "start",
     .event = EVENT_STARTED,
     .run = run_ticket_event},
    {.name = "finish",
     .done_text = "finished",
     .synopsis = "finish",
     .event = EVENT_FINISHED,
     .run = run_ticket_event},
    {.name = "noshow",
     .done_text = "marked no-show",
     .synopsis = "noshow",
     .event = EVENT_NOSHOW,
     .led = COUNTER_LED_CLEAR,
     .run = run_ticket_event},
    {.name = "park",
     .synopsis = "park",
     .event = EVENT_PARKED,
     .led = COUNTER_LED_CLEAR,
     .run = run_ticket_event},
    {.name = "transfer",
     .synopsis = "transfer SERVICE",
     .nargs = 1,
     .arg_is_service = true,
     .event = EVENT_TRANSFERRED,
     .led = COUNTER_LED_CLEAR,
     .run = run_ticket_event},
    {.name = "void",
     .done_text = "voided",
     .synopsis = "void --reason TEXT",
     .needs_reason = true,
     .event = EVENT_VOIDED,
     .run = run_ticket_event},
    {.name = "call",
     .synopsis = "call CODE --reason TEXT",
     .nargs = 1,
     .needs_reason = true,
     .led = COUNTER_LED_TICKET,
     .run = run_call},
    {.name = "reactivate", .synopsis = "reactivate CODE", .nargs = 1, .run = run_reactivate},
    {.name = "login",
     .synopsis = "login OFFICER",
     .nargs = 1,
     .event = EVENT_LOGIN,
     .run = run_status_event},
    {.name = "logout",
     .synopsis = "logout",
     .event = EVENT_LOGOUT,
     .led = COUNTER_LED_CLEAR,
     .run = run_status_event},
    {.name = "break",
     .synopsis = "break [--reason TEXT]",
     .event = EVENT_BREAK,
     .led = COUNTER_LED_BREAK,
     .run = run_status_event},
    {.name = "resume", .synopsis = "resume", .event = EVENT_RESUME, .run = run_status_event},
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
	return verb_find(name) != NULL;
}

void
counter_verb_usage(FILE *to)
{
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		fprintf(to, "  saduak-counter [--config FILE] --counter N %s\n", verbs[i].synopsis);
}

int
counter_verb_run(const char *name, struct config *cfg, const struct counter_verb_args *args)
{
	const struct verb *v = verb_find(name);
	struct verb_ctx ctx = {.cfg = cfg, .args = args};
	int status;

	if (!v) {
		log_error("unknown command '%s'", name);
		return CLI_EXIT_USAGE;
	}
	if (args->argc != v->nargs) {
		log_error("'%s' takes %d argument%s: %s", name, v->nargs, v->nargs == 1 ? "" : "s",
		          v->synopsis);
		return CLI_EXIT_USAGE;
	}
	if (v->needs_reason && (!args->reason || !*args->reason)) {
		log_error("'%s' needs --reason TEXT (it is logged for the audit)", name);
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
	if (v->arg_is_service && !config_service_find(cfg, args->argv[0])) {
		log_error("no service '%s' in %s", args->argv[0], cfg->path);
		return CLI_EXIT_USAGE;
	}
	if ((status = cli_open_store(cfg, &ctx.store)) != CLI_EXIT_OK)
		return status;
	ctx.led = v->led;
	status = v->run(&ctx, v) == SQ_OK ? CLI_EXIT_OK : cli_fail(&ctx.err);
	if (status == CLI_EXIT_OK)
		verb_display(&ctx);
	if (fflush(stdout) != 0 && status == CLI_EXIT_OK)
		status = CLI_EXIT_UNAVAILABLE;
	store_close(ctx.store);
	return status;
}
