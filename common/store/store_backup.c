/*
 * store_backup.c - the log's safety net: read-only verification, refusing a
 * corrupt file at start, online backups and their rotation (store.h, the
 * "Backups" section). Kept apart from store.c because it needs little of a
 * connection's internals: its SQLite handle and SQLite's own backup API. A
 * log on a PostgreSQL server is verified by store_verify_server() and
 * backed up with the server's own pg_dump.
 */
#include "store_engine.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "thaitime.h"
#include "config_table.h"

#define STORE_APPLICATION_ID 0x53514451 /* 'SQDQ', as store.c writes it */

/* A log on a server is backed up by the server's tools, not copied file by file. */
static int
refuse_server(struct sq_error *err)
{
	return sq_error_set(err, SQ_ERR_INVALID,
	                    "the log is on a PostgreSQL server: back it up with pg_dump "
	                    "(see README)");
}

/* Replace newlines (integrity_check answers span lines) so a message stays one line. */
static void
one_line(char *text)
{
	for (char *p = text; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
}

/*
 * Write path as a SQLite URI "file:PATH?immutable=1" (percent-encoding the
 * characters a URI gives a meaning to). False if it does not fit.
 */
static bool
immutable_uri(const char *path, char *out, size_t n)
{
	size_t len = 0;
	int w = snprintf(out, n, "file:");

	if (w < 0 || (size_t)w >= n)
		return false;
	len = (size_t)w;
	for (const char *p = path; *p; p++) {
		bool escape = *p == '%' || *p == '?' || *p == '#';
		if (len + (escape ? 3 : 1) >= n)
			return false;
		if (escape)
			len += (size_t)snprintf(out + len, n - len, "%%%02X", (unsigned char)*p);
		else
			out[len++] = *p;
	}
	out[len] = '\0';
	return strlen(out) + sizeof("?immutable=1") <= n && strcat(out, "?immutable=1") != NULL;
}

/* One integer from a pragma or query on db; the SQLite result code. */
static int
read_int(sqlite3 *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		} else if (rc == SQLITE_DONE) {
			*out = 0;
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	return rc;
}

/*
 * Run PRAGMA integrity_check (or quick_check, which skips the indexes'
 * agreement with their tables) on db (the file named path, for messages):
 * SQ_OK, SQ_ERR_CORRUPT ("database 'P' failed its integrity check: WHAT"),
 * SQ_ERR_BUSY or SQ_ERR_DB.
 */
static int
integrity(sqlite3 *db, const char *path, enum store_check depth, struct sq_error *err)
{
	sqlite3_stmt *st = NULL;
	char first[384] = "";
	int rc = sqlite3_prepare_v2(
	    db, depth == STORE_CHECK_QUICK ? "PRAGMA quick_check" : "PRAGMA integrity_check", -1,
	    &st, NULL);

	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *text = sqlite3_column_text(st, 0);
		snprintf(first, sizeof(first), "%s", text ? (const char *)text : "(no answer)");
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW && strcmp(first, "ok") == 0)
		return SQ_OK;
	if (rc == SQLITE_ROW || rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) {
		if (rc != SQLITE_ROW)
			snprintf(first, sizeof(first), "%s", sqlite3_errmsg(db));
		one_line(first);
		return sq_error_set(err, SQ_ERR_CORRUPT,
		                    "database '%s' failed its integrity check: %s", path, first);
	}
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return sq_error_set(err, SQ_ERR_BUSY,
		                    "database '%s' stayed locked while checking it", path);
	return sq_error_set(err, SQ_ERR_DB, "database '%s': %s while checking its integrity", path,
	                    sqlite3_errmsg(db));
}

