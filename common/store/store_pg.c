/*
 * store_pg.c - the PostgreSQL engine (store_engine.h): the log lives on a
 * server the office's PCs share, reached through libpq.
 *
 * Writers take one office-wide advisory lock held to commit, so a write
 * transaction re-reads what it decides on exactly as under SQLite's BEGIN
 * IMMEDIATE, and READ COMMITTED lets each of its statements see every
 * earlier commit. Statements are rewritten from '?' to '$n' once, prepared
 * once per connection under a name (at their second use), and their values
 * sent as text. Inside a write, statements go through libpq's pipeline:
 * the BEGIN and the lock, the reads sent together, and the writes whose
 * outcome only the commit needs travel with the next read or the COMMIT,
 * so a claim costs two round trips under the lock rather than one per
 * statement. A connection found lost outside a transaction is made anew once; inside
 * one, the server has rolled it back and the transaction fails whole. A
 * dead server that closed nothing (a cable out) is found by TCP keepalives
 * and a user timeout in about 2 s (connect_quiet()).
 */
#include "store_engine.h"

#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

/* The key of the office's one write lock (pg_advisory_xact_lock): 'SQDQ'. */
#define PG_WRITE_LOCK "1397834833"
/* PostgreSQL's type OIDs of the parameters store code binds. */
#define PG_INT8 20
#define PG_TEXT 25
/* SQLSTATE of a lost connection, as libpq's own errors carry none. */
#define PG_STATE_LOST "08006"

/* What a result awaited in the pipeline is for. */
enum pending_kind {
	PENDING_ROWS,    /* a statement's rows, kept for step() */
	PENDING_DISCARD, /* a deferred write's, or a statement let go: checked, then dropped */
	PENDING_PREPARE, /* a statement prepared on the way */
	PENDING_COMMAND, /* BEGIN, SET, the lock */
	PENDING_COMMIT,  /* the COMMIT */
	PENDING_SYNC,    /* the pipeline's end */
};

struct pending {
	sq_stmt *st; /* NULL for a command */
	enum pending_kind kind;
};

/* More than a write sends; a fuller pipeline is read out first. */
enum { PIPELINE_DEPTH = 64 };

/* A write's statements in flight (libpq's pipeline mode). */
struct pg_pipeline {
	bool on;        /* inside a write, libpq in pipeline mode */
	bool failed;    /* a result was an error: the first is the store's error */
	bool flushed;   /* the server was asked for every result sent so far */
	size_t head, n; /* q[head] to q[n - 1] await their results, in order */
	struct pending q[PIPELINE_DEPTH];
};

/* Record the last error: its first line, and its SQLSTATE. */
static void
set_error(struct store *s, const char *prefix, const char *msg, const char *state)
{
	size_t n = strcspn(msg, "\n");
	size_t len = strlen(prefix) + n + 1;
	char *line = malloc(len);

	if (line) {
		snprintf(line, len, "%s%.*s", prefix, (int)n, msg);
		free(s->pg_error);
		s->pg_error = line;
	}
	snprintf(s->pg_state, sizeof(s->pg_state), "%s", state);
}

/* The connection answers, as far as the store knows. */
static bool
connected(struct store *s)
{
	return PQstatus(s->pg) == CONNECTION_OK && !s->pg_broken;
}

/*
 * The error of res, or of a lost connection. libpq's own errors (a NULL
 * result too) carry no SQLSTATE; a socket that timed out (keepalive, user
 * timeout: the server out of reach) is one of them, and libpq leaves its
 * status CONNECTION_OK: it is marked broken, to be made anew by ready().
 */
static void
result_error(struct store *s, const PGresult *res)
{
	if (!res || (PQresultStatus(res) == PGRES_FATAL_ERROR &&
	             !PQresultErrorField(res, PG_DIAG_SQLSTATE)))
		s->pg_broken = true;
	if (!connected(s)) {
		if (s->pg_in_tx)
			s->pg_lost = true; /* the server rolled the transaction back */
		set_error(s, "database server unreachable: ", PQerrorMessage(s->pg), PG_STATE_LOST);
		return;
	}
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	set_error(s, "", msg ? msg : PQerrorMessage(s->pg), state ? state : "");
}

