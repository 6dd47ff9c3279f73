#include "store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "clock.h"
#include "thaitime.h"

#define STORE_APPLICATION_ID 0x53514451 /* 'SQDQ' */

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

/* Schema migrations: migrations[i] brings user_version i to i + 1. */
static const char *const migrations[] = {
    "CREATE TABLE ticket ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  day INTEGER NOT NULL,"
    "  prefix TEXT NOT NULL,"
    "  number INTEGER NOT NULL,"
    "  code TEXT NOT NULL,"
    "  service TEXT NOT NULL,"
    "  priority TEXT,"
    "  issued_ms INTEGER NOT NULL,"
    "  state TEXT NOT NULL,"
    "  state_ms INTEGER NOT NULL,"
    "  counter INTEGER,"
    "  officer TEXT,"
    "  called_ms INTEGER,"
    "  UNIQUE (day, prefix, number));"
    "CREATE INDEX ticket_queue ON ticket (service, state, id);"
    "CREATE INDEX ticket_code ON ticket (day, code);"
    "CREATE TABLE event ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  ticket_id INTEGER REFERENCES ticket (id),"
    "  at_ms INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  day INTEGER NOT NULL,"
    "  service TEXT,"
    "  counter INTEGER,"
    "  officer TEXT,"
    "  rule TEXT,"
    "  reason TEXT,"
    "  score INTEGER,"
    "  detail TEXT);"
    "CREATE INDEX event_ticket ON event (ticket_id);"
    "CREATE INDEX event_day_kind ON event (day, kind);"
    "CREATE TRIGGER event_no_update BEFORE UPDATE ON event"
    "  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;"
    "CREATE TRIGGER event_no_delete BEFORE DELETE ON event"
    "  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;"
    "CREATE TABLE counter_state ("
    "  counter INTEGER PRIMARY KEY,"
    "  officer TEXT,"
    "  status TEXT NOT NULL,"
    "  reason TEXT,"
    "  since_ms INTEGER NOT NULL,"
    "  priority_streak INTEGER NOT NULL DEFAULT 0,"
    "  ticket_id INTEGER REFERENCES ticket (id));",
    /* 1 -> 2: ratings once per ticket; events of a kind by day (a counter's last
       finish, the monthly report); open tickets. */
    "CREATE UNIQUE INDEX event_rated_once ON event (ticket_id)"
    "  WHERE kind = 'rated' AND ticket_id IS NOT NULL;"
    "CREATE INDEX event_kind_day ON event (kind, day, counter);"
    "CREATE INDEX ticket_open ON ticket (state, day);",
};

static const char *const counter_status_names[] = {
    [COUNTER_CLOSED] = "closed",
    [COUNTER_OPEN] = "open",
    [COUNTER_BREAK] = "break",
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

static int
db_fail(struct store *s, struct sq_error *err, const char *what)
{
	int code = sqlite3_errcode(s->db);

	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return sq_error_set(err, SQ_ERR_BUSY,
		                    "database '%s' stayed locked by another program for %d s "
		                    "while %s",
		                    s->path, STORE_BUSY_TIMEOUT_MS / 1000, what);
	return sq_error_set(err, SQ_ERR_DB, "database '%s': %s while %s", s->path,
	                    sqlite3_errmsg(s->db), what);
}

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
	if (now - s->busy_started_ms >= STORE_BUSY_TIMEOUT_MS)
		return 0;
	/* 50 us growing to 2 ms, with jitter so waiters do not march in step. */
	long us = 50L << (attempts < 6 ? attempts : 6);
	if (us > 2000)
		us = 2000;
	us += rand() % 100;
	struct timespec ts = {.tv_sec = 0, .tv_nsec = us * 1000};
	nanosleep(&ts, NULL);
	return 1;
}

static int
db_exec(struct store *s, const char *sql, struct sq_error *err, const char *what)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(s, err, what);
	return SQ_OK;
}

/* The cached statement for sql, or a new one (cached while there is room). */
static sqlite3_stmt *
stmt_get(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;

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

/* Done with st: reset a cached statement for its next use, finalize any other. */
static void
db_done(struct store *s, sqlite3_stmt *st)
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
 * statement with db_done().
 */
static sqlite3_stmt *
db_prepare(struct store *s, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st = stmt_get(s, sql);
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
		db_done(s, st);
		return NULL;
	}
	return st;
}

/* Run a statement that returns no rows; finalizes it. */
static int
db_run(struct store *s, sqlite3_stmt *st, struct sq_error *err, const char *what)
{
	int rc;

	if (!st)
		return db_fail(s, err, what);
	rc = sqlite3_step(st);
	db_done(s, st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_fail(s, err, what);
	return SQ_OK;
}

/* Read a single integer from a one-row query; finalizes it. */
static int
db_int(struct store *s, sqlite3_stmt *st, int64_t *out, struct sq_error *err, const char *what)
{
	int rc;

	if (!st)
		return db_fail(s, err, what);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		*out = 0;
	db_done(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(s, err, what);
	return SQ_OK;
}

static int
tx_begin(struct store *s, struct sq_error *err)
{
	return db_exec(s, "BEGIN IMMEDIATE", err, "starting a write");
}

/* Commit on rc == SQ_OK, roll back otherwise; returns the final code. */
static int
tx_end(struct store *s, int rc, struct sq_error *err)
{
	if (rc == SQ_OK) {
		rc = db_exec(s, "COMMIT", err, "committing");
		if (rc == SQ_OK)
			return SQ_OK;
	}
	/* Keep the first error's message; a failed rollback adds nothing useful. */
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->expired_day = 0; /* an expiry may have been rolled back with the rest */
	return rc;
}

/*
 * Refuse, before anything is written, a file that is not ours: another
 * program's SQLite database or a schema newer than this program knows.
 */
static int
check_ours(struct store *s, struct sq_error *err)
{
	int64_t version = 0, app_id = 0, tables = 0;
	const int known = (int)(sizeof(migrations) / sizeof(migrations[0]));
	int rc;

	if ((rc = db_int(s, db_prepare(s, "PRAGMA user_version", ""), &version, err,
	                 "reading the schema version")) ||
	    (rc = db_int(s, db_prepare(s, "PRAGMA application_id", ""), &app_id, err,
	                 "reading the application id")) ||
	    (rc = db_int(s, db_prepare(s, "SELECT count(*) FROM sqlite_master", ""), &tables, err,
	                 "reading the schema")))
		return rc;
	if (app_id != STORE_APPLICATION_ID && (app_id != 0 || tables != 0))
		return sq_error_set(err, SQ_ERR_DB,
		                    "'%s' is a SQLite database of another program, not a Saduak "
		                    "Queue log",
		                    s->path);
	if (version > known)
		return sq_error_set(err, SQ_ERR_DB,
		                    "'%s' has schema version %lld, newer than this program's %d: "
		                    "upgrade Saduak Queue",
		                    s->path, (long long)version, known);
	return SQ_OK;
}

/* Bring the schema up to date in one transaction (another process may race us). */
static int
migrate(struct store *s, struct sq_error *err)
{
	int64_t version = 0;
	const int known = (int)(sizeof(migrations) / sizeof(migrations[0]));
	int rc;

	if ((rc = tx_begin(s, err)))
		return rc;
	if ((rc = db_int(s, db_prepare(s, "PRAGMA user_version", ""), &version, err,
	                 "reading the schema version")))
		return tx_end(s, rc, err);
	for (int v = (int)version; v < known && rc == SQ_OK; v++)
		rc = db_exec(s, migrations[v], err, "updating the schema");
	if (rc == SQ_OK && version < known) {
		char sql[96];
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d; PRAGMA application_id = %d",
		         known, STORE_APPLICATION_ID);
		rc = db_exec(s, sql, err, "recording the schema version");
	}
	return tx_end(s, rc, err);
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

int
store_open(const char *path, struct store **out, struct sq_error *err)
{
	struct store *s;
	int rc;

	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory opening '%s'", path);
	}
	if ((rc = check_folder(path, err)))
		goto fail;
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		rc = sq_error_set(err, SQ_ERR_DB, "unable to open database '%s': %s", path,
		                  s->db ? sqlite3_errmsg(s->db) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 0);
	sqlite3_busy_handler(s->db, busy_handler, s);
	rc = check_ours(s, err);
	/* WAL lets screens read while a counter writes; FULL makes each commit durable. */
	if (rc == SQ_OK)
		rc = db_exec(s, "PRAGMA journal_mode = WAL", err, "switching to WAL");
	if (rc == SQ_OK)
		rc = db_exec(s, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", err,
		             "setting durability");
	if (rc == SQ_OK)
		rc = migrate(s, err);
	if (rc != SQ_OK) {
		if (err && sqlite3_errcode(s->db) == SQLITE_NOTADB)
			sq_error_set(err, SQ_ERR_DB, "'%s' is not a SQLite database", path);
		else if (err && sqlite3_errcode(s->db) == SQLITE_CANTOPEN)
			sq_error_set(err, SQ_ERR_DB,
			             "unable to open database '%s': cannot create or write it "
			             "(check the folder exists and is writable)",
			             path);
		else if (err && sqlite3_errcode(s->db) == SQLITE_READONLY)
			sq_error_set(err, SQ_ERR_DB, "database '%s' is read-only", path);
		goto fail;
	}
	*out = s;
	return SQ_OK;
fail:
	store_close(s);
	return rc;
}

void
store_close(struct store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_cache; i++)
		sqlite3_finalize(s->cache[i].st);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int
store_check_integrity(struct store *s, struct sq_error *err)
{
	sqlite3_stmt *st = db_prepare(s, "PRAGMA integrity_check", "");
	int rc;

	if (!st)
		return db_fail(s, err, "checking integrity");
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		db_done(s, st);
		if (sqlite3_errcode(s->db) == SQLITE_CORRUPT ||
		    sqlite3_errcode(s->db) == SQLITE_NOTADB)
			return sq_error_set(err, SQ_ERR_CORRUPT, "database '%s' is corrupt: %s",
			                    s->path, sqlite3_errmsg(s->db));
		return db_fail(s, err, "checking integrity");
	}
	const char *first = (const char *)sqlite3_column_text(st, 0);
	if (!first || strcmp(first, "ok") != 0) {
		sq_error_set(err, SQ_ERR_CORRUPT, "database '%s' failed its integrity check: %s",
		             s->path, first ? first : "(no answer)");
		db_done(s, st);
		return SQ_ERR_CORRUPT;
	}
	db_done(s, st);
	return SQ_OK;
}

