#include "store_private.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define STORE_APPLICATION_ID 0x53514451 /* 'SQDQ' */

/*
 * Schema migrations: migrations[i] brings user_version i to i + 1, by its SQL
 * or, for a step SQL alone cannot do, its code.
 */
static const struct migration {
	const char *sql;
	int (*code)(struct store *s, struct sq_error *err);
} migrations[] = {
    {.sql = "CREATE TABLE ticket ("
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
            "  ticket_id INTEGER REFERENCES ticket (id));"},
    /* 1 -> 2: ratings once per ticket; events of a kind by day (a counter's last
       finish, the monthly report); open tickets. */
    {.sql = "CREATE UNIQUE INDEX event_rated_once ON event (ticket_id)"
            "  WHERE kind = 'rated' AND ticket_id IS NOT NULL;"
            "CREATE INDEX event_kind_day ON event (kind, day, counter);"
            "CREATE INDEX ticket_open ON ticket (state, day);"},
    /* 2 -> 3: the random token of a ticket's web page (the QR code), unique. */
    {.sql = "ALTER TABLE ticket ADD COLUMN token TEXT;"
            "CREATE UNIQUE INDEX ticket_token ON ticket (token) WHERE token IS NOT NULL;"},
    /* 3 -> 4: facts about the log itself, such as how far it holds simulated traffic. */
    {.sql = "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"},
    /* 4 -> 5: advance bookings (store_booking.h); a ticket of class booking is marked;
       a counter's streak of booking calls (queue.h). */
    {.sql = "CREATE TABLE booking ("
            "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
            "  code TEXT NOT NULL UNIQUE,"
            "  service TEXT NOT NULL,"
            "  day INTEGER NOT NULL,"
            "  slot_minute INTEGER NOT NULL,"
            "  state TEXT NOT NULL,"
            "  made_ms INTEGER NOT NULL,"
            "  state_ms INTEGER NOT NULL,"
            "  id_hash TEXT,"
            "  note TEXT,"
            "  ticket_id INTEGER REFERENCES ticket (id));"
            "CREATE INDEX booking_slot ON booking (service, day, slot_minute, state);"
            "CREATE INDEX booking_day ON booking (day, state);"
            "CREATE INDEX booking_id_hash ON booking (id_hash) WHERE id_hash IS NOT NULL;"
            "ALTER TABLE ticket ADD COLUMN booked INTEGER NOT NULL DEFAULT 0;"
            "ALTER TABLE counter_state ADD COLUMN booking_streak INTEGER NOT NULL DEFAULT 0;"},
    /* 5 -> 6: each event's hash, chained to the one before (store_chain.c). */
    {.code = store_chain_migrate},
};

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

	if ((rc = store_sql_int(s, store_sql_prepare(s, "PRAGMA user_version", ""), &version, err,
	                        "reading the schema version")) ||
	    (rc = store_sql_int(s, store_sql_prepare(s, "PRAGMA application_id", ""), &app_id, err,
	                        "reading the application id")) ||
	    (rc = store_sql_int(s, store_sql_prepare(s, "SELECT count(*) FROM sqlite_master", ""),
	                        &tables, err, "reading the schema")))
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

	if ((rc = store_sql_begin(s, NULL, err)))
		return rc;
	if ((rc = store_sql_int(s, store_sql_prepare(s, "PRAGMA user_version", ""), &version, err,
	                        "reading the schema version")))
		return store_sql_end(s, rc, err);
	for (int v = (int)version; v < known && rc == SQ_OK; v++)
		rc = migrations[v].sql
		         ? store_sql_exec(s, migrations[v].sql, err, "updating the schema")
		         : migrations[v].code(s, err);
	if (rc == SQ_OK && version < known) {
		char sql[96];
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d; PRAGMA application_id = %d",
		         known, STORE_APPLICATION_ID);
		rc = store_sql_exec(s, sql, err, "recording the schema version");
	}
	return store_sql_end(s, rc, err);
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
	sqlite3_busy_handler(s->db, store_sql_busy_handler, s);
	rc = check_ours(s, err);
	/* WAL lets screens read while a counter writes; FULL makes each commit durable. */
	if (rc == SQ_OK)
		rc = store_sql_exec(s, "PRAGMA journal_mode = WAL", err, "switching to WAL");
	if (rc == SQ_OK)
		rc = store_sql_exec(s, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", err,
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
	sqlite3_stmt *st = store_sql_prepare(s, "PRAGMA integrity_check", "");
	int rc;

	if (!st)
		return store_sql_fail(s, err, "checking integrity");
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		store_sql_done(s, st);
		if (sqlite3_errcode(s->db) == SQLITE_CORRUPT ||
		    sqlite3_errcode(s->db) == SQLITE_NOTADB)
			return sq_error_set(err, SQ_ERR_CORRUPT, "database '%s' is corrupt: %s",
			                    s->path, sqlite3_errmsg(s->db));
		return store_sql_fail(s, err, "checking integrity");
	}
	const char *first = (const char *)sqlite3_column_text(st, 0);
	if (!first || strcmp(first, "ok") != 0) {
		sq_error_set(err, SQ_ERR_CORRUPT, "database '%s' failed its integrity check: %s",
		             s->path, first ? first : "(no answer)");
		store_sql_done(s, st);
		return SQ_ERR_CORRUPT;
	}
	store_sql_done(s, st);
	return SQ_OK;
}
