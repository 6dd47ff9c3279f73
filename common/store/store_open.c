/*
 * store_open.c - opening the log on either engine, and both engines'
 * schemas: SQLite's migrations and PostgreSQL's tables, side by side so
 * that a change to one is made to the other.
 */
#include "store_engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STORE_APPLICATION_ID 0x53514451 /* 'SQDQ' */

/*
 * Version 7, the same on both engines: the priority and booking queues each
 * walked by an index of their own (queue_heads() in store.c), so that a
 * claim finds their heads without stepping over every walk-in ticket that
 * waits for the service.
 */
#define SCHEMA_7_CLASS_QUEUES                                                                      \
	"CREATE INDEX ticket_priority_queue ON ticket (service, state, id) "                       \
	"WHERE priority IS NOT NULL;"                                                              \
	"CREATE INDEX ticket_booked_queue ON ticket (service, state, id) WHERE booked = 1;"

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
    /* 6 -> 7 */
    {.sql = SCHEMA_7_CLASS_QUEUES},
};
_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == STORE_SCHEMA_VERSION,
               "every schema version has its SQLite migration");

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

	if ((rc = store_sql_begin(s, err)))
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

int
store_schema_sqlite(struct store *s, struct sq_error *err)
{
	int rc = check_ours(s, err);

	/* WAL lets screens read while a counter writes; FULL makes each commit durable. */
	if (rc == SQ_OK)
		rc = store_sql_exec(s, "PRAGMA journal_mode = WAL", err, "switching to WAL");
	if (rc == SQ_OK)
		rc = store_sql_exec(s, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", err,
		                    "setting durability");
	if (rc == SQ_OK)
		rc = migrate(s, err);
	return rc;
}

/*
 * PostgreSQL's schema at STORE_SCHEMA_VERSION: the tables, columns and
 * indexes migrations[] above gives SQLite, created whole in an empty
 * database (there is no older PostgreSQL schema to migrate). Integers are
 * BIGINT (times are milliseconds). The database itself keeps the log
 * append-only, and tells every connection LISTENing on 'saduak' that the
 * log changed (store_data_version()). meta holds the schema version and
 * the application id, as SQLite's user_version and application_id do.
 */
static const char pg_schema[] =
    "CREATE TABLE ticket ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  day BIGINT NOT NULL,"
    "  prefix TEXT NOT NULL,"
    "  number BIGINT NOT NULL,"
    "  code TEXT NOT NULL,"
    "  service TEXT NOT NULL,"
    "  priority TEXT,"
    "  issued_ms BIGINT NOT NULL,"
    "  state TEXT NOT NULL,"
    "  state_ms BIGINT NOT NULL,"
    "  counter BIGINT,"
    "  officer TEXT,"
    "  called_ms BIGINT,"
    "  token TEXT,"
    "  booked BIGINT NOT NULL DEFAULT 0,"
    "  UNIQUE (day, prefix, number));"
    "CREATE INDEX ticket_queue ON ticket (service, state, id);"
    "CREATE INDEX ticket_code ON ticket (day, code);"
    "CREATE INDEX ticket_open ON ticket (state, day);"
    "CREATE UNIQUE INDEX ticket_token ON ticket (token) WHERE token IS NOT NULL;"
    "CREATE TABLE event ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  ticket_id BIGINT REFERENCES ticket (id),"
    "  at_ms BIGINT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  day BIGINT NOT NULL,"
    "  service TEXT,"
    "  counter BIGINT,"
    "  officer TEXT,"
    "  rule TEXT,"
    "  reason TEXT,"
    "  score BIGINT,"
    "  detail TEXT,"
    "  hash TEXT);"
    "CREATE INDEX event_ticket ON event (ticket_id);"
    "CREATE INDEX event_day_kind ON event (day, kind);"
    "CREATE UNIQUE INDEX event_rated_once ON event (ticket_id)"
    "  WHERE kind = 'rated' AND ticket_id IS NOT NULL;"
    "CREATE INDEX event_kind_day ON event (kind, day, counter);"
    "CREATE FUNCTION saduak_append_only() RETURNS trigger LANGUAGE plpgsql AS"
    "  $$BEGIN RAISE EXCEPTION 'the event log is append-only'; END$$;"
    "CREATE TRIGGER event_no_update BEFORE UPDATE OR DELETE ON event"
    "  FOR EACH ROW EXECUTE FUNCTION saduak_append_only();"
    "CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON event"
    "  FOR EACH STATEMENT EXECUTE FUNCTION saduak_append_only();"
    "CREATE FUNCTION saduak_hash_required() RETURNS trigger LANGUAGE plpgsql AS"
    "  $$BEGIN RAISE EXCEPTION 'an event of the log needs its hash'; END$$;"
    "CREATE TRIGGER event_hash_required BEFORE INSERT ON event FOR EACH ROW"
    "  WHEN (NEW.hash IS NULL) EXECUTE FUNCTION saduak_hash_required();"
    "CREATE TABLE counter_state ("
    "  counter BIGINT PRIMARY KEY,"
    "  officer TEXT,"
    "  status TEXT NOT NULL,"
    "  reason TEXT,"
    "  since_ms BIGINT NOT NULL,"
    "  priority_streak BIGINT NOT NULL DEFAULT 0,"
    "  ticket_id BIGINT REFERENCES ticket (id),"
    "  booking_streak BIGINT NOT NULL DEFAULT 0);"
    "CREATE TABLE booking ("
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE,"
    "  service TEXT NOT NULL,"
    "  day BIGINT NOT NULL,"
    "  slot_minute BIGINT NOT NULL,"
    "  state TEXT NOT NULL,"
    "  made_ms BIGINT NOT NULL,"
    "  state_ms BIGINT NOT NULL,"
    "  id_hash TEXT,"
    "  note TEXT,"
    "  ticket_id BIGINT REFERENCES ticket (id));"
    "CREATE INDEX booking_slot ON booking (service, day, slot_minute, state);"
    "CREATE INDEX booking_day ON booking (day, state);"
    "CREATE INDEX booking_id_hash ON booking (id_hash) WHERE id_hash IS NOT NULL;"
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value BIGINT NOT NULL);"
    "CREATE FUNCTION saduak_notify() RETURNS trigger LANGUAGE plpgsql AS"
    "  $$BEGIN PERFORM pg_notify('saduak', ''); RETURN NULL; END$$;"
    "CREATE TRIGGER event_notify AFTER INSERT ON event"
    "  FOR EACH STATEMENT EXECUTE FUNCTION saduak_notify();"
    "CREATE TRIGGER ticket_notify AFTER INSERT OR UPDATE ON ticket"
    "  FOR EACH STATEMENT EXECUTE FUNCTION saduak_notify();"
    "CREATE TRIGGER counter_state_notify AFTER INSERT OR UPDATE ON counter_state"
    "  FOR EACH STATEMENT EXECUTE FUNCTION saduak_notify();"
    "CREATE TRIGGER booking_notify AFTER INSERT OR UPDATE ON booking"
    "  FOR EACH STATEMENT EXECUTE FUNCTION saduak_notify();" SCHEMA_7_CLASS_QUEUES;

