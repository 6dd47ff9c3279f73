/*
 * store_private.h - what the store's own files share and nothing else may
 * use: the connection, the statement cache and the SQL helpers
 * (store_sql.c), the shape of a log row and of a ticket query.
 *
 * store.c      the ticket life cycle: issue, call, counter events
 * store_open.c opening, the schema and its migrations, integrity
 * store_sql.c  prepared statements, transactions, waiting out locks
 * store_query.c read-only queries for screens and reports
 * store_report.c the monthly report's queries (store_report.h)
 * store_rating.c ratings (P14)
 * store_backup.c backups and refusing a damaged log
 */
#ifndef SADUAK_STORE_PRIVATE_H
#define SADUAK_STORE_PRIVATE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "store.h"

#define STMT_CACHE_SIZE 64

struct store {
	sqlite3 *db;
	char *path;
	int64_t busy_started_ms; /* monotonic start of the current wait for a lock */
	int expired_day;         /* days before this one are known to be expired */
	/*
	 * Prepared statements kept for the life of the connection, keyed by the
	 * address of their SQL text (always a string literal): preparing costs
	 * more than running most of these queries.
	 */
	struct {
		const char *sql;
		sqlite3_stmt *st;
	} cache[STMT_CACHE_SIZE];
	size_t n_cache;
};

/* One row of the log, as store code fills it. */
struct event_row {
	int64_t ticket_id; /* 0 = none */
	enum ticket_event kind;
	int64_t at_ms;
	int day;
	const char *service;
	int counter; /* 0 = none */
	const char *officer;
	const char *rule;
	const char *reason;
	int score; /* 0 = none */
	const char *detail;
};

/* The columns store_read_ticket() reads, in its order. */
#define TICKET_COLUMNS                                                                             \
	"id, day, number, code, service, priority, issued_ms, state, state_ms, counter, "          \
	"officer, called_ms"

/* Fill err from the connection's last error while doing what. */
int store_sql_fail(struct store *s, struct sq_error *err, const char *what);

/* Run SQL that returns no rows (pragmas, BEGIN, migrations). */
int store_sql_exec(struct store *s, const char *sql, struct sq_error *err, const char *what);

/* Wait out other writers with short sleeps; installed by store_open(). */
int store_sql_busy_handler(void *arg, int attempts);

/*
 * A cached statement for sql (a string literal) with arguments bound as
 * types says: 'z' int64 (0 binds NULL), 'I' int64, 's' text (NULL or ""
 * binds NULL), 'S' text. NULL on failure. Release with store_sql_done().
 */
sqlite3_stmt *store_sql_prepare(struct store *s, const char *sql, const char *types, ...);

/* Done with st: reset a cached statement, finalize any other. */
void store_sql_done(struct store *s, sqlite3_stmt *st);

/* Step a statement that returns no rows (or ignores them), then release it. */
int store_sql_run(struct store *s, sqlite3_stmt *st, struct sq_error *err, const char *what);

/* Read one integer (0 when no row), then release the statement. */
int store_sql_int(struct store *s, sqlite3_stmt *st, int64_t *out, struct sq_error *err,
                  const char *what);

/* BEGIN IMMEDIATE: take the write lock now, waiting out other writers. */
int store_sql_begin(struct store *s, struct sq_error *err);

/* Commit when rc is SQ_OK, else roll back; returns the final code. */
int store_sql_end(struct store *s, int rc, struct sq_error *err);

/* Append one row to the event log, inside the caller's transaction. */
int store_log_row(struct store *s, const struct event_row *e, struct sq_error *err);

/* Copy a column's text (NULL as "") into dst, truncated to n. */
void store_copy_text(char *dst, size_t n, const unsigned char *src);

/* Read the TICKET_COLUMNS of the current row into t. */
void store_read_ticket(sqlite3_stmt *st, struct store_ticket *t);

/* Step a one-ticket query: SQ_OK, SQ_ERR_NOTFOUND or a database error. */
int store_query_ticket(struct store *s, sqlite3_stmt *st, struct store_ticket *out,
                       struct sq_error *err);

/* The ticket with id. */
int store_ticket_by_id(struct store *s, int64_t id, struct store_ticket *out, struct sq_error *err);

/* SQ_ERR_NOTFOUND with a line when cfg has no counter numbered counter. */
int store_check_counter(const struct config *cfg, int counter, struct sq_error *err);

#endif
