#include "test_office.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include <cmocka.h>
#include <libpq-fe.h>
#include <math.h>
#include <sqlite3.h>

#include "thaitime.h"

bool
test_office_on_postgresql(void)
{
	const char *engine = getenv("SADUAK_TEST_DATABASE");

	return engine && strcmp(engine, "postgresql") == 0;
}

/* Run sql on the server's default database (libpq's PG* variables): 0 or -1. */
static int
pg_admin(const char *sql)
{
	PGconn *conn = PQconnectdb("");
	PGresult *res = PQexec(conn, sql);
	int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : -1;

	if (rc)
		fprintf(stderr, "%s: %s", sql, PQerrorMessage(conn));
	PQclear(res);
	PQfinish(conn);
	return rc;
}

/* On PostgreSQL: a new database for o, which its config now names. 0 or -1. */
static int
pg_database(struct test_office *o)
{
	static int made;
	char sql[96], url[64];

	snprintf(o->pg_name, sizeof(o->pg_name), "t_%ld_%d", (long)getpid(), made++);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s", o->pg_name);
	snprintf(url, sizeof(url), "postgresql:///%s", o->pg_name);
	if (pg_admin(sql) != 0) {
		*o->pg_name = '\0';
		return -1;
	}
	free(o->cfg->database);
	o->cfg->database = strdup(url);
	return o->cfg->database ? 0 : -1;
}

int
test_office_setup(void **state, const char *config_text)
{
	struct test_office *o = calloc(1, sizeof(*o));
	char path[256];
	FILE *file;

	if (!o)
		return -1;
	*state = o;
	snprintf(o->dir, sizeof(o->dir), "/tmp/saduak-test-XXXXXX");
	if (!mkdtemp(o->dir)) {
		free(o);
		*state = NULL;
		return -1;
	}
	snprintf(path, sizeof(path), "%s/office.ini", o->dir);
	file = fopen(path, "w");
	if (!file || fputs(config_text, file) < 0) {
		if (file)
			fclose(file);
		goto fail;
	}
	if (fclose(file) != 0 || config_load(path, &o->cfg, NULL) != SQ_OK ||
	    thaitime_set_zone(o->cfg->timezone, NULL) != SQ_OK ||
	    (test_office_on_postgresql() && pg_database(o) != 0) ||
	    store_open(o->cfg->database, &o->store, NULL) != SQ_OK)
		goto fail;
	/* The office's zone decides what 09:00 means. */
	o->t0 = thaitime_utc_ms(2026, 11, 23, 9, 0);
	o->now_ms = o->t0;
	store_set_clock(o->store, test_office_clock, o);
	return 0;
fail:
	test_office_teardown(state);
	return -1;
}

int64_t
test_office_clock(void *ctx)
{
	const struct test_office *o = ctx;

	return o->now_ms;
}

int
test_office_teardown(void **state)
{
	struct test_office *o = *state;
	char cmd[128];
	int rc;

	if (!o)
		return 0;
	store_close(o->store);
	config_free(o->cfg);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", o->dir);
	rc = system(cmd) == 0 ? 0 : -1;
	if (*o->pg_name) {
		/* FORCE: a test's child process may still hold a connection. */
		snprintf(cmd, sizeof(cmd), "DROP DATABASE %s WITH (FORCE)", o->pg_name);
		rc = pg_admin(cmd) == 0 ? rc : -1;
	}
	free(o);
	*state = NULL;
	return rc;
}

void
test_expect_config_error(int rc, struct config *cfg, const struct sq_error *err, bool device,
                         const char *want)
{
	const char *msg;

	if (device) {
		assert_int_equal(rc, SQ_OK);
		assert_int_equal(cfg->n_device_faults, 1);
		msg = cfg->device_faults[0];
	} else {
		assert_int_equal(rc, SQ_ERR_INVALID);
		assert_null(cfg);
		msg = err->msg;
	}
	if (!strstr(msg, want))
		fail_msg("expected '%s' in '%s'", want, msg);
	config_free(cfg);
}

struct store *
test_office_at(struct test_office *o, int64_t ms)
{
	o->now_ms = ms;
	return o->store;
}

/* A connection of the test's own to the office's PostgreSQL database. */
static PGconn *
pg_connect(struct test_office *o)
{
	PGconn *conn = PQconnectdb(o->cfg->database);

	if (PQstatus(conn) != CONNECTION_OK)
		fail_msg("%s: %s", o->cfg->database, PQerrorMessage(conn));
	return conn;
}

int
test_office_exec(struct test_office *o, const char *sql, char **msg)
{
	int rc;

	if (*o->pg_name) {
		PGconn *conn = pg_connect(o);
		PGresult *res = PQexec(conn, sql);
		ExecStatusType status = PQresultStatus(res);
		rc = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? 0 : -1;
		if (msg)
			*msg = rc ? strdup(PQresultErrorMessage(res)) : NULL;
		PQclear(res);
		PQfinish(conn);
		return rc;
	}
	sqlite3 *db = NULL;
	char *text = NULL;

	assert_int_equal(sqlite3_open_v2(o->cfg->database, &db, SQLITE_OPEN_READWRITE, NULL),
	                 SQLITE_OK);
	sqlite3_busy_timeout(db, 10000);
	rc = sqlite3_exec(db, sql, NULL, NULL, &text) == SQLITE_OK ? 0 : -1;
	if (msg)
		*msg = text ? strdup(text) : NULL;
	sqlite3_free(text);
	sqlite3_close(db);
	return rc;
}

/* The first column of sql's first row as text into out (n bytes); false for no row or NULL. */
static bool
first_value(struct test_office *o, const char *sql, char *out, size_t n)
{
	bool found = false;

	if (*o->pg_name) {
		PGconn *conn = pg_connect(o);
		PGresult *res = PQexec(conn, sql);
		if (PQresultStatus(res) != PGRES_TUPLES_OK)
			fail_msg("%s: %s", sql, PQresultErrorMessage(res));
		found = PQntuples(res) > 0 && !PQgetisnull(res, 0, 0);
		if (found)
			snprintf(out, n, "%s", PQgetvalue(res, 0, 0));
		PQclear(res);
		PQfinish(conn);
		return found;
	}
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	assert_int_equal(sqlite3_open_v2(o->cfg->database, &db, SQLITE_OPEN_READONLY, NULL),
	                 SQLITE_OK);
	sqlite3_busy_timeout(db, 10000);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
		found = true;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return found;
}

void
test_office_text(struct test_office *o, const char *sql, char *out, size_t n)
{
	if (!first_value(o, sql, out, n))
		out[0] = '\0';
}

double
test_office_number(struct test_office *o, const char *sql)
{
	char text[64];

	if (!first_value(o, sql, text, sizeof(text)))
		return NAN;
	/* PostgreSQL answers a comparison with a boolean, SQLite with 1 or 0. */
	if (strcmp(text, "t") == 0 || strcmp(text, "f") == 0)
		return *text == 't';
	return strtod(text, NULL);
}

int64_t
test_office_count(struct test_office *o, const char *sql)
{
	double v = test_office_number(o, sql);

	return isnan(v) ? -1 : (int64_t)v;
}
