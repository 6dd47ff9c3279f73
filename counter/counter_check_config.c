/*
 * counter_check_config.c - `saduak-counter [--config FILE] check-config`:
 * everything the IT person should know before restarting the services,
 * checked without side effects.
 *
 * By the time this runs, main has loaded the config, so the file itself,
 * its services (each served by a counter), counters, officers, time zone and
 * every device section have passed their checkers (a wrong file stops there with one line naming
 * file, line and key). Then, one line on stdout per problem found:
 *   - the database: read without writing (store_verify_file: ours, schema,
 *     integrity_check), or when it does not exist yet, its folder writable;
 *   - the fonts the screens and tickets need (text_engine_create);
 *   - each [display NAME]'s port and the printer's device exist (stat only:
 *     nothing is opened), a file printer's folder is writable;
 *   - with a [voice] section, every clip its languages need (voice_clips_check);
 *   - the backup folder, or the folder it would be created in.
 * "ok" when there is none. Exit 0 when all is well, 1 otherwise.
 *
 * With --keys it lists instead every key of the sections modules own, with
 * its range, unit, default and meaning, read from their option tables.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "config_table.h"
#include "counter_office.h"
#include "display_proto.h"
#include "log.h"
#include "printer.h"
#include "text.h"
#include "voice_clips.h"
#include "voice_config.h"

/* At most this many clip problems are listed one by one. */
#define CLIP_LINES_MAX 10

/* Problems found so far. */
struct check {
	int problems;
};

/* Print one problem line. */
__attribute__((format(printf, 2, 3))) static void
problem(struct check *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	c->problems++;
}

/* The database: sound if it exists, else a folder it can be created in. */
static void
check_database(struct check *c, const struct config *cfg)
{
	struct sq_error err = {0};
	char dir[4096];
	int rc = store_verify_file(cfg->database, STORE_CHECK_FULL, &err);

	/* An empty database on a server is given its tables by the first program to open it. */
	if (rc == SQ_OK || (rc == SQ_ERR_NOTFOUND && config_database_is_server(cfg->database)))
		return;
	if (rc != SQ_ERR_NOTFOUND) {
		problem(c, "%s%s", err.msg,
		        rc == SQ_ERR_CORRUPT ? "; restore a backup (see README)" : "");
		return;
	}
	config_path_folder(cfg->database, dir, sizeof(dir));
	if (access(dir, W_OK) != 0)
		problem(c, "database '%s' does not exist yet and cannot be created in '%s': %s",
		        cfg->database, dir, strerror(errno));
}

/* The fonts with Thai and Latin digits that every screen and ticket uses. */
static void
check_fonts(struct check *c)
{
	struct text_engine *eng = NULL;
	struct sq_error err = {0};

	if (text_engine_create(NULL, &eng, &err) != SQ_OK)
		problem(c, "fonts: %s (install fonts-thai-tlwg)", err.msg);
	text_engine_destroy(eng);
}

/* A device path must exist; nothing is opened. */
static void
check_device(struct check *c, const char *what, const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		problem(c, "%s: device '%s': %s", what, path, strerror(errno));
	else if (!S_ISCHR(st.st_mode))
		problem(c, "%s: '%s' is not a device", what, path);
}

/* Each [display NAME]'s port. */
static void
check_displays(struct check *c, const struct config *cfg)
{
	char what[128];

	for (size_t i = 0; i < cfg->n_sections; i++) {
		const struct config_section *sec = &cfg->sections[i];
		struct display_config dc;
		struct sq_error err = {0};

		if (strcmp(sec->kind, "display") != 0)
			continue;
		snprintf(what, sizeof(what), "[display %s]", sec->name);
		if (display_config_load(cfg, sec->name, &dc, &err) != SQ_OK)
			problem(c, "%s", err.msg);
		else
			check_device(c, what, dc.serial.path);
	}
}

/* The ticket printer's device, or its folder for a file target. */
static void
check_printer(struct check *c, const struct config *cfg)
{
	struct printer_settings ps;
	struct sq_error err = {0};

	if (printer_settings_from_config(cfg, &ps, &err) != SQ_OK) {
		problem(c, "%s", err.msg);
		return;
	}
	switch (ps.kind) {
	case PRINTER_NONE:
		break;
	case PRINTER_FILE:
		if (access(ps.path, W_OK) != 0)
			problem(c, "[printer]: folder '%s': %s", ps.path, strerror(errno));
		break;
	case PRINTER_USB:
	case PRINTER_SERIAL:
	case PRINTER_TTY:
		check_device(c, "[printer]", ps.path);
		break;
	}
}