/* One read of the file at path, as store_verify_file() describes. */
static int
verify_once(const char *path, enum store_check depth, struct sq_error *err)
{
	char wal[4096], uri[8192];
	struct stat st;
	sqlite3 *db = NULL;
	int64_t app_id = 0, version = 0, tables = 0;
	int rc, sqlrc, flags = SQLITE_OPEN_READONLY;
	const char *name = path;

	if (stat(path, &st) != 0)
		return sq_error_set(err, errno == ENOENT ? SQ_ERR_NOTFOUND : SQ_ERR_IO,
		                    "database '%s': %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return sq_error_set(err, SQ_ERR_DB, "database '%s' is not a file", path);
	if (snprintf(wal, sizeof(wal), "%s-wal", path) >= (int)sizeof(wal))
		return sq_error_set(err, SQ_ERR_DB, "database path '%s' is too long", path);
	/*
	 * Without a -wal file nobody has the log open and everything is in the
	 * main file: read it as immutable, which creates no -shm or -wal beside
	 * it. With one, read through it (it may hold the latest commits).
	 */
	if (access(wal, F_OK) != 0) {
		if (!immutable_uri(path, uri, sizeof(uri)))
			return sq_error_set(err, SQ_ERR_DB, "database path '%s' is too long", path);
		name = uri;
		flags |= SQLITE_OPEN_URI;
	}
	if (sqlite3_open_v2(name, &db, flags, NULL) != SQLITE_OK) {
		rc = sq_error_set(err, SQ_ERR_DB, "unable to open database '%s': %s", path,
		                  db ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	sqlite3_busy_timeout(db, STORE_BUSY_TIMEOUT_MS);
	sqlrc = read_int(db, "PRAGMA application_id", &app_id);
	if (sqlrc == SQLITE_OK)
		sqlrc = read_int(db, "PRAGMA user_version", &version);
	if (sqlrc == SQLITE_OK)
		sqlrc = read_int(db, "SELECT count(*) FROM sqlite_master", &tables);
	if (sqlrc == SQLITE_NOTADB || sqlrc == SQLITE_CORRUPT) {
		rc = sq_error_set(
		    err, SQ_ERR_CORRUPT, "database '%s' failed its integrity check: %s", path,
		    sqlrc == SQLITE_NOTADB ? "not a SQLite database (its first page "
		                             "is damaged or it is another kind of file)"
		                           : sqlite3_errmsg(db));
		goto out;
	}
	if (sqlrc != SQLITE_OK) {
		rc = sq_error_set(err, sqlrc == SQLITE_BUSY ? SQ_ERR_BUSY : SQ_ERR_DB,
		                  "database '%s': %s while reading it", path, sqlite3_errmsg(db));
		goto out;
	}
	if (app_id != STORE_APPLICATION_ID && (app_id != 0 || tables != 0)) {
		rc = sq_error_set(err, SQ_ERR_DB,
		                  "'%s' is a SQLite database of another program, not a Saduak "
		                  "Queue log",
		                  path);
		goto out;
	}
	if (version > STORE_SCHEMA_VERSION) {
		rc = sq_error_set(err, SQ_ERR_DB,
		                  "'%s' has schema version %lld, newer than this program's %d: "
		                  "upgrade Saduak Queue",
		                  path, (long long)version, STORE_SCHEMA_VERSION);
		goto out;
	}
	rc = integrity(db, path, depth, err);
out:
	sqlite3_close(db);
	return rc;
}

/* Whether the main file or its -wal changed since before was taken. */
static bool
changed_since(const char *path, const struct stat *before)
{
	char wal[4096];
	struct stat now;

	if (stat(path, &now) != 0 || now.st_size != before->st_size ||
	    now.st_mtim.tv_sec != before->st_mtim.tv_sec ||
	    now.st_mtim.tv_nsec != before->st_mtim.tv_nsec)
		return true;
	return snprintf(wal, sizeof(wal), "%s-wal", path) < (int)sizeof(wal) &&
	       access(wal, F_OK) == 0;
}

int
store_verify_file(const char *path, enum store_check depth, struct sq_error *err)
{
	struct stat before;
	int rc = SQ_ERR_CORRUPT;

	if (config_database_is_server(path))
		return store_verify_server(path, err);

	/*
	 * A file read as immutable (nobody had it open) may be written by a
	 * program that opens it meanwhile, and pages read half-old half-new look
	 * damaged. A damaged verdict stands only when the file did not change
	 * under the check; otherwise check again, through the -wal if one is
	 * there now.
	 */
	for (int attempt = 0; attempt < 5 && rc == SQ_ERR_CORRUPT; attempt++) {
		if (stat(path, &before) != 0)
			return verify_once(path, depth, err);
		rc = verify_once(path, depth, err);
		if (rc == SQ_ERR_CORRUPT && !changed_since(path, &before))
			break;
	}
	return rc;
}

int
store_open_checked(const char *path, enum store_check depth, struct store **out,
                   struct sq_error *err)
{
	int rc;

	*out = NULL;
	/* On a server, one connection: the checks are the cheap ones of an open. */
	if (config_database_is_server(path)) {
		if ((rc = store_open(path, out, err)) == SQ_OK &&
		    (rc = store_check_integrity(*out, err)) != SQ_OK) {
			store_close(*out);
			*out = NULL;
		}
		return rc;
	}
	rc = store_verify_file(path, depth, err);
	if (rc == SQ_ERR_CORRUPT) {
		if (err) {
			size_t len = strlen(err->msg);
			snprintf(err->msg + len, sizeof(err->msg) - len,
			         "; restore a backup (see README)");
		}
		return rc;
	}
	/* A missing file is created by store_open(); anything else refuses here. */
	if (rc != SQ_OK && rc != SQ_ERR_NOTFOUND)
		return rc;
	sq_error_clear(err);
	return store_open(path, out, err);
}

/* fsync the file or folder at path. */
static int
sync_path(const char *path, bool folder, struct sq_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : 0));

	if (fd < 0)
		return sq_error_set(err, SQ_ERR_IO, "unable to open '%s': %s", path,
		                    strerror(errno));
	if (fsync(fd) != 0) {
		int e = errno;
		close(fd);
		return sq_error_set(err, SQ_ERR_IO, "unable to sync '%s': %s", path, strerror(e));
	}
	if (close(fd) != 0)
		return sq_error_set(err, SQ_ERR_IO, "unable to close '%s': %s", path,
		                    strerror(errno));
	return SQ_OK;
}

/*
 * Copy the live database into the new file tmp with SQLite's backup API:
 * one step over every page, inside one read transaction, so the copy is the
 * database as of one commit while other processes keep writing (WAL readers
 * do not block writers). The copy is switched to a rollback journal, so it
 * is one self-contained file, and checked before it is kept.
 */
static int
backup_copy(struct store *s, const char *source_path, const char *tmp, struct sq_error *err)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc, step;
	int64_t started = clock_monotonic_ms();

	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		rc = sq_error_set(err, SQ_ERR_IO, "unable to create backup '%s': %s", tmp,
		                  dst ? sqlite3_errmsg(dst) : "out of memory");
		goto out;
	}
	b = sqlite3_backup_init(dst, "main", s->db, "main");
	if (!b) {
		rc = sq_error_set(err, SQ_ERR_DB, "unable to start the backup of '%s': %s",
		                  source_path, sqlite3_errmsg(dst));
		goto out;
	}
	/* A writer holding the lock is waited out, as other store calls do. */
	while ((step = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || step == SQLITE_LOCKED) {
		if (clock_monotonic_ms() - started > STORE_BUSY_TIMEOUT_MS)
			break;
		clock_sleep_ms(20);
	}
	int finish = sqlite3_backup_finish(b);
	if (step != SQLITE_DONE || finish != SQLITE_OK) {
		if (step == SQLITE_BUSY || step == SQLITE_LOCKED)
			rc = sq_error_set(err, SQ_ERR_BUSY,
			                  "database '%s' stayed locked for %d s during the backup",
			                  source_path, STORE_BUSY_TIMEOUT_MS / 1000);
		else if (step == SQLITE_CORRUPT || step == SQLITE_NOTADB)
			rc = sq_error_set(err, SQ_ERR_CORRUPT,
			                  "database '%s' failed its integrity check: %s",
			                  source_path, sqlite3_errstr(step));
		else
			rc = sq_error_set(err, SQ_ERR_IO, "backup of '%s' into '%s' failed: %s",
			                  source_path, tmp, sqlite3_errmsg(dst));
		goto out;
	}
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) {
		rc = sq_error_set(err, SQ_ERR_IO, "backup '%s': %s", tmp, sqlite3_errmsg(dst));
		goto out;
	}
	rc = integrity(dst, tmp, STORE_CHECK_FULL, err);
	if (rc == SQ_ERR_CORRUPT)
		sq_error_prefix(err, "the copy of '%s' is not sound, so it was not kept",
		                source_path);
