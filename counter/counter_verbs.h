/*
 * counter_verbs.h - the officer's actions without a window:
 * `saduak-counter --counter N VERB [ARGS]`. The verbs are the actions of
 * the table the console uses too (counter_actions.h), plus `status`; each
 * verb prints one line saying what happened.
 */
#ifndef SADUAK_COUNTER_VERBS_H
#define SADUAK_COUNTER_VERBS_H

#include <stdio.h>

#include "config.h"
#include "store.h"

struct counter_verb_args {
	int counter;        /* 0 when --counter was not given */
	const char *reason; /* --reason, or NULL */
	char **argv;        /* the verb's own arguments */
	int argc;
};

/*
 * Run the verb named name. Returns a cli_exit code, having printed what
 * happened to stdout or one error line to stderr.
 */
int counter_verb_run(const char *name, struct config *cfg, const struct counter_verb_args *args);

/* True if name is a verb of this table. */
int counter_verb_exists(const char *name);

/*
 * The officer console of counter (counter_console.c): runs until the window
 * is closed. Returns a cli_exit code, having printed one line on failure.
 */
int counter_console_run(struct config *cfg, int counter);

/* Print the verbs and their arguments, for --help. */
void counter_verb_usage(FILE *to);

#endif
