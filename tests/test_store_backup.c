/*
 * Tests of store_backup.c: online backups while another process keeps
 * issuing tickets, rotation, the [backup] section, and a damaged log that is
 * refused at start and left byte for byte as it was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "store.h"
#include "thaitime.h"

struct fixture {
	char dir[64];
	char ini[128];
	struct config *cfg;
	struct store *store;
};

static const char *const test_config =
    "[office]\n"
    "name_th = สำนักงานทดสอบ\n"
    "name_en = Test Office\n"
    "database = queue.db\n"
    "[service A]\nname_th = เอ\nname_en = A\nhours = daily 00:00-24:00\n"
    "[counter 1]\nlocation_th = ก\nlocation_en = G\nservices = A\n";

/* Write text (plus extra) as the fixture's config file and load it into *cfg. */
static int
write_config(struct fixture *f, const char *extra, struct config **cfg, struct sq_error *err)
{
	FILE *file = fopen(f->ini, "w");

	if (!file)
		return SQ_ERR_IO;
	fputs(test_config, file);
	fputs(extra, file);
	if (fclose(file) != 0)
		return SQ_ERR_IO;
	return config_load(f->ini, cfg, err);
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/saduak-test-backup-XXXXXX");
	if (!mkdtemp(f->dir))
		goto fail;
	snprintf(f->ini, sizeof(f->ini), "%s/office.ini", f->dir);
	if (write_config(f, "", &f->cfg, NULL) != SQ_OK ||
	    store_open(f->cfg->database, &f->store, NULL) != SQ_OK)
		goto fail;
	*state = f;
	return 0;
fail:
	store_close(f->store);
	config_free(f->cfg);
	free(f);
	return -1;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	store_close(f->store);
	config_free(f->cfg);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	int rc = system(cmd);
	free(f);
	return rc;
}

/* Issue n tickets of A, now. */
static void
issue_n(struct fixture *f, int n)
{
	struct store_ticket tk;

	for (int i = 0; i < n; i++)
		assert_int_equal(store_issue(f->store, f->cfg, "A", NULL, &tk, NULL), SQ_OK);
}

/* One integer from sql on the database file at path (read-only). */
static int64_t
query_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* The whole file at path, malloc'd; *n its size. */
static unsigned char *
slurp(const char *path, size_t *n)
{
	FILE *file = fopen(path, "rb");
	struct stat st;
	unsigned char *buf;

	assert_non_null(file);
	assert_int_equal(fstat(fileno(file), &st), 0);
	buf = malloc((size_t)st.st_size + 1);
	assert_non_null(buf);
	*n = fread(buf, 1, (size_t)st.st_size, file);
	assert_int_equal(*n, (size_t)st.st_size);
	fclose(file);
	return buf;
}

/* Overwrite most of page `page` (1-based) of path with 0xff, leaving its first and last bytes. */
static void
damage_page(const char *path, long page, long page_size)
{
	FILE *file = fopen(path, "r+b");
	unsigned char junk[4096];

	assert_non_null(file);
	assert_true(page_size - 128 <= (long)sizeof(junk));
	memset(junk, 0xff, sizeof(junk));
	assert_int_equal(fseek(file, (page - 1) * page_size + 64, SEEK_SET), 0);
	assert_int_equal(fwrite(junk, 1, (size_t)(page_size - 128), file),
	                 (size_t)(page_size - 128));
	assert_int_equal(fclose(file), 0);
}

static void
test_store_backup_copy_is_sound_and_complete(void **state)
{
	struct fixture *f = *state;
	struct sq_error err = {0};
	char dest[128];

	issue_n(f, 40);
	snprintf(dest, sizeof(dest), "%s/copy.db", f->dir);
	assert_int_equal(store_backup(f->store, dest, &err), SQ_OK);
	assert_int_equal(query_int(dest, "SELECT count(*) FROM ticket"), 40);
	assert_int_equal(query_int(dest, "SELECT count(*) FROM event"), 40);
	/* One self-contained file in rollback-journal mode, with our identity. */
	assert_int_equal(query_int(dest, "PRAGMA application_id"), 0x53514451);
	assert_int_equal(store_verify_file(dest, STORE_CHECK_FULL, &err), SQ_OK);
	assert_int_equal(access(dest, F_OK), 0);
	char side[160];
	snprintf(side, sizeof(side), "%s-wal", dest);
	assert_int_not_equal(access(side, F_OK), 0);
	/* The backup opens as a log again (the restore path). */
	struct store *restored = NULL;
	assert_int_equal(store_open_checked(dest, STORE_CHECK_FULL, &restored, &err), SQ_OK);
	store_close(restored);
}

