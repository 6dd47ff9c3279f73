/*
 * counter_backup.c - `saduak-counter backup [--dir DIR] [--keep N]`: an
 * online backup of the log into a dated file, keeping the newest N.
 *
 * Safe while the queue runs (store_backup: SQLite's backup API, one read
 * transaction, nothing blocked). The folder is --dir, else [backup] dir,
 * else "backups" beside the database; it is created (0750) if missing. The
 * copy is verified before it is kept, and only then are backups beyond the
 * newest N deleted, so a failed night never costs an older good copy. A log
 * that fails its integrity check is not backed up over anything: exit 4.
 * systemd/saduak-backup.timer runs this every night.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "clock.h"
#include "counter_office.h"
#include "log.h"

/* Print the usage line of the command to stderr and return CLI_EXIT_USAGE. */
static int
usage(void)
{
	log_error("usage: saduak-counter backup [--dir DIR] [--keep N]");
	return CLI_EXIT_USAGE;
}

/* Create the backup folder if it is missing (one level). */
static int
make_folder(const char *dir, struct sq_error *err)
{
	struct stat st;

	if (mkdir(dir, 0750) == 0 || errno == EEXIST) {
		if (stat(dir, &st) != 0)
			return sq_error_set(err, SQ_ERR_IO, "backup folder '%s': %s", dir,
			                    strerror(errno));
		if (!S_ISDIR(st.st_mode))
			return sq_error_set(err, SQ_ERR_IO, "backup folder '%s' is not a folder",
			                    dir);
		return SQ_OK;
	}
	return sq_error_set(err, SQ_ERR_IO, "unable to create backup folder '%s': %s", dir,
	                    strerror(errno));
}

/* Run the backup command. */
int
counter_backup_command(struct config *cfg, int argc, char **argv)
{
	static const struct option options[] = {
	    {"dir", required_argument, NULL, 'd'},
	    {"keep", required_argument, NULL, 'k'},
	    {NULL, 0, NULL, 0},
	};
	struct store_backup_settings settings = {0};
	struct sq_error err = {0};
	struct store *store = NULL;
	const char *dir_option = NULL;
	char name[64], dest[4096];
	int keep = 0, o, status, removed = 0;
	struct stat st;

	optind = 1;
	while ((o = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (o) {
		case 'd':
			if (!*optarg) {
				log_error("--dir is empty: give the backup folder");
				return CLI_EXIT_USAGE;
			}
			dir_option = optarg;
			break;
		case 'k': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (*end || end == optarg || v < 1 || v > 3650) {
				log_error("--keep '%s' is not a number of backups from 1 to 3650",
				          optarg);
				return CLI_EXIT_USAGE;
			}
			keep = (int)v;
			break;
		}
		default:
			return usage();
		}
	}
	if (optind < argc)
		return usage();
	if (store_backup_settings(cfg, &settings, &err) != SQ_OK)
		return cli_fail(&err);
	if (keep)
		settings.keep = keep;
	const char *dir = dir_option ? dir_option : settings.dir;
	int64_t t0 = clock_monotonic_us();

	/* Read-only check first: a damaged or missing log is neither copied nor created. */
	if (store_verify_file(cfg->database, STORE_CHECK_FULL, &err) != SQ_OK) {
		if (err.code == SQ_ERR_CORRUPT) {
			size_t len = strlen(err.msg);
			snprintf(err.msg + len, sizeof(err.msg) - len,
			         "; not backed up: restore a backup (see README)");
		}
		status = cli_fail(&err);
		goto out;
	}
	if (make_folder(dir, &err) != SQ_OK || store_open(cfg->database, &store, &err) != SQ_OK) {
		status = cli_fail(&err);
		goto out;
	}
	store_backup_name(clock_now_ms(), name, sizeof(name));
	if (snprintf(dest, sizeof(dest), "%s/%s", dir, name) >= (int)sizeof(dest)) {
		log_error("backup folder '%s': path too long", dir);
		status = CLI_EXIT_USAGE;
		goto out;
	}
	if (store_backup(store, dest, &err) != SQ_OK ||
	    store_backup_prune(dir, settings.keep, &removed, &err) != SQ_OK) {
		status = cli_fail(&err);
		goto out;
	}
	double seconds = (double)(clock_monotonic_us() - t0) / 1e6;
	double mb = stat(dest, &st) == 0 ? (double)st.st_size / 1e6 : 0.0;
	printf("backed up %s to %s (%.1f MB, %.2f s); keeping the newest %d, removed %d\n",
	       cfg->database, dest, mb, seconds, settings.keep, removed);
	status = fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_UNAVAILABLE;
out:
	store_close(store);
	store_backup_settings_release(&settings);
	return status;
}
