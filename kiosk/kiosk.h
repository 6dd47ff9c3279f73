/*
 * kiosk.h - the commands and screens of saduak-kiosk. main.c parses the
 * command line into struct kiosk_args and runs one entry of its command
 * table; each command lives in its own file (kiosk_<name>.c).
 */
#ifndef SADUAK_KIOSK_H
#define SADUAK_KIOSK_H

#include <stdbool.h>

#include "config.h"

/* Everything the command line can say; each command reads what it needs. */
struct kiosk_args {
	const char *mode;     /* --mode ticket|rating|board */
	int counter;          /* --counter N, 0 if not given */
	const char *priority; /* --priority CLASS */
	bool out_of_hours;    /* --out-of-hours */
	char **argv;          /* the command's own words after its name */
	int argc;
};

/*
 * A command: takes the loaded config (owned by main) and returns a
 * cli_exit code, having printed one clear line on failure.
 */
typedef int (*kiosk_command_fn)(struct config *cfg, const struct kiosk_args *args);

int kiosk_issue_command(struct config *cfg, const struct kiosk_args *args);

#endif
