/*
 * kiosk_rate.c - `saduak-kiosk rate [--counter N] SCORE [--reason R]`: the
 * rating screen's work from the command line, for scripts and tests.
 *
 * With --counter N it rates the last ticket finished at counter N, if that
 * was within [rating] window_minutes and it is not rated yet (else exit 3);
 * without, it logs a free-standing rating tied to no ticket. Prints what it
 * logged: "A012 rated 5 at counter 3 (officer somchai)".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "kiosk.h"
#include "log.h"
#include "store.h"

/* Parse SCORE: a whole number 1..5, or -1. */
static int
parse_score(const char *text)
{
	if (!text || strlen(text) != 1 || text[0] < '1' || text[0] > '5')
		return -1;
	return text[0] - '0';
}

/* Run `rate`: check the input, open the log, rate, print the result. */
int
kiosk_rate_command(struct config *cfg, const struct kiosk_args *args)
{
	struct store *store = NULL;
	struct store_rating r;
	struct sq_error err = {0};
	int score, reason, status;

	if (args->argc != 1) {
		log_error("'rate' takes one SCORE from 1 (worst) to 5 (best)");
		return CLI_EXIT_USAGE;
	}
	if ((score = parse_score(args->argv[0])) < 0) {
		log_error("score '%s' is not a whole number from 1 to 5", args->argv[0]);
		return CLI_EXIT_USAGE;
	}
	reason = store_rating_reason_from_name(args->reason);
	if (reason < 0) {
		log_error("reason '%s' is not waiting, courtesy, information or facilities",
		          args->reason);
		return CLI_EXIT_USAGE;
	}
	if (args->counter && !config_counter_find(cfg, args->counter)) {
		log_error("no counter %d in %s", args->counter, cfg->path);
		return CLI_EXIT_USAGE;
	}
	if ((status = cli_open_store(cfg, STORE_CHECK_QUICK, &store)) != CLI_EXIT_OK)
		return status;
	if (store_rate(store, cfg, args->counter, 0, score, (enum rating_reason)reason, 0, &r,
	               &err) != SQ_OK) {
		/* Nothing finished at the counter is "refused now", not bad input. */
		if (err.code == SQ_ERR_NOTFOUND)
			err.code = SQ_ERR_STATE;
		status = cli_fail(&err);
		store_close(store);
		return status;
	}
	if (r.ticket_id)
		printf("%s rated %d at counter %d%s%s%s\n", r.code, r.score, r.counter,
		       *r.officer ? " (officer " : "", r.officer, *r.officer ? ")" : "");
	else
		printf("free-standing rating %d logged\n", r.score);
	status = fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_UNAVAILABLE;
	store_close(store);
	return status;
}