static int
log_event(struct store *s, const struct event_row *e, struct sq_error *err)
{
	sqlite3_stmt *st = db_prepare(
	    s,
	    "INSERT INTO event (ticket_id, at_ms, kind, day, service, counter, officer, rule, "
	    "reason, score, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "zISIszsssz", e->ticket_id, e->at_ms, queue_event_name(e->kind), (int64_t)e->day,
	    e->service, (int64_t)e->counter, e->officer, e->rule, e->reason, (int64_t)e->score);

	if (st && e->detail)
		sqlite3_bind_text(st, 11, e->detail, -1, SQLITE_TRANSIENT);
	return db_run(s, st, err, "writing the log");
}

static void
copy_text(char *dst, size_t n, const unsigned char *src)
{
	snprintf(dst, n, "%s", src ? (const char *)src : "");
}

#define TICKET_COLUMNS                                                                             \
	"id, day, number, code, service, priority, issued_ms, state, state_ms, counter, "          \
	"officer, called_ms"

static void
read_ticket(sqlite3_stmt *st, struct store_ticket *t)
{
	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(st, 0);
	t->day = sqlite3_column_int(st, 1);
	t->number = sqlite3_column_int(st, 2);
	copy_text(t->code, sizeof(t->code), sqlite3_column_text(st, 3));
	copy_text(t->service, sizeof(t->service), sqlite3_column_text(st, 4));
	copy_text(t->priority, sizeof(t->priority), sqlite3_column_text(st, 5));
	t->issued_ms = sqlite3_column_int64(st, 6);
	int state = queue_state_from_name((const char *)sqlite3_column_text(st, 7));
	t->state = state < 0 ? TICKET_VOIDED : (enum ticket_state)state;
	t->state_ms = sqlite3_column_int64(st, 8);
	t->counter = sqlite3_column_int(st, 9);
	copy_text(t->officer, sizeof(t->officer), sqlite3_column_text(st, 10));
	t->called_ms = sqlite3_column_int64(st, 11);
}

/* Run a query for one ticket: SQ_OK, SQ_ERR_NOTFOUND (no row) or a db error. */
static int
query_ticket(struct store *s, sqlite3_stmt *st, struct store_ticket *out, struct sq_error *err)
{
	int rc;

	if (!st)
		return db_fail(s, err, "reading a ticket");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_ticket(st, out);
	db_done(s, st);
	if (rc == SQLITE_ROW)
		return SQ_OK;
	if (rc == SQLITE_DONE)
		return SQ_ERR_NOTFOUND;
	return db_fail(s, err, "reading a ticket");
}

static int
ticket_by_id(struct store *s, int64_t id, struct store_ticket *out, struct sq_error *err)
{
	return query_ticket(
	    s, db_prepare(s, "SELECT " TICKET_COLUMNS " FROM ticket WHERE id = ?", "I", id), out,
	    err);
}

int
store_ticket_find(struct store *s, int day, const char *code, struct store_ticket *out,
                  struct sq_error *err)
{
	int rc = query_ticket(
	    s,
	    db_prepare(s, "SELECT " TICKET_COLUMNS " FROM ticket WHERE day = ? AND code = ?", "IS",
	               (int64_t)day, code),
	    out, err);

	if (rc == SQ_ERR_NOTFOUND)
		return sq_error_set(err, SQ_ERR_NOTFOUND, "no ticket %s today", code);
	return rc;
}

/*
 * Move ticket t through event: check the life-cycle table, update its row
 * and append the event, all inside the caller's transaction. On success t
 * holds the new state.
 */
static int
ticket_apply(struct store *s, struct store_ticket *t, const struct event_row *row,
             struct sq_error *err)
{
	int to = queue_transition(t->state, row->kind);
	int rc;

