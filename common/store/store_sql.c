/*
 * store_sql.c - prepared statements and transactions for either engine
 * (store_engine.h): the statement cache, binding by type letters, and the
 * shapes of a write, a read and a batch.
 */
#include "store_engine.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"

int
store_sql_fail(struct store *s, struct sq_error *err, const char *what)
{
	if (s->engine->busy(s))
		return sq_error_set(err, SQ_ERR_BUSY,
		                    "database '%s' stayed locked by another program for %.1f s "
		                    "while %s",
		                    s->shown, store_wait_ms(s) / 1000.0, what);
	/*
	 * A role without a right: say which setting, which right, and where rights
	 * come from. Its own code, so that a screen does not call it out of reach.
	 */
	if (s->engine->denied(s))
		return sq_error_set(err, SQ_ERR_DENIED,
		                    "database '%s': %s while %s: the database role lacks this "
		                    "program's rights (see saduak-counter db-init)",
		                    s->shown, s->engine->error(s), what);
	return sq_error_set(err, SQ_ERR_DB, "database '%s': %s while %s", s->shown,
	                    s->engine->error(s), what);
}

bool
store_sql_is_constraint(struct store *s)
{
	return s->engine->constraint(s);
}

void
store_set_wait(struct store *s, int ms)
{
	s->wait_ms = ms;
}

int
store_sql_exec(struct store *s, const char *sql, struct sq_error *err, const char *what)
{
	if (s->engine->exec(s, sql) != SQ_OK)
		return store_sql_fail(s, err, what);
	return SQ_OK;
}

static void
stmt_free(struct store *s, sq_stmt *st)
{
	s->engine->finalize(st);
	free(st);
}

/*
 * Copies of one text kept in the cache: statements sent together
 * (store_sql_send(), store_sql_run_later()) may share a text, but a long
 * write of one statement (a day's expiry) must not fill the cache with it.
 */
enum { STMT_COPIES_MAX = 4 };

/* A cached statement for sql not in use, or a new one (cached while there is room). */
static sq_stmt *
stmt_get(struct store *s, const char *sql, const char *types)
{
	size_t copies = 0;

	/* The text is compared too, in case a caller's SQL is not a literal. */
	for (size_t i = 0; i < s->n_cache; i++) {
		if (s->cache[i]->sql != sql || strcmp(s->cache[i]->sql, sql) != 0)
			continue;
		if (!s->cache[i]->in_use)
			return s->cache[i];
		copies++;
	}
	sq_stmt *st = calloc(1, sizeof(*st));
	if (!st)
		return NULL;
	st->s = s;
	st->sql = sql;
	st->cached = s->n_cache < STMT_CACHE_SIZE && copies < STMT_COPIES_MAX;
	if (s->engine->prepare(s, st, types) != SQ_OK) {
		stmt_free(s, st);
		return NULL;
	}
	if (st->cached)
		s->cache[s->n_cache++] = st;
	return st;
}

void
store_sql_close_all(struct store *s)
{
	for (size_t i = 0; i < s->n_cache; i++)
		stmt_free(s, s->cache[i]);
	s->n_cache = 0;
}

int
store_sql_step(sq_stmt *st)
{
	return st->s->engine->step(st);
}

int64_t
store_sql_col_int(sq_stmt *st, int col)
{
	return st->s->engine->col_int(st, col);
}

double
store_sql_col_double(sq_stmt *st, int col)
{
	return st->s->engine->col_double(st, col);
}

const char *
store_sql_col_text(sq_stmt *st, int col)
{
	const char *text = st->s->engine->col_text(st, col);

	return text ? text : "";
}

bool
store_sql_col_null(sq_stmt *st, int col)
{
	return st->s->engine->col_text(st, col) == NULL;
}

/* Done with st: reset a cached statement for its next use, free any other. */
void
store_sql_done(struct store *s, sq_stmt *st)
{
	if (!st)
		return;
	if (st->cached) {
		s->engine->reset(st);
		/* One still in flight stays the engine's until its result is in. */
		st->in_use = st->sent;
	} else {
		stmt_free(s, st);
	}
}

sq_stmt *
store_sql_send(struct store *s, sq_stmt *st)
{
	if (st && s->engine->send)
		s->engine->send(st);
	return st;
}

int
store_sql_run_later(struct store *s, sq_stmt *st, struct sq_error *err, const char *what)
{
	if (st && s->engine->defer && s->engine->defer(st))
		return SQ_OK;
	return store_sql_run(s, st, err, what);
}

sq_stmt *
store_sql_prepare(struct store *s, const char *sql, const char *types, ...)
{
	const struct store_engine *e = s->engine;
	sq_stmt *st = strlen(types) <= SQ_MAX_PARAMS ? stmt_get(s, sql, types) : NULL;
	va_list ap;
	int rc = SQ_OK;

	if (!st)
		return NULL;
	st->in_use = true;
	va_start(ap, types);
	for (int i = 0; types[i] && rc == SQ_OK; i++) {
		int col = i + 1;
		switch (types[i]) {
		case 'z': {
			int64_t v = va_arg(ap, int64_t);
			rc = v ? e->bind_int(st, col, v) : e->bind_text(st, col, NULL);
			break;
		}
		case 'I':
			rc = e->bind_int(st, col, va_arg(ap, int64_t));
			break;
		case 's': {
			const char *v = va_arg(ap, const char *);
			rc = e->bind_text(st, col, (v && *v) ? v : NULL);
			break;
		}
		case 'S':
			rc = e->bind_text(st, col, va_arg(ap, const char *));
			break;
		default:
			rc = SQ_ERR_INVALID;
		}
	}
	va_end(ap);
	if (rc != SQ_OK) {
		store_sql_done(s, st);
		return NULL;
	}
	return st;
}