/* Drop the server's notices (a ROLLBACK with nothing to undo): messages are the store's. */
static void
quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* The connection's integer option keyword (libpq checked it), 0 if unset. */
static long
option_long(PGconn *pg, const char *keyword)
{
	PQconninfoOption *opts = PQconninfo(pg);
	long value = 0;

	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (strcmp(o->keyword, keyword) == 0 && o->val)
			value = strtol(o->val, NULL, 10);
	PQconninfoFree(opts);
	return value;
}

/*
 * What every new connection needs: quiet notices, a bounded wait for locks,
 * and LISTEN once store_data_version() asked for it. The server watches
 * the PC with the values the PC watches it with (connect_quiet()): a PC
 * gone in the middle of a write (its cable out, switched off) would else
 * keep the office's write lock until the server's TCP gave up, hours by
 * default. On a Unix socket the server ignores them.
 */
static int
session_setup(struct store *s)
{
	char sql[320];

	PQsetNoticeProcessor(s->pg, quiet, NULL);
	snprintf(sql, sizeof(sql),
	         "SET lock_timeout = %d; SET tcp_keepalives_idle = %ld; "
	         "SET tcp_keepalives_interval = %ld; SET tcp_keepalives_count = %ld; "
	         "SET tcp_user_timeout = %ld%s",
	         STORE_BUSY_TIMEOUT_MS, option_long(s->pg, "keepalives_idle"),
	         option_long(s->pg, "keepalives_interval"), option_long(s->pg, "keepalives_count"),
	         option_long(s->pg, "tcp_user_timeout"), s->pg_listening ? "; LISTEN saduak" : "");
	PGresult *res = PQexec(s->pg, sql);
	int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? SQ_OK : SQ_ERR_DB;

	if (rc != SQ_OK)
		result_error(s, res);
	PQclear(res);
	return rc;
}

/*
 * Ready to send a command: a connection lost outside a transaction is made
 * anew once (its prepared statements with it); one lost inside a
 * transaction fails every command until the transaction ends.
 */
static int
ready(struct store *s)
{
	if (s->pg_lost) {
		set_error(s, "", "database server unreachable: the transaction was lost",
		          PG_STATE_LOST);
		return SQ_ERR_DB;
	}
	if (connected(s))
		return SQ_OK;
	if (s->pg_in_tx) {
		result_error(s, NULL);
		return SQ_ERR_DB;
	}
	PQreset(s->pg);
	s->pg_broken = false;
	if (PQstatus(s->pg) != CONNECTION_OK) {
		result_error(s, NULL);
		return SQ_ERR_DB;
	}
	for (size_t i = 0; i < s->n_cache; i++)
		s->cache[i]->prepared = false;
	s->pg_pipe->on = false; /* PQreset() left pipeline mode */
	s->notified++;          /* whatever others wrote meanwhile: screens read again */
	return session_setup(s);
}

/* The setting's connect_timeout in ms (libpq's reading: under 2 s is 2 s), -1 for none. */
static int
connect_timeout_ms(PGconn *pg)
{
	long secs = option_long(pg, "connect_timeout");

	if (secs <= 0)
		return -1;
	return (int)(secs < 2 ? 2 : secs > 3600 ? 3600 : secs) * 1000;
}

/*
 * PQconnectdb into s->pg, with the quiet notice processor in place before
 * the server says anything: a server shutting down right after the startup
 * sends its FATAL message as a notice, which libpq's default would print on
 * stderr. NULL, or why the wait for the server ended (s->pg not connected).
 *
 * A cable out closes nothing: with TCP's defaults a query waits some 15 min
 * for the kernel to give up, and a screen idle on LISTEN never notices. So
 * keepalives probe after 1 s without traffic, and sent data or probes left
 * unanswered for 2 s end the connection (on Linux the user timeout decides
 * for the probes, and bounds a connect's SYNs too): a dead server is found
 * in about 2 to 3 s. These come before the setting (dbname, expanded), so
 * that its own values (URL or key=value) override them: libpq lets a later
 * keyword override an earlier one. A service file's cannot: libpq fills in
 * a service's values only where none is set. Unix sockets ignore them.
 * PQreset() connects with the same options.
 */