	if (to < 0)
		return sq_error_set(err, SQ_ERR_STATE, "ticket %s is %s: it cannot be %s", t->code,
		                    queue_state_name(t->state), queue_event_name(row->kind));
	t->state = (enum ticket_state)to;
	t->state_ms = row->at_ms;
	if (row->kind == EVENT_CALLED && !t->called_ms)
		t->called_ms = row->at_ms;
	if (row->kind == EVENT_TRANSFERRED)
		snprintf(t->service, sizeof(t->service), "%s", row->service);
	/* A ticket at a counter is one that is called or being served there. */
	bool at_counter = t->state == TICKET_CALLED || t->state == TICKET_SERVING;
	if (row->kind == EVENT_CALLED) {
		t->counter = row->counter;
		snprintf(t->officer, sizeof(t->officer), "%s", row->officer ? row->officer : "");
	}
	rc = db_run(
	    s,
	    db_prepare(s,
	               "UPDATE ticket SET state = ?, state_ms = ?, service = ?, counter = ?, "
	               "officer = ?, called_ms = ? WHERE id = ?",
	               "SISzszI", queue_state_name(t->state), t->state_ms, t->service,
	               (int64_t)(at_counter ? t->counter : 0), at_counter ? t->officer : "",
	               t->called_ms, t->id),
	    err, "updating a ticket");
	if (rc == SQ_OK)
		rc = log_event(s, row, err);
	/* The counter that held the ticket lets go of it when it leaves. */
	if (rc == SQ_OK && !at_counter && t->counter)
		rc = db_run(s,
		            db_prepare(s,
		                       "UPDATE counter_state SET ticket_id = NULL WHERE "
		                       "ticket_id = ?",
		                       "I", t->id),
		            err, "updating a counter");
	if (!at_counter)
		t->counter = 0;
	return rc;
}

int
store_expire_before(struct store *s, int day, int64_t now_ms, int *n, struct sq_error *err)
{
	sqlite3_stmt *st;
	int count = 0;
	int rc = SQ_OK;

	if (n)
		*n = 0;
	/* Once a day per connection is enough: no ticket is ever issued for a past day. */
	if (s->expired_day == day)
		return SQ_OK;
	st = db_prepare(s,
	                "SELECT " TICKET_COLUMNS " FROM ticket WHERE day < ? AND state IN "
	                "('waiting', 'called', 'serving', 'parked') ORDER BY id",
	                "I", (int64_t)day);
	if (!st)
		return db_fail(s, err, "finding tickets left from earlier days");
	/* Collect first: updating rows while stepping the same table is not safe. */
	struct store_ticket *list = NULL;
	size_t len = 0, cap = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct store_ticket *grown = realloc(list, ncap * sizeof(*grown));
			if (!grown) {
				rc = sq_error_set(err, SQ_ERR_NOMEM, "out of memory");
				break;
			}
			list = grown;
			cap = ncap;
		}
		read_ticket(st, &list[len++]);
	}
	db_done(s, st);
	if (rc == SQ_OK && step != SQLITE_DONE)
		rc = db_fail(s, err, "finding tickets left from earlier days");
	for (size_t i = 0; i < len && rc == SQ_OK; i++) {
		struct event_row row = {
		    .ticket_id = list[i].id,
		    .kind = EVENT_EXPIRED,
		    .at_ms = now_ms,
		    .day = list[i].day,
		    .service = list[i].service,
		    .counter = list[i].counter,
		    .reason = "service day ended",
		};
		rc = ticket_apply(s, &list[i], &row, err);
		count++;
	}
	free(list);
	if (rc == SQ_OK && count > 0)
		rc = db_run(s,
		            db_prepare(s,
		                       "UPDATE counter_state SET ticket_id = NULL, "
		                       "priority_streak = 0 WHERE ticket_id IS NOT NULL AND "
		                       "ticket_id NOT IN (SELECT id FROM ticket WHERE state IN "
		                       "('called', 'serving'))",
		                       ""),
		            err, "updating counters");
	if (rc == SQ_OK) {
		s->expired_day = day;
		if (n)
			*n = count;
	}
	return rc;
}

int
store_issue(struct store *s, const struct config *cfg, const char *service, const char *priority,
            int64_t now_ms, struct store_ticket *out, struct sq_error *err)
{
	const struct config_service *svc = config_service_find(cfg, service);
	int day = thaitime_day_key(now_ms);
	int64_t last = 0;
	int rc;

	if (!svc)
		return sq_error_set(err, SQ_ERR_NOTFOUND, "no service '%s' in %s", service,
		                    cfg->path);
	if (priority && *priority && !config_priority_find(cfg, priority))
		return sq_error_set(err, SQ_ERR_NOTFOUND, "no priority class '%s' in %s", priority,
		                    cfg->path);
	if ((rc = tx_begin(s, err)))
		return rc;
	/*
	 * The service day never goes backwards: a clock pulled back across
	 * midnight (an NTP correction) keeps numbering the day already begun
	 * rather than reopening the last one, whose tickets would repeat its
	 * codes and expire at the next midnight.
	 */
	int64_t latest_day = 0;
	rc = db_int(s, db_prepare(s, "SELECT max(day) FROM ticket", ""), &latest_day, err,
	            "numbering a ticket");
	if (rc == SQ_OK && latest_day > day)
		day = (int)latest_day;
	if (rc == SQ_OK)
		rc = store_expire_before(s, day, now_ms, NULL, err);
	if (rc == SQ_OK)
		rc = db_int(
		    s,
		    db_prepare(s, "SELECT max(number) FROM ticket WHERE day = ? AND prefix = ?",
		               "IS", (int64_t)day, svc->id),
		    &last, err, "numbering a ticket");
	if (rc == SQ_OK) {
		struct store_ticket *t = out;
		memset(t, 0, sizeof(*t));
		t->day = day;
		t->number = (int)last + 1;
		snprintf(t->code, sizeof(t->code), "%s%03d", svc->id, t->number);
		snprintf(t->service, sizeof(t->service), "%s", svc->id);
		snprintf(t->priority, sizeof(t->priority), "%s", priority ? priority : "");
		t->issued_ms = now_ms;
		t->state = TICKET_WAITING;
		t->state_ms = now_ms;
		rc = db_run(
		    s,
		    db_prepare(s,
		               "INSERT INTO ticket (day, prefix, number, code, service, "
		               "priority, issued_ms, state, state_ms) VALUES (?, ?, ?, ?, ?, "
		               "?, ?, 'waiting', ?)",
		               "ISISSsII", (int64_t)day, svc->id, (int64_t)t->number, t->code,
		               svc->id, t->priority, now_ms, now_ms),
		    err, "issuing a ticket");
		if (rc == SQ_OK) {
			t->id = sqlite3_last_insert_rowid(s->db);
			struct event_row row = {
			    .ticket_id = t->id,
			    .kind = EVENT_ISSUED,
			    .at_ms = now_ms,
			    .day = day,
			    .service = svc->id,
			    .detail = *t->priority ? t->priority : NULL,
			};
			rc = log_event(s, &row, err);
		}
	}
	return tx_end(s, rc, err);
}

static int
counter_read(struct store *s, int counter, struct store_counter *out, struct sq_error *err)
{
	sqlite3_stmt *st = db_prepare(s,
	                              "SELECT officer, status, reason, since_ms, priority_streak, "
	                              "ticket_id FROM counter_state WHERE counter = ?",
	                              "I", (int64_t)counter);
	int rc;
	int64_t ticket_id = 0;

	memset(out, 0, sizeof(*out));
	out->counter = counter;
	if (!st)
		return db_fail(s, err, "reading a counter");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		copy_text(out->officer, sizeof(out->officer), sqlite3_column_text(st, 0));
		const char *status = (const char *)sqlite3_column_text(st, 1);
		for (size_t i = 0; i < 3; i++)
			if (status && strcmp(status, counter_status_names[i]) == 0)
				out->status = (enum counter_status)i;
		copy_text(out->reason, sizeof(out->reason), sqlite3_column_text(st, 2));
		out->since_ms = sqlite3_column_int64(st, 3);
		out->priority_streak = sqlite3_column_int(st, 4);
		ticket_id = sqlite3_column_int64(st, 5);
	}
	db_done(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(s, err, "reading a counter");
	if (ticket_id) {
		rc = ticket_by_id(s, ticket_id, &out->ticket, err);
		if (rc != SQ_OK)
			return rc == SQ_ERR_NOTFOUND ? db_fail(s, err, "reading a counter's ticket")
			                             : rc;
		out->has_ticket = true;
	}
	return SQ_OK;
}