/*
 * PostgreSQL's logs began at version 6: pg_migrations[v - PG_FIRST_VERSION]
 * brings a log at version v to v + 1, as migrations[] does SQLite's.
 */
#define PG_FIRST_VERSION 6
static const char *const pg_migrations[] = {
    /* 6 -> 7 */
    SCHEMA_7_CLASS_QUEUES,
};
_Static_assert(PG_FIRST_VERSION + sizeof(pg_migrations) / sizeof(pg_migrations[0]) ==
                   STORE_SCHEMA_VERSION,
               "every schema version has its PostgreSQL migration");

/* Bring a log at version up to date, under the write lock (the schema's owner's rights). */
static int
pg_migrate(struct store *s, int64_t version, struct sq_error *err)
{
	const size_t known = sizeof(pg_migrations) / sizeof(pg_migrations[0]);
	int rc = SQ_OK;

	if (version < PG_FIRST_VERSION)
		return sq_error_set(err, SQ_ERR_DB,
		                    "'%s' has schema version %lld: no migration is known", s->shown,
		                    (long long)version);
	for (size_t i = (size_t)(version - PG_FIRST_VERSION); i < known && rc == SQ_OK; i++)
		rc = store_sql_exec(s, pg_migrations[i], err, "updating the schema");
	if (rc == SQ_OK)
		rc = store_sql_run(s,
		                   store_sql_prepare(s,
		                                     "UPDATE meta SET value = ? WHERE key = "
		                                     "'schema_version'",
		                                     "I", (int64_t)STORE_SCHEMA_VERSION),
		                   err, "recording the schema version");
	return rc;
}

/*
 * Check that the log is ours and not newer. Under the write lock (write),
 * create the schema in an empty database and bring an older one up to date;
 * else say that either is needed: SQ_ERR_NOTFOUND (empty) or SQ_ERR_STATE
 * (older).
 */
