/*
 * test_office.h - a temporary office for tests that need a real log: a
 * folder under /tmp holding office.ini (the test's own text) and the
 * queue.db it names. Linked into every unit test.
 */
#ifndef SADUAK_TEST_OFFICE_H
#define SADUAK_TEST_OFFICE_H

#include <stddef.h>

#include "config.h"
#include "store.h"

/*
 * Make a folder (its name written to dir, n bytes), write config_text there
 * as office.ini, load it and open its store. 0, or -1 with everything undone.
 */
int test_office_open(char *dir, size_t n, const char *config_text, struct config **cfg,
                     struct store **store);

/* Close store, free cfg and remove dir with what is in it. 0, or -1. */
int test_office_close(const char *dir, struct config *cfg, struct store *store);

#endif