static const char *
connect_quiet(struct store *s)
{
	static const char *const keys[] = {"keepalives",
	                                   "keepalives_idle",
	                                   "keepalives_interval",
	                                   "keepalives_count",
	                                   "tcp_user_timeout",
	                                   "dbname",
	                                   NULL};
	const char *const values[] = {"1", "1", "1", "2", "2000", s->path, NULL};

	s->pg = PQconnectStartParams(keys, values, 1);
	if (!s->pg)
		return NULL;
	PQsetNoticeProcessor(s->pg, quiet, NULL);
	int timeout = connect_timeout_ms(s->pg);
	PostgresPollingStatusType st = PGRES_POLLING_WRITING;

	while (PQstatus(s->pg) != CONNECTION_BAD && st != PGRES_POLLING_OK &&
	       st != PGRES_POLLING_FAILED) {
		struct pollfd p = {.fd = PQsocket(s->pg),
		                   .events = st == PGRES_POLLING_READING ? POLLIN : POLLOUT};
		int n = poll(&p, 1, timeout);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return strerror(errno);
		if (n == 0)
			return "timeout expired";
		st = PQconnectPoll(s->pg);
	}
	return NULL;
}

int
store_pg_connect(struct store *s, struct sq_error *err)
{
	char *why = NULL;
	PQconninfoOption *opts = PQconninfoParse(s->path, &why);
	char *shown = config_database_shown(s->path);

	if (!shown) {
		PQconninfoFree(opts);
		PQfreemem(why);
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory opening the database");
	}
	free(s->shown);
	s->shown = shown;
	PQconninfoFree(opts);
	if (!s->pg_pipe && !(s->pg_pipe = calloc(1, sizeof(*s->pg_pipe)))) {
		PQfreemem(why);
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory opening '%s'", s->shown);
	}
	if (why) {
		sq_error_set(err, SQ_ERR_INVALID, "database = %s: %.*s", s->shown,
		             (int)strcspn(why, "\n"), why);
		PQfreemem(why);
		return SQ_ERR_INVALID;
	}
	const char *ended = connect_quiet(s);

	if (!s->pg)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory opening '%s'", s->shown);
	if (ended || PQstatus(s->pg) != CONNECTION_OK) {
		const char *msg = ended ? ended : PQerrorMessage(s->pg);
		return sq_error_set(err, SQ_ERR_DB,
		                    "database = %s: database server unreachable: %.*s", s->shown,
		                    (int)strcspn(msg, "\n"), msg);
	}
	if (session_setup(s) != SQ_OK)
		return store_sql_fail(s, err, "setting up the connection");
	return SQ_OK;
}

static int
pg_open(struct store *s, struct sq_error *err)
{
	int rc = store_pg_connect(s, err);

	return rc == SQ_OK ? store_schema_pg(s, err) : rc;
}

static void
pg_close(struct store *s)
{
	PQfinish(s->pg);
	free(s->pg_pipe);
}

/*
 * st's place in the pipeline is over: a write's result is in, or a result
 * will never come (an error before it, a lost connection).
 */
static void settle(sq_stmt *st, enum pending_kind kind);

/* Every result still awaited is lost with the connection: their statements are failed. */
static void
drop_pending(struct store *s)
{
	struct pg_pipeline *pp = s->pg_pipe;

	for (size_t i = pp->head; i < pp->n; i++)
		settle(pp->q[i].st, pp->q[i].kind);
	pp->head = pp->n = 0;
	pp->failed = true;
	pp->on = false; /* libpq leaves pipeline mode when ready() makes the connection anew */
}