static void
test_store_backup_while_writers_run(void **state)
{
	struct fixture *f = *state;
	struct sq_error err = {0};
	char dest[128];
	int pipefd[2];
	pid_t child;

	issue_n(f, 20);
	assert_int_equal(pipe(pipefd), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		/* A kiosk of its own: its own connection, issuing as fast as it can. */
		struct store *s = NULL;
		struct store_ticket tk;
		close(pipefd[0]);
		if (store_open(f->cfg->database, &s, NULL) != SQ_OK)
			_exit(2);
		for (int i = 0; i < 100000; i++) {
			if (store_issue(s, f->cfg, "A", NULL, &tk, NULL) != SQ_OK)
				_exit(3);
			if (i == 10 && write(pipefd[1], "x", 1) != 1)
				_exit(4);
		}
		store_close(s);
		_exit(0);
	}
	close(pipefd[1]);
	char go;
	assert_int_equal(read(pipefd[0], &go, 1), 1);
	close(pipefd[0]);
	for (int round = 0; round < 5; round++) {
		/* Everything committed before the backup starts must be in it. */
		int64_t before = query_int(f->cfg->database, "SELECT max(id) FROM ticket");
		snprintf(dest, sizeof(dest), "%s/live-%d.db", f->dir, round);
		assert_int_equal(store_backup(f->store, dest, &err), SQ_OK);
		assert_int_equal(store_verify_file(dest, STORE_CHECK_FULL, &err), SQ_OK);
		int64_t tickets = query_int(dest, "SELECT count(*) FROM ticket");
		int64_t max_id = query_int(dest, "SELECT max(id) FROM ticket");
		assert_true(max_id >= before);
		/* No gap and no half-written ticket: ids 1..n, each with its event. */
		assert_int_equal(tickets, max_id);
		assert_int_equal(
		    query_int(dest, "SELECT count(*) FROM event WHERE kind = 'issued'"), tickets);
	}
	int status;
	assert_int_equal(kill(child, SIGTERM), 0);
	assert_int_equal(waitpid(child, &status, 0), child);
	/* The writer was still running (killed) or finished cleanly; never failed. */
	assert_true(WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 0));
}

static void
test_store_backup_corrupt_log_refused_untouched(void **state)
{
	struct fixture *f = *state;
	struct sq_error err = {0};
	struct store *s = NULL;
	char copy[128], cmd[320];
	size_t n_before, n_after;

	issue_n(f, 300);
	snprintf(copy, sizeof(copy), "%s/damaged.db", f->dir);
	assert_int_equal(store_backup(f->store, copy, &err), SQ_OK);
	long pages = (long)query_int(copy, "PRAGMA page_count");
	long page_size = (long)query_int(copy, "PRAGMA page_size");
	assert_true(pages > 6);
	damage_page(copy, pages / 2, page_size);
	unsigned char *before = slurp(copy, &n_before);

	assert_int_equal(store_verify_file(copy, STORE_CHECK_FULL, &err), SQ_ERR_CORRUPT);
	assert_int_equal(store_open_checked(copy, STORE_CHECK_FULL, &s, &err), SQ_ERR_CORRUPT);
	assert_null(s);
	char want[200];
	snprintf(want, sizeof(want), "database '%s' failed its integrity check: ", copy);
	assert_true(strncmp(err.msg, want, strlen(want)) == 0);
	assert_non_null(strstr(err.msg, "; restore a backup (see README)"));
	assert_null(strchr(err.msg, '\n'));

	/* Byte for byte as it was, and nothing created beside it. */
	unsigned char *after = slurp(copy, &n_after);
	assert_int_equal(n_before, n_after);
	assert_memory_equal(before, after, n_before);
	snprintf(cmd, sizeof(cmd), "%s-wal", copy);
	assert_int_not_equal(access(cmd, F_OK), 0);
	snprintf(cmd, sizeof(cmd), "%s-shm", copy);
	assert_int_not_equal(access(cmd, F_OK), 0);
	free(before);
	free(after);
}

static void
test_store_backup_damaged_first_page_refused(void **state)
{
	struct fixture *f = *state;
	struct sq_error err = {0};
	struct store *s = NULL;
	char path[128];
	FILE *file;

	snprintf(path, sizeof(path), "%s/garbage.db", f->dir);
	file = fopen(path, "wb");
	assert_non_null(file);
	for (int i = 0; i < 8192; i++)
		fputc(i * 7 & 0xff, file);
	assert_int_equal(fclose(file), 0);
	assert_int_equal(store_open_checked(path, STORE_CHECK_FULL, &s, &err), SQ_ERR_CORRUPT);
	assert_non_null(strstr(err.msg, "restore a backup"));
}