int
store_counter_get(struct store *s, int counter, struct store_counter *out, struct sq_error *err)
{
	return counter_read(s, counter, out, err);
}

static int
counter_write(struct store *s, const struct store_counter *c, struct sq_error *err)
{
	return db_run(
	    s,
	    db_prepare(s,
	               "INSERT OR REPLACE INTO counter_state (counter, officer, status, "
	               "reason, since_ms, priority_streak, ticket_id) VALUES (?, ?, ?, ?, "
	               "?, ?, ?)",
	               "IsSsIIz", (int64_t)c->counter, c->officer, counter_status_names[c->status],
	               c->reason, c->since_ms, (int64_t)c->priority_streak,
	               c->has_ticket ? c->ticket.id : (int64_t)0),
	    err, "updating a counter");
}

static int
check_counter(const struct config *cfg, int counter, struct sq_error *err)
{
	if (!config_counter_find(cfg, counter))
		return sq_error_set(err, SQ_ERR_NOTFOUND, "no counter %d in %s", counter,
		                    cfg->path);
	return SQ_OK;
}

/* The counter must be open (an officer logged in, not on break) to call. */
static int
require_open(const struct store_counter *c, struct sq_error *err)
{
	if (c->status == COUNTER_CLOSED)
		return sq_error_set(err, SQ_ERR_STATE,
		                    "counter %d: no officer logged in (log in first)", c->counter);
	if (c->status == COUNTER_BREAK)
		return sq_error_set(err, SQ_ERR_STATE, "counter %d is on break (%s): resume first",
		                    c->counter, c->reason);
	return SQ_OK;
}

/* Finish the counter's current ticket, as pressing "next" does. */
static int
finish_current(struct store *s, struct store_counter *c, int day, int64_t now_ms,
               struct store_call *out, struct sq_error *err)
{
	int rc;

	out->finished_previous = false;
	if (!c->has_ticket)
		return SQ_OK;
	struct event_row row = {
	    .ticket_id = c->ticket.id,
	    .kind = EVENT_FINISHED,
	    .at_ms = now_ms,
	    .day = day,
	    .service = c->ticket.service,
	    .counter = c->counter,
	    .officer = c->officer,
	};
	rc = ticket_apply(s, &c->ticket, &row, err);
	if (rc == SQ_OK) {
		out->finished_previous = true;
		out->previous = c->ticket;
		c->has_ticket = false;
	}
	return rc;
}

/* The head of one queue: the oldest ticket of service matching the filter. */
static int
queue_head(struct store *s, const char *service, bool priority, int64_t parked_before,
           struct store_ticket *out, struct sq_error *err)
{
	/*
	 * Two queries, each walking the (service, state, id) index in order and
	 * stopping at the first match, rather than one OR that sorts every row.
	 */
	static const char *const waiting_sql[2] = {
	    "SELECT " TICKET_COLUMNS " FROM ticket WHERE service = ? AND state = 'waiting' "
	    "AND priority IS NULL ORDER BY id LIMIT 1",
	    "SELECT " TICKET_COLUMNS " FROM ticket WHERE service = ? AND state = 'waiting' "
	    "AND priority IS NOT NULL ORDER BY id LIMIT 1",
	};
	static const char *const parked_sql[2] = {
	    "SELECT " TICKET_COLUMNS " FROM ticket WHERE service = ? AND state = 'parked' "
	    "AND state_ms <= ? AND priority IS NULL ORDER BY id LIMIT 1",
	    "SELECT " TICKET_COLUMNS " FROM ticket WHERE service = ? AND state = 'parked' "
	    "AND state_ms <= ? AND priority IS NOT NULL ORDER BY id LIMIT 1",
	};
	struct store_ticket parked;
	int rc = query_ticket(s, db_prepare(s, waiting_sql[priority], "S", service), out, err);
	int rc_parked = query_ticket(
	    s, db_prepare(s, parked_sql[priority], "SI", service, parked_before), &parked, err);

	if (rc != SQ_OK && rc != SQ_ERR_NOTFOUND)
		return rc;
	if (rc_parked == SQ_OK && (rc == SQ_ERR_NOTFOUND || parked.id < out->id)) {
		*out = parked;
		return SQ_OK;
	}
	if (rc_parked != SQ_OK && rc_parked != SQ_ERR_NOTFOUND)
		return rc_parked;
	return rc;
}

static int
call_ticket(struct store *s, struct store_counter *c, struct store_ticket *t, enum queue_rule rule,
            const char *reason, int day, int64_t now_ms, struct store_call *out,
            struct sq_error *err)
{
	struct event_row row = {
	    .ticket_id = t->id,
	    .kind = EVENT_CALLED,
	    .at_ms = now_ms,
	    .day = day,
	    .service = t->service,
	    .counter = c->counter,
	    .officer = c->officer,
	    .rule = queue_rule_name(rule),
	    .reason = reason,
	};
	int rc = ticket_apply(s, t, &row, err);

	if (rc != SQ_OK)
		return rc;
	c->has_ticket = true;
	c->ticket = *t;
	rc = counter_write(s, c, err);
	out->ticket = *t;
	out->rule = rule;
	return rc;
}

static int
call_next_locked(struct store *s, const struct config *cfg, int counter, int day, int64_t now_ms,
                 struct store_call *out, struct sq_error *err)
{
	const struct config_counter *cc = config_counter_find(cfg, counter);
	struct queue_candidate cand[CONFIG_MAX_SERVICES * 2];
	struct store_ticket heads[CONFIG_MAX_SERVICES * 2];
	struct store_counter c;
	size_t n = 0;
	int rc;

	if ((rc = store_expire_before(s, day, now_ms, NULL, err)) ||
	    (rc = counter_read(s, counter, &c, err)) || (rc = require_open(&c, err)) ||
	    (rc = finish_current(s, &c, day, now_ms, out, err)))
		return rc;
	int64_t parked_before = now_ms - (int64_t)cfg->park_return_minutes * 60000;
	for (size_t i = 0; i < cc->n_services; i++) {
		const char *service = cfg->services[cc->services[i]].id;
		for (int priority = 0; priority < 2; priority++) {
			rc = queue_head(s, service, priority, parked_before, &heads[n], err);
			if (rc == SQ_ERR_NOTFOUND)
				continue;
			if (rc != SQ_OK)
				return rc;
			cand[n] = (struct queue_candidate){
			    .ticket_id = heads[n].id,
			    .service_rank = i,
			    .priority = priority,
			};
			n++;
		}
	}
	struct queue_policy policy = {.policy = cc->policy, .priority_cap = cfg->priority_cap};
	struct queue_choice choice;
	if (queue_choose(cand, n, &policy, c.priority_streak, &choice) != SQ_OK) {
		/* Nothing to call, but a finished ticket must still be saved. */
		rc = counter_write(s, &c, err);
		if (rc == SQ_OK)
			rc = sq_error_set(err, SQ_ERR_EMPTY, "counter %d: no ticket waiting",
			                  counter);
		return rc;
	}
	c.priority_streak = choice.priority_streak;
	return call_ticket(s, &c, &heads[choice.index], choice.rule, NULL, day, now_ms, out, err);
}

