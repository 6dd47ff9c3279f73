#include "screen_log.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "log.h"

/* Try to open the log now; on failure l is down and err says why. */
static int
try_open(struct screen_log *l, struct sq_error *err)
{
	int rc =
	    store_open_checked(l->path, l->opened ? STORE_CHECK_QUICK : l->depth, &l->store, err);

	if (rc == SQ_OK)
		l->opened = true;
	return rc;
}

int
screen_log_open(struct screen_log *l, const struct config *cfg, enum store_check depth)
{
	struct sq_error err = {0};
	int rc;

	*l = (struct screen_log){.path = cfg->database, .depth = depth};
	rc = try_open(l, &err);
	if (rc == SQ_ERR_CORRUPT || rc == SQ_ERR_NOMEM) {
		log_error("%s", err.msg);
		return CLI_EXIT_UNAVAILABLE;
	}
	if (rc != SQ_OK)
		screen_log_failed(l, &err, 0);
	return CLI_EXIT_OK;
}

bool
screen_log_failed(struct screen_log *l, const struct sq_error *err, int64_t mono)
{
	/* Opening fails in more ways (a missing folder, a file not ours yet); a call in two. */
	bool unusable = l->store ? err->code == SQ_ERR_DB || err->code == SQ_ERR_BUSY ||
	                               err->code == SQ_ERR_DENIED
	                         : err->code != SQ_OK;

	if (!unusable)
		return false;
	/* A missing right comes back each second the log is used again: logged once. */
	if ((!l->down && !l->denied) || strcmp(err->msg, l->fault) != 0)
		log_error("%s (retrying every %d s)", err->msg, SCREEN_LOG_RETRY_MS / 1000);
	snprintf(l->fault, sizeof(l->fault), "%s", err->msg);
	l->down = true;
	l->denied = err->code == SQ_ERR_DENIED;
	l->failures++;
	l->next_try_ms = mono + SCREEN_LOG_RETRY_MS;
	/* A lock is waited out on the same connection; a connection that fails is made anew. */
	if (l->store && err->code == SQ_ERR_DB && l->failures >= SCREEN_LOG_REOPEN_AFTER) {
		log_info("opening the log anew");
		store_close(l->store);
		l->store = NULL;
	}
	return true;
}

enum screen_log_state
screen_log_poll(struct screen_log *l, int64_t mono, int64_t *version)
{
	struct sq_error err = {0};
	int rc;

	if (l->down && mono < l->next_try_ms)
		return SCREEN_LOG_DOWN;
	if (!l->store && try_open(l, &err) != SQ_OK) {
		screen_log_failed(l, &err, mono);
		return SCREEN_LOG_DOWN;
	}
	store_set_wait(l->store, SCREEN_LOG_POLL_WAIT_MS);
	rc = store_data_version(l->store, version, &err);
	store_set_wait(l->store, 0);
	if (rc != SQ_OK) {
		screen_log_failed(l, &err, mono);
		return SCREEN_LOG_DOWN;
	}
	if (!l->down) {
		/* A whole poll used without failing: a right missing before is there now. */
		if (l->denied)
			l->fault[0] = '\0';
		l->denied = false;
		return SCREEN_LOG_UP;
	}
	/* A role without a right always answered: only its use is tried again. */
	if (!l->denied) {
		log_info("the log answers again (%d tries failed)", l->failures);
		l->fault[0] = '\0';
	}
	l->down = false;
	l->failures = 0;
	return SCREEN_LOG_BACK;
}

bool
screen_log_up(const struct screen_log *l)
{
	return l->store && !l->down;
}

bool
screen_log_denied(const struct screen_log *l)
{
	return l->down && l->denied;
}

const char *
screen_log_why(const struct screen_log *l)
{
	return screen_log_denied(l) ? "the database role lacks a right (see saduak-counter db-init)"
	                            : "the log is out of reach";
}

void
screen_log_close(struct screen_log *l)
{
	store_close(l->store);
	l->store = NULL;
}