static void
test_store_backup_verify_missing_and_foreign(void **state)
{
	struct fixture *f = *state;
	struct sq_error err = {0};
	struct store *s = NULL;
	char path[128];
	sqlite3 *db = NULL;

	snprintf(path, sizeof(path), "%s/none.db", f->dir);
	assert_int_equal(store_verify_file(path, STORE_CHECK_FULL, &err), SQ_ERR_NOTFOUND);
	/* A missing log is created by the checked open, as by store_open. */
	assert_int_equal(store_open_checked(path, STORE_CHECK_FULL, &s, &err), SQ_OK);
	store_close(s);
	assert_int_equal(store_verify_file(path, STORE_CHECK_FULL, &err), SQ_OK);

	snprintf(path, sizeof(path), "%s/other.db", f->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_verify_file(path, STORE_CHECK_FULL, &err), SQ_ERR_DB);
	assert_non_null(strstr(err.msg, "another program"));
}

static void
test_store_backup_prune_keeps_newest(void **state)
{
	struct fixture *f = *state;
	static const char *const names[] = {
	    "saduak-20261120-020000.db",        "saduak-20261121-020000.db",
	    "saduak-20261122-020000.db",        "saduak-20261123-020000.db",
	    "saduak-20261122-020000.db.tmp-99", "notes.txt",
	};
	struct sq_error err = {0};
	char dir[128], path[256];
	int removed = -1;

	snprintf(dir, sizeof(dir), "%s/backups", f->dir);
	assert_int_equal(mkdir(dir, 0750), 0);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		FILE *file = fopen(path, "w");
		assert_non_null(file);
		assert_int_equal(fclose(file), 0);
	}
	assert_int_equal(store_backup_prune(dir, 2, &removed, &err), SQ_OK);
	assert_int_equal(removed, 2);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		bool kept = access(path, F_OK) == 0;
		assert_int_equal(kept, i >= 2); /* the two oldest went; other files stay */
	}
	assert_int_equal(store_backup_prune(dir, 0, NULL, &err), SQ_ERR_INVALID);
}

static void
test_store_backup_name_is_local_time(void **state)
{
	char name[64];
	(void)state;

	/* 19:05:09 UTC is 02:05:09 the next day in Bangkok. */
	int64_t t = thaitime_utc_ms(2026, 11, 24, 2, 5) + 9000;
	assert_int_equal(store_backup_name(t, name, sizeof(name)), 25);
	assert_string_equal(name, "saduak-20261124-020509.db");
}

static void
test_store_backup_settings_from_config(void **state)
{
	struct fixture *f = *state;
	struct store_backup_settings bs = {0};
	struct config *cfg = NULL;
	struct sq_error err = {0};
	char want[160];

	/* Default: "backups" beside the database, 14 kept. */
	assert_int_equal(store_backup_settings(f->cfg, &bs, &err), SQ_OK);
	snprintf(want, sizeof(want), "%s/backups", f->dir);
	assert_string_equal(bs.dir, want);
	assert_int_equal(bs.keep, STORE_BACKUP_KEEP_DEFAULT);
	store_backup_settings_release(&bs);

	assert_int_equal(write_config(f, "[backup]\ndir = nightly\nkeep = 30\n", &cfg, &err),
	                 SQ_OK);
	assert_int_equal(store_backup_settings(cfg, &bs, &err), SQ_OK);
	snprintf(want, sizeof(want), "%s/nightly", f->dir);
	assert_string_equal(bs.dir, want);
	assert_int_equal(bs.keep, 30);
	store_backup_settings_release(&bs);
	config_free(cfg);

	assert_int_equal(write_config(f, "[backup]\nkeep = 0\n", &cfg, &err), SQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "[backup] key 'keep'"));
	assert_int_equal(write_config(f, "[backup]\ncopies = 3\n", &cfg, &err), SQ_ERR_INVALID);
	assert_non_null(strstr(err.msg, "unknown key"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_store_backup_copy_is_sound_and_complete, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_store_backup_while_writers_run, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_store_backup_corrupt_log_refused_untouched, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_store_backup_damaged_first_page_refused, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_store_backup_verify_missing_and_foreign, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_store_backup_prune_keeps_newest, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_store_backup_name_is_local_time, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_store_backup_settings_from_config, setup,
	                                    teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