int
store_call_next(struct store *s, const struct config *cfg, int counter, int64_t now_ms,
                struct store_call *out, struct sq_error *err)
{
	int day = thaitime_day_key(now_ms);
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = check_counter(cfg, counter, err)) || (rc = tx_begin(s, err)))
		return rc;
	rc = call_next_locked(s, cfg, counter, day, now_ms, out, err);
	/* An empty queue still commits the finish of the previous ticket. */
	if (rc == SQ_ERR_EMPTY) {
		struct sq_error keep = err ? *err : (struct sq_error){0};
		rc = tx_end(s, SQ_OK, err);
		if (rc == SQ_OK) {
			if (err)
				*err = keep;
			rc = SQ_ERR_EMPTY;
		}
		return rc;
	}
	return tx_end(s, rc, err);
}

int
store_call_ticket(struct store *s, const struct config *cfg, int counter, const char *code,
                  const char *reason, int64_t now_ms, struct store_call *out, struct sq_error *err)
{
	int day = thaitime_day_key(now_ms);
	struct store_counter c;
	struct store_ticket t;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!reason || !*reason)
		return sq_error_set(err, SQ_ERR_INVALID,
		                    "calling %s out of turn needs a reason (it is logged for the "
		                    "audit)",
		                    code);
	if ((rc = check_counter(cfg, counter, err)) || (rc = tx_begin(s, err)))
		return rc;
	if ((rc = store_expire_before(s, day, now_ms, NULL, err)) == SQ_OK &&
	    (rc = counter_read(s, counter, &c, err)) == SQ_OK &&
	    (rc = require_open(&c, err)) == SQ_OK &&
	    (rc = store_ticket_find(s, day, code, &t, err)) == SQ_OK) {
		if (t.state != TICKET_WAITING && t.state != TICKET_PARKED)
			rc = sq_error_set(err, SQ_ERR_STATE, "ticket %s is %s, not waiting", code,
			                  queue_state_name(t.state));
		if (rc == SQ_OK)
			rc = finish_current(s, &c, day, now_ms, out, err);
		if (rc == SQ_OK)
			rc = call_ticket(s, &c, &t, QUEUE_RULE_MANUAL, reason, day, now_ms, out,
			                 err);
	}
	return tx_end(s, rc, err);
}

int
store_counter_ticket_event(struct store *s, const struct config *cfg, int counter,
                           enum ticket_event event, const char *arg, int64_t now_ms,
                           struct store_ticket *out, struct sq_error *err)
{
	int day = thaitime_day_key(now_ms);
	struct store_counter c;
	int rc;

	switch (event) {
	case EVENT_RECALLED:
	case EVENT_STARTED:
	case EVENT_FINISHED:
	case EVENT_NOSHOW:
	case EVENT_PARKED:
		break;
	case EVENT_TRANSFERRED:
		if (!arg || !config_service_find(cfg, arg))
			return sq_error_set(err, SQ_ERR_NOTFOUND, "no service '%s' in %s",
			                    arg ? arg : "", cfg->path);
		break;
	case EVENT_VOIDED:
		if (!arg || !*arg)
			return sq_error_set(err, SQ_ERR_INVALID, "voiding a ticket needs a reason");
		break;
	default:
		return sq_error_set(err, SQ_ERR_INVALID, "'%s' is not an action on a ticket",
		                    queue_event_name(event));
	}
	if ((rc = check_counter(cfg, counter, err)) || (rc = tx_begin(s, err)))
		return rc;
	rc = counter_read(s, counter, &c, err);
	if (rc == SQ_OK && !c.has_ticket)
		rc = sq_error_set(err, SQ_ERR_STATE, "counter %d has no current ticket", counter);
	if (rc == SQ_OK && event == EVENT_TRANSFERRED && strcmp(arg, c.ticket.service) == 0)
		rc = sq_error_set(err, SQ_ERR_INVALID, "ticket %s is already in service %s",
		                  c.ticket.code, arg);
	if (rc == SQ_OK) {
		char detail[64] = "";
		if (event == EVENT_TRANSFERRED)
			snprintf(detail, sizeof(detail), "from %s", c.ticket.service);
		struct event_row row = {
		    .ticket_id = c.ticket.id,
		    .kind = event,
		    .at_ms = now_ms,
		    .day = day,
		    .service = event == EVENT_TRANSFERRED ? arg : c.ticket.service,
		    .counter = counter,
		    .officer = c.officer,
		    .reason = event == EVENT_VOIDED ? arg : NULL,
		    .detail = *detail ? detail : NULL,
		};
		rc = ticket_apply(s, &c.ticket, &row, err);
		if (rc == SQ_OK)
			*out = c.ticket;
	}
	return tx_end(s, rc, err);
}

int
store_reactivate(struct store *s, const struct config *cfg, int counter, const char *code,
                 int64_t now_ms, struct store_ticket *out, struct sq_error *err)
{
	int day = thaitime_day_key(now_ms);
	struct store_ticket t;
	int rc;

	if ((rc = check_counter(cfg, counter, err)) || (rc = tx_begin(s, err)))
		return rc;
	rc = store_ticket_find(s, day, code, &t, err);
	if (rc == SQ_OK && t.state == TICKET_NOSHOW &&
	    !queue_noshow_in_grace(t.state_ms, now_ms, cfg->noshow_grace_minutes))
		rc = sq_error_set(err, SQ_ERR_STATE,
		                  "ticket %s was marked no-show more than %d minutes ago: issue a "
		                  "new ticket",
		                  code, cfg->noshow_grace_minutes);
	if (rc == SQ_OK) {
		struct event_row row = {
		    .ticket_id = t.id,
		    .kind = EVENT_RETURNED,
		    .at_ms = now_ms,
		    .day = day,
		    .service = t.service,
		    .counter = counter,
		    .reason = t.state == TICKET_NOSHOW ? "no-show reactivated" : "back early",
		};
		rc = ticket_apply(s, &t, &row, err);
		if (rc == SQ_OK)
			*out = t;
	}
	return tx_end(s, rc, err);
}

int
store_counter_status_event(struct store *s, const struct config *cfg, int counter,
                           enum ticket_event event, const char *arg, int64_t now_ms,
                           struct sq_error *err)
{
	int day = thaitime_day_key(now_ms);
	struct store_counter c;
	int rc;

