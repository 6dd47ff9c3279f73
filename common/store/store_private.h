/*
 * store_private.h - what the store's own files share and nothing else may
 * use: the connection, the statement cache and the SQL helpers
 * (store_sql.c), the shape of a log row and of a ticket query.
 *
 * store.c      the ticket life cycle: issue, call, counter events
 * store_open.c opening, the schema and its migrations, integrity
 * store_sql.c  prepared statements and transactions, for either engine
 * store_sqlite.c, store_pg.c  the engines (store_engine.h)
 * store_query.c read-only queries for screens and reports
 * store_report.c the monthly report's queries (store_report.h)
 * store_rating.c ratings (P14)
 * store_backup.c backups and refusing a damaged log
 * store_sim.c  what the simulator may write, and marking it as simulated
 * store_booking.c advance bookings and their check-in (store_booking.h)
 * store_chain.c the event log's hash chain: writing, migrating, checking it
 * store_migrate.c copying a whole log into an empty database on a server
 */
#ifndef SADUAK_STORE_PRIVATE_H
#define SADUAK_STORE_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include "event_hash.h"
#include "store.h"

#define STMT_CACHE_SIZE 64

/* The most parameters one statement binds (a row copied whole, store_migrate.c, binds many rows).
 */
#define SQ_MAX_PARAMS 1024

/*
 * A prepared statement of the store's engine. Store code reads rows only
 * through store_sql_step() and the store_sql_col_*() functions below, so
 * that the rules are written once for every engine. The fields are the
 * engines' own (store_engine.h).
 */
typedef struct sq_stmt sq_stmt;
struct sq_stmt {
	struct store *s;
	const char *sql; /* its text, a string literal: the cache key */
	bool cached;     /* kept for the life of the connection */
	bool in_use;     /* handed out by store_sql_prepare(), not yet done with */
	/* SQLite */
	struct sqlite3_stmt *lite;
	/* PostgreSQL: prepared under name (if cached), values bound as text, the result */
	bool prepared;
	int runs; /* before it was prepared */
	char name[8];
	char *pg_sql; /* sql with ? rewritten to $n */
	int n_params;
	unsigned *param_types; /* n_params OIDs from the type letters */
	char **values;         /* n_params values; NULL binds NULL */
	struct pg_result *res;
	int row, n_rows;
	bool sent;   /* in the connection's pipeline, its result not read yet */
	bool failed; /* its pipelined result was an error (the store's error says which) */
};

/* What store_sql_step() returns besides an error (< 0). */
enum { SQ_DONE = 0, SQ_ROW = 1 };

/* A step back of the clock up to this is NTP at work, not a correction. */
#define STORE_CLOCK_TOLERANCE_MS (10 * 60 * 1000)

struct store_engine;

