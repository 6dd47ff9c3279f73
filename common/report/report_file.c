/*
 * report_file.c - the report's command-line edges: the month asked for
 * (report_parse_month), the writers by name, and writing a file whole or not
 * at all (report_write_file).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"

bool
report_parse_month(const char *text, int *year, int *month)
{
	/* Exactly YYYY-MM: sscanf alone would take "2026-+1" or " 2026-1". */
	static const char shape[] = "dddd-dd";
	int y, m;

	if (strlen(text) != sizeof(shape) - 1)
		return false;
	for (size_t i = 0; shape[i]; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)text[i]) : text[i] != shape[i])
			return false;
	y = atoi(text);
	m = atoi(text + 5);
	if (y >= 2400)
		y -= 543; /* a Buddhist-Era year, as the screens and reports print it */
	if (y < 2000 || y > 2200 || m < 1 || m > 12)
		return false;
	*year = y;
	*month = m;
	return true;
}

/* Flush the file at path to disk. */
static int
sync_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	if (close(fd) != 0)
		rc = -1;
	return rc;
}

int
report_write_file(const struct report_writer *w, const struct report *r, const char *path,
                  struct sq_error *err)
{
	char tmp[PATH_MAX];
	const char *slash = strrchr(path, '/');
	int dir_len = slash ? (int)(slash - path + 1) : 0;
	int rc;

	if (strcmp(path, "-") == 0) {
		if ((rc = w->write(r, path, err)) != SQ_OK)
			sq_error_prefix(err, "unable to write the report");
		return rc;
	}
	/* A hidden name in the same folder, so that the rename cannot cross file systems. */
	if (snprintf(tmp, sizeof(tmp), "%.*s.%s.tmp-%ld", dir_len, path, path + dir_len,
	             (long)getpid()) >= (int)sizeof(tmp))
		return sq_error_set(err, SQ_ERR_IO, "unable to write '%s': path too long", path);
	rc = w->write(r, tmp, err);
	if (rc == SQ_OK && sync_file(tmp) != 0)
		rc = sq_error_set(err, SQ_ERR_IO, "%s", strerror(errno));
	if (rc == SQ_OK && rename(tmp, path) != 0)
		rc = sq_error_set(err, SQ_ERR_IO, "%s", strerror(errno));
	if (rc != SQ_OK) {
		unlink(tmp);
		sq_error_prefix(err, "unable to write '%s'", path);
	}
	return rc;
}

/* The writers, by the name given to --format. */
static const struct report_writer writers[] = {
    {.name = "csv", .extension = ".csv", .write = report_write_csv},
    {.name = "xlsx", .extension = ".xlsx", .write = report_write_xlsx},
    {.name = "html", .extension = ".html", .write = report_write_html},
};

const struct report_writer *
report_writer_find(const char *name)
{
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		if (strcmp(writers[i].name, name) == 0)
			return &writers[i];
	return NULL;
}

const char *
report_writer_names(void)
{
	return "csv|xlsx|html";
}