	if (event == EVENT_LOGIN) {
		if (!arg || !*arg)
			return sq_error_set(err, SQ_ERR_INVALID, "login needs an officer id");
		if (cfg->n_officers && !config_officer_find(cfg, arg))
			return sq_error_set(err, SQ_ERR_NOTFOUND, "no [officer %s] in %s", arg,
			                    cfg->path);
		if (strlen(arg) >= CONFIG_ID_LEN)
			return sq_error_set(err, SQ_ERR_INVALID, "officer id '%s' is too long",
			                    arg);
	} else if (event != EVENT_LOGOUT && event != EVENT_BREAK && event != EVENT_RESUME) {
		return sq_error_set(err, SQ_ERR_INVALID, "'%s' is not a counter status",
		                    queue_event_name(event));
	}
	if ((rc = check_counter(cfg, counter, err)) || (rc = tx_begin(s, err)))
		return rc;
	rc = counter_read(s, counter, &c, err);
	if (rc == SQ_OK && c.has_ticket && event != EVENT_RESUME)
		rc = sq_error_set(err, SQ_ERR_STATE,
		                  "counter %d is holding ticket %s: finish, park or transfer it "
		                  "first",
		                  counter, c.ticket.code);
	if (rc == SQ_OK) {
		switch (event) {
		case EVENT_LOGIN:
			snprintf(c.officer, sizeof(c.officer), "%s", arg);
			c.status = COUNTER_OPEN;
			c.reason[0] = '\0';
			break;
		case EVENT_LOGOUT:
			if (c.status == COUNTER_CLOSED)
				rc = sq_error_set(err, SQ_ERR_STATE, "counter %d is not logged in",
				                  counter);
			c.status = COUNTER_CLOSED;
			break;
		case EVENT_BREAK:
			if (c.status != COUNTER_OPEN)
				rc = sq_error_set(err, SQ_ERR_STATE, "counter %d is not open",
				                  counter);
			c.status = COUNTER_BREAK;
			snprintf(c.reason, sizeof(c.reason), "%s", arg && *arg ? arg : "break");
			break;
		default:
			if (c.status != COUNTER_BREAK)
				rc = sq_error_set(err, SQ_ERR_STATE, "counter %d is not on break",
				                  counter);
			c.status = COUNTER_OPEN;
			c.reason[0] = '\0';
			break;
		}
	}
	if (rc == SQ_OK) {
		c.since_ms = now_ms;
		c.priority_streak = 0;
		struct event_row row = {
		    .kind = event,
		    .at_ms = now_ms,
		    .day = day,
		    .counter = counter,
		    .officer = c.officer,
		    .reason = event == EVENT_BREAK ? c.reason : NULL,
		};
		rc = counter_write(s, &c, err);
		if (rc == SQ_OK)
			rc = log_event(s, &row, err);
		if (event == EVENT_LOGOUT)
			c.officer[0] = '\0';
		if (rc == SQ_OK && event == EVENT_LOGOUT)
			rc = counter_write(s, &c, err);
	}
	return tx_end(s, rc, err);
}

int
store_log_event(struct store *s, enum ticket_event event, const char *service, int counter,
                const char *reason, int64_t now_ms, struct sq_error *err)
{
	struct event_row row = {
	    .kind = event,
	    .at_ms = now_ms,
	    .day = thaitime_day_key(now_ms),
	    .service = service,
	    .counter = counter,
	    .reason = reason,
	};
	int rc;

	if (event != EVENT_FIRST_CONTACT && event != EVENT_FAULT)
		return sq_error_set(err, SQ_ERR_INVALID, "'%s' belongs to a ticket or counter",
		                    queue_event_name(event));
	if ((rc = tx_begin(s, err)))
		return rc;
	rc = log_event(s, &row, err);
	return tx_end(s, rc, err);
}

int
store_waiting_count(struct store *s, const char *service, int *out, struct sq_error *err)
{
	int64_t n = 0;
	int rc = db_int(s,
	                db_prepare(s,
	                           "SELECT count(*) FROM ticket WHERE service = ? AND state IN "
	                           "('waiting', 'parked')",
	                           "S", service),
	                &n, err, "counting the queue");

	*out = (int)n;
	return rc;
}

int
store_people_ahead(struct store *s, const struct store_ticket *t, int *out, struct sq_error *err)
{
	int64_t n = 0;
	int rc = db_int(s,
	                db_prepare(s,
	                           "SELECT count(*) FROM ticket WHERE service = ? AND state = "
	                           "'waiting' AND id < ?",
	                           "SI", t->service, t->id),
	                &n, err, "counting the queue");

	*out = (int)n;
	return rc;
}