/* Read the result of the pipeline's oldest entry into what it is for. */
static void
receive_one(struct store *s)
{
	struct pg_pipeline *pp = s->pg_pipe;
	struct pending p = pp->q[pp->head++];
	PGresult *res = PQgetResult(s->pg);
	ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ||
	          (status == PGRES_PIPELINE_SYNC && p.kind == PENDING_SYNC);

	if (!ok && status != PGRES_PIPELINE_ABORTED && !pp->failed)
		result_error(s, res);
	else if (ok && p.kind == PENDING_COMMIT && strcmp(PQcmdStatus(res), "COMMIT") != 0 &&
	         !pp->failed) {
		set_error(s, "", "the transaction was rolled back", "");
		ok = false;
	}
	pp->failed = pp->failed || !ok;
	/* Each statement's results end with a NULL; a sync's do not. */
	if (res && status != PGRES_PIPELINE_SYNC)
		PQclear(PQgetResult(s->pg));
	if (!ok) {
		PQclear(res);
		settle(p.st, p.kind);
	} else if (p.kind == PENDING_ROWS) {
		p.st->sent = false;
		p.st->res = res;
		p.st->n_rows = PQntuples(res);
		p.st->row = -1;
	} else {
		PQclear(res);
		if (p.kind == PENDING_DISCARD)
			settle(p.st, p.kind);
	}
	if (!res || !connected(s))
		drop_pending(s);
	else if (pp->head == pp->n)
		pp->head = pp->n = 0;
}

/* Read results until st's is in (NULL: every one), asking the server for them first. */
static void
receive_through(struct store *s, const sq_stmt *st)
{
	struct pg_pipeline *pp = s->pg_pipe;

	if (pp->head == pp->n)
		return;
	if (!pp->flushed && (!PQsendFlushRequest(s->pg) || PQflush(s->pg) != 0)) {
		if (!pp->failed)
			result_error(s, NULL);
		drop_pending(s);
		return;
	}
	pp->flushed = true;
	while (pp->head < pp->n && (!st || st->sent))
		receive_one(s);
}

/* libpq took a command (sent != 0): its result is awaited; else the connection failed. */
static void
pending_push(struct store *s, int sent, sq_stmt *st, enum pending_kind kind)
{
	struct pg_pipeline *pp = s->pg_pipe;

	if (!sent) {
		if (!pp->failed)
			result_error(s, NULL);
		settle(st, kind);
		drop_pending(s);
		return;
	}
	pp->q[pp->n++] = (struct pending){.st = st, .kind = kind};
	pp->flushed = false;
	if (kind == PENDING_ROWS || kind == PENDING_DISCARD)
		st->sent = true;
}

/* Room for two more in the pipeline, and a pipeline still worth sending to. */
static bool
pipeline_open(struct store *s)
{
	struct pg_pipeline *pp = s->pg_pipe;

	if (pp->on && pp->n + 2 > PIPELINE_DEPTH)
		receive_through(s, NULL);
	return pp->on && !pp->failed;
}

/* Send a command of no parameters (BEGIN, COMMIT) down the pipeline. */
static void
pipeline_command(struct store *s, const char *sql, enum pending_kind kind)
{
	if (pipeline_open(s))
		pending_push(s, PQsendQueryParams(s->pg, sql, 0, NULL, NULL, NULL, NULL, 0), NULL,
		             kind);
}

/* Send st down the pipeline, prepared on the way at its second use (run()). */
static void
pipeline_statement(struct store *s, sq_stmt *st, enum pending_kind kind)
{
	const Oid *types = (const Oid *)st->param_types;
	const char *const *values = (const char *const *)st->values;

	st->failed = false;
	if (!pipeline_open(s)) {
		settle(st, kind);
		return;
	}
	if (!st->prepared && st->runs++ > 0) {
		st->prepared = true; /* undone if the server refuses it */
		pending_push(s, PQsendPrepare(s->pg, st->name, st->pg_sql, st->n_params, types), st,
		             PENDING_PREPARE);
		if (!pipeline_open(s)) {
			settle(st, kind);
			return;
		}
	}
	int sent =
	    st->prepared
	        ? PQsendQueryPrepared(s->pg, st->name, st->n_params, values, NULL, NULL, 0)
	        : PQsendQueryParams(s->pg, st->pg_sql, st->n_params, types, values, NULL, NULL, 0);
	pending_push(s, sent, st, kind);
}

