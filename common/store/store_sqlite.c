/*
 * store_sqlite.c - the SQLite engine (store_engine.h): the log is one file
 * on this PC in WAL mode, writers wait for each other with short sleeps.
 */
#include "store_engine.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "clock.h"

/*
 * Wait out another writer with short sleeps: SQLite's default handler sleeps
 * up to 100 ms at a time, far too coarse for a counter's claim latency.
 */
static int
busy_handler(void *arg, int attempts)
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

/* Say plainly when the database's folder is missing or not a folder. */
static int
check_folder(const char *path, struct sq_error *err)
{
	char dir[4096];
	struct stat st;
	const char *slash = strrchr(path, '/');

	if (!slash)
		return SQ_OK;
	if ((size_t)(slash - path) >= sizeof(dir))
		return sq_error_set(err, SQ_ERR_DB, "database path '%s' is too long", path);
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	if (!*dir)
		return SQ_OK;
	if (stat(dir, &st) != 0)
		return sq_error_set(err, SQ_ERR_DB, "unable to open database '%s': folder '%s': %s",
		                    path, dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return sq_error_set(err, SQ_ERR_DB,
		                    "unable to open database '%s': '%s' is not a folder", path,
		                    dir);
	return SQ_OK;
}

static int
lite_open(struct store *s, struct sq_error *err)
{
	const char *path = s->path;
	int rc;

	if ((rc = check_folder(path, err)))
		return rc;
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK)
		return sq_error_set(err, SQ_ERR_DB, "unable to open database '%s': %s", path,
		                    s->db ? sqlite3_errmsg(s->db) : "out of memory");
	sqlite3_extended_result_codes(s->db, 0);
	sqlite3_busy_handler(s->db, busy_handler, s);
	rc = store_schema_sqlite(s, err);
	if (rc == SQ_OK || !err)
		return rc;
	if (sqlite3_errcode(s->db) == SQLITE_NOTADB)
		sq_error_set(err, SQ_ERR_DB, "'%s' is not a SQLite database", path);
	else if (sqlite3_errcode(s->db) == SQLITE_CANTOPEN)
		sq_error_set(err, SQ_ERR_DB,
		             "unable to open database '%s': cannot create or write it "
		             "(check the folder exists and is writable)",
		             path);
	else if (sqlite3_errcode(s->db) == SQLITE_READONLY)
		sq_error_set(err, SQ_ERR_DB, "database '%s' is read-only", path);
	return rc;
}

static void
lite_close(struct store *s)
{
	sqlite3_close(s->db);
}

static int
lite_exec(struct store *s, const char *sql)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? SQ_OK : SQ_ERR_DB;
}

static int
lite_tx(struct store *s, enum sq_tx what)
{
	static const char *const sql[] = {
	    [SQ_TX_WRITE] = "BEGIN IMMEDIATE",
	    [SQ_TX_READ] = "BEGIN", /* deferred: the first read takes the snapshot */
	    [SQ_TX_COMMIT] = "COMMIT",
	    [SQ_TX_ROLLBACK] = "ROLLBACK",
	    [SQ_TX_SAVEPOINT] = "SAVEPOINT write",
	    [SQ_TX_RELEASE] = "RELEASE write",
	    [SQ_TX_UNDO] = "ROLLBACK TO write; RELEASE write",
	};

	return lite_exec(s, sql[what]);
}

static int
lite_prepare(struct store *s, sq_stmt *st, const char *types)
{
	(void)types; /* SQLite takes any type anywhere */
	return sqlite3_prepare_v3(s->db, st->sql, -1, st->cached ? SQLITE_PREPARE_PERSISTENT : 0,
	                          &st->lite, NULL) == SQLITE_OK
	           ? SQ_OK
	           : SQ_ERR_DB;
}

static int
lite_bind_int(sq_stmt *st, int col, int64_t v)
{
	return sqlite3_bind_int64(st->lite, col, v) == SQLITE_OK ? SQ_OK : SQ_ERR_DB;
}

