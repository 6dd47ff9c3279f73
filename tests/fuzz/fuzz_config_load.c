/*
 * libFuzzer target for the config loader: the input is an INI file, loaded
 * through config_load() as every program loads its file. A refusal must be
 * one line naming the file, and an accepted file must hold what config.h
 * promises (both checked in fuzz_config.h). Seed it with config/demo.ini.
 */
#define _GNU_SOURCE /* memfd_create, see fuzz_config.h */
#include "config.h"
#include "fuzz_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config *cfg = NULL;

	if (fuzz_config_load((const char *)data, size, &cfg) == SQ_OK) {
		fuzz_config_check(cfg);
		config_free(cfg);
	}
	return 0;
}
