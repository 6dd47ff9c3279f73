#include "test_office.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int
test_office_open(char *dir, size_t n, const char *config_text, struct config **cfg,
                 struct store **store)
{
	char path[256];
	FILE *file;

	*cfg = NULL;
	*store = NULL;
	if (snprintf(dir, n, "/tmp/saduak-test-XXXXXX") >= (int)n || !mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/office.ini", dir);
	file = fopen(path, "w");
	if (!file)
		goto fail;
	if (fputs(config_text, file) < 0) {
		fclose(file);
		goto fail;
	}
	if (fclose(file) != 0 || config_load(path, cfg, NULL) != SQ_OK ||
	    store_open((*cfg)->database, store, NULL) != SQ_OK)
		goto fail;
	return 0;
fail:
	test_office_close(dir, *cfg, *store);
	*cfg = NULL;
	*store = NULL;
	return -1;
}

int
test_office_close(const char *dir, struct config *cfg, struct store *store)
{
	char cmd[128];

	store_close(store);
	config_free(cfg);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}