/*
 * Send a SYNC and read every result still awaited, then leave pipeline
 * mode: SQ_OK if none was an error.
 */
static int
pipeline_end(struct store *s)
{
	struct pg_pipeline *pp = s->pg_pipe;

	if (pp->on)
		pending_push(s, PQpipelineSync(s->pg), NULL, PENDING_SYNC);
	receive_through(s, NULL);
	if (pp->on && !PQexitPipelineMode(s->pg) && !pp->failed) {
		result_error(s, NULL);
		pp->failed = true;
	}
	pp->on = false;
	int rc = pp->failed ? SQ_ERR_DB : SQ_OK;
	pp->failed = false;
	return rc;
}

static int
pg_exec(struct store *s, const char *sql)
{
	/* PQexec() is not for pipeline mode: what was sent is read out first. */
	if (s->pg_pipe->on && pipeline_end(s) != SQ_OK)
		return SQ_ERR_DB;
	if (ready(s) != SQ_OK)
		return SQ_ERR_DB;
	PGresult *res = PQexec(s->pg, sql);
	ExecStatusType status = PQresultStatus(res);
	int rc = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? SQ_OK : SQ_ERR_DB;

	if (rc != SQ_OK)
		result_error(s, res);
	PQclear(res);
	return rc;
}

/* End a transaction: its loss is reported once, and the connection may be made anew after. */
static int
pg_end(struct store *s, bool commit)
{
	int rc = SQ_OK;
	bool pipelined = s->pg_pipe->on;

	if (pipelined) {
		if (commit)
			pipeline_command(s, "COMMIT", PENDING_COMMIT);
		rc = pipeline_end(s);
	}
	if (s->pg_lost) {
		set_error(s, "", "database server unreachable: the transaction was lost",
		          PG_STATE_LOST);
		rc = SQ_ERR_DB;
	} else if (pipelined) {
		/* A statement failed, so the COMMIT never ran: the transaction is left. */
		if (rc != SQ_OK || !commit)
			PQclear(PQexec(s->pg, "ROLLBACK"));
	} else if (commit) {
		PGresult *res = PQexec(s->pg, "COMMIT");
		/* A transaction that met an error answers COMMIT with ROLLBACK. */
		if (PQresultStatus(res) != PGRES_COMMAND_OK ||
		    strcmp(PQcmdStatus(res), "COMMIT") != 0) {
			result_error(s, res);
			rc = SQ_ERR_DB;
		}
		PQclear(res);
	} else {
		PQclear(PQexec(s->pg, "ROLLBACK"));
	}
	s->pg_lost = false;
	s->pg_in_tx = false;
	return rc;
}

/*
 * Whether an idle connection was closed meanwhile (a server restarting
 * sends its FATAL message, then closes) or its socket failed: libpq reads
 * what arrived, which may stop before the end, and a peek at the socket
 * finds the end or the error after it. No round trip either way.
 */
static bool
found_closed(struct store *s)
{
	char c;

	if (!PQconsumeInput(s->pg))
		return true;
	ssize_t n = recv(PQsocket(s->pg), &c, 1, MSG_PEEK | MSG_DONTWAIT);
	return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
}

/*
 * Begin a transaction. A connection found closed before the BEGIN goes out
 * is made anew by ready(). One lost while the BEGIN waits for its answer
 * (a cable out) fails it, with nothing applied: a new connection would
 * first wait out its own timeout.
 */
static int
pg_begin(struct store *s, const char *sql)
{
	if (connected(s) && found_closed(s))
		s->pg_broken = true;
	return pg_exec(s, sql);
}

/*
 * Begin a write in pipeline mode: the BEGIN and the lock are sent, and
 * their results read with the write's first read (a lock waited out too
 * long fails that read). A batch's savepoints are not for pipeline mode.
 */
