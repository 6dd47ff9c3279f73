/*
 * Tests of screen_log.c: a screen whose log cannot be opened runs on and
 * opens it once it can, trying no more often than every
 * SCREEN_LOG_RETRY_MS; the rules' answers leave the log up; a lock is
 * waited out on the same connection, a failing connection is made anew; a
 * role that lacks a right is told apart from a log out of reach, logged once
 * and used again a second later.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "screen_log.h"

struct fixture {
	char dir[64];    /* a fresh folder */
	char folder[96]; /* the log's folder, inside dir, not made yet */
	char path[128];  /* the log */
	struct config cfg;
	struct screen_log log;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/test_screen_log.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->folder, sizeof(f->folder), "%s/later", f->dir);
	snprintf(f->path, sizeof(f->path), "%s/queue.db", f->folder);
	f->cfg.database = f->path;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[160];

	screen_log_close(&f->log);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	free(f);
	return 0;
}

/* The log's folder appears. */
static void
make_folder(struct fixture *f)
{
	assert_int_equal(mkdir(f->folder, 0700), 0);
}

static void
test_screen_log_opens_once_it_can(void **state)
{
	struct fixture *f = *state;
	int64_t version = -1, t0 = 1000000;

	assert_int_equal(screen_log_open(&f->log, &f->cfg, STORE_CHECK_QUICK), CLI_EXIT_OK);
	assert_false(screen_log_up(&f->log));
	assert_int_equal(screen_log_poll(&f->log, t0, &version), SCREEN_LOG_DOWN);
	make_folder(f);
	/* Not before its time: the next try is a retry interval after the last. */
	assert_int_equal(screen_log_poll(&f->log, t0 + SCREEN_LOG_RETRY_MS - 1, &version),
	                 SCREEN_LOG_DOWN);
	assert_null(f->log.store);
	assert_int_equal(screen_log_poll(&f->log, t0 + SCREEN_LOG_RETRY_MS, &version),
	                 SCREEN_LOG_BACK);
	assert_true(screen_log_up(&f->log));
	assert_true(version >= 0);
	assert_int_equal(screen_log_poll(&f->log, t0 + SCREEN_LOG_RETRY_MS + 1, &version),
	                 SCREEN_LOG_UP);
}

static void
test_screen_log_rules_answers_leave_it_up(void **state)
{
	struct fixture *f = *state;
	struct sq_error err = {.code = SQ_ERR_STATE};

	make_folder(f);
	assert_int_equal(screen_log_open(&f->log, &f->cfg, STORE_CHECK_QUICK), CLI_EXIT_OK);
	assert_true(screen_log_up(&f->log));
	for (int code = SQ_ERR_EMPTY; code >= SQ_ERR_NOTFOUND; code--) {
		err.code = code;
		assert_false(screen_log_failed(&f->log, &err, 0));
	}
	assert_true(screen_log_up(&f->log));
}

static void
test_screen_log_waits_out_a_lock_on_its_connection(void **state)
{
	struct fixture *f = *state;
	struct sq_error err = {.code = SQ_ERR_BUSY, .msg = "locked"};
	int64_t version;

	make_folder(f);
	assert_int_equal(screen_log_open(&f->log, &f->cfg, STORE_CHECK_QUICK), CLI_EXIT_OK);
	struct store *s = f->log.store;
	for (int i = 0; i < 2 * SCREEN_LOG_REOPEN_AFTER; i++)
		assert_true(screen_log_failed(&f->log, &err, i));
	assert_false(screen_log_up(&f->log));
	assert_ptr_equal(f->log.store, s);
	assert_int_equal(screen_log_poll(&f->log, 100000, &version), SCREEN_LOG_BACK);
	assert_ptr_equal(f->log.store, s);
}

static void
test_screen_log_makes_a_failing_connection_anew(void **state)
{
	struct fixture *f = *state;
	struct sq_error err = {.code = SQ_ERR_DB, .msg = "server closed the connection"};
	int64_t version;

	make_folder(f);
	assert_int_equal(screen_log_open(&f->log, &f->cfg, STORE_CHECK_QUICK), CLI_EXIT_OK);
	for (int i = 1; i < SCREEN_LOG_REOPEN_AFTER; i++) {
		assert_true(screen_log_failed(&f->log, &err, i));
		assert_non_null(f->log.store);
	}
	assert_true(screen_log_failed(&f->log, &err, SCREEN_LOG_REOPEN_AFTER));
	assert_null(f->log.store);
	assert_int_equal(screen_log_poll(&f->log, 100000, &version), SCREEN_LOG_BACK);
	assert_non_null(f->log.store);
	assert_true(screen_log_up(&f->log));
}