/* The voice clips, recorded over synthesized, when the file has a [voice] section. */
static void
check_voice(struct check *c, const struct config *cfg)
{
	struct voice_config vc = {0};
	struct voice_check *vcheck = NULL;
	struct sq_error err = {0};
	int rc;

	if (!config_section_find(cfg, "voice", ""))
		return;
	if (voice_config_parse(cfg, &vc, &err) != SQ_OK) {
		problem(c, "%s", err.msg);
		goto out;
	}
	if (!(vcheck = calloc(1, sizeof(*vcheck)))) {
		problem(c, "[voice]: out of memory checking the clips");
		goto out;
	}
	rc = voice_clips_check(vc.dir, vc.synth_dir, vc.rate, vc.thai, vc.english, vcheck, &err);
	if (rc == SQ_OK)
		goto out;
	if (rc != SQ_ERR_INVALID || vcheck->n_problems == 0) {
		problem(c, "[voice]: %s", err.msg);
		goto out;
	}
	for (size_t i = 0; i < vcheck->n_problems && i < CLIP_LINES_MAX; i++)
		problem(c, "[voice]: %s", vcheck->problems[i].msg);
	if (vcheck->n_problems > CLIP_LINES_MAX) {
		printf("[voice]: ... and %zu more clip problems (saduak-kiosk voice --check %s)\n",
		       vcheck->n_problems - CLIP_LINES_MAX, vc.dir ? vc.dir : vc.synth_dir);
		c->problems += (int)(vcheck->n_problems - CLIP_LINES_MAX);
	}
out:
	free(vcheck);
	voice_config_release(&vc);
}

/* The backup folder exists and is writable, or can be made in a writable folder. */
static void
check_backup(struct check *c, const struct config *cfg)
{
	struct store_backup_settings bs = {0};
	struct sq_error err = {0};

	/* A server's log is backed up with pg_dump: no folder of ours to check. */
	if (config_database_is_server(cfg->database))
		return;
	if (store_backup_settings(cfg, &bs, &err) != SQ_OK) {
		problem(c, "%s", err.msg);
		return;
	}
	if (access(bs.dir, F_OK) == 0) {
		if (access(bs.dir, W_OK) != 0)
			problem(c, "[backup]: folder '%s': %s", bs.dir, strerror(errno));
	} else {
		char parent[4096];
		config_path_folder(bs.dir, parent, sizeof(parent));
		if (access(parent, W_OK) != 0)
			problem(c,
			        "[backup]: folder '%s' is missing and cannot be made in '%s': %s",
			        bs.dir, parent, strerror(errno));
	}
	store_backup_settings_release(&bs);
}

/* Run the check-config command. */
/* --keys: every key of the sections modules own, from their option tables. */
static int
print_keys(void)
{
	size_t n;
	const struct config_section_kind *kinds = config_office_sections(&n);
	char line[512];

	for (size_t i = 0; i < n; i++) {
		printf("[%s%s]\n", kinds[i].kind, kinds[i].named ? " NAME" : "");
		for (size_t j = 0; j < kinds[i].table->n_options; j++) {
			config_option_describe(&kinds[i].table->options[j], line, sizeof(line));
			printf("  %s\n", line);
		}
	}
	return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_UNAVAILABLE;
}

int
counter_check_config_command(struct config *cfg, int argc, char **argv)
{
	/* --config after the name was already used by main to load cfg. */
	static const struct option options[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"keys", no_argument, NULL, 'k'},
	    {NULL, 0, NULL, 0},
	};
	struct check c = {0};
	bool keys = false;
	int o;

	optind = 1;
	while ((o = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (o == 'k') {
			keys = true;
		} else if (o != 'c') {
			log_error("usage: saduak-counter check-config [--config FILE] [--keys]");
			return CLI_EXIT_USAGE;
		}
	}
	if (optind < argc) {
		log_error("usage: saduak-counter check-config [--config FILE] [--keys]");
		return CLI_EXIT_USAGE;
	}
	if (keys)
		return print_keys();
	check_database(&c, cfg);
	check_fonts(&c);
	check_displays(&c, cfg);
	check_printer(&c, cfg);
	check_voice(&c, cfg);
	check_backup(&c, cfg);
	if (c.problems == 0)
		printf("ok\n");
	else
		printf("%d problem%s in %s\n", c.problems, c.problems == 1 ? "" : "s", cfg->path);
	if (fflush(stdout) != 0)
		return CLI_EXIT_UNAVAILABLE;
	return c.problems == 0 ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}