static int
pg_begin_write(struct store *s, const char *lock_sql)
{
	if (s->in_batch)
		return pg_begin(s, lock_sql);
	if (connected(s) && found_closed(s))
		s->pg_broken = true;
	if (ready(s) != SQ_OK)
		return SQ_ERR_DB;
	if (!PQenterPipelineMode(s->pg)) {
		result_error(s, NULL);
		return SQ_ERR_DB;
	}
	s->pg_pipe->on = true;
	s->pg_pipe->failed = false;
	/* One statement per command: the pipeline takes no simple query of several. */
	for (const char *sql = lock_sql; *sql; sql += strspn(sql, "; ")) {
		char one[160];
		size_t n = strcspn(sql, ";");

		snprintf(one, sizeof(one), "%.*s", (int)n, sql);
		pipeline_command(s, one, PENDING_COMMAND);
		sql += n;
	}
	return SQ_OK;
}

static int
pg_tx(struct store *s, enum sq_tx what)
{
	char sql[160];
	int rc;

	switch (what) {
	case SQ_TX_WRITE:
		/*
		 * READ COMMITTED: each statement after the lock sees every commit
		 * before it. The lock is waited for as long as store_set_wait() says.
		 */
		snprintf(sql, sizeof(sql),
		         "BEGIN; SET LOCAL lock_timeout = %d; SELECT "
		         "pg_advisory_xact_lock(" PG_WRITE_LOCK ")",
		         store_wait_ms(s));
		rc = pg_begin_write(s, sql);
		break;
	case SQ_TX_READ:
		rc = pg_begin(s, "BEGIN ISOLATION LEVEL REPEATABLE READ");
		break;
	case SQ_TX_COMMIT:
		return pg_end(s, true);
	case SQ_TX_ROLLBACK:
		return pg_end(s, false);
	case SQ_TX_SAVEPOINT:
		return pg_exec(s, "SAVEPOINT write");
	case SQ_TX_RELEASE:
		return pg_exec(s, "RELEASE write");
	default:
		return pg_exec(s, "ROLLBACK TO write; RELEASE write");
	}
	if (rc == SQ_OK)
		s->pg_in_tx = true;
	else if (connected(s))
		PQclear(PQexec(s->pg, "ROLLBACK")); /* a BEGIN whose lock wait timed out */
	return rc;
}

/* sql with each '?' or '?N' outside quotes as '$n' (a bare '?' is one past the highest so far). */
static char *
rewrite(const char *sql)
{
	char *out = malloc(strlen(sql) * 3 + 1), *o = out;
	int high = 0;
	bool quoted = false;

	if (!out)
		return NULL;
	for (const char *p = sql; *p; p++) {
		if (*p == '\'')
			quoted = !quoted;
		if (*p != '?' || quoted) {
			*o++ = *p;
			continue;
		}
		int n = 0;
		while (p[1] >= '0' && p[1] <= '9')
			n = n * 10 + (*++p - '0');
		if (n == 0)
			n = high + 1;
		high = n > high ? n : high;
		o += sprintf(o, "$%d", n);
	}
	*o = '\0';
	return out;
}

static int
pg_prepare(struct store *s, sq_stmt *st, const char *types)
{
	if (!(st->pg_sql = rewrite(st->sql))) {
		set_error(s, "", "out of memory", "");
		return SQ_ERR_DB;
	}
	st->n_params = (int)strlen(types);
	/* Sized to the statement: most bind a few values, a copied row many. */
	st->param_types = calloc((size_t)st->n_params + 1, sizeof(*st->param_types));
	st->values = calloc((size_t)st->n_params + 1, sizeof(*st->values));
	if (!st->param_types || !st->values) {
		set_error(s, "", "out of memory", "");
		return SQ_ERR_DB;
	}
	for (int i = 0; i < st->n_params; i++)
		st->param_types[i] = strchr("zI", types[i]) ? PG_INT8 : PG_TEXT;
	snprintf(st->name, sizeof(st->name), "q%zu", s->n_cache);
	return SQ_OK;
}

static int
bind_value(sq_stmt *st, int col, char *value)
{
	if (col < 1 || col > st->n_params)
		return SQ_ERR_DB;
	free(st->values[col - 1]);
	st->values[col - 1] = value;
	return SQ_OK;
}

static int
pg_bind_int(sq_stmt *st, int col, int64_t v)
{
	char *text = malloc(24);

	if (!text)
		return SQ_ERR_DB;
	snprintf(text, 24, "%lld", (long long)v);
	return bind_value(st, col, text);
}