/* The lines logged (to stderr) while calling fn(f), into out (NUL-terminated). */
static void
capture_log(struct fixture *f, void (*fn)(struct fixture *), char *out, size_t size)
{
	char path[160];
	int saved = dup(STDERR_FILENO);
	FILE *file;

	snprintf(path, sizeof(path), "%s/stderr", f->dir);
	assert_true(saved >= 0);
	assert_non_null(freopen(path, "w", stderr));
	fn(f);
	fflush(stderr);
	assert_true(dup2(saved, STDERR_FILENO) >= 0);
	close(saved);
	file = fopen(path, "r");
	assert_non_null(file);
	out[fread(out, 1, size - 1, file)] = '\0';
	fclose(file);
}

/* How often needle occurs in text. */
static int
count(const char *text, const char *needle)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static const struct sq_error denied = {.code = SQ_ERR_DENIED,
                                       .msg = "permission denied for table counter_state"};

/* A screen whose reads need the missing right: it fails again each time the log is back. */
static void
denied_each_second(struct fixture *f)
{
	int64_t version, t = 0;

	for (int i = 0; i < 3; i++) {
		assert_true(screen_log_failed(&f->log, &denied, t));
		assert_int_equal(screen_log_poll(&f->log, t += SCREEN_LOG_RETRY_MS, &version),
		                 SCREEN_LOG_BACK);
	}
	/* A whole poll used without it: granted now. The next refusal is a new one. */
	assert_int_equal(screen_log_poll(&f->log, t + 1, &version), SCREEN_LOG_UP);
	assert_true(screen_log_failed(&f->log, &denied, t + 1));
}

static void
test_screen_log_denied_is_not_out_of_reach(void **state)
{
	struct fixture *f = *state;
	struct sq_error lost = {.code = SQ_ERR_DB, .msg = "server closed the connection"};
	char logged[4096];
	int64_t version;

	make_folder(f);
	assert_int_equal(screen_log_open(&f->log, &f->cfg, STORE_CHECK_QUICK), CLI_EXIT_OK);
	struct store *s = f->log.store;
	/* Unusable, said as a missing right; no reconnecting mends it, so the connection stays. */
	for (int i = 0; i < 2 * SCREEN_LOG_REOPEN_AFTER; i++)
		assert_true(screen_log_failed(&f->log, &denied, i));
	assert_false(screen_log_up(&f->log));
	assert_true(screen_log_denied(&f->log));
	const char *why_denied = screen_log_why(&f->log);
	assert_ptr_equal(f->log.store, s);
	/* Used again a retry interval later, so a right granted meanwhile needs no restart. */
	assert_int_equal(screen_log_poll(&f->log, SCREEN_LOG_RETRY_MS - 1, &version),
	                 SCREEN_LOG_DOWN);
	assert_int_equal(screen_log_poll(&f->log, 100000, &version), SCREEN_LOG_BACK);
	assert_true(screen_log_up(&f->log));
	assert_false(screen_log_denied(&f->log));
	/* The log out of reach is not a missing right. */
	assert_true(screen_log_failed(&f->log, &lost, 100001));
	assert_false(screen_log_denied(&f->log));
	assert_string_not_equal(screen_log_why(&f->log), why_denied);
	assert_int_equal(screen_log_poll(&f->log, 200000, &version), SCREEN_LOG_BACK);
	assert_int_equal(screen_log_poll(&f->log, 200001, &version), SCREEN_LOG_UP);

	capture_log(f, denied_each_second, logged, sizeof(logged));
	assert_int_equal(count(logged, denied.msg), 2);
	assert_int_equal(count(logged, "answers again"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_screen_log_opens_once_it_can, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_screen_log_rules_answers_leave_it_up, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_screen_log_waits_out_a_lock_on_its_connection,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_screen_log_makes_a_failing_connection_anew, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_screen_log_denied_is_not_out_of_reach, setup,
	                                    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
