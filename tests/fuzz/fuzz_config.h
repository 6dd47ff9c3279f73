/*
 * fuzz_config.h - load an INI text through the public config_load(), the
 * way every program reads its file, without touching the disk: the text goes
 * into an in-memory file (memfd) read back through /proc/self/fd. Define
 * _GNU_SOURCE (for memfd_create) before the first include.
 */
#ifndef SADUAK_FUZZ_CONFIG_H
#define SADUAK_FUZZ_CONFIG_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "config.h"
#include "error.h"

/*
 * config_load() on text[0..len). On a refusal the message must be one line
 * that names the file (the promise of config.h); anything else aborts.
 * Returns config_load()'s result; on success the caller frees *cfg.
 */
static inline int
fuzz_config_load(const char *text, size_t len, struct config **cfg)
{
	struct sq_error err = {0};
	char path[64];
	int fd = memfd_create("fuzz.ini", 0), rc;

	if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
		perror("fuzz: memfd");
		abort();
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	rc = config_load(path, cfg, &err);
	close(fd);
	if (rc != SQ_OK &&
	    (err.msg[0] == '\0' || strchr(err.msg, '\n') || !strstr(err.msg, path))) {
		fprintf(stderr, "fuzz: config_load refused with a bad message: '%s'\n", err.msg);
		abort();
	}
	return rc;
}

/* Abort unless cfg holds what config.h promises: every service open some
 * time in valid windows, every counter numbered 1..99 serving known services. */
static inline void
fuzz_config_check(const struct config *cfg)
{
	for (size_t i = 0; i < cfg->n_services; i++) {
		const struct config_service *svc = &cfg->services[i];

		if (svc->n_hours == 0 || svc->n_hours > CONFIG_MAX_WINDOWS)
			abort();
		for (size_t h = 0; h < svc->n_hours; h++) {
			const struct hours_window *w = &svc->hours[h];

			if (w->weekdays == 0 || w->weekdays > 0x7F || w->open_minute < 0 ||
			    w->open_minute >= w->close_minute || w->close_minute > 24 * 60)
				abort();
		}
		if (!svc->name.th || !svc->name.en)
			abort();
	}
	for (size_t i = 0; i < cfg->n_counters; i++) {
		const struct config_counter *c = &cfg->counters[i];

		if (c->number < 1 || c->number > 99 || c->n_services == 0)
			abort();
		for (size_t k = 0; k < c->n_services; k++)
			if (c->services[k] >= cfg->n_services)
				abort();
	}
}

#endif
