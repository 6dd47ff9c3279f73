#include "test_office.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include <cmocka.h>
#include <math.h>
#include <sqlite3.h>

#include "thaitime.h"

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

int
test_office_exec(struct test_office *o, const char *sql, char **msg)
{
	sqlite3 *db = NULL;
	int rc;

	assert_int_equal(sqlite3_open_v2(o->cfg->database, &db, SQLITE_OPEN_READWRITE, NULL),
	                 SQLITE_OK);
	sqlite3_busy_timeout(db, 10000);
	rc = sqlite3_exec(db, sql, NULL, NULL, msg);
	sqlite3_close(db);
	return rc;
}

double
test_office_number(struct test_office *o, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	double v = NAN;

	assert_int_equal(sqlite3_open_v2(o->cfg->database, &db, SQLITE_OPEN_READONLY, NULL),
	                 SQLITE_OK);
	sqlite3_busy_timeout(db, 10000);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_double(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

int64_t
test_office_count(struct test_office *o, const char *sql)
{
	double v = test_office_number(o, sql);

	return isnan(v) ? -1 : (int64_t)v;
}