struct store {
	const struct store_engine *engine;
	struct sqlite3 *db;      /* SQLite's connection */
	struct pg_conn *pg;      /* PostgreSQL's connection */
	char *path;              /* the database setting, as the user wrote it */
	char *shown;             /* path without a password, for messages */
	char *pg_error;          /* PostgreSQL: the last error, one line */
	char pg_state[6];        /* PostgreSQL: its SQLSTATE */
	bool pg_in_tx;           /* PostgreSQL: a transaction is open */
	bool pg_lost;            /* PostgreSQL: the connection dropped inside a transaction */
	bool pg_broken;          /* PostgreSQL: its socket timed out, libpq's status still OK */
	bool pg_listening;       /* PostgreSQL: LISTENing for changes (store_data_version) */
	int64_t notified;        /* PostgreSQL: NOTIFYs of other connections seen */
	int64_t busy_started_ms; /* monotonic start of the current wait for a lock */
	int wait_ms;             /* store_set_wait(); 0: STORE_BUSY_TIMEOUT_MS */
	int expired_day;         /* days before this one are known to be expired */
	/* PostgreSQL: a write's statements in flight (store_pg.c). */
	struct pg_pipeline *pg_pipe;
	/*
	 * The hash of the log's last event as the open write sees it, kept from
	 * its first read to the write's end (store_sql_end), so that appending
	 * an event does not read it again: a round trip to a server, taken
	 * under the office's write lock.
	 */
	uint8_t chain_tail[EVENT_HASH_SIZE];
	bool chain_tail_known;
	store_clock_fn now; /* read once per write, inside the transaction */
	void *now_ctx;
	bool in_batch; /* inside store_batch_begin(): each write is a savepoint */
	/*
	 * Prepared statements kept for the life of the connection, keyed by the
	 * address of their SQL text (always a string literal): preparing costs
	 * more than running most of these queries.
	 */
	sq_stmt *cache[STMT_CACHE_SIZE];
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
	"officer, called_ms, token, booked"
#define TICKET_N_COLUMNS 14

/* How long a call of s waits out a lock (store_set_wait). */
static inline int
store_wait_ms(const struct store *s)
{
	return s->wait_ms > 0 ? s->wait_ms : STORE_BUSY_TIMEOUT_MS;
}

/* Fill err from the connection's last error while doing what. */
int store_sql_fail(struct store *s, struct sq_error *err, const char *what);

/* Run SQL that returns no rows (pragmas, migrations). */
int store_sql_exec(struct store *s, const char *sql, struct sq_error *err, const char *what);

/* Whether the last error was a constraint (unique index, foreign key) refusing a write. */
bool store_sql_is_constraint(struct store *s);

/*
 * A cached statement for sql (a string literal) with arguments bound as
 * types says: 'z' int64 (0 binds NULL), 'I' int64, 's' text (NULL or ""
 * binds NULL), 'S' text (NULL binds NULL). Parameters are '?' or '?N' (the
 * Nth of types), never inside a quoted string. NULL on failure. Release
 * with store_sql_done().
 */
sq_stmt *store_sql_prepare(struct store *s, const char *sql, const char *types, ...);

/* One value for store_sql_prepare_values(): NULL, else i or text as its type letter says. */
struct sq_value {
	bool null;
	int64_t i;
	const char *text;
};

/*
 * store_sql_prepare() for a number of parameters known only at run time
 * (a row copied whole, store_migrate.c): types 'I' (values[n].i) or 'S'
 * (values[n].text), each value NULL when values[n].null.
 */
sq_stmt *store_sql_prepare_values(struct store *s, const char *sql, const char *types,
                                  const struct sq_value *values);

/*
 * Step st: SQ_ROW when a row is ready, SQ_DONE at the end, or SQ_ERR_DB
 * (store_sql_fail() describes it).
 */
int store_sql_step(sq_stmt *st);

/* Column col of the current row: an integer (0 for NULL), a real (0 for NULL), text ("" for NULL
 * never NULL), or whether it is NULL. */
int64_t store_sql_col_int(sq_stmt *st, int col);
double store_sql_col_double(sq_stmt *st, int col);
const char *store_sql_col_text(sq_stmt *st, int col);
bool store_sql_col_null(sq_stmt *st, int col);

/* Done with st: reset a cached statement, finalize any other. */
void store_sql_done(struct store *s, sq_stmt *st);

/* Free every cached statement (closing, or a connection made anew). */
void store_sql_close_all(struct store *s);

/* Step a statement that returns no rows (or ignores them), then release it. */
int store_sql_run(struct store *s, sq_stmt *st, struct sq_error *err, const char *what);

/*
 * Start st now where the engine can (PostgreSQL, inside a write: sent in
 * the connection's pipeline, so that statements sent together cost one
 * round trip); its rows are read with store_sql_step() as always, and it
 * is released with store_sql_done(). Returns st. SQLite runs it at its
 * first step.
 */
sq_stmt *store_sql_send(struct store *s, sq_stmt *st);

/*
 * store_sql_run() of a write whose outcome only the transaction needs: on
 * PostgreSQL, inside a write, it is sent and not waited for; its error,
 * if any, fails the transaction's next read or its commit (with the
 * server's message), so nothing of the write is applied. Never for a write
 * whose error the caller tells apart (store_sql_is_constraint()).
 */
int store_sql_run_later(struct store *s, sq_stmt *st, struct sq_error *err, const char *what);

/* Read one integer (0 when no row), then release the statement. */
int store_sql_int(struct store *s, sq_stmt *st, int64_t *out, struct sq_error *err,
                  const char *what);

/*
 * Begin a write transaction holding the office's one write lock (SQLite:
 * BEGIN IMMEDIATE; PostgreSQL: an advisory lock held to commit), waiting
 * out other writers. On PostgreSQL the lock is asked for and not waited
 * for: the write's first read answers once it is held (store_write_begin()
 * reads the clock only then).
 */
int store_sql_begin(struct store *s, struct sq_error *err);

/* The store's clock (store_set_clock(), else the system's), in ms. */
int64_t store_sql_now(const struct store *s);

/* Begin a read-only transaction: its reads see one commit, and no writer waits for it. */
int store_sql_begin_read(struct store *s, struct sq_error *err);

/* Commit when rc is SQ_OK, else roll back; returns the final code. */
int store_sql_end(struct store *s, int rc, struct sq_error *err);

/*
 * Read the log's last event, then the store's clock into *now_out: inside a
 * write the event's answer means the write lock is held, so the time of
 * what the write records is taken under it, never before an earlier
 * writer's. Then the service day of that time into *day: the office's
 * local date, except that a clock pulled back by at most
 * STORE_CLOCK_TOLERANCE_MS across midnight keeps the day already begun. A
 * clock found further behind the log corrected one that ran ahead: that is
 * logged (a 'fault' event whose reason starts "clock went back", its detail
 * the latest time stamped before, so the events stamped after its own time
 * are known to be wrong), and today's tickets that the false day end expired
 * return to their queue.
 */
int store_service_day(struct store *s, int64_t *now_out, int *day, struct sq_error *err);

/*
 * Begin a write: store_sql_begin(), then its time and service day
 * (store_service_day()) into *now_ms and *day. On failure nothing is left
 * open.
 */
int store_write_begin(struct store *s, int64_t *now_ms, int *day, struct sq_error *err);

/* Append one row to the event log, inside the caller's transaction. */
int store_log_row(struct store *s, const struct event_row *e, struct sq_error *err);

/* store_log_row(), and the new event's id into *id. */
int store_log_row_id(struct store *s, const struct event_row *e, int64_t *id, struct sq_error *err);

/*
 * The hash (event_hash.h, lowercase hex) that row e carries when appended
 * now: chained to the last event's, read inside the caller's write
 * transaction (store_chain.c).
 */
int store_chain_hash(struct store *s, const struct event_row *e, char hex[EVENT_HASH_HEX_SIZE],
                     struct sq_error *err);

/*
 * Keep hex (lowercase, as the log stores it; NULL: an empty log) as the
 * hash of the log's last event for the rest of the open write.
 */
void store_chain_tail_keep(struct store *s, const char *hex);

/*
 * The schema migration that adds event.hash, hashes the rows already there
 * in id order and adds the trigger that refuses a row without a hash; runs
 * inside migrate()'s transaction (store_chain.c).
 */
int store_chain_migrate(struct store *s, struct sq_error *err);

/* Copy a column's text (NULL as "") into dst, truncated to n. */
void store_copy_text(char *dst, size_t n, const char *src);

/* Read the TICKET_COLUMNS of the current row into t. */
void store_read_ticket(sq_stmt *st, struct store_ticket *t);

/* Step a one-ticket query: SQ_OK, SQ_ERR_NOTFOUND or a database error. */
int store_query_ticket(struct store *s, sq_stmt *st, struct store_ticket *out,
                       struct sq_error *err);

/* The ticket with id. */
int store_ticket_by_id(struct store *s, int64_t id, struct store_ticket *out, struct sq_error *err);

/*
 * Move ticket t through the event of row (store.c): check the life-cycle
 * table, update its row and append the event, inside the caller's
 * transaction. On success t holds the new state.
 */
int store_ticket_apply(struct store *s, struct store_ticket *t, const struct event_row *row,
                       struct sq_error *err);

/*
 * Step st (a query of TICKET_COLUMNS) to the end, collecting its rows into
 * *list (malloc'd, *len rows; the caller frees it), then release st
 * (store_day.c). what names the query in an error.
 */
int store_collect_tickets(struct store *s, sq_stmt *st, struct store_ticket **list, size_t *len,
                          struct sq_error *err, const char *what);

/*
 * Issue a ticket of svc (priority class or "", booked: class booking) on
 * day at now_ms with its page token, inside the caller's write (store.c).
 */
int store_issue_locked(struct store *s, const struct config_service *svc, const char *priority,
                       bool booked, int day, int64_t now_ms, const char *token,
                       struct store_ticket *out, struct sq_error *err);

/*
 * Inside a write of service day `day` (store_expire_before() calls it; store_booking.c):
 * bookings of earlier days never checked in become no-shows, each with a
 * 'booking_noshow' event at now_ms, and the notes of earlier days are
 * cleared. *n (may be NULL) is set to how many became no-shows.
 */
int store_booking_end_days_before(struct store *s, int day, int64_t now_ms, int *n,
                                  struct sq_error *err);

/*
 * Fill buf with n bytes from getrandom() (store_web.c), for tokens and
 * booking codes; SQ_ERR_IO with "unable to draw WHAT: reason".
 */
int store_random(void *buf, size_t n, const char *what, struct sq_error *err);

/* SQ_ERR_NOTFOUND with a line when cfg has no counter numbered counter. */
int store_check_counter(const struct config *cfg, int counter, struct sq_error *err);

#endif
