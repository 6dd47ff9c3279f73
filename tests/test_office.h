/*
 * test_office.h - a temporary office for tests that need a real log: a
 * folder under /tmp holding office.ini (the test's own text) and the
 * queue.db it names, as a cmocka fixture; with SADUAK_TEST_DATABASE=postgresql
 * in the environment (a server reached through libpq's PG* variables, as
 * pg_virtualenv sets them) the log is instead a new PostgreSQL database,
 * dropped at teardown. And the check of a config load
 * that met an error, shared by the device sections' tests. Linked into every
 * unit test.
 */
#ifndef SADUAK_TEST_OFFICE_H
#define SADUAK_TEST_OFFICE_H

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "store.h"

struct test_office {
	char dir[64];
	char pg_name[32]; /* the test's PostgreSQL database, "" on SQLite */
	struct config *cfg;
	struct store *store;
	int64_t t0;     /* Monday 23 Nov 2026 09:00 in the office's zone */
	int64_t now_ms; /* the store's clock: a test sets it before each write */
};

/*
 * cmocka setup: a new struct test_office in *state with config_text written
 * as office.ini, loaded, and its store open, reading the time from now_ms
 * (test_office_clock). 0, or -1 with everything undone.
 */
int test_office_setup(void **state, const char *config_text);

/* A store clock (store_set_clock) reading the now_ms of the test_office ctx. */
int64_t test_office_clock(void *ctx);

/* Set the office's clock to ms and hand back its store: test_office_at(f, t0 + 60000). */
struct store *test_office_at(struct test_office *o, int64_t ms);

/* Whether the tests run on PostgreSQL (SADUAK_TEST_DATABASE=postgresql). */
bool test_office_on_postgresql(void);

/*
 * Skip the running test with a line saying why when the tests run on
 * PostgreSQL: for what only a SQLite file has (pragmas, damaged files).
 */
#define TEST_SQLITE_ONLY(why)                                                                      \
	do {                                                                                       \
		if (test_office_on_postgresql()) {                                                 \
			print_message("skipped on PostgreSQL: %s\n", why);                         \
			skip();                                                                    \
		}                                                                                  \
	} while (0)

/* The same for what only a server has (connections to lose, pg_dump). */
#define TEST_POSTGRESQL_ONLY(why)                                                                  \
	do {                                                                                       \
		if (!test_office_on_postgresql()) {                                                \
			print_message("skipped on SQLite: %s\n", why);                             \
			skip();                                                                    \
		}                                                                                  \
	} while (0)

/*
 * Run sql on the office's log through a connection of the test's own, never
 * the store's, as an auditor would: 0 when it succeeded, and the error's
 * message in *msg (malloc'd, free it) when msg is not NULL.
 */
int test_office_exec(struct test_office *o, const char *sql, char **msg);

/* The text of the single value sql gives on the log (own connection) into out; "" for none. */
void test_office_text(struct test_office *o, const char *sql, char *out, size_t n);

/* The single number sql gives on the log (own connection); NAN for no row or NULL. */
double test_office_number(struct test_office *o, const char *sql);

/* The same as a count: -1 for no row. */
int64_t test_office_count(struct test_office *o, const char *sql);

/* cmocka teardown: close the store, free the config, remove the folder. */
int test_office_teardown(void **state);

/*
 * Check a config load that met one error (rc, cfg, err as config_load left
 * them) and free cfg. device: the error was in a device's section, which
 * leaves that device off and the rest loaded, listing the fault in
 * device_faults; otherwise the file is refused whole. Either way the message
 * must contain want.
 */
void test_expect_config_error(int rc, struct config *cfg, const struct sq_error *err, bool device,
                              const char *want);

#endif