out:
	if (sqlite3_close(dst) != SQLITE_OK && rc == SQ_OK)
		rc = sq_error_set(err, SQ_ERR_IO, "unable to close backup '%s'", tmp);
	return rc;
}

int
store_backup(struct store *s, const char *dest, struct sq_error *err)
{
	char tmp[4096], journal[4200], dir[4096];
	const char *source_path;
	int rc;

	if (!s->db)
		return refuse_server(err);
	source_path = sqlite3_db_filename(s->db, "main");

	if (!source_path)
		source_path = "(database)";
	if (snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", dest, (long)getpid()) >= (int)sizeof(tmp))
		return sq_error_set(err, SQ_ERR_INVALID, "backup path '%s' is too long", dest);
	snprintf(journal, sizeof(journal), "%s-journal", tmp);
	config_path_folder(dest, dir, sizeof(dir));
	/* A leftover of a backup killed half-way with the same pid is no use. */
	if (unlink(tmp) != 0 && errno != ENOENT)
		return sq_error_set(err, SQ_ERR_IO, "unable to remove '%s': %s", tmp,
		                    strerror(errno));
	rc = backup_copy(s, source_path, tmp, err);
	if (rc == SQ_OK)
		rc = sync_path(tmp, false, err);
	if (rc == SQ_OK && rename(tmp, dest) != 0)
		rc = sq_error_set(err, SQ_ERR_IO, "unable to rename '%s' to '%s': %s", tmp, dest,
		                  strerror(errno));
	if (rc == SQ_OK)
		return sync_path(dir, true, err);
	/* Never leave a half-made copy that looks like a backup. */
	unlink(tmp);
	unlink(journal);
	return rc;
}

size_t
store_backup_name(int64_t now_ms, char *out, size_t n)
{
	struct local_time lt;
	int w;

	thaitime_local(now_ms, &lt);
	w = snprintf(out, n, "saduak-%04d%02d%02d-%02d%02d%02d.db", lt.year, lt.month, lt.day,
	             lt.hour, lt.minute, lt.second);
	return w < 0 ? 0 : (size_t)w;
}

/* Whether name is a backup's: saduak-YYYYMMDD-HHMMSS.db exactly. */
static bool
is_backup_name(const char *name)
{
	static const char pattern[] = "saduak-########-######.db";

	if (strlen(name) != sizeof(pattern) - 1)
		return false;
	for (size_t i = 0; pattern[i]; i++) {
		if (pattern[i] == '#' ? (name[i] < '0' || name[i] > '9') : name[i] != pattern[i])
			return false;
	}
	return true;
}

/* Newest first: the names sort by their date and time. */
static int
compare_newest_first(const struct dirent **a, const struct dirent **b)
{
	return -strcmp((*a)->d_name, (*b)->d_name);
}

/* scandir filter: backups only. */
static int
backup_entry(const struct dirent *d)
{
	return is_backup_name(d->d_name);
}

int
store_backup_prune(const char *dir, int keep, int *removed, struct sq_error *err)
{
	struct dirent **list = NULL;
	char path[4096];
	int n, rc = SQ_OK, count = 0;

	if (removed)
		*removed = 0;
	if (keep < 1)
		return sq_error_set(err, SQ_ERR_INVALID, "keep %d: at least one backup is kept",
		                    keep);
	n = scandir(dir, &list, backup_entry, compare_newest_first);
	if (n < 0)
		return sq_error_set(err, SQ_ERR_IO, "unable to list backup folder '%s': %s", dir,
		                    strerror(errno));
	for (int i = 0; i < n; i++) {
		if (i >= keep && rc == SQ_OK) {
			snprintf(path, sizeof(path), "%s/%s", dir, list[i]->d_name);
			if (unlink(path) != 0)
				rc = sq_error_set(err, SQ_ERR_IO,
				                  "unable to remove old backup '%s': %s", path,
				                  strerror(errno));
			else
				count++;
		}
		free(list[i]);
	}
	free(list);
	if (removed)
		*removed = count;
	return rc;
}

/* ------------------------------------------------------------------------
 * The [backup] section.
 */

/* dir: the backup folder, relative to the config file's folder. */
static int
parse_backup_dir(void *obj, const char *value, const struct config *cfg, char *why, size_t n)
{
	struct store_backup_settings *bs = obj;

	if (!*value) {
		snprintf(why, n, "is empty");
		return SQ_ERR_INVALID;
	}
	free(bs->dir);
	bs->dir = config_resolve_path(cfg, value);
	return bs->dir ? SQ_OK : SQ_ERR_NOMEM;
}

static const struct config_option backup_options[] = {
    {.name = "dir",
     .type = CONFIG_CUSTOM,
     .parse = parse_backup_dir,
     .def = "backups",
     .help = "the backup folder (default: backups beside the database)"},
    {.name = "keep",
     .type = CONFIG_INT,
     CONFIG_FIELD(struct store_backup_settings, keep),
     .min = 1,
     .max = 3650,
     .what = "a number of backups",
     CONFIG_DEFAULT(STORE_BACKUP_KEEP_DEFAULT),
     .unit = "backups",
     .help = "the newest backups kept; older ones are removed"},
};

const struct config_table store_backup_config_table = CONFIG_TABLE("backup", backup_options);

/* Parse sec (may be NULL) into out; out->dir NULL when the section names none. */
static int
backup_parse(const struct config *cfg, const struct config_section *sec,
             struct store_backup_settings *out, struct sq_error *err)
{
	int rc;

	*out = (struct store_backup_settings){.keep = STORE_BACKUP_KEEP_DEFAULT};
	if ((rc = config_table_apply(&store_backup_config_table, sec, out, 0, NULL, cfg, err)))
		store_backup_settings_release(out);
	return rc;
}

int
store_backup_config_check(const struct config *cfg, const struct config_section *sec,
                          struct sq_error *err)
{
	struct store_backup_settings tmp;
	int rc;

	if (*sec->name)
		return config_section_error(err, sec, NULL, "takes no name: write [backup]");
	rc = backup_parse(cfg, sec, &tmp, err);
	store_backup_settings_release(&tmp);
	return rc;
}

int
store_backup_settings(const struct config *cfg, struct store_backup_settings *out,
                      struct sq_error *err)
{
	int rc;

	*out = (struct store_backup_settings){0};
	if (config_database_is_server(cfg->database))
		return refuse_server(err);
	rc = backup_parse(cfg, config_section_find(cfg, "backup", ""), out, err);

	if (rc || out->dir)
		return rc;
	char beside[4096];
	config_path_folder(cfg->database, beside, sizeof(beside));
	size_t len = strlen(beside);
	snprintf(beside + len, sizeof(beside) - len, "%sbackups",
	         len && beside[len - 1] == '/' ? "" : "/");
	out->dir = strdup(beside);
	if (!out->dir)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory");
	return SQ_OK;
}

void
store_backup_settings_release(struct store_backup_settings *bs)
{
	if (!bs)
		return;
	free(bs->dir);
	bs->dir = NULL;
}