sq_stmt *
store_sql_prepare_values(struct store *s, const char *sql, const char *types,
                         const struct sq_value *values)
{
	const struct store_engine *e = s->engine;
	sq_stmt *st = strlen(types) <= SQ_MAX_PARAMS ? stmt_get(s, sql, types) : NULL;
	int rc = SQ_OK;

	if (!st)
		return NULL;
	st->in_use = true;
	for (int i = 0; types[i] && rc == SQ_OK; i++) {
		const struct sq_value *v = &values[i];
		if (v->null)
			rc = e->bind_text(st, i + 1, NULL);
		else if (types[i] == 'I')
			rc = e->bind_int(st, i + 1, v->i);
		else if (types[i] == 'S')
			rc = e->bind_text(st, i + 1, v->text);
		else
			rc = SQ_ERR_INVALID;
	}
	if (rc != SQ_OK) {
		store_sql_done(s, st);
		return NULL;
	}
	return st;
}

/* Run a statement that returns no rows; releases it. */
int
store_sql_run(struct store *s, sq_stmt *st, struct sq_error *err, const char *what)
{
	int rc;

	if (!st)
		return store_sql_fail(s, err, what);
	rc = store_sql_step(st);
	store_sql_done(s, st);
	if (rc != SQ_DONE && rc != SQ_ROW)
		return store_sql_fail(s, err, what);
	return SQ_OK;
}

/* Read a single integer from a one-row query; releases it. */
int
store_sql_int(struct store *s, sq_stmt *st, int64_t *out, struct sq_error *err, const char *what)
{
	int rc;

	if (!st)
		return store_sql_fail(s, err, what);
	rc = store_sql_step(st);
	if (rc == SQ_ROW)
		*out = store_sql_col_int(st, 0);
	else if (rc == SQ_DONE)
		*out = 0;
	store_sql_done(s, st);
	if (rc != SQ_ROW && rc != SQ_DONE)
		return store_sql_fail(s, err, what);
	return SQ_OK;
}

static int
tx(struct store *s, enum sq_tx what, struct sq_error *err, const char *doing)
{
	if (s->engine->tx(s, what) != SQ_OK)
		return store_sql_fail(s, err, doing);
	return SQ_OK;
}

int
store_sql_begin(struct store *s, struct sq_error *err)
{
	s->chain_tail_known = false; /* read again under the lock this write holds */
	/* Inside a batch the lock is already held: a savepoint lets this write fail alone. */
	return tx(s, s->in_batch ? SQ_TX_SAVEPOINT : SQ_TX_WRITE, err, "starting a write");
}

int64_t
store_sql_now(const struct store *s)
{
	return s->now ? s->now(s->now_ctx) : clock_now_ms();
}

int
store_sql_begin_read(struct store *s, struct sq_error *err)
{
	return tx(s, SQ_TX_READ, err, "starting a read");
}

void
store_set_clock(struct store *s, store_clock_fn now, void *ctx)
{
	s->now = now;
	s->now_ctx = ctx;
}

/* Commit on rc == SQ_OK, roll back otherwise; returns the final code. */
int
store_sql_end(struct store *s, int rc, struct sq_error *err)
{
	s->chain_tail_known = false; /* another connection may append once the lock is let go */
	if (rc == SQ_OK) {
		rc = tx(s, s->in_batch ? SQ_TX_RELEASE : SQ_TX_COMMIT, err, "committing");
		if (rc == SQ_OK)
			return SQ_OK;
	}
	/* Keep the first error's message; a failed rollback adds nothing useful. */
	s->engine->tx(s, s->in_batch ? SQ_TX_UNDO : SQ_TX_ROLLBACK);
	s->expired_day = 0; /* an expiry may have been rolled back with the rest */
	return rc;
}

int
store_batch_begin(struct store *s, struct sq_error *err)
{
	int rc;

	if (s->in_batch)
		return sq_error_set(err, SQ_ERR_STATE, "a batch of writes is already open");
	/* Set first: the engine keeps a batch's savepoints out of its pipeline. */
	s->in_batch = true;
	rc = tx(s, SQ_TX_WRITE, err, "starting a batch of writes");
	s->in_batch = rc == SQ_OK;
	s->chain_tail_known = false;
	return rc;
}

int
store_batch_end(struct store *s, int rc, struct sq_error *err)
{
	if (!s->in_batch)
		return rc;
	s->in_batch = false;
	return store_sql_end(s, rc, err);
}

int
store_data_version(struct store *s, int64_t *out, struct sq_error *err)
{
	return s->engine->data_version(s, out, err);
}

int
store_check_integrity(struct store *s, struct sq_error *err)
{
	return s->engine->integrity(s, err);
}