static int
pg_bind_text(sq_stmt *st, int col, const char *text)
{
	char *copy = text ? strdup(text) : NULL;

	if (text && !copy)
		return SQ_ERR_DB;
	return bind_value(st, col, copy);
}

/* Run st on the server: PGRES_TUPLES_OK or PGRES_COMMAND_OK, or an error recorded. */
static int
run(struct store *s, sq_stmt *st)
{
	const Oid *types = (const Oid *)st->param_types;
	const char *const *values = (const char *const *)st->values;

	if (s->pg_pipe->on) {
		pipeline_statement(s, st, PENDING_ROWS);
		receive_through(s, st);
		return st->failed ? SQ_ERR_DB : SQ_OK;
	}
	if (ready(s) != SQ_OK)
		return SQ_ERR_DB;
	/*
	 * Prepared at its second use: a statement run once (most of a one-shot
	 * command's) costs one round trip, a repeated one is planned once.
	 */
	if (st->cached && !st->prepared && st->runs++ > 0) {
		PGresult *res = PQprepare(s->pg, st->name, st->pg_sql, st->n_params, types);
		st->prepared = PQresultStatus(res) == PGRES_COMMAND_OK;
		if (!st->prepared)
			result_error(s, res);
		PQclear(res);
		if (!st->prepared)
			return SQ_ERR_DB;
	}
	st->res = st->prepared
	              ? PQexecPrepared(s->pg, st->name, st->n_params, values, NULL, NULL, 0)
	              : PQexecParams(s->pg, st->pg_sql, st->n_params, types, values, NULL, NULL, 0);
	ExecStatusType status = PQresultStatus(st->res);
	if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
		result_error(s, st->res);
		PQclear(st->res);
		st->res = NULL;
		return SQ_ERR_DB;
	}
	st->n_rows = PQntuples(st->res);
	st->row = -1;
	return SQ_OK;
}

static int
pg_step(sq_stmt *st)
{
	if (st->sent)
		receive_through(st->s, st);
	if (st->failed)
		return SQ_ERR_DB;
	if (!st->res && run(st->s, st) != SQ_OK)
		return SQ_ERR_DB;
	return ++st->row < st->n_rows ? SQ_ROW : SQ_DONE;
}

static const char *
pg_col_text(sq_stmt *st, int col)
{
	if (!st->res || st->row < 0 || st->row >= st->n_rows || PQgetisnull(st->res, st->row, col))
		return NULL;
	return PQgetvalue(st->res, st->row, col);
}

static int64_t
pg_col_int(sq_stmt *st, int col)
{
	const char *v = pg_col_text(st, col);

	if (!v)
		return 0;
	/* A comparison is a boolean here, an integer in SQLite. */
	if (strcmp(v, "t") == 0 || strcmp(v, "f") == 0)
		return *v == 't';
	return strtoll(v, NULL, 10);
}

static double
pg_col_double(sq_stmt *st, int col)
{
	const char *v = pg_col_text(st, col);

	return v ? strtod(v, NULL) : 0;
}

static void
pg_reset(sq_stmt *st)
{
	struct pg_pipeline *pp = st->s->pg_pipe;

	/* Let go before its result came: that result is dropped when it does. */
	for (size_t i = pp->head; st->sent && i < pp->n; i++)
		if (pp->q[i].st == st && pp->q[i].kind == PENDING_ROWS)
			pp->q[i].kind = PENDING_DISCARD;
	st->failed = false;
	PQclear(st->res);
	st->res = NULL;
	st->n_rows = 0;
	for (int i = 0; st->values && i < st->n_params; i++) {
		free(st->values[i]);
		st->values[i] = NULL;
	}
}

static void
settle(sq_stmt *st, enum pending_kind kind)
{
	if (!st)
		return;
	if (kind == PENDING_PREPARE) {
		st->prepared = false;
		return;
	}
	st->sent = false;
	if (kind == PENDING_DISCARD) {
		pg_reset(st);
		st->in_use = false;
	} else if (kind == PENDING_ROWS) {
		st->failed = true;
	}
}