int
store_mean_service_minutes(struct store *s, const char *service, int day, double fallback,
                           double *out, struct sq_error *err)
{
	sqlite3_stmt *st = db_prepare(
	    s,
	    "SELECT avg(f.at_ms - coalesce((SELECT max(at_ms) FROM event e WHERE e.ticket_id = "
	    "f.ticket_id AND e.kind = 'started'), t.called_ms)) FROM event f JOIN ticket t ON "
	    "t.id = f.ticket_id WHERE f.day = ? AND f.kind = 'finished' AND f.service = ?",
	    "IS", (int64_t)day, service);
	int rc;

	*out = fallback;
	if (!st)
		return db_fail(s, err, "measuring service times");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		*out = sqlite3_column_double(st, 0) / 60000.0;
	db_done(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(s, err, "measuring service times");
	return SQ_OK;
}

int
store_recent_calls(struct store *s, int day, struct store_recent_call *out, size_t max, size_t *n,
                   struct sq_error *err)
{
	sqlite3_stmt *st =
	    db_prepare(s,
	               "SELECT e.id, e.at_ms, t.code, e.service, e.counter, e.kind "
	               "FROM event e JOIN ticket t ON t.id = e.ticket_id WHERE "
	               "e.day = ? AND e.kind IN ('called', 'recalled') ORDER BY e.id "
	               "DESC LIMIT ?",
	               "II", (int64_t)day, (int64_t)max);
	int rc;

	*n = 0;
	if (!st)
		return db_fail(s, err, "reading recent calls");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max) {
		struct store_recent_call *c = &out[(*n)++];
		c->event_id = sqlite3_column_int64(st, 0);
		c->at_ms = sqlite3_column_int64(st, 1);
		copy_text(c->code, sizeof(c->code), sqlite3_column_text(st, 2));
		copy_text(c->service, sizeof(c->service), sqlite3_column_text(st, 3));
		c->counter = sqlite3_column_int(st, 4);
		const char *kind = (const char *)sqlite3_column_text(st, 5);
		c->recall = kind && strcmp(kind, "recalled") == 0;
	}
	db_done(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(s, err, "reading recent calls");
	return SQ_OK;
}

int
store_data_version(struct store *s, int64_t *out, struct sq_error *err)
{
	return db_int(s, db_prepare(s, "PRAGMA data_version", ""), out, err, "polling for changes");
}

struct sqlite3 *
store_db(struct store *s)
{
	return s->db;
}

/* ------------------------------------------------------------------------
 * Ratings.
 */

/* Log name, Thai and English label of each reason. */
static const struct {
	const char *name, *th, *en;
} rating_reasons[RATING_REASON_COUNT] = {
    [RATING_REASON_NONE] = {"", "ไม่ระบุ", "not given"},
    [RATING_REASON_WAITING] = {"waiting", "ระยะเวลารอคอย", "Waiting time"},
    [RATING_REASON_COURTESY] = {"courtesy", "ความสุภาพของเจ้าหน้าที่", "Officer's courtesy"},
    [RATING_REASON_INFORMATION] = {"information", "การให้ข้อมูล", "Information"},
    [RATING_REASON_FACILITIES] = {"facilities", "สิ่งอำนวยความสะดวก", "Facilities"},
};

const char *
store_rating_reason_name(enum rating_reason reason)
{
	return (unsigned)reason < RATING_REASON_COUNT ? rating_reasons[reason].name : "";
}

const char *
store_rating_reason_th(enum rating_reason reason)
{
	return (unsigned)reason < RATING_REASON_COUNT ? rating_reasons[reason].th : "";
}

const char *
store_rating_reason_en(enum rating_reason reason)
{
	return (unsigned)reason < RATING_REASON_COUNT ? rating_reasons[reason].en : "";
}

int
store_rating_reason_from_name(const char *name)
{
	if (!name || !*name)
		return RATING_REASON_NONE;
	for (int i = 1; i < RATING_REASON_COUNT; i++)
		if (strcmp(rating_reasons[i].name, name) == 0)
			return i;
	return -1;
}

/* The keys of [rating]: where each goes and its range. */
static const struct {
	const char *key;
	size_t offset;
	int lo, hi;
	const char *unit;
} rating_keys[] = {
    {"window_minutes", offsetof(struct store_rating_settings, window_minutes), 1, 1440, "minutes"},
    {"timeout_seconds", offsetof(struct store_rating_settings, timeout_seconds), 5, 600, "seconds"},
};

/* Parse sec into *out; with err, a bad key is reported and SQ_ERR_INVALID returned. */
static int
rating_parse(const struct config_section *sec, struct store_rating_settings *out,
             struct sq_error *err)
{
	out->window_minutes = STORE_RATING_WINDOW_DEFAULT;
	out->timeout_seconds = STORE_RATING_TIMEOUT_DEFAULT;
	for (size_t i = 0; sec && i < sec->n_kv; i++) {
		const struct config_kv *kv = &sec->kv[i];
		size_t k = 0;
		while (k < sizeof(rating_keys) / sizeof(rating_keys[0]) &&
		       strcmp(rating_keys[k].key, kv->key) != 0)
			k++;
		if (k == sizeof(rating_keys) / sizeof(rating_keys[0]))
			return config_section_error(
			    err, sec, kv, "unknown key (window_minutes, timeout_seconds)");
		char *end;
		errno = 0;
		long v = strtol(kv->value, &end, 10);
		if (errno || end == kv->value || *end || v < rating_keys[k].lo ||
		    v > rating_keys[k].hi)
			return config_section_error(
			    err, sec, kv, "'%s' is not a number of %s from %d to %d", kv->value,
			    rating_keys[k].unit, rating_keys[k].lo, rating_keys[k].hi);
		*(int *)((char *)out + rating_keys[k].offset) = (int)v;
	}
	return SQ_OK;
}

int
store_rating_config_check(const struct config *cfg, const struct config_section *sec,
                          struct sq_error *err)
{
	struct store_rating_settings tmp;

	(void)cfg;
	return rating_parse(sec, &tmp, err);
}

void
store_rating_settings(const struct config *cfg, struct store_rating_settings *out)
{
	/* Checked at load: a failure here cannot happen, and leaves the defaults. */
	if (rating_parse(config_section_find(cfg, "rating", ""), out, NULL) != SQ_OK) {
		out->window_minutes = STORE_RATING_WINDOW_DEFAULT;
		out->timeout_seconds = STORE_RATING_TIMEOUT_DEFAULT;
	}
}

/*
 * The finish event of the ticket to rate: ticket_id's last finish, or the
 * last finish at counter on a service day from since_day (the day the
 * window opened: older finishes can no longer be rated, and the search
 * stays within a day or two of the log). SQ_ERR_NOTFOUND (with a message)
 * when none.
 */
static int
rating_find(struct store *s, int counter, int64_t ticket_id, int since_day,
            struct store_rating_target *out, struct sq_error *err)
{
	sqlite3_stmt *st =
	    ticket_id ? db_prepare(s,
	                           "SELECT id, ticket_id, at_ms, service, counter, officer FROM "
	                           "event WHERE kind = 'finished' AND ticket_id = ? ORDER BY id "
	                           "DESC LIMIT 1",
	                           "I", ticket_id)
	              : db_prepare(s,
	                           "SELECT id, ticket_id, at_ms, service, counter, officer FROM "
	                           "event WHERE kind = 'finished' AND day >= ? AND counter = ? "
	                           "ORDER BY id DESC LIMIT 1",
	                           "II", (int64_t)since_day, (int64_t)counter);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return db_fail(s, err, "finding the ticket to rate");
	rc = sqlite3_step(st);
	int64_t tid = 0;
	char service[4] = "", officer[CONFIG_ID_LEN] = "";
	int fcounter = 0;
	if (rc == SQLITE_ROW) {
		out->finish_event_id = sqlite3_column_int64(st, 0);
		tid = sqlite3_column_int64(st, 1);
		out->finished_ms = sqlite3_column_int64(st, 2);
		copy_text(service, sizeof(service), sqlite3_column_text(st, 3));
		fcounter = sqlite3_column_int(st, 4);
		copy_text(officer, sizeof(officer), sqlite3_column_text(st, 5));
	}
	db_done(s, st);
	if (rc == SQLITE_DONE) {
		if (ticket_id)
			return sq_error_set(err, SQ_ERR_STATE, "ticket %lld has not been finished",
			                    (long long)ticket_id);
		return sq_error_set(err, SQ_ERR_NOTFOUND,
		                    "no ticket has been finished at counter %d lately", counter);
	}
	if (rc != SQLITE_ROW)
		return db_fail(s, err, "finding the ticket to rate");
	rc = ticket_by_id(s, tid, &out->ticket, err);
	if (rc == SQ_ERR_NOTFOUND)
		return db_fail(s, err, "reading the finished ticket");
	if (rc != SQ_OK)
		return rc;
	/* The ticket row forgets its counter at the finish: give it the finish's. */
	snprintf(out->ticket.service, sizeof(out->ticket.service), "%s", service);
	snprintf(out->ticket.officer, sizeof(out->ticket.officer), "%s", officer);
	out->ticket.counter = fcounter;
	int64_t rated = 0;
	rc = db_int(s,
	            db_prepare(s,
	                       "SELECT count(*) FROM event WHERE kind = 'rated' AND ticket_id = ?",
	                       "I", tid),
	            &rated, err, "checking earlier ratings");
	out->rated = rated > 0;
	return rc;
}

/* The service day on which the rating window open at now_ms began. */
static int
window_day(const struct store_rating_settings *set, int64_t now_ms)
{
	return thaitime_day_key(now_ms - (int64_t)set->window_minutes * 60000);
}

/* Whether target may be rated at now_ms: the life cycle, once, the window. */
static int
rating_allowed(const struct store_rating_target *t, int window_minutes, int64_t now_ms,
               struct sq_error *err)
{
	if (queue_transition(t->ticket.state, EVENT_RATED) != TICKET_DONE)
		return sq_error_set(err, SQ_ERR_STATE, "ticket %s is %s: it cannot be rated",
		                    t->ticket.code, queue_state_name(t->ticket.state));
	if (t->rated)
		return sq_error_set(err, SQ_ERR_STATE, "ticket %s has already been rated",
		                    t->ticket.code);
	if (now_ms - t->finished_ms > (int64_t)window_minutes * 60000)
		return sq_error_set(
		    err, SQ_ERR_STATE,
		    "ticket %s was finished at counter %d more than %d minutes ago: "
		    "too late to rate it",
		    t->ticket.code, t->ticket.counter, window_minutes);
	return SQ_OK;
}

int
store_rating_target(struct store *s, const struct config *cfg, int counter, int64_t now_ms,
                    struct store_rating_target *out, struct sq_error *err)
{
	struct store_rating_settings set;
	int rc;

	store_rating_settings(cfg, &set);
	if ((rc = check_counter(cfg, counter, err)))
		return rc;
	if ((rc = rating_find(s, counter, 0, window_day(&set, now_ms), out, err)))
		return rc;
	return rating_allowed(out, set.window_minutes, now_ms, err);
}

int
store_rate(struct store *s, const struct config *cfg, int counter, int64_t ticket_id, int score,
           enum rating_reason reason, int64_t now_ms, struct store_rating *out,
           struct sq_error *err)
{
	struct store_rating_settings set;
	struct store_rating_target t;
	struct store_rating r = {0};
	int rc;

	if (score < 1 || score > 5)
		return sq_error_set(err, SQ_ERR_INVALID, "score %d is not from 1 to 5", score);
	if ((unsigned)reason >= RATING_REASON_COUNT)
		return sq_error_set(err, SQ_ERR_INVALID, "unknown rating reason %d", (int)reason);
	if (counter && (rc = check_counter(cfg, counter, err)))
		return rc;
	store_rating_settings(cfg, &set);
	if ((rc = tx_begin(s, err)))
		return rc;
	if (ticket_id || counter) {
		rc = rating_find(s, counter, ticket_id, window_day(&set, now_ms), &t, err);
		if (rc == SQ_OK && counter && t.ticket.counter != counter)
			rc = sq_error_set(err, SQ_ERR_STATE,
			                  "ticket %s was finished at counter %d, not %d",
			                  t.ticket.code, t.ticket.counter, counter);
		if (rc == SQ_OK)
			rc = rating_allowed(&t, set.window_minutes, now_ms, err);
		if (rc == SQ_OK) {
			r.ticket_id = t.ticket.id;
			snprintf(r.code, sizeof(r.code), "%s", t.ticket.code);
			snprintf(r.service, sizeof(r.service), "%s", t.ticket.service);
			r.counter = t.ticket.counter;
			snprintf(r.officer, sizeof(r.officer), "%s", t.ticket.officer);
		}
	}
	r.score = score;
	r.reason = reason;
	r.at_ms = now_ms;
	if (rc == SQ_OK) {
		struct event_row row = {
		    .ticket_id = r.ticket_id,
		    .kind = EVENT_RATED,
		    .at_ms = now_ms,
		    .day = thaitime_day_key(now_ms),
		    .service = r.service,
		    .counter = r.counter,
		    .officer = r.officer,
		    .reason = store_rating_reason_name(reason),
		    .score = score,
		};
		rc = log_event(s, &row, err);
		/* The unique index is the last word when two screens race. */
		if (rc == SQ_ERR_DB && sqlite3_errcode(s->db) == SQLITE_CONSTRAINT)
			rc = sq_error_set(err, SQ_ERR_STATE, "ticket %s has already been rated",
			                  r.code);
		r.event_id = rc == SQ_OK ? sqlite3_last_insert_rowid(s->db) : 0;
	}
	rc = tx_end(s, rc, err);
	if (rc == SQ_OK && out)
		*out = r;
	return rc;
}

int
store_calls_after(struct store *s, int day, int64_t after_id, struct store_recent_call *out,
                  size_t max, size_t *n, struct sq_error *err)
{
	sqlite3_stmt *st = db_prepare(s,
	                              "SELECT e.id, e.at_ms, t.code, e.service, e.counter, e.kind "
	                              "FROM event e JOIN ticket t ON t.id = e.ticket_id WHERE "
	                              "e.id > ? AND e.day = ? AND e.kind IN ('called', 'recalled') "
	                              "ORDER BY e.id LIMIT ?",
	                              "III", after_id, (int64_t)day, (int64_t)max);
	int rc = SQLITE_DONE;

	*n = 0;
	if (!st)
		return db_fail(s, err, "reading new calls");
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_recent_call *c = &out[(*n)++];
		const char *kind;

		c->event_id = sqlite3_column_int64(st, 0);
		c->at_ms = sqlite3_column_int64(st, 1);
		copy_text(c->code, sizeof(c->code), sqlite3_column_text(st, 2));
		copy_text(c->service, sizeof(c->service), sqlite3_column_text(st, 3));
		c->counter = sqlite3_column_int(st, 4);
		kind = (const char *)sqlite3_column_text(st, 5);
		c->recall = kind && strcmp(kind, "recalled") == 0;
	}
	if (*n == max)
		rc = SQLITE_DONE;
	db_done(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		*n = 0;
		return db_fail(s, err, "reading new calls");
	}
	return SQ_OK;
}

