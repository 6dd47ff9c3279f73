/*
 * store_engine.h - the few things the store's two engines do differently:
 * SQLite, one file on this PC (store_sqlite.c), and PostgreSQL, a server
 * shared by the office's PCs (store_pg.c). Everything else, the rules, the
 * transaction shapes and the SQL, is written once (store_sql.c and the rule
 * files). Private to the store.
 */
#ifndef SADUAK_STORE_ENGINE_H
#define SADUAK_STORE_ENGINE_H

#include "store_private.h"

/* The transaction steps store_sql.c asks of an engine. */
enum sq_tx {
	SQ_TX_WRITE,     /* begin, holding the office's one write lock until the end */
	SQ_TX_READ,      /* begin a read of one commit that makes no writer wait */
	SQ_TX_COMMIT,    /* durable before it returns */
	SQ_TX_ROLLBACK,  /* never fails the caller: its first error is what counts */
	SQ_TX_SAVEPOINT, /* inside a batch (store_batch_begin): one write */
	SQ_TX_RELEASE,   /* keep the savepoint's write */
	SQ_TX_UNDO,      /* undo the savepoint's write, keep the batch */
};

struct store_engine {
	/*
	 * Connect to s->path, then bring its schema to STORE_SCHEMA_VERSION
	 * (store_open.c), refusing a database that is not ours or newer.
	 */
	int (*open)(struct store *s, struct sq_error *err);
	/* Close the connection; the cached statements are finalized before. */
	void (*close)(struct store *s);
	/* Run SQL that returns no rows: SQ_OK or SQ_ERR_DB (error() says why). */
	int (*exec)(struct store *s, const char *sql);
	/* One transaction step: SQ_OK or SQ_ERR_DB. */
	int (*tx)(struct store *s, enum sq_tx what);
	/* Prepare st->sql, whose parameter types are the letters of types. */
	int (*prepare)(struct store *s, sq_stmt *st, const char *types);
	/* Bind parameter col (1-based): SQ_OK or SQ_ERR_DB. text NULL binds NULL. */
	int (*bind_int)(sq_stmt *st, int col, int64_t v);
	int (*bind_text)(sq_stmt *st, int col, const char *text);
	/* SQ_ROW, SQ_DONE or SQ_ERR_DB, as store_sql_step(). */
	int (*step)(sq_stmt *st);
	/*
	 * Optional (NULL: step() runs each statement). send starts st, whose
	 * rows step() then reads (store_sql_send()). defer starts a write and
	 * takes st over, resetting it and clearing st->in_use once its result is
	 * in: true if it did; false if st is to be run now (store_sql_run_later()).
	 */
	void (*send)(sq_stmt *st);
	bool (*defer)(sq_stmt *st);
	/* Column col of the current row; col_text is NULL for NULL. */
	int64_t (*col_int)(sq_stmt *st, int col);
	double (*col_double)(sq_stmt *st, int col);
	const char *(*col_text)(sq_stmt *st, int col);
	/* Ready st for its next use, keeping it prepared. */
	void (*reset)(sq_stmt *st);
	/* Free what the engine holds for st. */
	void (*finalize)(sq_stmt *st);
	/* The last error, one line; whether it was a lock waited out too long, a constraint. */
	const char *(*error)(struct store *s);
	bool (*busy)(struct store *s);
	bool (*constraint)(struct store *s);
	/* Whether the last error was the database role lacking a right (store_roles.h). */
	bool (*denied)(struct store *s);
	/* store_data_version() and store_check_integrity() (store.h). */
	int (*data_version)(struct store *s, int64_t *out, struct sq_error *err);
	int (*integrity)(struct store *s, struct sq_error *err);
};

extern const struct store_engine store_sqlite_engine;
extern const struct store_engine store_pg_engine;

/*
 * The schemas (store_open.c), for the engines' open(): SQLite's migrations
 * run in one write transaction; PostgreSQL's tables are created whole in an
 * empty database. Both refuse another program's database or a newer schema.
 */
int store_schema_sqlite(struct store *s, struct sq_error *err);
int store_schema_pg(struct store *s, struct sq_error *err);

/* PostgreSQL's open() without the schema: connect to the server s->path names. */
int store_pg_connect(struct store *s, struct sq_error *err);

/*
 * store_verify_file() of a server (store_open.c): the database holds our
 * schema, not newer, or is empty (SQ_ERR_NOTFOUND); nothing is written.
 */
int store_verify_server(const char *setting, struct sq_error *err);

#endif