static int
lite_bind_text(sq_stmt *st, int col, const char *text)
{
	int rc = text ? sqlite3_bind_text(st->lite, col, text, -1, SQLITE_TRANSIENT)
	              : sqlite3_bind_null(st->lite, col);

	return rc == SQLITE_OK ? SQ_OK : SQ_ERR_DB;
}

static int
lite_step(sq_stmt *st)
{
	int rc = sqlite3_step(st->lite);

	if (rc == SQLITE_ROW)
		return SQ_ROW;
	return rc == SQLITE_DONE ? SQ_DONE : SQ_ERR_DB;
}

static int64_t
lite_col_int(sq_stmt *st, int col)
{
	return sqlite3_column_int64(st->lite, col);
}

static double
lite_col_double(sq_stmt *st, int col)
{
	return sqlite3_column_double(st->lite, col);
}

static const char *
lite_col_text(sq_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st->lite, col);
}

static void
lite_reset(sq_stmt *st)
{
	sqlite3_reset(st->lite);
	sqlite3_clear_bindings(st->lite);
}

static void
lite_finalize(sq_stmt *st)
{
	sqlite3_finalize(st->lite);
}

static const char *
lite_error(struct store *s)
{
	return sqlite3_errmsg(s->db);
}

static bool
lite_busy(struct store *s)
{
	int code = sqlite3_errcode(s->db);

	return code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

static bool
lite_constraint(struct store *s)
{
	return sqlite3_errcode(s->db) == SQLITE_CONSTRAINT;
}

/* A SQLite file has no roles: its file mode is its only right. */
static bool
lite_denied(struct store *s)
{
	(void)s;
	return false;
}

/* SQLite's data_version changes when another connection commits. */
static int
lite_data_version(struct store *s, int64_t *out, struct sq_error *err)
{
	return store_sql_int(s, store_sql_prepare(s, "PRAGMA data_version", ""), out, err,
	                     "polling for changes");
}

static int
lite_integrity(struct store *s, struct sq_error *err)
{
	sq_stmt *st = store_sql_prepare(s, "PRAGMA integrity_check", "");
	int rc;

	if (!st)
		return store_sql_fail(s, err, "checking integrity");
	rc = store_sql_step(st);
	if (rc != SQ_ROW) {
		store_sql_done(s, st);
		if (sqlite3_errcode(s->db) == SQLITE_CORRUPT ||
		    sqlite3_errcode(s->db) == SQLITE_NOTADB)
			return sq_error_set(err, SQ_ERR_CORRUPT, "database '%s' is corrupt: %s",
			                    s->path, sqlite3_errmsg(s->db));
		return store_sql_fail(s, err, "checking integrity");
	}
	const char *first = lite_col_text(st, 0);
	if (!first || strcmp(first, "ok") != 0) {
		sq_error_set(err, SQ_ERR_CORRUPT, "database '%s' failed its integrity check: %s",
		             s->path, first ? first : "(no answer)");
		store_sql_done(s, st);
		return SQ_ERR_CORRUPT;
	}
	store_sql_done(s, st);
	return SQ_OK;
}

struct sqlite3 *
store_db(struct store *s)
{
	return s->db;
}

const struct store_engine store_sqlite_engine = {
    .open = lite_open,
    .close = lite_close,
    .exec = lite_exec,
    .tx = lite_tx,
    .prepare = lite_prepare,
    .bind_int = lite_bind_int,
    .bind_text = lite_bind_text,
    .step = lite_step,
    .col_int = lite_col_int,
    .col_double = lite_col_double,
    .col_text = lite_col_text,
    .reset = lite_reset,
    .finalize = lite_finalize,
    .error = lite_error,
    .busy = lite_busy,
    .constraint = lite_constraint,
    .denied = lite_denied,
    .data_version = lite_data_version,
    .integrity = lite_integrity,
};