/* ------------------------------------------------------------------------
 * Read-only queries for the counter console.
 */

int
store_counter_queue(struct store *s, const struct config *cfg, int counter,
                    struct store_ticket *out, size_t max, size_t *n, struct sq_error *err)
{
	const struct config_counter *cc = config_counter_find(cfg, counter);
	int rc = SQLITE_DONE;

	*n = 0;
	if (!cc)
		return check_counter(cfg, counter, err);
	/* One query per service, merged by id: each walks the (service, state, id) index. */
	for (size_t i = 0; i < cc->n_services; i++) {
		sqlite3_stmt *st =
		    db_prepare(s,
		               "SELECT " TICKET_COLUMNS " FROM ticket WHERE "
		               "service = ? AND state IN ('waiting', 'parked') "
		               "ORDER BY id LIMIT ?",
		               "SI", cfg->services[cc->services[i]].id, (int64_t)max);
		if (!st)
			return db_fail(s, err, "reading the queue");
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct store_ticket t;
			size_t at;

			read_ticket(st, &t);
			/* Insert by id; past max the newest falls off. */
			for (at = *n; at > 0 && out[at - 1].id > t.id; at--)
				;
			if (at == max)
				continue;
			size_t keep = *n < max ? *n : max - 1;
			memmove(&out[at + 1], &out[at], (keep - at) * sizeof(*out));
			out[at] = t;
			if (*n < max)
				(*n)++;
		}
		db_done(s, st);
		if (rc != SQLITE_DONE) {
			*n = 0;
			return db_fail(s, err, "reading the queue");
		}
	}
	return SQ_OK;
}

int
store_counter_served(struct store *s, int counter, int day, int *served, double *mean_minutes,
                     struct sq_error *err)
{
	sqlite3_stmt *st = db_prepare(
	    s,
	    "SELECT count(*), avg(f.at_ms - coalesce((SELECT max(at_ms) FROM event e WHERE "
	    "e.ticket_id = f.ticket_id AND e.kind = 'started'), t.called_ms)) FROM event f JOIN "
	    "ticket t ON t.id = f.ticket_id WHERE f.day = ? AND f.kind = 'finished' AND "
	    "f.counter = ?",
	    "II", (int64_t)day, (int64_t)counter);
	int rc;

	*served = 0;
	*mean_minutes = 0;
	if (!st)
		return db_fail(s, err, "counting served tickets");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*served = sqlite3_column_int(st, 0);
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			*mean_minutes = sqlite3_column_double(st, 1) / 60000.0;
	}
	db_done(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(s, err, "counting served tickets");
	return SQ_OK;
}

int
store_last_event(struct store *s, enum ticket_event kind, int counter, const char *reason_prefix,
                 struct store_last_event *out, struct sq_error *err)
{
	/* substr() rather than LIKE, so that '%' and '_' in a prefix mean themselves. */
	sqlite3_stmt *st = db_prepare(
	    s,
	    "SELECT at_ms, reason FROM event WHERE kind = ? AND (?2 IS NULL OR counter = ?2) AND "
	    "(?3 IS NULL OR substr(coalesce(reason, ''), 1, length(?3)) = ?3) ORDER BY id DESC "
	    "LIMIT 1",
	    "Szs", queue_event_name(kind), (int64_t)counter, reason_prefix);
	int rc;

	memset(out, 0, sizeof(*out));
	if (!st)
		return db_fail(s, err, "reading the latest event");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->found = true;
		out->at_ms = sqlite3_column_int64(st, 0);
		copy_text(out->reason, sizeof(out->reason), sqlite3_column_text(st, 1));
	}
	db_done(s, st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(s, err, "reading the latest event");
	return SQ_OK;
}
