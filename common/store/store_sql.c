#include "store_private.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"

int
store_sql_fail(struct store *s, struct sq_error *err, const char *what)
{
	int code = sqlite3_errcode(s->db);

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return sq_error_set(err, SQ_ERR_BUSY,
		                    "database '%s' stayed locked by another program for %.1f s "
		                    "while %s",
		                    s->path, store_wait_ms(s) / 1000.0, what);
	return sq_error_set(err, SQ_ERR_DB, "database '%s': %s while %s", s->path,
	                    sqlite3_errmsg(s->db), what);
}

void
store_set_wait(struct store *s, int ms)
{
	s->wait_ms = ms;
}

/*
 * Wait out another writer with short sleeps: SQLite's default handler sleeps
 * up to 100 ms at a time, far too coarse for a counter's claim latency.
 */
int
store_sql_busy_handler(void *arg, int attempts)
{
	struct store *s = arg;
	int64_t now = clock_monotonic_ms();

	if (attempts == 0)
		s->busy_started_ms = now;
	if (now - s->busy_started_ms >= store_wait_ms(s))
		return 0;
	/*
	 * 50 us growing to 250 us: a longer sleep lets a counter that just wrote
	 * take the lock again and again (bench_claim: 2 ms gave a paced p99 of
	 * 13 ms and a worst case of 99 ms, 250 us gives 8 ms and 27 ms).
	 */
	long us = 50L << (attempts < 2 ? attempts : 2);
	us += rand() % 100; /* jitter, so waiters do not march in step */
	struct timespec ts = {.tv_sec = 0, .tv_nsec = us * 1000};
	nanosleep(&ts, NULL);
	return 1;
}

int
store_sql_exec(struct store *s, const char *sql, struct sq_error *err, const char *what)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_sql_fail(s, err, what);
	return SQ_OK;
}

/* The cached statement for sql, or a new one (cached while there is room). */
static sq_stmt *
stmt_get(struct store *s, const char *sql)
{
	sq_stmt *st = NULL;

	/* The text is compared too, in case a caller's SQL is not a literal. */
	for (size_t i = 0; i < s->n_cache; i++)
		if (s->cache[i].sql == sql && strcmp(sqlite3_sql(s->cache[i].st), sql) == 0)
			return s->cache[i].st;
	bool keep = s->n_cache < STMT_CACHE_SIZE;
	if (sqlite3_prepare_v3(s->db, sql, -1, keep ? SQLITE_PREPARE_PERSISTENT : 0, &st, NULL) !=
	    SQLITE_OK) {
		sqlite3_finalize(st);
		return NULL;
	}
	if (keep) {
		s->cache[s->n_cache].sql = sql;
		s->cache[s->n_cache].st = st;
		s->n_cache++;
	}
	return st;
}

int
store_sql_step(sq_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return SQ_ROW;
	return rc == SQLITE_DONE ? SQ_DONE : SQ_ERR_DB;
}

int64_t
store_sql_col_int(sq_stmt *st, int col)
{
	return sqlite3_column_int64(st, col);
}

double
store_sql_col_double(sq_stmt *st, int col)
{
	return sqlite3_column_double(st, col);
}

const char *
store_sql_col_text(sq_stmt *st, int col)
{
	const unsigned char *text = sqlite3_column_text(st, col);

	return text ? (const char *)text : "";
}

bool
store_sql_col_null(sq_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL;
}

/* Done with st: reset a cached statement for its next use, finalize any other. */
void
store_sql_done(struct store *s, sq_stmt *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < s->n_cache; i++) {
		if (s->cache[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return;
		}
	}
	sqlite3_finalize(st);
}

/*
 * Prepare sql (a string literal: statements are cached by its address) and
 * bind arguments described by types: 'z' int64 (0 binds NULL), 'I' int64
 * always, 's' text (NULL or "" binds NULL), 'S' text always. Release the
 * statement with store_sql_done().
 */
sq_stmt *
store_sql_prepare(struct store *s, const char *sql, const char *types, ...)
{
	sq_stmt *st = stmt_get(s, sql);
	va_list ap;
	int rc = SQLITE_OK;

	if (!st)
		return NULL;
	va_start(ap, types);
	for (int i = 0; types[i] && rc == SQLITE_OK; i++) {
		int col = i + 1;
		switch (types[i]) {
		case 'z': {
			int64_t v = va_arg(ap, int64_t);
			rc = v ? sqlite3_bind_int64(st, col, v) : sqlite3_bind_null(st, col);
			break;
		}
		case 'I':
			rc = sqlite3_bind_int64(st, col, va_arg(ap, int64_t));
			break;
		case 's': {
			const char *v = va_arg(ap, const char *);
			rc = (v && *v) ? sqlite3_bind_text(st, col, v, -1, SQLITE_TRANSIENT)
			               : sqlite3_bind_null(st, col);
			break;
		}
		case 'S':
			rc = sqlite3_bind_text(st, col, va_arg(ap, const char *), -1,
			                       SQLITE_TRANSIENT);
			break;
		default:
			rc = SQLITE_MISUSE;
		}
	}
	va_end(ap);
	if (rc != SQLITE_OK) {
		store_sql_done(s, st);
		return NULL;
	}
	return st;
}

/* Run a statement that returns no rows; finalizes it. */
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

/* Read a single integer from a one-row query; finalizes it. */
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

int
store_sql_begin(struct store *s, int64_t *now_ms, struct sq_error *err)
{
	/* Inside a batch the lock is already held: a savepoint lets this write fail alone. */
	int rc = store_sql_exec(s, s->in_batch ? "SAVEPOINT write" : "BEGIN IMMEDIATE", err,
	                        "starting a write");

	if (rc == SQ_OK && now_ms)
		*now_ms = s->now ? s->now(s->now_ctx) : clock_now_ms();
	return rc;
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
	if (rc == SQ_OK) {
		rc = store_sql_exec(s, s->in_batch ? "RELEASE write" : "COMMIT", err, "committing");
		if (rc == SQ_OK)
			return SQ_OK;
	}
	/* Keep the first error's message; a failed rollback adds nothing useful. */
	sqlite3_exec(s->db, s->in_batch ? "ROLLBACK TO write; RELEASE write" : "ROLLBACK", NULL,
	             NULL, NULL);
	s->expired_day = 0; /* an expiry may have been rolled back with the rest */
	return rc;
}

int
store_batch_begin(struct store *s, struct sq_error *err)
{
	int rc;

	if (s->in_batch)
		return sq_error_set(err, SQ_ERR_STATE, "a batch of writes is already open");
	rc = store_sql_exec(s, "BEGIN IMMEDIATE", err, "starting a batch of writes");
	s->in_batch = rc == SQ_OK;
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