/* Start st in a write's pipeline; others run at their first step. */
static void
pg_send(sq_stmt *st)
{
	if (st->s->pg_pipe->on && st->cached && !st->sent && !st->res)
		pipeline_statement(st->s, st, PENDING_ROWS);
}

/* A write's result read with the next read or the COMMIT (store_sql_run_later()). */
static bool
pg_defer(sq_stmt *st)
{
	if (!st->s->pg_pipe->on || !st->cached || st->sent)
		return false;
	pipeline_statement(st->s, st, PENDING_DISCARD);
	return true;
}

static void
pg_finalize(sq_stmt *st)
{
	pg_reset(st);
	free(st->pg_sql);
	free(st->param_types);
	free(st->values);
	st->pg_sql = NULL;
	st->param_types = NULL;
	st->values = NULL;
}

static const char *
pg_error(struct store *s)
{
	return s->pg_error ? s->pg_error : "unknown error";
}

static bool
pg_busy(struct store *s)
{
	/* lock_not_available (lock_timeout), deadlock, serialization failure */
	return strcmp(s->pg_state, "55P03") == 0 || strcmp(s->pg_state, "40P01") == 0 ||
	       strcmp(s->pg_state, "40001") == 0;
}

static bool
pg_constraint(struct store *s)
{
	return strncmp(s->pg_state, "23", 2) == 0;
}

static bool
pg_denied(struct store *s)
{
	return strcmp(s->pg_state, "42501") == 0; /* insufficient_privilege */
}

/*
 * Every write fires a NOTIFY on 'saduak' (triggers of the schema), which
 * the connection LISTENs to from its first call on: count the ones of other
 * connections that arrived, without a round trip to the server. Only the
 * screens ask, so a counter's or a kiosk's connection is never woken by the
 * office's every commit.
 */
static int
pg_data_version(struct store *s, int64_t *out, struct sq_error *err)
{
	PGnotify *n;

	if (!s->pg_listening) {
		if (pg_exec(s, "LISTEN saduak") != SQ_OK)
			return store_sql_fail(s, err, "listening for changes");
		s->pg_listening = true;
	}
	/*
	 * A connection found lost (a server restarting, a cable out) fails this
	 * call, so the screen shows it at once: made anew here, after a cable out
	 * the connect would first wait out its own timeout. The next call makes
	 * it anew (ready()), which counts as a change.
	 */
	if (ready(s) != SQ_OK)
		return store_sql_fail(s, err, "waiting for changes");
	if (!PQconsumeInput(s->pg)) {
		result_error(s, NULL);
		return store_sql_fail(s, err, "waiting for changes");
	}
	while ((n = PQnotifies(s->pg))) {
		if (n->be_pid != PQbackendPID(s->pg))
			s->notified++;
		PQfreemem(n);
	}
	*out = s->notified;
	return SQ_OK;
}

/* The server keeps its own pages sound; what is checked is that the log is there and ours. */
static int
pg_integrity(struct store *s, struct sq_error *err)
{
	int64_t version = 0;
	int rc = store_sql_int(
	    s, store_sql_prepare(s, "SELECT value FROM meta WHERE key = 'schema_version'", ""),
	    &version, err, "checking the schema");

	if (rc == SQ_OK && version != STORE_SCHEMA_VERSION)
		return sq_error_set(err, SQ_ERR_CORRUPT,
		                    "database '%s' failed its integrity check: schema version %lld",
		                    s->shown, (long long)version);
	return rc;
}

const struct store_engine store_pg_engine = {
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .tx = pg_tx,
    .prepare = pg_prepare,
    .bind_int = pg_bind_int,
    .bind_text = pg_bind_text,
    .step = pg_step,
    .send = pg_send,
    .defer = pg_defer,
    .col_int = pg_col_int,
    .col_double = pg_col_double,
    .col_text = pg_col_text,
    .reset = pg_reset,
    .finalize = pg_finalize,
    .error = pg_error,
    .busy = pg_busy,
    .constraint = pg_constraint,
    .denied = pg_denied,
    .data_version = pg_data_version,
    .integrity = pg_integrity,
};