static int
pg_check_or_create(struct store *s, bool write, struct sq_error *err)
{
	int64_t tables = 0, app_id = 0, version = 0;
	int rc = store_sql_int(s,
	                       store_sql_prepare(s,
	                                         "SELECT count(*) FROM pg_catalog.pg_tables "
	                                         "WHERE schemaname = current_schema()",
	                                         ""),
	                       &tables, err, "reading the schema");

	if (rc == SQ_OK && tables == 0 && !write)
		return sq_error_set(err, SQ_ERR_NOTFOUND, "database '%s' holds no log yet",
		                    s->shown);
	if (rc == SQ_OK && tables == 0) {
		rc = store_sql_exec(s, pg_schema, err, "creating the schema");
		if (rc == SQ_OK)
			rc = store_sql_run(s,
			                   store_sql_prepare(s,
			                                     "INSERT INTO meta (key, value) VALUES "
			                                     "('application_id', ?), "
			                                     "('schema_version', ?)",
			                                     "II", (int64_t)STORE_APPLICATION_ID,
			                                     (int64_t)STORE_SCHEMA_VERSION),
			                   err, "recording the schema version");
		return rc;
	}
	if (rc == SQ_OK)
		rc = store_sql_int(s,
		                   store_sql_prepare(s,
		                                     "SELECT count(*) FROM pg_catalog.pg_tables "
		                                     "WHERE schemaname = current_schema() AND "
		                                     "tablename = 'meta'",
		                                     ""),
		                   &tables, err, "reading the schema");
	if (rc == SQ_OK && tables == 1)
		rc = store_sql_int(s,
		                   store_sql_prepare(s,
		                                     "SELECT value FROM meta WHERE key = "
		                                     "'application_id'",
		                                     ""),
		                   &app_id, err, "reading the application id");
	if (rc == SQ_OK && app_id == STORE_APPLICATION_ID)
		rc = store_sql_int(s,
		                   store_sql_prepare(s,
		                                     "SELECT value FROM meta WHERE key = "
		                                     "'schema_version'",
		                                     ""),
		                   &version, err, "reading the schema version");
	if (rc != SQ_OK)
		return rc;
	if (app_id != STORE_APPLICATION_ID)
		return sq_error_set(err, SQ_ERR_DB,
		                    "'%s' is a PostgreSQL database of another program, not a "
		                    "Saduak Queue log",
		                    s->shown);
	if (version >= PG_FIRST_VERSION && version < STORE_SCHEMA_VERSION)
		return write ? pg_migrate(s, version, err)
		             : sq_error_set(err, SQ_ERR_STATE,
		                            "'%s' has schema version %lld, older than this "
		                            "program's %d: opening it brings it up to date",
		                            s->shown, (long long)version, STORE_SCHEMA_VERSION);
	if (version != STORE_SCHEMA_VERSION)
		return sq_error_set(err, SQ_ERR_DB,
		                    "'%s' has schema version %lld, %s this program's %d: %s",
		                    s->shown, (long long)version,
		                    version > STORE_SCHEMA_VERSION ? "newer than" : "older than",
		                    STORE_SCHEMA_VERSION,
		                    version > STORE_SCHEMA_VERSION ? "upgrade Saduak Queue"
		                                                   : "no migration is known");
	return SQ_OK;
}

int
store_schema_pg(struct store *s, struct sq_error *err)
{
	/* A read first: opening an office's database takes no lock from its counters. */
	int rc = store_sql_begin_read(s, err);

	if (rc == SQ_OK)
		rc = store_sql_end(s, pg_check_or_create(s, false, err), err);
	if (rc != SQ_ERR_NOTFOUND && rc != SQ_ERR_STATE)
		return rc;
	sq_error_clear(err);
	/* Under the write lock: two programs opening a new or older log create or update it once.
	 */
	rc = store_sql_begin(s, err);
	if (rc == SQ_OK)
		rc = store_sql_end(s, pg_check_or_create(s, true, err), err);
	return rc;
}

/* A struct store for setting, its engine chosen, not yet connected. */
static int
store_new(const char *setting, struct store **out, struct sq_error *err)
{
	struct store *s = calloc(1, sizeof(*s));

	*out = NULL;
	if (!s || !(s->path = strdup(setting)) || !(s->shown = strdup(setting))) {
		if (s)
			free(s->path);
		free(s);
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory opening '%s'", setting);
	}
	s->engine = config_database_is_server(setting) ? &store_pg_engine : &store_sqlite_engine;
	*out = s;
	return SQ_OK;
}

int
store_verify_server(const char *setting, struct sq_error *err)
{
	struct store *s;
	int rc = store_new(setting, &s, err);

	if (rc == SQ_OK)
		rc = store_pg_connect(s, err);
	if (rc == SQ_OK)
		rc = store_sql_begin_read(s, err);
	if (rc == SQ_OK)
		rc = store_sql_end(s, pg_check_or_create(s, false, err), err);
	if (rc == SQ_OK)
		rc = store_check_integrity(s, err);
	store_close(s);
	return rc;
}

int
store_open(const char *path, struct store **out, struct sq_error *err)
{
	struct store *s;
	int rc = store_new(path, &s, err);

	*out = NULL;
	if (rc != SQ_OK)
		return rc;
	if ((rc = s->engine->open(s, err)) != SQ_OK) {
		store_close(s);
		return rc;
	}
	*out = s;
	return SQ_OK;
}

void
store_close(struct store *s)
{
	if (!s)
		return;
	store_sql_close_all(s);
	s->engine->close(s);
	free(s->path);
	free(s->shown);
	free(s->pg_error);
	free(s);
}
