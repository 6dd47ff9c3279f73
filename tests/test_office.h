/*
 * test_office.h - a temporary office for tests that need a real log: a
 * folder under /tmp holding office.ini (the test's own text) and the
 * queue.db it names, as a cmocka fixture. Linked into every unit test.
 */
#ifndef SADUAK_TEST_OFFICE_H
#define SADUAK_TEST_OFFICE_H

#include <stdint.h>

#include "config.h"
#include "store.h"

struct test_office {
	char dir[64];
	struct config *cfg;
	struct store *store;
	int64_t t0; /* Monday 23 Nov 2026 09:00 in the office's zone */
};

/*
 * cmocka setup: a new struct test_office in *state with config_text written
 * as office.ini, loaded, and its store open. 0, or -1 with everything undone.
 */
int test_office_setup(void **state, const char *config_text);

/* cmocka teardown: close the store, free the config, remove the folder. */
int test_office_teardown(void **state);

#endif
